package jwk_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestDecodingCauseKept: a member that is not base64url, or not of its
// JSON type, keeps the decoder's cause beside jwa.ErrMalformed.
func TestDecodingCauseKept(t *testing.T) {
	for _, c := range []struct {
		name, json, says string
		b64              bool
	}{
		{"x not base64url", `{"kty":"EC","crv":"P-256","x":"a!aa","y":"aaaa"}`, `member "x" is not base64url: byte 1 ("!") is outside the base64url alphabet`, true},
		{"k padded", `{"kty":"oct","k":"aaa="}`, `member "k" is not base64url: padding '=' at byte 3`, true},
		{"kid not a string", `{"kty":"oct","k":"aaaa","kid":7}`, `member "kid" is not a string: `, false},
		{"key_ops not strings", `{"kty":"oct","k":"aaaa","key_ops":[1]}`, `member "key_ops" is not an array of strings: `, false},
	} {
		_, err := jwk.Parse([]byte(c.json))
		if !errors.Is(err, jwa.ErrMalformed) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want jwa.ErrMalformed saying %q", c.name, err, c.says)
			continue
		}
		var e *base64url.Error
		if c.b64 != errors.As(err, &e) {
			t.Errorf("%s: %v: wraps the base64url error: %v, want %v", c.name, err, !c.b64, c.b64)
		}
	}
}
