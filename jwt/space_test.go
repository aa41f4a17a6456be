package jwt_test

import (
	"errors"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// TestSpaceAroundToken: a JWT read from a file, with its trailing newline,
// verifies, signed or nested; white space inside it is refused with
// jwa.ErrMalformed, saying which byte.
func TestSpaceAroundToken(t *testing.T) {
	sig, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	kek := make([]byte, 16)
	claims := jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	signed, err := jwt.Sign(claims, jwa.ES256, sig)
	if err != nil {
		t.Fatal(err)
	}
	nested, err := jwt.SignAndEncrypt(claims, jwa.ES256, sig,
		jwt.WithRecipient(jwa.A128KW, kek), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []struct {
		name, token string
		opts        []jwt.VerifyOption
	}{
		{"signed", signed, []jwt.VerifyOption{jwt.WithKey(jwa.ES256, sig.Public())}},
		{"nested", nested, []jwt.VerifyOption{jwt.WithKey(jwa.ES256, sig.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, kek), jwt.WithAllowedEncryptions(jwa.A128GCM)}},
	} {
		for _, c := range hostile.SpaceAround(form.token) {
			got, err := jwt.Verify[jwt.Claims](c.Token, form.opts...)
			if err != nil || got.Subject != "alice" {
				t.Errorf("%s, %s: %+v, %v", form.name, c.Name, got, err)
			}
		}
		for _, c := range hostile.SpaceInside(form.token) {
			_, err := jwt.Verify[jwt.Claims](c.Token, form.opts...)
			if !errors.Is(err, jwa.ErrMalformed) || !hostile.NamesEncoding(err) {
				t.Errorf("%s, %s: %v, want jwa.ErrMalformed saying what is not base64url", form.name, c.Name, err)
			}
		}
	}
}
