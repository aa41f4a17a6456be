package jwe_test

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

// TestSpaceAroundToken: a token with white space around it decrypts in
// every serialization; white space inside it is refused with
// jwa.ErrMalformed when the token is parsed, before any key is used.
func TestSpaceAroundToken(t *testing.T) {
	kek := make([]byte, 16)
	for _, form := range []struct {
		name string
		opts []jwe.EncryptOption
	}{
		{"compact", nil},
		{"flattened", []jwe.EncryptOption{jwe.WithFlattened()}},
		{"general", []jwe.EncryptOption{jwe.WithJSON()}},
	} {
		tok, err := jwe.Encrypt([]byte("the plaintext"), append(form.opts,
			jwe.WithRecipient(jwa.A128KW, kek), jwe.WithEncryption(jwa.A128GCM))...)
		if err != nil {
			t.Fatal(err)
		}
		decrypt := func(token string, opts ...jwe.DecryptOption) ([]byte, error) {
			return jwe.Decrypt(token, append(opts, jwe.WithKey(jwa.A128KW, kek), jwe.WithAllowedEncryptions(jwa.A128GCM))...)
		}
		for _, c := range hostile.SpaceAround(tok) {
			got, err := decrypt(c.Token)
			if err != nil || string(got) != "the plaintext" {
				t.Errorf("%s, %s: %q, %v", form.name, c.Name, got, err)
			}
		}
		// The size limit counts the token, not the white space around it.
		if _, err := decrypt(" "+tok+"\n", jwe.WithMaxSize(len(tok))); err != nil {
			t.Errorf("%s: a token of exactly WithMaxSize with white space: %v", form.name, err)
		}
		if _, err := decrypt(tok, jwe.WithMaxSize(len(tok)-1)); !errors.Is(err, jwa.ErrLimitExceeded) {
			t.Errorf("%s: a token one byte over WithMaxSize: %v", form.name, err)
		}
		for _, c := range hostile.SpaceInside(tok) {
			_, err := decrypt(c.Token)
			if !errors.Is(err, jwa.ErrMalformed) || !hostile.NamesEncoding(err) {
				t.Errorf("%s, %s: %v, want jwa.ErrMalformed saying what is not base64url or JSON", form.name, c.Name, err)
			}
		}
	}
}
