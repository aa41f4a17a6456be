package dpop_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// hostileProof is a DPoP proof anyone can make: a fresh RS256 proof whose
// "jwk" is a random odd RSA modulus of the given size with exponent e, and
// whose signature is garbage.
func hostileProof(bits, e int) string {
	claims := fmt.Sprintf(`{"jti":"x","htm":"GET","htu":%q,"iat":%d}`, testURI, testNow.Unix())
	return hostile.Token(`{"typ":"dpop+jwt","alg":"RS256","jwk":`+hostile.RSAJWK(bits, e)+`}`, claims, bits/8)
}

// T06: a proof's key is bounded before any RSA arithmetic. A random
// 16384-bit modulus with e = 2^31−1 would cost some 300 times a 2048-bit
// check, with no authentication needed; it is refused, as is any exponent
// but 65537, unless WithEmbeddedKeyLimits widens the bounds.
func TestProofKeyLimits(t *testing.T) {
	v := newValidator(t)
	for _, c := range []struct {
		name, proof, message string
	}{
		{"16384 bits, e = 2^31-1", hostileProof(16384, 1<<31-1), "16384-bit RSA modulus, over the 4096 bits allowed"},
		{"8192 bits", hostileProof(8192, 65537), "8192-bit RSA modulus, over the 4096 bits allowed"},
		{"e = 3", hostileProof(2048, 3), "public exponent 3, and only 65537 is allowed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := v.ValidateProof(c.proof, "GET", testURI)
			if p != nil || !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwa.ErrLimitExceeded) ||
				!errors.Is(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), c.message) {
				t.Fatalf("got %v, %v", p, err)
			}
		})
	}
	// Widened, the key is used: the garbage signature then fails.
	wide := newValidator(t, dpop.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{MaxRSABits: 8192, AnyRSAExponent: true}))
	// e = 65539 rather than 3, which FIPS 186-5 refuses whatever the limits.
	for _, proof := range []string{hostileProof(8192, 65537), hostileProof(2048, 65539)} {
		if _, err := wide.ValidateProof(proof, "GET", testURI); !errors.Is(err, jwa.ErrInvalidSignature) {
			t.Fatalf("widened: %v, want ErrInvalidSignature", err)
		}
	}
}

// T09: a proof signed, validly, by a key of the ROCA generator
// (CVE-2017-15361) is refused: whoever factors the modulus can sign for it.
func TestProofROCAKey(t *testing.T) {
	priv := hostile.ROCAKey(2048, 1)
	pub, err := json.Marshal(map[string]string{"kty": "RSA", "e": "AQAB",
		"n": base64.RawURLEncoding.EncodeToString(priv.N.Bytes())})
	if err != nil {
		t.Fatal(err)
	}
	proof := craft(t, `{"typ":"dpop+jwt","alg":"RS256","jwk":`+string(pub)+`}`, claimsAt(testNow.Unix(), ""), jwa.RS256, priv)
	p, err := newValidator(t).ValidateProof(proof, "GET", testURI)
	if p != nil || !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwk.ErrVulnerableKey) ||
		!strings.Contains(err.Error(), "ROCA fingerprint") {
		t.Fatalf("got %v, %v", p, err)
	}
}

// BenchmarkHostileProof is what one unauthenticated request with the
// hostile proof costs the server: refused by the bounds, against the
// RSA check they avoid (bounds widened) and an ordinary 2048-bit proof.
func BenchmarkHostileProof(b *testing.B) {
	for _, c := range []struct {
		name   string
		proof  string
		limits jwk.EmbeddedKeyLimits
	}{
		{"refused-16384", hostileProof(16384, 1<<31-1), jwk.EmbeddedKeyLimits{}},
		{"checked-16384", hostileProof(16384, 1<<31-1), jwk.EmbeddedKeyLimits{MaxRSABits: 16384, AnyRSAExponent: true}},
		{"checked-2048", hostileProof(2048, 65537), jwk.EmbeddedKeyLimits{}},
	} {
		v := newValidator(b, dpop.WithEmbeddedKeyLimits(c.limits))
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := v.ValidateProof(c.proof, "GET", testURI); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}
