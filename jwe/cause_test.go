package jwe_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

// TestDecodingCauseKept: a part that is not base64url keeps the decoder's
// cause beside jwa.ErrMalformed. Parsing comes before the header is
// accepted, so this is not the one cause-less error of decryption.
func TestDecodingCauseKept(t *testing.T) {
	kek := make([]byte, 16)
	for _, c := range []struct{ name, token, says string }{
		{"iv", "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4R0NNIn0.AAAA.A!AA.AAAA.AAAA", `iv is not base64url: byte 1 ("!") is outside`},
		{"tag", "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4R0NNIn0.AAAA.AAAA.AAAA.AAA=", `tag is not base64url: padding '=' at byte 3`},
		{"JSON ciphertext", `{"protected":"eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4R0NNIn0","encrypted_key":"AAAA","iv":"AAAA","ciphertext":"A A","tag":"AAAA"}`, `ciphertext is not base64url: byte 1 (" ")`},
	} {
		_, err := jwe.Decrypt(c.token, jwe.WithKey(jwa.A128KW, kek), jwe.WithAllowedEncryptions(jwa.A128GCM))
		var e *base64url.Error
		if !errors.Is(err, jwa.ErrMalformed) || !errors.As(err, &e) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want jwa.ErrMalformed wrapping the decoder's error, saying %q", c.name, err, c.says)
		}
	}
}
