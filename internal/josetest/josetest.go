// Package josetest holds the test helpers that the tests of jwa, jws and
// jwe share: reading the base64url of test vectors, the serializations of
// an RFC 7520 example, and checking that an error wraps its sentinel and
// says what it should. It is for tests only (layers_test.go).
package josetest

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
)

// B64 decodes strict base64url or fails the test.
func B64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64url.DecodeString(s)
	if err != nil {
		t.Fatalf("base64url %q: %v", s, err)
	}
	return b
}

// WantErr checks that err wraps sentinel and that its message holds each
// of msgs.
func WantErr(t testing.TB, err, sentinel error, msgs ...string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("got %v, want %v", err, sentinel)
	}
	for _, msg := range msgs {
		if !strings.Contains(err.Error(), msg) {
			t.Fatalf("message %q does not say %q", err, msg)
		}
	}
}

// EmptyTokens hold nothing once the white space around a token is
// trimmed: each parser must say the token is empty.
var EmptyTokens = []string{"", " ", "\r\n", "\t \n"}

// Output is the "output" of an RFC 7520 example: its serializations.
type Output struct {
	Compact  string          `json:"compact"`
	JSON     json.RawMessage `json:"json"`
	JSONFlat json.RawMessage `json:"json_flat"`
}

// Serializations returns the serializations the example gives, by the
// names RFC 7520 uses: "compact", "json" and "json_flat". They are
// tokens, so strings, as every package of the module takes them.
func (o Output) Serializations() map[string]string {
	out := map[string]string{}
	if o.Compact != "" {
		out["compact"] = o.Compact
	}
	if o.JSON != nil {
		out["json"] = string(o.JSON)
	}
	if o.JSONFlat != nil {
		out["json_flat"] = string(o.JSONFlat)
	}
	return out
}
