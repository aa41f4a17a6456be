package main

import (
	"strings"
	"testing"
)

// The symmetric key of RFC 7520 §5.6 and the compact token made with it:
// a key whose "alg" is a content encryption (A128GCM), used with "dir".
const (
	rfc7520DirKey   = `{"kty":"oct","kid":"77c7e2b8-6e13-45cf-8672-617b5b45243a","use":"enc","alg":"A128GCM","k":"XctOhJAkA-pD9Lh7ZgW_2A"}`
	rfc7520DirToken = "eyJhbGciOiJkaXIiLCJraWQiOiI3N2M3ZTJiOC02ZTEzLTQ1Y2YtODY3Mi02MTdiNWI0NTI0M2EiLCJlbmMiOiJBMTI4R0NNIn0" +
		"..refa467QzzKx6QAB." +
		"JW_i_f52hww_ELQPGaYyeAB6HYGcR559l9TYnSovc23XJoBcW29rHP8yZOZG7YhLpT1bjFuvZPjQS-m0IFtVcXkZXdH_lr_FrdYt9HRUYkshtrMmIUAyGmUnd9zMDB2n0cRDIHAzFVeJUDxkUwVAE7_YGRPdcqMyiBoCO-FBdE-Nceb4h3-FtBP-c_BIwCPTjb9o0SbdcdREEMJMyZBH8ySWMVi1gPD9yxi-aQpGbSv_F9N4IZAxscj5g-NJsUPbjk29-s7LJAGb15wEBtXphVCgyy53CoIKLHHeJHXex45Uz9aKZSRSInZI-wjsY0yu3cT4_aQ3i1o-tiE-F8Ios61EKgyIQ4CWao8PFMj8TTnp" +
		".vbb32Xvllea2OtmHAdccRQ"
	rfc7520Plaintext = "You can trust us to stick with you through thick and thin–to the bitter end."
)

// TestDirKeyOwnAlg: a key whose "alg" names a content encryption is a dir
// key for that encryption (RFC 7518 §4.5, RFC 7520 §5.6): jwe decrypt
// infers --alg dir from it, and jwe encrypt infers --alg dir and --enc; an
// --enc other than the key's is refused, on encrypt and on decrypt.
func TestDirKeyOwnAlg(t *testing.T) {
	dir := t.TempDir()
	key := writeFile(t, dir, "dir.json", rfc7520DirKey)
	if got := mustJose(t, 0, rfc7520DirToken, "jwe", "decrypt", "--key", key); !strings.HasPrefix(got, rfc7520Plaintext) {
		t.Fatalf("RFC 7520 §5.6 plaintext: %q", got)
	}
	tok := strings.TrimSpace(mustJose(t, 0, "hello", "jwe", "encrypt", "--key", key))
	if out := mustJose(t, 0, tok, "inspect"); !strings.Contains(out, `"alg":"dir"`) || !strings.Contains(out, `"enc":"A128GCM"`) {
		t.Fatalf("header of the token made with the key's own alg:\n%s", out)
	}
	if got := mustJose(t, 0, tok, "jwe", "decrypt", "--key", key); got != "hello" {
		t.Fatalf("round trip: %q", got)
	}
	// The nested JWT of jwt sign --encrypt-key infers the same.
	sig := writeFile(t, dir, "es.json", mustJose(t, 0, "", "jwk", "gen", "--alg", "ES256"))
	pub := writeFile(t, dir, "es.pub", mustJose(t, 0, "", "jwk", "pub", sig))
	nested := mustJose(t, 0, "", "jwt", "sign", "--key", sig, "--sub", "dir", "--exp", "1h", "--encrypt-key", key)
	if got := mustJose(t, 0, nested, "jwt", "verify", "--key", pub, "--decrypt-key", key); !strings.Contains(got, `"sub": "dir"`) {
		t.Fatalf("nested: %s", got)
	}
	// The key is bound to A128GCM: another --enc is refused.
	_, errOut, code := runJose(t, "hello", "jwe", "encrypt", "--key", key, "--enc", "A256GCM")
	if code != 2 || !strings.Contains(errOut, "A128GCM") {
		t.Fatalf("encrypt with another enc: exit %d, %s", code, errOut)
	}
	_, errOut, code = runJose(t, rfc7520DirToken, "jwe", "decrypt", "--key", key, "--enc", "A256GCM")
	if code != 1 || !strings.Contains(errOut, "A128GCM") {
		t.Fatalf("decrypt with another enc: exit %d, %s", code, errOut)
	}
}
