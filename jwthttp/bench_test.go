package jwthttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// benchRequest serves one request with a token through h.
func benchRequest(b *testing.B, h http.Handler, token string, want int) {
	r := httptest.NewRequest(http.MethodGet, "/resource", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			b.Fatal(w.Code)
		}
	}
}

// The bare handler, for comparison.
func BenchmarkBareHandler(b *testing.B) {
	f := newFixture(b)
	benchRequest(b, echoStatic(), f.token(nil), http.StatusOK)
}

// jwt.Verify alone, with the same options: the part of a protected request
// that is not the middleware's.
func BenchmarkVerifyOnly(b *testing.B) {
	f := newFixture(b)
	tok := f.token(nil)
	opts := []jwt.VerifyOption{jwt.WithKey(jwa.ES256, f.key.Public()), jwt.WithIssuer(issuer), jwt.WithAudience(audience), jwt.WithExpectedType("at+jwt")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jwt.Verify[appClaims](tok, opts...); err != nil {
			b.Fatal(err)
		}
	}
}

// A protected request end to end: header, ES256 verification, claim
// checks, scope, context.
func BenchmarkProtected(b *testing.B) {
	f := newFixture(b)
	benchRequest(b, f.protect(), f.token(nil), http.StatusOK)
}

func BenchmarkProtectedWithScope(b *testing.B) {
	f := newFixture(b)
	mw, err := jwthttp.Middleware[appClaims](f.verifyOptions())
	if err != nil {
		b.Fatal(err)
	}
	benchRequest(b, mw(jwthttp.RequireScope("read")(echo())), f.token(nil), http.StatusOK)
}

// A refused request (a bad signature) costs the verification and the
// challenge.
func BenchmarkRefused(b *testing.B) {
	f := newFixture(b)
	other := newFixture(b)
	benchRequest(b, f.protect(), other.token(nil), http.StatusUnauthorized)
}

func echoStatic() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("hello alice"))
	})
}
