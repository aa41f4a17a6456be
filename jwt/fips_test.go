package jwt_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// The tests of FIPS 140-3 mode through the public API of jwt; `make test`
// runs them with GODEBUG=fips140=on and with fips140=only.

// TestFIPSNestedRoundTrip: a signed-then-encrypted token of approved
// algorithms only (ES256, ECDH-ES+A256KW on P-256, A256GCM) is made and
// verified in FIPS 140-3 mode.
func TestFIPSNestedRoundTrip(t *testing.T) {
	fipstest.Require(t)
	sig, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	enc, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	claims := map[string]any{"sub": "fips", "exp": time.Now().Add(time.Hour).Unix()}
	tok, err := jwt.SignAndEncrypt(claims, jwa.ES256, sig,
		jwt.WithRecipient(jwa.ECDH_ES_A256KW, &enc.PublicKey), jwt.WithEncryption(jwa.A256GCM))
	if err != nil {
		t.Fatal(err)
	}
	got, err := jwt.Verify[map[string]any](tok, jwt.WithKey(jwa.ES256, &sig.PublicKey),
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, enc), jwt.WithAllowedEncryptions(jwa.A256GCM))
	if err != nil || got["sub"] != "fips" {
		t.Fatalf("%v, %v", got, err)
	}
}

// TestFIPSRefusedAtTheOption: every jwt option that names an algorithm
// refuses one that FIPS 140-3 mode does not approve, and the functions that
// take one refuse it too.
func TestFIPSRefusedAtTheOption(t *testing.T) {
	fipstest.Require(t)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	set, _ := jwk.NewSet()
	approve := func(*jwk.Key) error { return nil }
	claims := map[string]any{"sub": "x"}
	for _, tc := range []struct {
		name  string
		run   func() error
		parts []string
	}{
		{"WithKey", func() error {
			_, err := jwt.Verify[map[string]any]("e30.e30.", jwt.WithKey(jwa.Ed448, key))
			return err
		}, []string{"WithKey", "Ed448"}},
		{"WithKeySet", func() error {
			_, err := jwt.Verify[map[string]any]("e30.e30.", jwt.WithKeySet(set, jwa.ES256K))
			return err
		}, []string{"WithKeySet", "ES256K"}},
		{"WithEmbeddedKey", func() error {
			_, err := jwt.Verify[map[string]any]("e30.e30.", jwt.WithEmbeddedKey(approve, jwa.ES256, jwa.Ed448))
			return err
		}, []string{"WithEmbeddedKey", "Ed448"}},
		{"WithDecryptionKey", func() error {
			_, err := jwt.Verify[map[string]any]("e30.e30.", jwt.WithDecryptionKey(jwa.RSA1_5, key), jwt.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, []string{"WithDecryptionKey", "RSA1_5", "SP 800-131A"}},
		{"WithDecryptionKeySet", func() error {
			_, err := jwt.Verify[map[string]any]("e30.e30.", jwt.WithDecryptionKeySet(set, jwa.HPKE_4), jwt.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, []string{"WithDecryptionKeySet", "HPKE-4"}},
		{"WithEncryption", func() error {
			_, err := jwt.Encrypt(claims, jwa.ECDH_ES, &key.PublicKey, jwt.WithEncryption(jwa.XC20P))
			return err
		}, []string{"WithEncryption", "XC20P"}},
		{"WithRecipient", func() error {
			_, err := jwt.SignAndEncrypt(claims, jwa.ES256, key, jwt.WithRecipient(jwa.RSA_OAEP, &key.PublicKey), jwt.WithEncryption(jwa.A128GCM))
			return err
		}, []string{"WithRecipient", "RSA-OAEP", "SHA-1"}},
		{"Sign", func() error { _, err := jwt.Sign(claims, jwa.NoSignature, nil); return err }, []string{"none"}},
		{"Encrypt", func() error {
			_, err := jwt.Encrypt(claims, jwa.HPKE_3, &key.PublicKey, jwt.WithEncryption(jwa.A128GCM))
			return err
		}, []string{"HPKE-3", "X25519"}},
	} {
		t.Run(tc.name, func(t *testing.T) { fipstest.CheckRefusal(t, tc.run(), jwa.ErrNotApproved, tc.parts...) })
	}
}
