package jwthttp_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// TestErrorPrefixOnce: the message of each refusal (ChallengeError.Error,
// what a log shows) and of a bad setup names "jwthttp" once, at the
// start, and none of the packages the cause went through (jwt, jws, jwk,
// jwa, dpop), while errors.Is still finds their sentinels.
func TestErrorPrefixOnce(t *testing.T) {
	f := newFixture(t)
	var seen *jwthttp.ChallengeError
	record := jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
		seen = e
		e.WriteResponse(w)
	})
	h := f.protect(record)
	otherKey, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	client, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	jkt, err := dpop.Thumbprint(client)
	if err != nil {
		t.Fatal(err)
	}
	bound := f.token(func(m map[string]any) { m["cnf"] = dpop.Confirmation{JKT: jkt} })
	v, err := dpop.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	proofs, err := jwthttp.DPoPProofs(v, []string{"http://example.com"})
	if err != nil {
		t.Fatal(err)
	}
	withDPoP := f.protect(jwthttp.WithDPoP(proofs), record)
	wrongURI, err := dpop.NewProof(http.MethodGet, "http://example.com/other", jwa.ES256, client, dpop.WithAccessToken(bound))
	if err != nil {
		t.Fatal(err)
	}
	refusal := func(h http.Handler, q request) error {
		seen = nil
		q.do(h)
		if seen == nil {
			return nil
		}
		return seen
	}
	for _, c := range []struct {
		name     string
		err      error
		sentinel error
		says     string
	}{
		{"expired", refusal(h, request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["exp"] = time.Now().Add(-time.Minute).Unix() })}}), jwt.ErrExpired, `claim "exp"`},
		{"another key", refusal(h, request{auth: []string{"Bearer " + f.sign(otherKey, claims(nil), jwt.WithType("at+jwt"))}}), jwa.ErrInvalidSignature, "ES256 signature"},
		{"malformed", refusal(h, request{auth: []string{"Bearer e30.e30.e30"}}), jwa.ErrMalformed, "alg"},
		{"DPoP proof for another URI", refusal(withDPoP, request{auth: []string{"DPoP " + bound}, dpop: wrongURI}), dpop.ErrURIMismatch, "htu"},
		{"bad scope claim", refusal(h, request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["scope"] = "a\tb" })}}), jwt.ErrInvalidClaims, "0x09"},
		{"setup", func() error {
			_, err := jwthttp.Middleware[appClaims](jwthttp.WithVerifyOptions(jwt.WithKey(jwa.ES256, f.key.Public()), jwt.WithEncryptedOnly()))
			return err
		}(), jwt.ErrInvalidOption, "WithVerifyOptions: WithEncryptedOnly"},
	} {
		if c.err == nil {
			t.Errorf("%s: not refused", c.name)
			continue
		}
		msg := c.err.Error()
		if p := errwrap.Prefixes(msg); !slices.Equal(p, []string{"jwthttp"}) || !strings.HasPrefix(msg, "jwthttp: ") {
			t.Errorf("%s: %q names packages %q, want \"jwthttp\" once, at the start", c.name, msg, p)
		}
		if !errors.Is(c.err, c.sentinel) || !strings.Contains(msg, c.says) {
			t.Errorf("%s: %q, want %v and %q", c.name, msg, c.sentinel, c.says)
		}
	}
}
