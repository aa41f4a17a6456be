package jwk

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestInvalidKeyData: every refusal of the parse entry points wraps
// ErrInvalidKeyData beside its cause, which errors.Is still finds, and the
// message stays the cause's; what they accept carries no error at all.
func TestInvalidKeyData(t *testing.T) {
	ecPub := `{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`
	offCurve := `{"kty":"EC","crv":"P-256","x":"g83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`
	parseKey := func(s string) error { _, err := Parse([]byte(s)); return err }
	parseSet := func(s string) error { _, err := ParseSet([]byte(s)); return err }
	parsePEM := func(s string) error { _, err := ParsePEM([]byte(s)); return err }
	unmarshalKey := func(s string) error { var k Key; return json.Unmarshal([]byte(s), &k) }
	unmarshalSet := func(s string) error { var set Set; return json.Unmarshal([]byte(s), &set) }
	tooMany := `{"keys":[` + strings.Repeat(ecPub+",", MaxSetKeys) + ecPub + `]}`
	for _, tc := range []struct {
		name  string
		parse func(string) error
		in    string
		cause error
		msg   string
	}{
		{"not JSON", parseKey, "hello", jwa.ErrMalformed, "jwk: malformed input"},
		{"duplicate member", parseKey, `{"kty":"oct","k":"c2VjcmV0","k":"eA"}`, jwa.ErrMalformed, `"k"`},
		{"point off the curve", parseKey, offCurve, jwa.ErrInvalidKey, "not on P-256"},
		{"unknown kty", parseKey, `{"kty":"XYZ"}`, jwa.ErrInvalidKey, `"XYZ"`},
		{"struct field", unmarshalKey, `{"kty":"oct"}`, jwa.ErrMalformed, `"k"`},
		{"set without keys", parseSet, `{"other":[]}`, jwa.ErrMalformed, `without "keys"`},
		{"set with a bad key", parseSet, `{"keys":[` + offCurve + `]}`, jwa.ErrInvalidKey, "key 0 of the set"},
		{"set over the limit", parseSet, tooMany, jwa.ErrLimitExceeded, "over the limit"},
		{"set as a struct field", unmarshalSet, `{"keys":{}}`, jwa.ErrMalformed, "not an array"},
		{"no PEM block", parsePEM, "hello", jwa.ErrMalformed, "not a PEM block"},
		{"bad PEM body", parsePEM, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", jwa.ErrMalformed, "PEM"},
		{"encrypted PEM", parsePEM, string(readPEM(t, "ec-p256-pkcs8-encrypted.pem")), ErrEncryptedPEM, "encrypted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.parse(tc.in)
			if !errors.Is(err, ErrInvalidKeyData) || !errors.Is(err, tc.cause) {
				t.Fatalf("got %v; want ErrInvalidKeyData and %v", err, tc.cause)
			}
			if !strings.Contains(err.Error(), tc.msg) || strings.Contains(err.Error(), ErrInvalidKeyData.Error()) {
				t.Errorf("message %q: want %q in it, and the cause's words only", err, tc.msg)
			}
		})
	}
	for name, parse := range map[string]func(string) error{"Parse": parseKey, "UnmarshalJSON": unmarshalKey} {
		if err := parse(ecPub); err != nil {
			t.Errorf("%s of a valid key: %v", name, err)
		}
	}
	if err := parseSet(`{"keys":[` + ecPub + `]}`); err != nil {
		t.Errorf("ParseSet of a valid set: %v", err)
	}
	if err := parsePEM(string(readPEM(t, "ec-p256-pkcs8.pem"))); err != nil {
		t.Errorf("ParsePEM of a valid key: %v", err)
	}
}
