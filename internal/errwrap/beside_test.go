package errwrap

import (
	"errors"
	"fmt"
	"testing"
)

// TestBeside: the sentinel's words are said once, whether err already says
// them, ends with the general sentinel a specific one wraps, or says none.
func TestBeside(t *testing.T) {
	general := errors.New("malformed input")
	specific := fmt.Errorf("invalid claims: %w", general)
	proof := errors.New("invalid DPoP proof")
	sameWords := errors.New("invalid DPoP proof")
	for _, c := range []struct {
		name          string
		err, sentinel error
		want          string
	}{
		{"says none", errors.New("EOF"), specific, "EOF: invalid claims: malformed input"},
		{"already wraps it", fmt.Errorf("bad date: %w", specific), specific, "bad date: invalid claims: malformed input"},
		{"same words, another value", fmt.Errorf(`"htu" differs: %w`, sameWords), proof, `"htu" differs: invalid DPoP proof`},
		{"ends with the general one", fmt.Errorf(`key without "kty": %w`, general), specific, `key without "kty": invalid claims: malformed input`},
		{"is the general one", general, specific, "invalid claims: malformed input"},
		{"is the sentinel", specific, specific, "invalid claims: malformed input"},
	} {
		got := Beside(c.err, c.sentinel)
		if got.Error() != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if !errors.Is(got, c.err) || !errors.Is(got, c.sentinel) {
			t.Errorf("%s: does not wrap both errors", c.name)
		}
	}
}
