package main

import (
	"strings"
	"testing"
)

// TestInspectMarksStatus: inspect notes the draft and deprecated
// algorithms a token names, and nothing for the others.
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
		{mustJose(t, 0, "x", "jwe", "encrypt", "--key", kw, "--enc", "C20P"), []string{`note: "enc" "C20P" is draft: draft-amringer-jose-chacha`}},
		{mustJose(t, 0, "x", "jwe", "encrypt", "--key", hpke), []string{`note: "alg" "HPKE-0" is draft: draft-ietf-jose-hpke-encrypt`}},
		{mustJose(t, 0, "x", "jwe", "encrypt", "--key", rsaPEM, "--alg", "RSA1_5", "--enc", "A128GCM"), []string{`note: "alg" "RSA1_5" is deprecated: RFC 8725 §3.2`}},
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
