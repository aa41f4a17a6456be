package sdjwt_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

// TestErrorPrefixOnce: realistic refusals of an SD-JWT name "sdjwt" once,
// at the start, and no other package, though the issuer's signature and
// the claims are checked by jwt and the layers below it.
func TestErrorPrefixOnce(t *testing.T) {
	f := newFixture(t)
	other := newFixture(t)
	sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, sdjwt.WithDisclosable("/given_name"))
	if err != nil {
		t.Fatal(err)
	}
	verify := func(s string, opts ...sdjwt.Option) error {
		_, err := sdjwt.Verify[map[string]any](s, opts...)
		return err
	}
	for _, c := range []struct {
		name     string
		err      error
		sentinel error
		says     string
	}{
		{"another issuer key", verify(sd, other.verifyOpts(false)...), jwa.ErrInvalidSignature, "ES256 signature"},
		{"no key binding", verify(sd, f.verifyOpts(true)...), sdjwt.ErrKeyBinding, "Key Binding"},
		{"bad disclosure", verify(strings.Replace(sd, "~", "~!!~", 1), f.verifyOpts(false)...), jwa.ErrMalformed, "base64url"},
		{"issuer not accepted", verify(sd, append(f.verifyOpts(false), sdjwt.WithJWT(jwt.WithIssuer("https://other.example")))...), jwt.ErrInvalidIssuer, "iss"},
		{"string key", func() error { _, err := sdjwt.Issue(sampleClaims(), jwa.ES256, "secret"); return err }(), jwa.ErrInvalidKey, "string"},
	} {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := c.err.Error()
		if p := errwrap.Prefixes(msg); !slices.Equal(p, []string{"sdjwt"}) || !strings.HasPrefix(msg, "sdjwt: ") {
			t.Errorf("%s: %q names packages %q, want \"sdjwt\" once, at the start", c.name, msg, p)
		}
		if !errors.Is(c.err, c.sentinel) || !strings.Contains(msg, c.says) {
			t.Errorf("%s: %q, want %v and %q", c.name, msg, c.sentinel, c.says)
		}
	}
}
