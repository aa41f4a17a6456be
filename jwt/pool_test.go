package jwt_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// Sign and Verify reuse their configs: nothing of one call's options may
// reach the next (a key ID, a type, an issuer, a validator).
func TestConfigReuseKeepsNothing(t *testing.T) {
	secret := []byte("a 32-byte secret for HS256 tests")
	claims := sampleClaims()
	for range 50 {
		if _, err := jwt.Sign(claims, jwa.HS256, secret, jwt.WithKeyID("kid-a"), jwt.WithType("at+jwt")); err != nil {
			t.Fatal(err)
		}
		tok, err := jwt.Sign(claims, jwa.HS256, secret)
		if err != nil {
			t.Fatal(err)
		}
		// {"alg":"HS256","typ":"JWT"}: no kid, the default type.
		if head := tok[:strings.IndexByte(tok, '.')]; head != "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9" {
			t.Fatalf("second Sign's header is %q: options of the first call leaked", head)
		}
		_, err = jwt.Verify[accessClaims](tok, jwt.WithKey(jwa.HS256, secret), jwt.WithClock(clock),
			jwt.WithAudience("https://api.example.com"), jwt.WithIssuer("https://other.example"), jwt.WithValidator(func(accessClaims) error { return errors.New("no") }))
		if !errors.Is(err, jwt.ErrInvalidIssuer) {
			t.Fatalf("got %v, want ErrInvalidIssuer", err)
		}
		if _, err := jwt.Verify[accessClaims](tok, jwt.WithKey(jwa.HS256, secret), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com")); err != nil {
			t.Fatalf("an earlier call's issuer or validator leaked: %v", err)
		}
	}
}

// Concurrent calls with different keys and key IDs each see their own
// options only (run with -race).
func TestConfigReuseConcurrent(t *testing.T) {
	claims := sampleClaims()
	done := make(chan error)
	for g := range 8 {
		go func() {
			secret := []byte(strings.Repeat(string(rune('a'+g)), 32))
			kid := string(rune('a' + g))
			for range 100 {
				tok, err := jwt.Sign(claims, jwa.HS256, secret, jwt.WithKeyID(kid))
				if err != nil {
					done <- err
					return
				}
				if _, err := jwt.Verify[accessClaims](tok, jwt.WithKey(jwa.HS256, secret), jwt.WithClock(clock),
					jwt.WithAudience("https://api.example.com")); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
