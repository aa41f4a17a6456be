//go:build !go1.27

package main

import (
	"strings"
	"testing"
)

// TestAKPNeedsGo127: built with Go 1.26, the command has no ML-DSA and says
// so clearly, as a usage error, wherever ML-DSA is asked for.
func TestAKPNeedsGo127(t *testing.T) {
	dir := t.TempDir()
	hs := genKey(t, dir, "hs.json", "--alg", "HS256")
	tok := mustJose(t, 0, "x", "jws", "sign", "--key", hs)
	// An AKP key as draft-ietf-cose-dilithium writes it (pub abbreviated).
	akp := writeFile(t, dir, "akp.json", `{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA"}`)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"jwk", "gen", "--kty", "AKP", "--alg", "ML-DSA-65"}, "ML-DSA (AKP keys) needs a jose built with Go 1.27 or later"},
		{[]string{"jwk", "gen", "--alg", "ML-DSA-44"}, "ML-DSA (AKP keys) needs a jose built with Go 1.27 or later"},
		{[]string{"jws", "verify", "--key", hs, "--alg", "ML-DSA-87"}, "--alg ML-DSA-87: ML-DSA (AKP keys) needs a jose built with Go 1.27"},
		{[]string{"jws", "verify", "--key", akp}, "needs Go 1.27 or later"},
	} {
		out, errOut, code := runJose(t, tok, tc.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("jose %v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}
