package jws_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/joseproject/jose/internal/errtest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// TestErrorPrefixOnce: realistic failures of jws.Sign and jws.Verify name
// "jws" once, at the start, and no other package, however deep in jwk or
// jwa they began; each wraps the sentinel of the layer that failed.
func TestErrorPrefixOnce(t *testing.T) {
	k, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("a"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("b"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.NewSet(other.Public())
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jws.Sign([]byte("p"), jws.WithKey(jwa.ES256, k))
	if err != nil {
		t.Fatal(err)
	}
	two, err := jws.Sign([]byte("p"), jws.WithKey(jwa.ES256, k), jws.WithKey(jwa.ES256, other), jws.WithJSON())
	if err != nil {
		t.Fatal(err)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusBadGateway)
	}))
	defer down.Close()
	remote, err := jwk.NewRemote(down.URL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close()
	verify := func(token string, opts ...jws.VerifyOption) error { _, err := jws.Verify(token, opts...); return err }
	sign := func(opts ...jws.SignOption) error { _, err := jws.Sign([]byte("p"), opts...); return err }
	errtest.PrefixOnce(t, "jws",
		errtest.Failure("kid not in the set", verify(tok, jws.WithKeySet(set, jwa.ES256)), jwk.ErrKeyNotFound, `kid "a"`),
		errtest.Failure("another key", verify(tok, jws.WithKey(jwa.ES256, other.Public())), jwa.ErrInvalidSignature, "ES256 signature"),
		errtest.Failure("two signatures, neither verifies", verify(two, jws.WithKey(jwa.ES256, jwkPublic(t)), jws.WithRequireAll()), jwa.ErrInvalidSignature, "signature 1"),
		errtest.Failure("key bound to another algorithm", verify(tok, jws.WithKey(jwa.ES384, other.Public())), jwa.ErrAlgorithmNotAllowed, "WithKey(ES384)"),
		errtest.Failure("malformed", verify("e30.e30.!!", jws.WithKey(jwa.ES256, k.Public())), jwa.ErrMalformed, "base64url"),
		errtest.Failure("remote set down", verify(tok, jws.WithKeySet(remote, jwa.ES256)), jwk.ErrFetch, "502"),
		errtest.Failure("string key", sign(jws.WithKey(jwa.HS256, "secret")), jwa.ErrInvalidKey, "WithKey(HS256)"),
		errtest.Failure("short secret", sign(jws.WithKey(jwa.HS256, []byte("short"))), jwa.ErrInvalidKey, "at least 32"),
		errtest.Failure("public key to sign", sign(jws.WithKey(jwa.ES256, k.Public())), jwa.ErrInvalidKey, "cannot sign"),
	)
}

// jwkPublic returns the public half of a fresh ES256 key.
func jwkPublic(t *testing.T) *jwk.Key {
	t.Helper()
	k, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	return k.Public()
}
