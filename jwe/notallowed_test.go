package jwe

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestNotAllowedClipsTheTokensAlgorithms: the refusal of a token whose
// recipients use no allowed algorithm names theirs, but each clipped and
// once, so that a hostile token of 16 recipients with 10,000-byte "alg"
// values cannot make a huge error (or log line).
func TestNotAllowedClipsTheTokensAlgorithms(t *testing.T) {
	b64 := base64.RawURLEncoding.EncodeToString
	long := strings.Repeat("X", 10_000)
	var recipients []map[string]any
	for i := range 16 {
		alg := long
		if i%2 == 1 {
			alg = long[:9_999] + "Y"
		}
		recipients = append(recipients, map[string]any{"header": map[string]string{"alg": alg}, "encrypted_key": b64(make([]byte, 16))})
	}
	tok, err := json.Marshal(map[string]any{
		"protected":  b64([]byte(`{"enc":"A128GCM"}`)),
		"recipients": recipients,
		"iv":         b64(make([]byte, 12)),
		"ciphertext": b64([]byte("x")),
		"tag":        b64(make([]byte, 16)),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decrypt(string(tok), WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A128GCM))
	clipped := `"` + long[:64] + `"`
	wantErr(t, err, jwa.ErrAlgorithmNotAllowed, "no recipient uses an allowed key management algorithm: the token has "+clipped+"; accepted are A128KW")
	if n := len(err.Error()); n > 300 {
		t.Fatalf("error of %d bytes: %.200s...", n, err)
	}
}

// TestNotAllowedClipsTheTokensEncryption: a token whose "enc" the caller
// did not accept is refused with that name clipped, so that a 10,000-byte
// "enc" cannot make a huge error (or log line).
func TestNotAllowedClipsTheTokensEncryption(t *testing.T) {
	b64 := base64.RawURLEncoding.EncodeToString
	long := strings.Repeat("X", 10_000)
	hdr, err := json.Marshal(map[string]string{"alg": "A128KW", "enc": long})
	if err != nil {
		t.Fatal(err)
	}
	tok := b64(hdr) + "." + b64(make([]byte, 24)) + "." + b64(make([]byte, 12)) + "." + b64([]byte("x")) + "." + b64(make([]byte, 16))
	_, err = Decrypt(tok, WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A128GCM))
	wantErr(t, err, jwa.ErrAlgorithmNotAllowed, `content encryption "`+long[:64]+`" is not allowed: accepted are A128GCM`)
	if n := len(err.Error()); n > 300 {
		t.Fatalf("error of %d bytes: %.200s...", n, err)
	}
}
