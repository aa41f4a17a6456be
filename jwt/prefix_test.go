package jwt_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// TestErrorPrefixOnce: realistic failures of jwt.Sign and jwt.Verify, each
// through the layers below (jws, jwe, jwk, jwa), name "jwt" once at the
// start and no other package: the caller called jwt (docs/DESIGN.md, "Errors").
// Each still wraps the sentinel of the layer that failed, and says what.
func TestErrorPrefixOnce(t *testing.T) {
	es, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("a"))
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
	kek := make([]byte, 16)
	claims := jwt.Claims{Subject: "alice", Audience: jwt.Audience{"api"}, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	good, err := jwt.Sign(claims, jwa.ES256, es)
	if err != nil {
		t.Fatal(err)
	}
	expired, err := jwt.Sign(jwt.Claims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(-time.Hour))}, jwa.ES256, es)
	if err != nil {
		t.Fatal(err)
	}
	nested, err := jwt.SignAndEncrypt(claims, jwa.ES256, es, jwt.WithRecipient(jwa.A128KW, kek), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	remote, err := jwk.NewRemote(down.URL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close()
	ecRaw, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	verify := func(token string, opts ...jwt.Option) error {
		_, err := jwt.Verify[jwt.Claims](token, opts...)
		return err
	}
	sign := func(alg jwa.SignatureAlgorithm, key any) error {
		_, err := jwt.Sign(claims, alg, key)
		return err
	}
	for _, c := range []struct {
		name     string
		err      error
		sentinel error
		says     string
	}{
		{"kid not in the set", verify(good, jwt.WithKeySet(set, jwa.ES256)), jwk.ErrKeyNotFound, `kid "a"`},
		{"another key", verify(good, jwt.WithKey(jwa.ES256, other.Public())), jwa.ErrInvalidSignature, "ES256"},
		{"algorithm not accepted", verify(good, jwt.WithKey(jwa.ES384, other.Public())), jwa.ErrAlgorithmNotAllowed, "ES256"},
		{"key of another type", verify(good, jwt.WithKey(jwa.HS256, []byte("short"))), jwa.ErrInvalidKey, "HS256"},
		{"expired", verify(expired, jwt.WithKey(jwa.ES256, es.Public())), jwt.ErrExpired, "exp"},
		{"audience", verify(good, jwt.WithKey(jwa.ES256, es.Public()), jwt.WithAudience("other")), jwt.ErrInvalidAudience, "aud"},
		{"type", verify(good, jwt.WithKey(jwa.ES256, es.Public()), jwt.WithType("at+jwt")), jwt.ErrInvalidType, "typ"},
		{"malformed", verify("eyJhbGciOiJFUzI1NiJ9.e30.!!", jwt.WithKey(jwa.ES256, es.Public())), jwa.ErrMalformed, "byte 25"},
		{"bad header", verify("e30.e30.e30", jwt.WithKey(jwa.ES256, es.Public())), jwa.ErrMalformed, "alg"},
		{"nested, wrong key", verify(nested, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, make([]byte, 16)[:15]), jwt.WithEncryption(jwa.A128GCM)), jwa.ErrInvalidKey, "A128KW"},
		{"nested, undecryptable", verify(nested, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, []byte("0123456789abcdef")), jwt.WithEncryption(jwa.A128GCM)), jwa.ErrDecryption, "decryption"},
		{"nested, enc not accepted", verify(nested, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, kek), jwt.WithEncryption(jwa.A256GCM)), jwa.ErrAlgorithmNotAllowed, "A128GCM"},
		{"remote set down", verify(good, jwt.WithKeySet(remote, jwa.ES256)), jwk.ErrFetch, "503"},
		{"Sign with a string key", sign(jwa.HS256, "secret"), jwa.ErrInvalidKey, "Sign: key is a string; HS256 needs a []byte secret"},
		{"Sign with an RSA algorithm and an EC key", sign(jwa.RS256, ecRaw), jwa.ErrInvalidKey, "Sign: key argument: RS256"},
		{"Sign with a short secret", sign(jwa.HS256, []byte("short")), jwa.ErrInvalidKey, "Sign: key argument: HS256 key: secret of 5 bytes, want at least 32"},
	} {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := c.err.Error()
		if p := errwrap.Prefixes(msg); !slices.Equal(p, []string{"jwt"}) || !strings.HasPrefix(msg, "jwt: ") {
			t.Errorf("%s: %q names packages %q, want \"jwt\" once, at the start", c.name, msg, p)
		}
		if !errors.Is(c.err, c.sentinel) || !strings.Contains(msg, c.says) {
			t.Errorf("%s: %q, want %v and %q", c.name, msg, c.sentinel, c.says)
		}
		t.Logf("%s: %s", c.name, msg)
	}
}
