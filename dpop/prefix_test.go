package dpop_test

import (
	"strings"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/errtest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// TestErrorPrefixOnce: realistic refusals of a proof, and of making one,
// name "dpop" once, at the start, and no other package, though most
// checks run in jwt, jws, jwk and jwa.
func TestErrorPrefixOnce(t *testing.T) {
	key := genKey(t)
	v := newValidator(t)
	proof := func(uri string) string {
		p, err := dpop.NewProof("GET", uri, jwa.ES256, key, dpop.WithClock(clock))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	validate := func(p string) error { _, err := v.ValidateProof(p, "GET", testURI); return err }
	used := proof(testURI)
	if err := validate(used); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(proof(testURI), ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Split(used, ".")[2]
	newProof := func(alg jwa.SignatureAlgorithm, k any) error {
		_, err := dpop.NewProof("GET", testURI, alg, k)
		return err
	}
	errtest.PrefixOnce(t, "dpop",
		errtest.Failure("replayed", validate(used), dpop.ErrReplay, "replayed"),
		errtest.Failure("another URI", validate(proof("https://api.example.com/other")), dpop.ErrURIMismatch, "htu"),
		errtest.Failure("signature of another proof", validate(tampered), jwa.ErrInvalidSignature, "ES256 signature"),
		errtest.Failure("not a JWT", validate("a.b"), jwa.ErrMalformed, "parts"),
		errtest.Failure("HMAC proof", newProof(jwa.HS256, make([]byte, 32)), jwa.ErrAlgorithmNotAllowed, "HS256"),
		errtest.Failure("public key", newProof(jwa.ES256, key.Public()), jwa.ErrInvalidKey, "cannot sign"),
		errtest.Failure("store down", func() error {
			_, err := newValidator(t, dpop.WithReplayStore(unavailableStore{})).ValidateProof(proof(testURI), "GET", testURI)
			return err
		}(), jwt.ErrStoreUnavailable, "connection refused"),
	)
}
