package jws

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// hostileRSAToken returns a compact RS256 token whose protected "jwk" is an
// RSA public key with a random odd modulus of the given size and exponent
// e, and whose signature is garbage of the modulus' length: what anyone
// can send, with no key of their own, to make a verifier do one RSA check.
func hostileRSAToken(bits, e int) string {
	return hostile.Token(`{"alg":"RS256","jwk":`+hostile.RSAJWK(bits, e)+`}`, `{"sub":"x"}`, bits/8)
}

// T06: a key embedded in the token it verifies is bounded before it is
// approved or used: a 16384-bit modulus with e = 2^31−1 (some 300 times the
// cost of a 2048-bit check, for a token anyone can make) is refused unread,
// as is any exponent but 65537; WithEmbeddedKeyLimits widens the bounds.
func TestEmbeddedJWKLimits(t *testing.T) {
	approved := 0
	approve := func(*jwk.Key) error { approved++; return nil }
	tests := []struct {
		name    string
		token   string
		limits  *jwk.EmbeddedKeyLimits
		want    []error
		message string
		reached bool // the key was approved and used
	}{
		{"16384 bits, e = 2^31-1", hostileRSAToken(16384, 1<<31-1), nil,
			[]error{jwa.ErrLimitExceeded, jwa.ErrInvalidKey}, "16384-bit RSA modulus, over the 4096 bits allowed", false},
		{"4097 bits", hostileRSAToken(4097, 65537), nil,
			[]error{jwa.ErrLimitExceeded, jwa.ErrInvalidKey}, "4097-bit RSA modulus, over the 4096 bits allowed", false},
		{"e = 3", hostileRSAToken(2048, 3), nil,
			[]error{jwa.ErrLimitExceeded, jwa.ErrInvalidKey}, "public exponent 3, and only 65537 is allowed", false},
		{"e = 2^31-1 at 2048 bits", hostileRSAToken(2048, 1<<31-1), nil,
			[]error{jwa.ErrLimitExceeded, jwa.ErrInvalidKey}, "public exponent 2147483647", false},
		{"under a lower bound", hostileRSAToken(3072, 65537), &jwk.EmbeddedKeyLimits{MaxRSABits: 2048},
			[]error{jwa.ErrLimitExceeded}, "3072-bit RSA modulus, over the 2048 bits allowed", false},
		// Within the bounds (default or widened), the key is approved and
		// the garbage signature fails.
		{"4096 bits, e = 65537", hostileRSAToken(4096, 65537), nil,
			[]error{ErrInvalidSignature}, "", true},
		{"8192 bits widened", hostileRSAToken(8192, 65537), &jwk.EmbeddedKeyLimits{MaxRSABits: 8192},
			[]error{ErrInvalidSignature}, "", true},
		{"e = 65539 widened", hostileRSAToken(2048, 65539), // 65539, not 3: FIPS 186-5 refuses e <= 2^16
			&jwk.EmbeddedKeyLimits{AnyRSAExponent: true},
			[]error{ErrInvalidSignature}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			approved = 0
			opts := []VerifyOption{WithEmbeddedKey(approve, jwa.RS256)}
			if tt.limits != nil {
				opts = append(opts, WithEmbeddedKeyLimits(*tt.limits))
			}
			payload, err := Verify(tt.token, opts...)
			if payload != nil || err == nil {
				t.Fatalf("got %q, %v", payload, err)
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Fatalf("error %v does not wrap %v", err, w)
				}
			}
			if !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("error %q does not say %q", err, tt.message)
			}
			if (approved > 0) != tt.reached {
				t.Fatalf("approve called %d times", approved)
			}
		})
	}
}

func TestEmbeddedKeyLimitsOption(t *testing.T) {
	if _, err := Verify("a.b.c", WithKey(jwa.HS256, make([]byte, 32)), WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})); !errors.Is(err, ErrInvalidOption) ||
		!strings.Contains(err.Error(), "WithEmbeddedKeyLimits without WithEmbeddedKey") {
		t.Fatalf("limits without WithEmbeddedKey: %v", err)
	}
}

// BenchmarkHostileEmbeddedRSA is what one unauthenticated token costs: the
// 16384-bit key with e = 2^31−1 refused by the bounds, beside the same
// token verified with the bounds widened (the RSA check the bounds avoid)
// and an ordinary 2048-bit one.
func BenchmarkHostileEmbeddedRSA(b *testing.B) {
	approve := func(*jwk.Key) error { return nil }
	for _, c := range []struct {
		name   string
		token  string
		limits jwk.EmbeddedKeyLimits
	}{
		{"refused-16384", hostileRSAToken(16384, 1<<31-1), jwk.EmbeddedKeyLimits{}},
		{"checked-16384", hostileRSAToken(16384, 1<<31-1), jwk.EmbeddedKeyLimits{MaxRSABits: 16384, AnyRSAExponent: true}},
		{"checked-2048", hostileRSAToken(2048, 65537), jwk.EmbeddedKeyLimits{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Verify(c.token, WithEmbeddedKey(approve, jwa.RS256), WithEmbeddedKeyLimits(c.limits)); err == nil {
					b.Fatal("verified")
				}
			}
		})
	}
}
