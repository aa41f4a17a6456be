package jwt_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// rawClaims decodes a claim set itself.
type rawClaims struct{ b []byte }

func (r *rawClaims) UnmarshalJSON(b []byte) error { r.b = append(r.b[:0], b...); return nil }

type textKey string

func (k *textKey) UnmarshalText(b []byte) error { *k = textKey(b); return nil }

// Verify[T] with a T no JSON object decodes into (an int, a slice, a map
// with int keys) would refuse every token, however good, as a bad claim
// set; it is refused as a misuse before any token is read. The types that
// hold a claim set verify.
func TestVerifyClaimsType(t *testing.T) {
	key := make([]byte, 32)
	tok, err := jwt.Sign(jwt.Claims{Subject: "s", ExpiresAt: jwt.NewNumericDate(clock().Add(15 * time.Minute))}, jwa.HS256, key)
	if err != nil {
		t.Fatal(err)
	}
	opts := []jwt.VerifyOption{jwt.WithKey(jwa.HS256, key), jwt.WithClock(clock)}
	for name, verify := range map[string]func(string) error{
		"int":                  func(s string) error { _, err := jwt.Verify[int](s, opts...); return err },
		"*int":                 func(s string) error { _, err := jwt.Verify[*int](s, opts...); return err },
		"[]string":             func(s string) error { _, err := jwt.Verify[[]string](s, opts...); return err },
		"map[int]interface {}": func(s string) error { _, err := jwt.Verify[map[int]any](s, opts...); return err },
		"error":                func(s string) error { _, err := jwt.Verify[error](s, opts...); return err },
	} {
		for _, s := range []string{tok, "not a token"} {
			josetest.WantErr(t, verify(s), jwt.ErrInvalidOption, "Verify["+name+"]: a claim set is a JSON object")
		}
	}
	for name, verify := range map[string]func(string) error{
		"Claims":              func(s string) error { _, err := jwt.Verify[jwt.Claims](s, opts...); return err },
		"*Claims":             func(s string) error { _, err := jwt.Verify[*jwt.Claims](s, opts...); return err },
		"map[string]any":      func(s string) error { _, err := jwt.Verify[map[string]any](s, opts...); return err },
		"map[textKey]any":     func(s string) error { _, err := jwt.Verify[map[textKey]any](s, opts...); return err },
		"any":                 func(s string) error { _, err := jwt.Verify[any](s, opts...); return err },
		"json.RawMessage":     func(s string) error { _, err := jwt.Verify[json.RawMessage](s, opts...); return err },
		"rawClaims (its own)": func(s string) error { _, err := jwt.Verify[rawClaims](s, opts...); return err },
	} {
		if err := verify(tok); err != nil {
			t.Errorf("Verify[%s]: %v", name, err)
		}
	}
}
