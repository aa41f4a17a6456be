package sdjwt_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
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
