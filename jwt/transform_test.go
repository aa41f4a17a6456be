package jwt_test

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

func TestClaimsTransform(t *testing.T) {
	secret := []byte("a 32-byte secret for HS256 tests")
	// The signed claims have no "exp"; the transform adds one, and Verify
	// checks the claims the transform returns.
	tok, err := jwt.Sign(map[string]any{"iss": "https://issuer.example.com"}, jwa.HS256, secret)
	if err != nil {
		t.Fatal(err)
	}
	expired := []byte(`{"iss":"https://issuer.example.com","exp":1}`)
	valid := []byte(`{"iss":"https://issuer.example.com","exp":1900000000,"extra":"x"}`)
	errRefused := errors.New("refused")
	tests := []struct {
		name    string
		fn      func([]byte) ([]byte, error)
		wantErr error
	}{
		{"replaces claims", func([]byte) ([]byte, error) { return valid, nil }, nil},
		{"checks the result", func([]byte) ([]byte, error) { return expired, nil }, jwt.ErrExpired},
		{"result parsed strictly", func([]byte) ([]byte, error) { return []byte(`{"exp":1900000000,"EXP":1}`), nil }, jwt.ErrInvalidClaims},
		{"error wrapped", func([]byte) ([]byte, error) { return nil, errRefused }, errRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var seen string
			fn := func(p []byte) ([]byte, error) { seen = string(p); return tt.fn(p) }
			got, err := jwt.Verify[map[string]any](tok, jwt.WithKey(jwa.HS256, secret), jwt.WithClock(clock),
				jwt.WithClaimsTransform(fn))
			if seen != `{"iss":"https://issuer.example.com"}` {
				t.Errorf("transform saw %q", seen)
			}
			if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && got["extra"] != "x" {
				t.Errorf("claims %v", got)
			}
			if err != nil && got != nil {
				t.Errorf("claims returned with an error")
			}
		})
	}
	// Never called when the signature fails.
	called := false
	_, err = jwt.Verify[jwt.Claims](tok, jwt.WithKey(jwa.HS256, []byte("another 32-byte secret for tests")),
		jwt.WithClaimsTransform(func(p []byte) ([]byte, error) { called = true; return p, nil }))
	if !errors.Is(err, jwa.ErrInvalidSignature) || called {
		t.Fatalf("err = %v, called = %v", err, called)
	}
	// Option errors.
	id := func(p []byte) ([]byte, error) { return p, nil }
	for name, opts := range map[string][]jwt.VerifyOption{
		"nil":   {jwt.WithClaimsTransform(nil)},
		"twice": {jwt.WithClaimsTransform(id), jwt.WithClaimsTransform(id)},
	} {
		if _, err := jwt.Verify[jwt.Claims](tok, append(opts, jwt.WithKey(jwa.HS256, secret))...); !errors.Is(err, jwt.ErrInvalidOption) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}
