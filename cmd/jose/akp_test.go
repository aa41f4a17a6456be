//go:build go1.27

package main

import (
	"strings"
	"testing"
)

// TestAKP: with Go 1.27, jwk gen makes AKP keys for ML-DSA, which sign and
// verify through the command; --alg must name an ML-DSA parameter set.
func TestAKP(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "mldsa.json", "--kty", "AKP", "--alg", "ML-DSA-65", "--kid-thumbprint")
	if s := readFile(t, key); !strings.Contains(s, `"kty":"AKP"`) || !strings.Contains(s, `"alg":"ML-DSA-65"`) || !strings.Contains(s, `"priv":`) {
		t.Fatalf("jwk gen --kty AKP: %s", s)
	}
	pub := writeFile(t, dir, "mldsa.pub", mustJose(t, 0, "", "jwk", "pub", key))
	tok := mustJose(t, 0, "post-quantum", "jws", "sign", "--key", key)
	if got := mustJose(t, 0, tok, "jws", "verify", "--key", pub); got != "post-quantum" {
		t.Errorf("verify: %q", got)
	}
	mustJose(t, 1, tok, "jws", "verify", "--key", writeFile(t, dir, "other.pub", mustJose(t, 0, "", "jwk", "pub", genKey(t, dir, "other.json", "--alg", "ML-DSA-65"))))
	_, errOut, code := runJose(t, "", "jwk", "gen", "--kty", "AKP", "--alg", "ES256")
	if code != exitUsage || !strings.Contains(errOut, "--alg ES256 makes EC keys, not --kty AKP") {
		t.Errorf("AKP with ES256: exit %d, %s", code, errOut)
	}
}
