package jws_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jws"
)

// TestJSONMemberNamesExact: the members of the JSON serializations (RFC
// 7515 §7.2.1) are matched exactly, and one whose name differs from a
// registered one only in case ("PAYLOAD") is refused rather than ignored,
// since a parser that folds case, as encoding/json does, would read it
// (T70).
func TestJSONMemberNamesExact(t *testing.T) {
	key := bytes.Repeat([]byte{0x42}, 32)
	sign := func(opt jws.SignOption) string {
		tok, err := jws.Sign([]byte(`{"iss":"a"}`), jws.WithKey(jwa.HS256, key), jws.WithUnprotectedHeader("kid", "k1"), opt)
		if err != nil {
			t.Fatal(err)
		}
		return string(tok)
	}
	flat, general := sign(jws.WithFlattened()), sign(jws.WithJSON())
	verify := func(tok string) error {
		_, err := jws.Verify(tok, jws.WithKey(jwa.HS256, key))
		return err
	}
	for _, tok := range []string{flat, general} {
		if err := verify(tok); err != nil {
			t.Fatalf("%s: %v", tok, err)
		}
	}
	for _, tc := range []struct {
		tok, name, changed, want string
	}{
		{flat, "payload", "PAYLOAD", `"PAYLOAD" is not "payload"`},
		{flat, "protected", "Protected", `"Protected" is not "protected"`},
		{flat, "header", "HEADER", `"HEADER" is not "header"`},
		{flat, "signature", "Signature", `"Signature" is not "signature"`},
		{general, "signatures", "SIGNATURES", `"SIGNATURES" is not "signatures"`},
		{general, "protected", "PROTECTED", `signature 0: member name differs from an expected name only in case: "PROTECTED" is not "protected"`},
	} {
		tok := strings.Replace(tc.tok, `"`+tc.name+`"`, `"`+tc.changed+`"`, 1)
		if tok == tc.tok {
			t.Fatalf("%s has no %q", tc.tok, tc.name)
		}
		if err := verify(tok); !errors.Is(err, jwa.ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: got %v, want ErrMalformed and %q", tc.name, tc.changed, err, tc.want)
		}
	}
	// Members this package does not know are ignored (RFC 7515 §7.2.1).
	if err := verify(strings.Replace(flat, `{`, `{"Extra":1,`, 1)); err != nil {
		t.Errorf("unknown member: %v", err)
	}
}
