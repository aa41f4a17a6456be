package jws_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

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
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := priv.PublicKey.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)-1] ^= 1 // off the curve
	enc := base64.RawURLEncoding.EncodeToString
	header := fmt.Sprintf(`{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":%q,"y":%q}}`, enc(b[1:33]), enc(b[33:]))
	tok := enc([]byte(header)) + "." + enc([]byte("payload")) + "." + enc(make([]byte, 64))
	_, err = jws.Parse([]byte(tok))
	if !errors.Is(err, jwa.ErrMalformed) || !errors.Is(err, jwa.ErrInvalidKey) || errors.Is(err, jwk.ErrInvalidKeyData) {
		t.Fatalf("got %v; want jwa.ErrMalformed and jwa.ErrInvalidKey, not jwk.ErrInvalidKeyData", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"jwk"`) || !strings.Contains(msg, "not on P-256") {
		t.Errorf("message %q: want the member and the cause", msg)
	}
}
