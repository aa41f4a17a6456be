package jwt

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestTokenID checks what a WithJTIValidator function is given, and that
// AcceptedUntil is the last instant at which the same options accept the
// token: accepted at AcceptedUntil minus a nanosecond, refused a nanosecond
// after it.
func TestTokenID(t *testing.T) {
	sec := time.Second
	tests := []struct {
		name   string
		claims string
		opts   []VerifyOption
		want   TokenID
	}{
		{"exp", `{"jti":"a","exp":` + at(60) + `}`, nil,
			TokenID{ID: "a", ExpiresAt: now.Add(60 * sec), AcceptedUntil: now.Add(60 * sec)}},
		{"exp with leeway", `{"jti":"a","iss":"i","exp":` + at(60) + `}`, []VerifyOption{WithLeeway(30 * sec)},
			TokenID{ID: "a", Issuer: "i", ExpiresAt: now.Add(60 * sec), AcceptedUntil: now.Add(90 * sec)}},
		{"no bound", `{"jti":"a","iat":` + at(-10) + `}`, []VerifyOption{WithAllowNoExpiry()},
			TokenID{ID: "a", IssuedAt: now.Add(-10 * sec)}},
		{"max age alone", `{"jti":"a","iat":` + at(-10) + `}`, []VerifyOption{WithAllowNoExpiry(), WithMaxAge(time.Minute), WithLeeway(sec)},
			TokenID{ID: "a", IssuedAt: now.Add(-10 * sec), AcceptedUntil: now.Add(51 * sec)}},
		{"max age sooner than exp", `{"jti":"a","iat":` + at(-10) + `,"exp":` + at(3600) + `}`, []VerifyOption{WithMaxAge(time.Minute)},
			TokenID{ID: "a", IssuedAt: now.Add(-10 * sec), ExpiresAt: now.Add(3600 * sec), AcceptedUntil: now.Add(50 * sec)}},
		{"exp sooner than max age", `{"jti":"a","iat":` + at(-10) + `,"exp":` + at(5) + `}`, []VerifyOption{WithMaxAge(time.Minute)},
			TokenID{ID: "a", IssuedAt: now.Add(-10 * sec), ExpiresAt: now.Add(5 * sec), AcceptedUntil: now.Add(5 * sec)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got TokenID
			hook := WithJTIValidator(func(_ context.Context, id TokenID) error { got = id; return nil })
			if _, err := check[Claims](t, tt.claims, append(tt.opts, hook)...); err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if got != tt.want {
				t.Fatalf("got %+v\nwant %+v", got, tt.want)
			}
			if got.AcceptedUntil.IsZero() {
				return
			}
			at := func(instant time.Time) error {
				c, err := configure(callVerify, append(tt.opts, WithClock(func() time.Time { return instant })))
				if err != nil {
					t.Fatal(err)
				}
				_, err = claimsOf[Claims](c, []byte(tt.claims), embeddingOf(claimsType))
				return err
			}
			if err := at(got.AcceptedUntil.Add(-time.Nanosecond)); err != nil {
				t.Errorf("refused just before AcceptedUntil: %v", err)
			}
			if err := at(got.AcceptedUntil.Add(time.Nanosecond)); !errors.Is(err, ErrExpired) && !errors.Is(err, ErrTooOld) {
				t.Errorf("just after AcceptedUntil: %v, want ErrExpired or ErrTooOld", err)
			}
		})
	}
}

// TestTokenIDRefused: with a WithJTIValidator, a token without "jti" or
// with an empty one is refused before the function runs.
func TestTokenIDRefused(t *testing.T) {
	for _, tt := range []struct{ claims, msg string }{
		{`{"exp":` + at(60) + `}`, `"jti" is required`},
		{`{"exp":` + at(60) + `,"jti":""}`, `"jti" is empty`},
	} {
		called := false
		hook := WithJTIValidator(func(context.Context, TokenID) error { called = true; return nil })
		_, err := check[Claims](t, tt.claims, hook)
		if !errors.Is(err, ErrMissingClaim) || err == nil || !strings.Contains(err.Error(), tt.msg) || called {
			t.Errorf("%s: %v (hook called: %v), want ErrMissingClaim with %q", tt.claims, err, called, tt.msg)
		}
	}
	// Without the hook, an empty "jti" is only a claim like another.
	if _, err := check[Claims](t, `{"exp":`+at(60)+`,"jti":""}`); err != nil {
		t.Errorf("empty jti without a hook: %v", err)
	}
}

// TestJTIStoreUnavailable: a hook whose store cannot answer makes Verify
// fail with the hook's error, which keeps ErrStoreUnavailable and is not
// ErrRejected (the token was not found bad); a hook that refuses is
// ErrRejected. A WithValidator is read the same way.
func TestJTIStoreUnavailable(t *testing.T) {
	down := fmt.Errorf("redis: i/o timeout: %w", ErrStoreUnavailable)
	claims := `{"exp":` + at(60) + `,"jti":"id-1"}`
	_, err := check[Claims](t, claims, WithJTIValidator(func(context.Context, TokenID) error { return down }))
	if !errors.Is(err, ErrStoreUnavailable) || errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), `claim "jti": redis: i/o timeout`) {
		t.Errorf("store down: %v", err)
	}
	_, err = check[Claims](t, claims, WithValidator(func(Claims) error { return down }))
	if !errors.Is(err, ErrStoreUnavailable) || errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), "validator: redis") {
		t.Errorf("validator's store down: %v", err)
	}
	_, err = check[Claims](t, claims, WithJTIValidator(func(context.Context, TokenID) error { return errors.New("revoked") }))
	if !errors.Is(err, ErrRejected) || errors.Is(err, ErrStoreUnavailable) || !strings.Contains(err.Error(), "revoked") {
		t.Errorf("revoked: %v", err)
	}
}
