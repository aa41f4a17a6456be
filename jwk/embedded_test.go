package jwk

import (
	"crypto/rsa"
	"crypto/x509"
	"math/big"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
)

// T06: the bounds on keys that arrive inside tokens, checked on the parsed
// key (the callers are jws.WithEmbeddedKey, jwt.WithEmbeddedKey and dpop).
func TestEmbeddedKeyLimits(t *testing.T) {
	parse := func(bits, e int) *Key {
		t.Helper()
		k, err := Parse([]byte(hostile.RSAJWK(bits, e)))
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	ec, err := Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		limits EmbeddedKeyLimits
		key    *Key
		want   string // "" for accepted
	}{
		{"2048, 65537", EmbeddedKeyLimits{}, parse(2048, 65537), ""},
		{"4096, 65537", EmbeddedKeyLimits{}, parse(4096, 65537), ""},
		{"4097", EmbeddedKeyLimits{}, parse(4097, 65537), "4097-bit RSA modulus, over the 4096 bits allowed"},
		{"16384, 2^31-1", EmbeddedKeyLimits{}, parse(16384, 1<<31-1), "16384-bit RSA modulus, over the 4096 bits allowed"},
		{"negative means default", EmbeddedKeyLimits{MaxRSABits: -1}, parse(4097, 65537), "over the 4096 bits allowed"},
		{"16384 widened", EmbeddedKeyLimits{MaxRSABits: 16384}, parse(16384, 65537), ""},
		{"e = 3", EmbeddedKeyLimits{}, parse(2048, 3), "public exponent 3, and only 65537 is allowed"},
		{"e = 3 widened", EmbeddedKeyLimits{AnyRSAExponent: true}, parse(2048, 3), ""},
		{"EC", EmbeddedKeyLimits{}, ec.Public(), ""},
		{"nil key", EmbeddedKeyLimits{}, nil, "no key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.limits.Check(tt.key)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want == "":
			case !errorsIs(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), tt.want):
				t.Fatalf("got %v, want ErrInvalidKey and %q", err, tt.want)
			case tt.key != nil && !errorsIs(err, jwa.ErrLimitExceeded):
				t.Fatalf("%v does not wrap ErrLimitExceeded", err)
			}
		})
	}
}

// T06: CheckCertificates bounds the key of each certificate of an x5c
// chain and names the first one out of bounds; a nil certificate is an
// invalid key, not a panic; keys of other types pass.
func TestEmbeddedKeyLimitsCertificates(t *testing.T) {
	n, ok := new(big.Int).SetString(strings.Repeat("f", 4100/4), 16) // a 4100-bit modulus; never used
	if !ok {
		t.Fatal("modulus")
	}
	ec, err := Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	small := &x509.Certificate{PublicKey: ec.Public().PublicKey()}
	huge := &x509.Certificate{PublicKey: &rsa.PublicKey{N: n, E: 65537}}
	if err := (EmbeddedKeyLimits{}).CheckCertificates([]*x509.Certificate{small, small}); err != nil {
		t.Fatalf("EC chain refused: %v", err)
	}
	err = EmbeddedKeyLimits{}.CheckCertificates([]*x509.Certificate{small, huge})
	if !errorsIs(err, jwa.ErrLimitExceeded) || !errorsIs(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), "x5c certificate 1 of a token has a 4100-bit RSA modulus, over the 4096 bits allowed") {
		t.Fatalf("huge intermediate: %v", err)
	}
	if err := (EmbeddedKeyLimits{MaxRSABits: 8192}).CheckCertificates([]*x509.Certificate{small, huge}); err != nil {
		t.Fatalf("widened: %v", err)
	}
	err = EmbeddedKeyLimits{}.CheckCertificates([]*x509.Certificate{small, nil})
	if !errorsIs(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), "x5c certificate 1 is nil") {
		t.Fatalf("nil certificate: %v", err)
	}
}
