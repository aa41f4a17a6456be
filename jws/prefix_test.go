package jws_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/errwrap"
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
	verify := func(token []byte, opts ...jws.Option) error { _, err := jws.Verify(token, opts...); return err }
	sign := func(opts ...jws.Option) error { _, err := jws.Sign([]byte("p"), opts...); return err }
	for _, c := range []struct {
		name     string
		err      error
		sentinel error
		says     string
	}{
		{"kid not in the set", verify(tok, jws.WithKeySet(set, jwa.ES256)), jwk.ErrKeyNotFound, `kid "a"`},
		{"another key", verify(tok, jws.WithKey(jwa.ES256, other.Public())), jwa.ErrInvalidSignature, "ES256 signature"},
		{"two signatures, neither verifies", verify(two, jws.WithKey(jwa.ES256, jwkPublic(t)), jws.WithRequireAll()), jwa.ErrInvalidSignature, "signature 1"},
		{"key bound to another algorithm", verify(tok, jws.WithKey(jwa.ES384, other.Public())), jwa.ErrAlgorithmNotAllowed, "WithKey(ES384)"},
		{"malformed", verify([]byte("e30.e30.!!"), jws.WithKey(jwa.ES256, k.Public())), jwa.ErrMalformed, "base64url"},
		{"remote set down", verify(tok, jws.WithKeySet(remote, jwa.ES256)), jwk.ErrFetch, "502"},
		{"string key", sign(jws.WithKey(jwa.HS256, "secret")), jwa.ErrInvalidKey, "WithKey(HS256)"},
		{"short secret", sign(jws.WithKey(jwa.HS256, []byte("short"))), jwa.ErrInvalidKey, "at least 32"},
		{"public key to sign", sign(jws.WithKey(jwa.ES256, k.Public())), jwa.ErrInvalidKey, "cannot sign"},
	} {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := c.err.Error()
		if p := errwrap.Prefixes(msg); !slices.Equal(p, []string{"jws"}) || !strings.HasPrefix(msg, "jws: ") {
			t.Errorf("%s: %q names packages %q, want \"jws\" once, at the start", c.name, msg, p)
		}
		if !errors.Is(c.err, c.sentinel) || !strings.Contains(msg, c.says) {
			t.Errorf("%s: %q, want %v and %q", c.name, msg, c.sentinel, c.says)
		}
	}
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
