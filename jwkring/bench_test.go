package jwkring

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwt"
)

// BenchmarkSign compares Ring.Sign with jwt.Sign on the same key: the
// difference is the schedule's lookup and the read-back of "kid" and "exp".
func BenchmarkSign(b *testing.B) {
	clock := fakeclock.New(start)
	r := newRing(b, clock, testPolicy())
	c := claims(clock.Now(), r.policy.MaxTokenLifetime)
	b.Run("Ring.Sign", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := r.Sign(c, jwt.WithType("at+jwt")); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jwt.Sign", func(b *testing.B) {
		alg, key := r.SigningKey()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := jwt.Sign(c, alg, key, jwt.WithType("at+jwt")); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read-back", func(b *testing.B) {
		tok, _ := r.Sign(c)
		_, key := r.SigningKey()
		b.ReportAllocs()
		for b.Loop() {
			if err := checkSigned(tok, key.KeyID(), clock.Now(), r.policy.MaxTokenLifetime); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkJWKSHandler serves an unchanged key set.
func BenchmarkJWKSHandler(b *testing.B) {
	h := newRing(b, fakeclock.New(start), testPolicy()).JWKSHandler()
	req := httptest.NewRequest(http.MethodGet, "/jwks.json", nil)
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}
