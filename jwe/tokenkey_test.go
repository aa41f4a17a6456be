package jwe

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
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
	b, err := priv.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1 // off the curve
	epk := fmt.Sprintf(`{"kty":"EC","crv":"P-256","x":%q,"y":%q}`, base64url.EncodeToString(b[1:33]), base64url.EncodeToString(b[33:]))
	_, err = Decrypt(ecdhToken(t, epk, nil), WithKey(jwa.ECDH_ES, priv), WithEncryption(jwa.A128GCM))
	if !errors.Is(err, jwa.ErrMalformed) || !errors.Is(err, jwa.ErrInvalidKey) || errors.Is(err, jwk.ErrInvalidKeyData) {
		t.Fatalf("got %v; want jwa.ErrMalformed and jwa.ErrInvalidKey, not jwk.ErrInvalidKeyData", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "epk") || !strings.Contains(msg, "not on P-256") {
		t.Errorf("message %q: want the member and the cause", msg)
	}
}
