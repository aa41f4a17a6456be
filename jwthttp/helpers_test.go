package jwthttp_test

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

const (
	issuer   = "https://issuer.example.com"
	audience = "https://api.example.com"
)

// appClaims is the claims type of the tests' APIs.
type appClaims struct {
	jwt.Claims
	Scope string `json:"scope,omitempty"`
}

// fixture holds an issuer's key and a middleware that trusts it.
type fixture struct {
	t   testing.TB
	key *jwk.Key
}

func newFixture(t testing.TB) *fixture {
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, key: key}
}

// claims returns valid claims for the fixture's API, changed by edit.
func claims(edit func(m map[string]any)) map[string]any {
	m := map[string]any{
		"iss": issuer, "sub": "alice", "aud": audience,
		"exp": time.Now().Add(time.Hour).Unix(), "scope": "read write",
	}
	if edit != nil {
		edit(m)
	}
	return m
}

// token signs claims with the fixture's key as an RFC 9068 access token.
func (f *fixture) token(edit func(m map[string]any)) string {
	return f.sign(f.key, claims(edit), jwt.WithType("at+jwt"))
}

func (f *fixture) sign(key *jwk.Key, c any, opts ...jwt.SignOption) string {
	f.t.Helper()
	tok, err := jwt.Sign(c, jwa.ES256, key, opts...)
	if err != nil {
		f.t.Fatal(err)
	}
	return tok
}

// verifyOptions trusts the fixture's key for the test API. The "typ"
// at+jwt is the middleware's default, not an option here.
func (f *fixture) verifyOptions() jwthttp.Option {
	return jwthttp.WithVerifyOptions(
		jwt.WithKey(jwa.ES256, f.key.Public()),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience))
}

// protect wraps a handler that echoes the subject in the fixture's
// middleware, with opts added.
func (f *fixture) protect(opts ...jwthttp.Option) http.Handler {
	f.t.Helper()
	// Quiet unless a test gives a logger of its own (TestLogDefault covers
	// the default).
	mw, err := jwthttp.Middleware[appClaims](append([]jwthttp.Option{f.verifyOptions(), jwthttp.WithLogger(quiet)}, opts...)...)
	if err != nil {
		f.t.Fatal(err)
	}
	return mw(echo())
}

// quiet is a logger that drops every line.
var quiet = slog.New(slog.DiscardHandler)

func echo() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, ok := jwthttp.ClaimsFrom[appClaims](r.Context())
		if !ok {
			http.Error(w, "no claims", http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "hello %s", c.Subject)
	})
}

// request is one request of a table: its Authorization header fields and
// query.
type request struct {
	auth  []string
	query string
	dpop  string
}

func (q request) do(h http.Handler) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "/resource"+q.query, nil)
	for _, a := range q.auth {
		r.Header.Add("Authorization", a)
	}
	if q.dpop != "" {
		r.Header.Set("DPoP", q.dpop)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func challengeOf(w *httptest.ResponseRecorder) string {
	return strings.Join(w.Header().Values("WWW-Authenticate"), " | ")
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// recording is an ErrorHandler option that keeps the last refusal in
// *seen and writes the default response.
func recording(seen **jwthttp.ChallengeError) jwthttp.Option {
	return jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
		*seen = e
		e.WriteResponse(w)
	})
}
