package jwthttp_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// untyped signs claims with the fixture's key and no "typ" header.
func (f *fixture) untyped(t *testing.T) string {
	t.Helper()
	payload, err := json.Marshal(claims(nil))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jws.Sign(payload, jws.WithKey(jwa.ES256, f.key))
	if err != nil {
		t.Fatal(err)
	}
	return string(tok)
}

// T51: the middleware requires "typ" at+jwt by default (RFC 9068 §4): a
// DPoP proof, an ID token or any other JWT the same keys signed for the
// same audience is not an access token.
func TestTokenTypeRequired(t *testing.T) {
	f := newFixture(t)
	var seen *jwthttp.ChallengeError
	onError := recording(&seen)
	strict := f.protect(onError)
	anyType := f.protect(onError, jwthttp.WithAnyTokenType())
	own, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithExpectedType("JWT")), onError)
	if err != nil {
		t.Fatal(err)
	}
	typed := func(typ string) string { return f.sign(f.key, claims(nil), jwt.WithType(typ)) }
	tests := []struct {
		name                   string
		token                  string
		strict, anyType, ownOK bool
	}{
		{"at+jwt", typed("at+jwt"), true, true, false},
		{"application/at+jwt", typed("application/at+jwt"), true, true, false},
		{"AT+JWT", typed("AT+JWT"), true, true, false},
		{"dpop+jwt", typed("dpop+jwt"), false, true, false},
		{"JWT (an ID token)", typed("JWT"), false, true, true},
		{"no typ", f.untyped(t), false, true, false},
		{"at+jwt+x", typed("at+jwt+x"), false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				name string
				h    http.Handler
				ok   bool
			}{{"default", strict, tt.strict}, {"WithAnyTokenType", anyType, tt.anyType}, {"jwt.WithType(JWT)", own(echo()), tt.ownOK}} {
				seen = nil
				w := request{auth: []string{"Bearer " + tt.token}}.do(c.h)
				if c.ok {
					if w.Code != http.StatusOK {
						t.Errorf("%s: %d %v, want 200", c.name, w.Code, seen)
					}
					continue
				}
				if w.Code != http.StatusUnauthorized || !errors.Is(seen, jwthttp.ErrInvalidToken) || !errors.Is(seen, jwt.ErrInvalidType) ||
					!strings.Contains(challengeOf(w), `error_description="the token type is not accepted"`) {
					t.Errorf("%s: got %d %q, %v; want 401 and ErrInvalidType", c.name, w.Code, challengeOf(w), seen)
				}
			}
		})
	}
	// The opt-out and an explicit type contradict each other.
	_, err = jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithExpectedType("JWT")), jwthttp.WithAnyTokenType())
	if !errors.Is(err, jwt.ErrInvalidOption) || !strings.Contains(err.Error(), "WithAnyTokenType contradicts the jwt.WithExpectedType") {
		t.Fatalf("WithAnyTokenType with jwt.WithExpectedType: %v", err)
	}
}
