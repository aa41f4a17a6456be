package jwe

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestEPKRefusalIsNoKeyData: an "epk" that jwk refuses (a point off its
// curve) makes the token malformed, with jwk's cause (jwa.ErrInvalidKey)
// but without jwk.ErrInvalidKeyData, which names a key the caller gave: a
// program tells a bad key file from a bad token by errors.Is alone.
func TestEPKRefusalIsNoKeyData(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decrypt(ecdhToken(t, hostile.OffCurveP256JWK, nil), WithKey(jwa.ECDH_ES, priv), WithAllowedEncryptions(jwa.A128GCM))
	if !errors.Is(err, jwa.ErrMalformed) || !errors.Is(err, jwa.ErrInvalidKey) || errors.Is(err, jwk.ErrInvalidKeyData) {
		t.Fatalf("got %v; want jwa.ErrMalformed and jwa.ErrInvalidKey, not jwk.ErrInvalidKeyData", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "epk") || !strings.Contains(msg, "not on P-256") {
		t.Errorf("message %q: want the member and the cause", msg)
	}
}
