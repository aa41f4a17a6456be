package main

import (
	"encoding/base64"
	"strings"
	"testing"
)

// jweToken is a compact JWE of the protected header, with an encrypted key
// and an IV of the sizes given, that nothing can decrypt: enough for
// inspect, which reads the headers only.
func jweToken(t *testing.T, header string, keySize, ivSize int) string {
	t.Helper()
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc(make([]byte, keySize)) + "." + enc(make([]byte, ivSize)) + "." + enc([]byte("c")) + "." + enc(make([]byte, 16))
}

// TestInspectMarksStatus: inspect notes the draft and deprecated
// algorithms a token names, and nothing for the others. The tokens of
// algorithms FIPS 140-3 mode refuses are made by hand, so the test runs
// the same in that mode (inspect verifies nothing).
func TestInspectMarksStatus(t *testing.T) {
	dir := t.TempDir()
	ed := genKey(t, dir, "ed.json", "--alg", "EdDSA")
	fully := genKey(t, dir, "ed2.json", "--alg", "Ed25519")
	kw := genKey(t, dir, "kw.json", "--alg", "A256KW")
	hpke := writeFile(t, dir, "hpke.pub", mustJose(t, 0, "", "jwk", "pub", genKey(t, dir, "hpke.json", "--alg", "HPKE-0")))
	for _, tc := range []struct {
		token string
		want  []string
	}{
		{mustJose(t, 0, "x", "jws", "sign", "--key", ed), []string{`note: "alg" "EdDSA" is deprecated: RFC 9864`}},
		{jweToken(t, `{"alg":"A256KW","enc":"C20P"}`, 40, 12), []string{`note: "enc" "C20P" is draft: draft-amringer-jose-chacha`}},
		{mustJose(t, 0, "x", "jwe", "encrypt", "--key", hpke), []string{`note: "alg" "HPKE-0" is draft: draft-ietf-jose-hpke-encrypt`}},
		{jweToken(t, `{"alg":"RSA1_5","enc":"A128GCM"}`, 256, 12), []string{`note: "alg" "RSA1_5" is deprecated: RFC 8725 §3.2`}},
		{mustJose(t, 0, "x", "jws", "sign", "--key", fully), nil},
		{mustJose(t, 0, "x", "jwe", "encrypt", "--key", kw, "--enc", "A256GCM"), nil},
	} {
		out := mustJose(t, 0, tc.token, "inspect")
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("inspect lacks %q:\n%s", w, out)
			}
		}
		if tc.want == nil && strings.Contains(out, "note:") {
			t.Errorf("inspect notes a settled algorithm:\n%s", out)
		}
	}
}
