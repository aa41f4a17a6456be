package jws_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// TestHeaderJWKRefusalIsNoKeyData: a "jwk" header member that jwk refuses
// (a point off its curve) makes the token malformed, with jwk's cause
// (jwa.ErrInvalidKey) but without jwk.ErrInvalidKeyData, which names a key
// the caller gave: a program tells a bad key file from a bad token by
// errors.Is alone.
func TestHeaderJWKRefusalIsNoKeyData(t *testing.T) {
	tok := hostile.Token(`{"alg":"ES256","jwk":`+hostile.OffCurveP256JWK+`}`, "payload", 64)
	_, err := jws.Parse(tok)
	if !errors.Is(err, jwa.ErrMalformed) || !errors.Is(err, jwa.ErrInvalidKey) || errors.Is(err, jwk.ErrInvalidKeyData) {
		t.Fatalf("got %v; want jwa.ErrMalformed and jwa.ErrInvalidKey, not jwk.ErrInvalidKeyData", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"jwk"`) || !strings.Contains(msg, "not on P-256") {
		t.Errorf("message %q: want the member and the cause", msg)
	}
}
