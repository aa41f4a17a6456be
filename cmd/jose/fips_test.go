package main

import (
	"crypto/fips140"
	"encoding/base64"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// The tests of FIPS 140-3 mode of the command; `make test` runs them with
// GODEBUG=fips140=on and with fips140=only (JOSE_FIPS_TEST says which, so
// that a run that lost its GODEBUG fails instead of skipping).

func requireFIPS(t *testing.T) {
	t.Helper()
	v := os.Getenv("JOSE_FIPS_TEST")
	if v == "only" && !fips140.Enforced() {
		t.Fatal("JOSE_FIPS_TEST=only but FIPS 140-3 enforcement is off")
	}
	if fips140.Enabled() {
		return
	}
	if v != "" {
		t.Fatalf("JOSE_FIPS_TEST=%s but FIPS 140-3 mode is off", v)
	}
	t.Skip("needs FIPS 140-3 mode (GODEBUG=fips140=on or only)")
}

// refusedInFIPS reports whether the program runs in FIPS 140-3 mode and
// that mode refuses the algorithm or curve name; "none", which the command
// refuses by name before, is not counted.
func refusedInFIPS(name string) bool {
	return name != string(jwa.NoSignature) &&
		(jwa.SignatureAlgorithm(name).CheckFIPS() != nil || jwa.KeyAlgorithm(name).CheckFIPS() != nil ||
			jwa.ContentEncryption(name).CheckFIPS() != nil || jwa.Curve(name).CheckFIPS() != nil)
}

// mustRefuseInFIPS runs jose, which must refuse as FIPS 140-3 mode does:
// exit status 2, nothing on standard output, a message naming FIPS 140-3.
func mustRefuseInFIPS(t *testing.T, stdin string, args ...string) {
	t.Helper()
	out, errOut, code := runJose(t, stdin, args...)
	if code != exitUsage || out != "" || !strings.Contains(errOut, "FIPS 140-3") {
		t.Errorf("jose %s: exit %d, stdout %q, stderr %q; want exit 2 naming FIPS 140-3", strings.Join(args, " "), code, out, errOut)
	}
}

// TestInspectShowsFIPSStatus: inspect names each algorithm's FIPS 140-3
// status, in any mode, for a token it cannot verify.
func TestInspectShowsFIPSStatus(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	jws := enc([]byte(`{"alg":"ES256K"}`)) + "." + enc([]byte("p")) + "." + enc(make([]byte, 64))
	out := mustJose(t, 0, jws, "inspect")
	if !strings.Contains(out, "signature 0 alg ES256K: FIPS 140-3 not approved: secp256k1") {
		t.Errorf("inspect of an ES256K token:\n%s", out)
	}
	out = mustJose(t, 0, jweToken(t, `{"alg":"RSA1_5","enc":"A128GCM"}`, 256, 12), "inspect")
	for _, want := range []string{"recipient 0 alg RSA1_5: FIPS 140-3 not approved: RSAES-PKCS1-v1_5", "enc A128GCM: FIPS 140-3 approved: AES-GCM (SP 800-38D)"} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect lacks %q:\n%s", want, out)
		}
	}
}

// TestJWKGenShowsFIPSStatus: jwk gen says on standard error whether the
// key's algorithm and curve are approved; standard output is the key alone.
func TestJWKGenShowsFIPSStatus(t *testing.T) {
	out, errOut, code := runJose(t, "", "jwk", "gen", "--alg", "ECDH-ES+A128KW", "--crv", "P-384")
	if code != 0 || !strings.HasPrefix(out, `{"kty":"EC"`) || strings.Count(out, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q", code, out)
	}
	for _, want := range []string{"alg ECDH-ES+A128KW: FIPS 140-3 approved: ECC CDH (SP 800-56A", "crv P-384: FIPS 140-3 approved"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q: %s", want, errOut)
		}
	}
	if !fips140.Enabled() {
		_, errOut, _ = runJose(t, "", "jwk", "gen", "--kty", "OKP", "--crv", "X25519")
		if !strings.Contains(errOut, "crv X25519: FIPS 140-3 not approved") {
			t.Errorf("X25519: %s", errOut)
		}
	}
}

// TestFIPSRefusals: in FIPS 140-3 mode jose refuses each algorithm that is
// not approved, with exit status 2 and a message naming FIPS 140-3, and
// still signs, verifies, encrypts and decrypts with approved ones.
func TestFIPSRefusals(t *testing.T) {
	requireFIPS(t)
	dir := t.TempDir()
	es := genKey(t, dir, "es.json", "--alg", "ES256")
	esPub := writeFile(t, dir, "es.pub", mustJose(t, 0, "", "jwk", "pub", es))
	tok := mustJose(t, 0, "fips", "jws", "sign", "--key", es)
	if got := mustJose(t, 0, tok, "jws", "verify", "--key", esPub); got != "fips" {
		t.Fatalf("verify = %q", got)
	}
	kw := genKey(t, dir, "kw.json", "--alg", "A256GCMKW")
	jwe := mustJose(t, 0, "fips", "jwe", "encrypt", "--key", kw, "--enc", "A256GCM")
	if got := mustJose(t, 0, jwe, "jwe", "decrypt", "--key", kw); got != "fips" {
		t.Fatalf("decrypt = %q", got)
	}
	oct := genKey(t, dir, "oct.json", "--kty", "oct")
	for _, args := range [][]string{
		{"jwk", "gen", "--alg", "RSA1_5"},
		{"jwk", "gen", "--alg", "RSA-OAEP"},
		{"jwk", "gen", "--kty", "OKP", "--crv", "X25519"},
		{"jwk", "gen", "--kty", "EC", "--crv", "secp256k1"},
		{"jws", "sign", "--key", es, "--alg", "ES256K"},
		{"jws", "verify", "--key", esPub, "--alg", "ES256,Ed448"},
		{"jwe", "encrypt", "--key", rsaPEM, "--alg", "RSA1_5", "--enc", "A128GCM"},
		{"jwe", "encrypt", "--key", oct, "--alg", "A256KW", "--enc", "C20P"},
		{"jwe", "decrypt", "--key", kw, "--enc", "A256GCM,XC20P"},
		{"jwe", "decrypt", "--key", kw, "--alg", "A256GCMKW,HPKE-4"},
		{"jwt", "sign", "--key", oct, "--alg", "Ed448"},
	} {
		stdin := ""
		if args[1] == "verify" || args[1] == "decrypt" || args[1] == "encrypt" || args[1] == "sign" {
			stdin = jwe
			if args[0] == "jws" {
				stdin = tok
			}
		}
		out, errOut, code := runJose(t, stdin, args...)
		if code != 2 || out != "" || !strings.Contains(errOut, "FIPS 140-3") || strings.Contains(errOut, "crypto/") {
			t.Errorf("jose %s: exit %d, stdout %q, stderr %q; want exit 2 naming FIPS 140-3", strings.Join(args, " "), code, out, errOut)
		}
	}
}
