package jws_test

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// TestSpaceAroundToken: a token with white space around it (a file's
// trailing newline) verifies in every serialization, and white space inside
// it is refused with jwa.ErrMalformed, even CR and LF, which Go's standard
// base64 decoder would skip.
func TestSpaceAroundToken(t *testing.T) {
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []struct {
		name string
		opts []jws.SignOption
	}{
		{"compact", nil},
		{"flattened", []jws.SignOption{jws.WithFlattened()}},
		{"general", []jws.SignOption{jws.WithJSON()}},
	} {
		tok, err := jws.Sign([]byte("the payload"), append(form.opts, jws.WithKey(jwa.ES256, key))...)
		if err != nil {
			t.Fatal(err)
		}
		verify := func(token string, opts ...jws.VerifyOption) ([]byte, error) {
			return jws.Verify(token, append(opts, jws.WithKey(jwa.ES256, key.Public()))...)
		}
		for _, c := range hostile.SpaceAround(tok) {
			got, err := verify(c.Token)
			if err != nil || string(got) != "the payload" {
				t.Errorf("%s, %s: %q, %v", form.name, c.Name, got, err)
			}
		}
		// The size limit counts the token, not the white space around it.
		if _, err := verify(tok+"\r\n", jws.WithMaxSize(len(tok))); err != nil {
			t.Errorf("%s: a token of exactly WithMaxSize with a CRLF: %v", form.name, err)
		}
		if _, err := verify(tok, jws.WithMaxSize(len(tok)-1)); !errors.Is(err, jwa.ErrLimitExceeded) {
			t.Errorf("%s: a token one byte over WithMaxSize: %v", form.name, err)
		}
		for _, c := range hostile.SpaceInside(tok) {
			_, err := verify(c.Token)
			if !errors.Is(err, jwa.ErrMalformed) || !hostile.NamesEncoding(err) {
				t.Errorf("%s, %s: %v, want jwa.ErrMalformed saying what is not base64url or JSON", form.name, c.Name, err)
			}
		}
	}
}
