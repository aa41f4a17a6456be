package jwt_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// signEmbedded signs payload with key under ES256, its public key in the
// protected "jwk" header.
func signEmbedded(t *testing.T, key *jwk.Key, payload string) string {
	t.Helper()
	tok, err := jws.Sign([]byte(payload), jws.WithKey(jwa.ES256, key),
		jws.WithProtectedHeader("jwk", key.Public()), jws.WithType("dpop+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(tok)
}

func TestWithEmbeddedKey(t *testing.T) {
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	other, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	payload := `{"jti":"a","iat":1700000000}`
	tok := signEmbedded(t, key, payload)
	var seen *jwk.Key
	approve := func(k *jwk.Key) error { seen = k; return nil }
	c, err := jwt.Verify[jwt.Claims](tok, jwt.WithEmbeddedKey(approve, jwa.ES256),
		jwt.WithAllowNoExpiry(), jwt.WithExpectedType("dpop+jwt"), jwt.WithClock(clock))
	if err != nil || c.ID != "a" {
		t.Fatalf("Verify: %+v, %v", c, err)
	}
	if seen == nil || !seen.Equal(key) || seen.IsPrivate() {
		t.Fatalf("approve saw %v", seen)
	}

	refused := errors.New("unknown key")
	tests := []struct {
		name string
		tok  string
		opts []jwt.VerifyOption
		want error
	}{
		{"refused by approve", tok, []jwt.VerifyOption{jwt.WithEmbeddedKey(func(*jwk.Key) error { return refused }, jwa.ES256)}, refused},
		{"alg not listed", tok, []jwt.VerifyOption{jwt.WithEmbeddedKey(approve, jwa.ES384)}, jwa.ErrAlgorithmNotAllowed},
		{"no jwk header", mustSign(t, other, payload), []jwt.VerifyOption{jwt.WithEmbeddedKey(approve, jwa.ES256)}, jwk.ErrKeyNotFound},
		{"signed by another key", swapSignature(tok, signEmbedded(t, other, payload)), []jwt.VerifyOption{jwt.WithEmbeddedKey(approve, jwa.ES256)}, jwa.ErrInvalidSignature},
		{"claims still checked", signEmbedded(t, key, `{"iat":1800000000}`), []jwt.VerifyOption{jwt.WithEmbeddedKey(approve, jwa.ES256)}, jwt.ErrIssuedInFuture},
		{"nil approve", tok, []jwt.VerifyOption{jwt.WithEmbeddedKey(nil, jwa.ES256)}, jwt.ErrInvalidOption},
		{"no algorithm", tok, []jwt.VerifyOption{jwt.WithEmbeddedKey(approve)}, jwt.ErrInvalidOption},
		{"twice", tok, []jwt.VerifyOption{jwt.WithEmbeddedKey(approve, jwa.ES256), jwt.WithEmbeddedKey(approve, jwa.ES256)}, jwt.ErrInvalidOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append(tt.opts, jwt.WithAllowNoExpiry(), jwt.WithClock(clock))
			c, err := jwt.Verify[jwt.Claims](tt.tok, opts...)
			if !errors.Is(err, tt.want) || c.ID != "" {
				t.Fatalf("got %+v, %v; want %v", c, err, tt.want)
			}
		})
	}
}

// mustSign signs payload without a "jwk" header.
func mustSign(t *testing.T, key *jwk.Key, payload string) string {
	t.Helper()
	tok, err := jws.Sign([]byte(payload), jws.WithKey(jwa.ES256, key))
	if err != nil {
		t.Fatal(err)
	}
	return string(tok)
}

// swapSignature returns tok with the signature of from.
func swapSignature(tok, from string) string {
	return tok[:strings.LastIndexByte(tok, '.')] + from[strings.LastIndexByte(from, '.'):]
}

// T06: jwt.WithEmbeddedKey bounds the key before approve sees it, as
// jws.WithEmbeddedKey does: a random 16384-bit modulus with e = 2^31−1 and a
// garbage signature is refused without an RSA check; WithEmbeddedKeyLimits
// widens the bounds.
func TestWithEmbeddedKeyLimits(t *testing.T) {
	tok := hostile.Token(`{"alg":"RS256","typ":"dpop+jwt","jwk":`+hostile.RSAJWK(16384, 1<<31-1)+`}`,
		`{"jti":"a","iat":1700000000}`, 2048)
	approved := false
	approve := func(*jwk.Key) error { approved = true; return nil }
	_, err := jwt.Verify[jwt.Claims](tok, jwt.WithEmbeddedKey(approve, jwa.RS256), jwt.WithAllowNoExpiry(), jwt.WithClock(clock))
	if !errors.Is(err, jwa.ErrLimitExceeded) || !errors.Is(err, jwa.ErrInvalidKey) || approved ||
		!strings.Contains(err.Error(), "16384-bit RSA modulus, over the 4096 bits allowed") {
		t.Fatalf("hostile key: %v (approved %v)", err, approved)
	}

	tok = hostile.Token(`{"alg":"RS256","jwk":`+hostile.RSAJWK(2048, 3)+`}`, `{"jti":"a","iat":1700000000}`, 256)
	_, err = jwt.Verify[jwt.Claims](tok, jwt.WithEmbeddedKey(approve, jwa.RS256), jwt.WithAllowNoExpiry(), jwt.WithClock(clock))
	if !errors.Is(err, jwa.ErrLimitExceeded) || approved || !strings.Contains(err.Error(), "public exponent 3, and only 65537 is allowed") {
		t.Fatalf("e = 3: %v", err)
	}
	// Widened, e = 65539 is used (3 would be refused in FIPS 140-3 mode,
	// whatever the limits): the garbage signature then fails.
	tok = hostile.Token(`{"alg":"RS256","jwk":`+hostile.RSAJWK(2048, 65539)+`}`, `{"jti":"a","iat":1700000000}`, 256)
	_, err = jwt.Verify[jwt.Claims](tok, jwt.WithEmbeddedKey(approve, jwa.RS256), jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{AnyRSAExponent: true}),
		jwt.WithAllowNoExpiry(), jwt.WithClock(clock))
	if !errors.Is(err, jwa.ErrInvalidSignature) || !approved {
		t.Fatalf("e = 3 allowed: %v (approved %v)", err, approved)
	}

	for name, opts := range map[string][]jwt.VerifyOption{
		"without WithEmbeddedKey": {jwt.WithKey(jwa.HS256, make([]byte, 32)), jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})},
		"twice": {jwt.WithEmbeddedKey(approve, jwa.RS256), jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{}),
			jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})},
	} {
		if _, err := jwt.Verify[jwt.Claims](tok, opts...); !errors.Is(err, jwt.ErrInvalidOption) {
			t.Errorf("%s: %v, want ErrInvalidOption", name, err)
		}
	}
}
