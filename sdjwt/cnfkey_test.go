package sdjwt_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/sdjwt"
)

// TestCnfKeyRefusalIsNoKeyData: a "cnf" key that jwk refuses (a point off
// its curve) fails key binding, with jwk's cause (jwa.ErrInvalidKey) but
// without jwk.ErrInvalidKeyData, which names a key the caller gave: a
// program tells a bad key file from a bad token by errors.Is alone.
func TestCnfKeyRefusalIsNoKeyData(t *testing.T) {
	f := newFixture(t)
	claims := sampleClaims()
	claims["cnf"] = map[string]any{"jwk": json.RawMessage(hostile.OffCurveP256JWK)}
	sd, err := sdjwt.Issue(claims, jwa.ES256, f.issuer)
	if err != nil {
		t.Fatal(err)
	}
	// Any KB-JWT will do: the cnf key is read before it is checked.
	_, err = sdjwt.Verify[map[string]any](sd+"e30.e30.AA", f.verifyOpts(true)...)
	if !errors.Is(err, sdjwt.ErrKeyBinding) || !errors.Is(err, jwa.ErrInvalidKey) || errors.Is(err, jwk.ErrInvalidKeyData) {
		t.Fatalf("got %v; want sdjwt.ErrKeyBinding and jwa.ErrInvalidKey, not jwk.ErrInvalidKeyData", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"cnf" key`) || !strings.Contains(msg, "not on P-256") {
		t.Errorf("message %q: want the claim and the cause", msg)
	}
}

// TestCnfKeyLimits (T06): the "cnf" key that checks the Key Binding JWT is
// held to jwk.EmbeddedKeyLimits before any RSA arithmetic: an 8192-bit
// modulus, or an exponent other than 65537, fails key binding with
// jwa.ErrLimitExceeded; WithKeyBindingKeyLimits widens the bounds, and then
// the (garbage) Key Binding JWT is what fails.
func TestCnfKeyLimits(t *testing.T) {
	f := newFixture(t)
	issue := func(jwkJSON string) string {
		t.Helper()
		claims := sampleClaims()
		claims["cnf"] = map[string]any{"jwk": json.RawMessage(jwkJSON)}
		sd, err := sdjwt.Issue(claims, jwa.ES256, f.issuer)
		if err != nil {
			t.Fatal(err)
		}
		return sd + hostile.Token(`{"alg":"RS256","typ":"kb+jwt"}`, `{}`, 16)
	}
	huge, e3 := issue(hostile.RSAJWK(8192, 65537)), issue(hostile.RSAJWK(2048, 3))
	for _, c := range []struct {
		name, sd, says string
		opts           []sdjwt.VerifyOption
	}{
		{"8192 bits", huge, `"cnf" key: key binding failed: a key embedded in a token has a 8192-bit RSA modulus, over the 4096 bits allowed`, nil},
		{"e = 3", e3, "has the RSA public exponent 3, and only 65537 is allowed", nil},
		{"8192 bits, under a lower bound", huge, "over the 2048 bits allowed", []sdjwt.VerifyOption{sdjwt.WithKeyBindingKeyLimits(jwk.EmbeddedKeyLimits{MaxRSABits: 2048})}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := sdjwt.Verify[map[string]any](c.sd, append(f.verifyOpts(true), c.opts...)...)
			josetest.WantErr(t, err, sdjwt.ErrKeyBinding, c.says)
			josetest.WantErr(t, err, jwa.ErrLimitExceeded)
			josetest.WantErr(t, err, jwa.ErrInvalidKey)
		})
	}
	_, err := sdjwt.Verify[map[string]any](huge, append(f.verifyOpts(true), sdjwt.WithKeyBindingKeyLimits(jwk.EmbeddedKeyLimits{MaxRSABits: 8192}))...)
	if !errors.Is(err, sdjwt.ErrKeyBinding) || errors.Is(err, jwa.ErrLimitExceeded) {
		t.Fatalf("widened: %v; want the garbage Key Binding JWT refused, not the key", err)
	}
	_, err = sdjwt.Verify[map[string]any](huge, append(f.verifyOpts(true),
		sdjwt.WithKeyBindingKeyLimits(jwk.EmbeddedKeyLimits{}), sdjwt.WithKeyBindingKeyLimits(jwk.EmbeddedKeyLimits{}))...)
	josetest.WantErr(t, err, sdjwt.ErrInvalidOption, "WithKeyBindingKeyLimits given twice")
}
