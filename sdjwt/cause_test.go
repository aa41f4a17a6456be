package sdjwt_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/sdjwt"
)

// TestDecodingCauseKept: a disclosure that is not base64url, or not a JSON
// array of the right types, keeps the decoder's cause beside
// sdjwt.ErrInvalidDisclosure.
func TestDecodingCauseKept(t *testing.T) {
	b64 := base64url.EncodeToString
	for _, c := range []struct {
		name, disclosure, says string
		b64                    bool
	}{
		{"not base64url", "WyJ!", `disclosure is not base64url: byte 3 ("!") is outside`, true},
		{"not an array", b64([]byte(`{"a":1}`)), "disclosure is not a JSON array: json: ", false},
		{"salt not a string", b64([]byte(`[1,"name","v"]`)), "disclosure salt is not a string: ", false},
		{"name not a string", b64([]byte(`["salt",2,"v"]`)), "disclosure claim name is not a string: ", false},
	} {
		_, err := sdjwt.ParseDisclosure(c.disclosure)
		if !errors.Is(err, sdjwt.ErrInvalidDisclosure) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want ErrInvalidDisclosure saying %q", c.name, err, c.says)
			continue
		}
		var e *base64url.Error
		if c.b64 != errors.As(err, &e) {
			t.Errorf("%s: %v: wraps the base64url error: %v, want %v", c.name, err, !c.b64, c.b64)
		}
	}
}
