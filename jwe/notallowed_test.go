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
