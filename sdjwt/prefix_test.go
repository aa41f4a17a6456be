package sdjwt_test

import (
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errtest"
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
	verify := func(s string, opts ...sdjwt.VerifyOption) error {
		_, err := sdjwt.Verify[map[string]any](s, opts...)
		return err
	}
	errtest.PrefixOnce(t, "sdjwt",
		errtest.Failure("another issuer key", verify(sd, other.verifyOpts(false)...), jwa.ErrInvalidSignature, "ES256 signature"),
		errtest.Failure("no key binding", verify(sd, f.verifyOpts(true)...), sdjwt.ErrKeyBinding, "Key Binding"),
		errtest.Failure("bad disclosure", verify(strings.Replace(sd, "~", "~!!~", 1), f.verifyOpts(false)...), jwa.ErrMalformed, "base64url"),
		errtest.Failure("issuer not accepted", verify(sd, append(f.verifyOpts(false), sdjwt.WithVerifyOptions(jwt.WithIssuer("https://other.example")))...), jwt.ErrInvalidIssuer, "iss"),
		errtest.Failure("string key", func() error { _, err := sdjwt.Issue(sampleClaims(), jwa.ES256, "secret"); return err }(), jwa.ErrInvalidKey, "string"),
		errtest.Failure("salt not a string", func() error {
			_, err := sdjwt.ParseDisclosure(base64url.EncodeToString([]byte(`[1,"name","v"]`)))
			return err
		}(), sdjwt.ErrInvalidDisclosure, "disclosure salt is not a string: invalid disclosure"),
		errtest.Failure("name not a string", func() error {
			_, err := sdjwt.ParseDisclosure(base64url.EncodeToString([]byte(`["salt",1,"v"]`)))
			return err
		}(), sdjwt.ErrInvalidDisclosure, "disclosure claim name is not a string: invalid disclosure"),
		errtest.Failure("date before 1970", func() error {
			_, err := sdjwt.Issue(jwt.Claims{ExpiresAt: jwt.NewNumericDate(time.Unix(-5, 0))}, jwa.ES256, f.issuer)
			return err
		}(), jwt.ErrInvalidClaims, "outside 1970..9999: invalid claims"),
	)
}
