package jwt_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// TestDecryptionKeyNamesJWTOption: a decryption key that its algorithm
// cannot use is refused in terms of jwt's option, WithDecryptionKey, not
// of the jwe option jwt builds from it (WithKey), on a nested token and
// with the option's sentinel beside the key's.
func TestDecryptionKeyNamesJWTOption(t *testing.T) {
	k := testKeys(t)[0]
	kek := make([]byte, 16)
	claims := jwt.Claims{ExpiresAt: jwt.NewNumericDate(fixedNow.Add(time.Minute))}
	tok, err := jwt.SignAndEncrypt(claims, k.alg, k.priv, jwt.WithRecipient(jwa.A128KW, kek), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		alg  jwa.KeyAlgorithm
		key  any
		says string
	}{
		{"short secret", jwa.A128KW, make([]byte, 15), "WithDecryptionKey(A128KW): A128KW: key is 15 bytes, need 16"},
		{"EC key for A128KW", jwa.A128KW, ec, "WithDecryptionKey(A128KW): A128KW: key of type *ecdsa.PrivateKey"},
		{"string secret", jwa.A128KW, "0123456789abcdef", "WithDecryptionKey(A128KW): key is a string; A128KW needs a []byte secret"},
		{"public key for ECDH-ES", jwa.ECDH_ES_A128KW, &ec.PublicKey, "WithDecryptionKey(ECDH-ES+A128KW): "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := jwt.Verify[jwt.Claims](tok, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock),
				jwt.WithDecryptionKey(tc.alg, tc.key), jwt.WithAllowedEncryptions(jwa.A128GCM))
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
			josetest.WantErr(t, err, jwa.ErrInvalidKey)
			if strings.Contains(err.Error(), "WithKey(") {
				t.Errorf("the error names jwe's option: %v", err)
			}
		})
	}
	// The bound key still decrypts.
	if _, err := jwt.Verify[jwt.Claims](tok, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock),
		jwt.WithDecryptionKey(jwa.A128KW, kek), jwt.WithAllowedEncryptions(jwa.A128GCM)); err != nil {
		t.Fatal(err)
	}
}
