package main

import (
	"bytes"
	"crypto/fips140"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// libraryOption matches the name of a library option (WithAudience), or
// of a Go type the library advises its callers to use: the command's
// messages name its flags instead.
var libraryOption = regexp.MustCompile(`\b(With[A-Z][A-Za-z0-9]*|WeakRSAPublicKey)\b`)

// runJose runs the command in-process and returns its output and exit
// status. Whatever the command does, its standard error names no library
// option (flagHints).
func runJose(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	if m := libraryOption.FindString(errOut.String()); m != "" {
		t.Errorf("jose %s: stderr names the library option %s: %s", strings.Join(args, " "), m, errOut.String())
	}
	return out.String(), errOut.String(), code
}

// mustJose runs the command and fails the test unless it exits with want.
func mustJose(t *testing.T, want int, stdin string, args ...string) string {
	t.Helper()
	out, errOut, code := runJose(t, stdin, args...)
	if code != want {
		t.Fatalf("jose %s: exit %d, want %d; stderr: %s", strings.Join(args, " "), code, want, errOut)
	}
	if code != 0 {
		if errOut == "" || strings.Count(strings.TrimSuffix(errOut, "\n"), "\n") != 0 {
			t.Fatalf("jose %s: stderr must be one line, got %q", strings.Join(args, " "), errOut)
		}
		if out != "" {
			t.Fatalf("jose %s failed but wrote %q to stdout", strings.Join(args, " "), out)
		}
	}
	return out
}

// writeFile writes content to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// genKey makes a key file with jose jwk gen.
func genKey(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	return writeFile(t, dir, name, mustJose(t, 0, "", append([]string{"jwk", "gen"}, args...)...))
}

// Keys copied from the repository's testdata, so that the module's tests
// need nothing outside it (testdata/README.md).
const (
	rsaPEM       = "testdata/keys/rsa2048.pem"
	rsa1024PEM   = "testdata/keys/rsa1024.pem"
	rfc7638Key   = "testdata/keys/rfc7638_3.1.rsa_key.json"
	rfc8037Key   = "testdata/keys/rfc8037_A.1.ed25519_private.json"
	rfc7638Thumb = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" // RFC 7638 §3.1
)

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"help"}, 0},
		{[]string{"frobnicate"}, 2},
		{[]string{"jws"}, 2},
		{[]string{"jws", "frob"}, 2},
		{[]string{"jws", "verify", "--no-such-flag"}, 2},
		{[]string{"jws", "verify", "-h"}, 0},
		{[]string{"jwk", "pub", "a", "b"}, 2},
		{[]string{"jwk", "gen"}, 2},
		{[]string{"jwk", "gen", "--kty", "oct", "--kid", "a", "--kid-thumbprint"}, 2},
		{[]string{"jwk", "gen", "--kty", "RSA", "--alg", "ES256"}, 2},
		{[]string{"jwk", "thumbprint", "--hash", "MD5", rfc7638Key}, 2},
		{[]string{"jwk", "convert", "--to", "der", rfc7638Key}, 2},
		{[]string{"jws", "sign", "--alg", "HS256"}, 2}, // no --key
		{[]string{"--version"}, 0},
		{[]string{"completion", "bash"}, 0},
		{[]string{"jwk", "gen", "--kty", "EC", "--crv", "secp256k1"}, 0},
		{[]string{"jwt", "sign", "--key", rfc8037Key, "--alg", "EdDSA", "x"}, 2}, // no FILE
	} {
		want := tc.code
		if slices.ContainsFunc(tc.args, refusedInFIPS) {
			want = exitUsage
		}
		_, errOut, code := runJose(t, "x", tc.args...)
		if code != want {
			t.Errorf("jose %v: exit %d, want %d (stderr %q)", tc.args, code, want, errOut)
		}
		if code == 2 && strings.Count(strings.TrimSuffix(errOut, "\n"), "\n") != 0 && len(tc.args) > 0 {
			t.Errorf("jose %v: stderr is not one line: %q", tc.args, errOut)
		}
	}
}

func TestJWKGolden(t *testing.T) {
	if got := mustJose(t, 0, "", "jwk", "thumbprint", rfc7638Key); got != rfc7638Thumb+"\n" {
		t.Errorf("thumbprint = %q", got)
	}
	uri := mustJose(t, 0, "", "jwk", "thumbprint", "--uri", rfc7638Key)
	if uri != "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"+rfc7638Thumb+"\n" {
		t.Errorf("thumbprint --uri = %q", uri)
	}
	// RFC 8037 §A.3: the thumbprint of the Ed25519 key of §A.1.
	if got := mustJose(t, 0, "", "jwk", "thumbprint", rfc8037Key); got != "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k\n" {
		t.Errorf("RFC 8037 thumbprint = %q", got)
	}
	// jwk pub of a private key prints the public members only, canonically.
	want := `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}` + "\n"
	if got := mustJose(t, 0, "", "jwk", "pub", rfc8037Key); got != want {
		t.Errorf("jwk pub = %q, want %q", got, want)
	}
	// From standard input, and a JWK Set.
	data, _ := os.ReadFile(rfc8037Key)
	if got := mustJose(t, 0, string(data), "jwk", "pub"); got != want {
		t.Errorf("jwk pub from stdin = %q", got)
	}
	set := `{"keys":[` + string(data) + `,{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQ"}]}`
	if got := mustJose(t, 0, set, "jwk", "pub", "-"); got != `{"keys":[`+strings.TrimSuffix(want, "\n")+"]}\n" {
		t.Errorf("jwk pub of a set = %q", got)
	}
	mustJose(t, 2, `{"kty":"oct","k":"c2VjcmV0"}`, "jwk", "pub")
}

func TestJWKGenAndConvert(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--kty", "EC"}, {"--kty", "EC", "--crv", "P-384"}, {"--kty", "EC", "--crv", "P-521"},
		{"--kty", "OKP"}, {"--kty", "OKP", "--crv", "X25519"},
		{"--kty", "oct"}, {"--kty", "oct", "--size", "512"},
		{"--kty", "oct", "--alg", "HS384", "--use", "sig"},
		{"--kty", "EC", "--alg", "ECDH-ES+A128KW", "--kid", "k1"},
		{"--alg", "A256GCMKW"},
	} {
		if slices.ContainsFunc(args, refusedInFIPS) {
			mustRefuseInFIPS(t, "", append([]string{"jwk", "gen"}, args...)...)
			continue
		}
		out := mustJose(t, 0, "", append([]string{"jwk", "gen"}, args...)...)
		if !strings.HasPrefix(out, `{"kty":`) {
			t.Errorf("jwk gen %v = %q", args, out)
		}
	}
	key := genKey(t, dir, "tp.json", "--kty", "EC", "--kid-thumbprint")
	data, _ := os.ReadFile(key)
	tp := mustJose(t, 0, "", "jwk", "thumbprint", key)
	if !strings.Contains(string(data), `"kid":"`+strings.TrimSpace(tp)+`"`) {
		t.Errorf("--kid-thumbprint: key %s, thumbprint %s", data, tp)
	}

	// The one RSA generation of the tests.
	rsa := mustJose(t, 0, "", "jwk", "gen", "--kty", "RSA", "--alg", "PS256")
	if !strings.Contains(rsa, `"alg":"PS256"`) || !strings.Contains(rsa, `"qi":`) {
		t.Errorf("jwk gen --kty RSA = %s", rsa)
	}

	// PEM → JWK → PEM gives the PEM back (PKCS#8).
	ecPEM := "testdata/keys/ec-p256-pkcs8.pem"
	asJWK := writeFile(t, dir, "ec.json", mustJose(t, 0, "", "jwk", "convert", ecPEM))
	back := mustJose(t, 0, "", "jwk", "convert", asJWK)
	orig, _ := os.ReadFile(ecPEM)
	if strings.TrimSpace(back) != strings.TrimSpace(string(orig)) {
		t.Errorf("PEM round trip:\n%s\nwant\n%s", back, orig)
	}
	if out := mustJose(t, 0, "", "jwk", "convert", "--to", "jwk", asJWK); !strings.HasPrefix(out, `{"kty":"EC"`) {
		t.Errorf("--to jwk of a JWK = %q", out)
	}
	mustJose(t, 2, "", "jwk", "convert", genKey(t, dir, "oct.json", "--kty", "oct")) // a secret has no PEM
	mustJose(t, 2, "", "jwk", "convert", "testdata/keys/ec-p256-pkcs8-encrypted.pem")
}

func TestBadKeyFiles(t *testing.T) {
	dir := t.TempDir()
	hs := genKey(t, dir, "hs.json", "--alg", "HS256")
	tok := writeFile(t, dir, "tok", mustJose(t, 0, "p", "jws", "sign", "--key", hs))
	for name, content := range map[string]string{
		"empty.json":   "",
		"garbage.json": "hello",
		"broken.json":  `{"kty":"EC","crv":"P-256","x":"AAAA"}`,
		"dup.json":     `{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQ","k":"eA"}`,
		"badpem.pem":   "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
		"emptyset":     `{"keys":[]}`,
	} {
		p := writeFile(t, dir, name, content)
		mustJose(t, 2, "", "jws", "verify", "--key", p, "--alg", "HS256", tok)
	}
	mustJose(t, 2, "", "jws", "verify", "--key", filepath.Join(dir, "missing.json"), "--alg", "HS256", tok)
	// A weak RSA key is read, but refused for signing and verifying.
	mustJose(t, 2, "p", "jws", "sign", "--key", rsa1024PEM, "--alg", "RS256")
	mustJose(t, 2, "", "jws", "verify", "--key", rsa1024PEM, "--alg", "RS256", tok)
	// A key of the wrong type for --alg, a key bound to another alg.
	mustJose(t, 2, "", "jws", "verify", "--key", rsaPEM, "--alg", "HS256", tok)
	mustJose(t, 2, "", "jws", "verify", "--key", hs, "--alg", "HS384", tok)
	// Unknown algorithm names and none.
	mustJose(t, 2, "", "jws", "verify", "--key", hs, "--alg", "HS999", tok)
	mustJose(t, 2, "", "jws", "verify", "--key", hs, "--alg", "none", tok)
	mustJose(t, 2, "p", "jws", "sign", "--key", hs, "--alg", "none")
	// A PEM key has no alg: --alg is then required.
	mustJose(t, 2, "", "jws", "verify", "--key", rsaPEM, tok)
}

// TestJWSGolden pins deterministic signatures: RFC 8037 §A.4 (Ed25519) and
// an HS256 token with a fixed header.
func TestJWSGolden(t *testing.T) {
	const rfc8037A4 = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
	if got := mustJose(t, 0, "Example of Ed25519 signing", "jws", "sign", "--key", rfc8037Key, "--alg", "EdDSA"); got != rfc8037A4+"\n" {
		t.Errorf("RFC 8037 A.4:\n got %s\nwant %s", got, rfc8037A4)
	}
	pub := writeFile(t, t.TempDir(), "pub.json", mustJose(t, 0, "", "jwk", "pub", rfc8037Key))
	if got := mustJose(t, 0, rfc8037A4+"\n", "jws", "verify", "--key", pub, "--alg", "EdDSA"); got != "Example of Ed25519 signing" {
		t.Errorf("verify RFC 8037 A.4 = %q", got)
	}

	dir := t.TempDir()
	hs := writeFile(t, dir, "hs.json", `{"kty":"oct","kid":"k1","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`)
	const want = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiZXhhbXBsZSJ9.aGVsbG8.g27wA2H2SQ9RlHqjPYsLzrxWqNQuCeMd2MJX0_zTqKA" // checked with Python hmac
	got := mustJose(t, 0, "hello", "jws", "sign", "--key", hs, "--header", `{"typ":"example"}`)
	if got != want+"\n" {
		t.Errorf("HS256 golden:\n got %s\nwant %s", got, want)
	}
}

func TestJWSRoundTrips(t *testing.T) {
	dir := t.TempDir()
	keys := map[string]string{
		"HS256": genKey(t, dir, "hs256.json", "--kty", "oct", "--size", "256"),
		"HS384": genKey(t, dir, "hs384.json", "--kty", "oct", "--size", "384"),
		"HS512": genKey(t, dir, "hs512.json", "--kty", "oct", "--size", "512"),
		"RS256": rsaPEM, "RS384": rsaPEM, "RS512": rsaPEM,
		"PS256": rsaPEM, "PS384": rsaPEM, "PS512": rsaPEM,
		"ES256":   genKey(t, dir, "p256.json", "--kty", "EC"),
		"ES384":   genKey(t, dir, "p384.json", "--kty", "EC", "--crv", "P-384"),
		"ES512":   genKey(t, dir, "p521.json", "--kty", "EC", "--crv", "P-521"),
		"EdDSA":   genKey(t, dir, "ed.json", "--kty", "OKP"),
		"Ed25519": genKey(t, dir, "ed2.json", "--kty", "OKP"),
	}
	payload := "\x00\x01binary\xff\n" // passed through byte for byte
	for alg, key := range keys {
		for _, format := range []string{"compact", "flattened", "general"} {
			tok := mustJose(t, 0, payload, "jws", "sign", "--key", key, "--alg", alg, "--format", format)
			verifyKey := key
			if key != rsaPEM && !strings.HasPrefix(alg, "HS") {
				verifyKey = writeFile(t, dir, alg+".pub.json", mustJose(t, 0, "", "jwk", "pub", key))
			}
			if got := mustJose(t, 0, tok+"\n\n", "jws", "verify", "--key", verifyKey, "--alg", alg); got != payload {
				t.Errorf("%s %s: payload %q", alg, format, got)
			}
			// A changed signature fails with status 1.
			bad := strings.Replace(tok, "A", "B", 1)
			if bad != tok {
				if _, _, code := runJose(t, bad, "jws", "verify", "--key", verifyKey, "--alg", alg); code != 1 {
					t.Errorf("%s %s: tampered token: exit %d", alg, format, code)
				}
			}
		}
	}
}

func TestJWSOptions(t *testing.T) {
	dir := t.TempDir()
	ec := genKey(t, dir, "ec.json", "--alg", "ES256", "--kid", "e")
	ed := genKey(t, dir, "ed.json", "--alg", "Ed25519", "--kid", "d")
	ecPub := writeFile(t, dir, "ec.pub", mustJose(t, 0, "", "jwk", "pub", ec))
	edPub := writeFile(t, dir, "ed.pub", mustJose(t, 0, "", "jwk", "pub", ed))

	// Several keys: general JSON, each key verifies it, --alg once per key.
	tok := mustJose(t, 0, "multi", "jws", "sign", "--key", ec, "--key", ed, "--alg", "ES256", "--alg", "Ed25519")
	if !strings.Contains(tok, `"signatures"`) {
		t.Fatalf("several keys did not give general JSON: %s", tok)
	}
	for _, k := range []string{ecPub, edPub} {
		if got := mustJose(t, 0, tok, "jws", "verify", "--key", k); got != "multi" {
			t.Errorf("verify with %s = %q", k, got)
		}
	}
	mustJose(t, 2, "x", "jws", "sign", "--key", ec, "--key", ed, "--alg", "ES256,Ed25519,HS256")
	mustJose(t, 2, "x", "jws", "sign", "--key", ec, "--key", ed, "--format", "flattened")

	// A JWK Set chooses by kid; its keys' algs are the allow-list.
	set := writeFile(t, dir, "set.json", `{"keys":[`+strings.TrimSpace(mustJose(t, 0, "", "jwk", "pub", ec))+","+strings.TrimSpace(mustJose(t, 0, "", "jwk", "pub", ed))+"]}")
	edTok := mustJose(t, 0, "by kid", "jws", "sign", "--key", ed)
	if got := mustJose(t, 0, edTok, "jws", "verify", "--key", set); got != "by kid" {
		t.Errorf("verify with a set = %q", got)
	}
	// --alg narrower than the token: the token fails (1).
	mustJose(t, 1, edTok, "jws", "verify", "--key", set, "--alg", "ES256")
	// Wrong key: 1.
	mustJose(t, 1, edTok, "jws", "verify", "--key", ecPub, "--alg", "ES256")

	// Detached payload.
	det := mustJose(t, 0, "detached", "jws", "sign", "--key", ec, "--detached")
	if strings.Count(det, ".") != 2 || strings.Contains(det, "..") == false {
		t.Errorf("detached token %q", det)
	}
	pf := writeFile(t, dir, "payload", "detached")
	if got := mustJose(t, 0, det, "jws", "verify", "--key", ecPub, "--payload", pf); got != "detached" {
		t.Errorf("detached verify = %q", got)
	}
	mustJose(t, 1, det, "jws", "verify", "--key", ecPub, "--payload", writeFile(t, dir, "other", "other"))
	mustJose(t, 2, "", "jws", "verify", "--key", ecPub, "--payload", "-")

	// RFC 7797 unencoded payload.
	unenc := mustJose(t, 0, "$.02", "jws", "sign", "--key", ec, "--unencoded", "--format", "flattened")
	if !strings.Contains(unenc, `"payload":"$.02"`) {
		t.Errorf("unencoded token %s", unenc)
	}
	if got := mustJose(t, 0, unenc, "jws", "verify", "--key", ecPub); got != "$.02" {
		t.Errorf("unencoded verify = %q", got)
	}
	mustJose(t, 2, "x", "jws", "sign", "--key", ec, "--header", "[1]")
	mustJose(t, 1, "not a token", "jws", "verify", "--key", ecPub)
	mustJose(t, 1, "\n", "jws", "verify", "--key", ecPub)
}

func TestJWERoundTrips(t *testing.T) {
	dir := t.TempDir()
	oct := func(bits string) string { return genKey(t, dir, "oct"+bits+".json", "--kty", "oct", "--size", bits) }
	ec := genKey(t, dir, "ec.json", "--kty", "EC")
	xArgs := []string{"--kty", "OKP", "--crv", "X25519"}
	if fips140.Enabled() {
		xArgs = []string{"--kty", "EC", "--crv", "P-384"} // X25519 is refused in FIPS 140-3 mode
	}
	x := genKey(t, dir, "x.json", xArgs...)
	cases := []struct{ alg, enc, key string }{
		{"RSA1_5", "A128CBC-HS256", rsaPEM},
		{"RSA-OAEP", "A256GCM", rsaPEM},
		{"RSA-OAEP-256", "A192GCM", rsaPEM},
		{"RSA-OAEP-384", "A128GCM", rsaPEM},
		{"RSA-OAEP-512", "A192CBC-HS384", rsaPEM},
		{"A128KW", "A256CBC-HS512", oct("128")},
		{"A192KW", "A128GCM", oct("192")},
		{"A256KW", "A256GCM", oct("256")},
		{"A128GCMKW", "A128GCM", oct("128")},
		{"A192GCMKW", "A128GCM", oct("192")},
		{"A256GCMKW", "A128GCM", oct("256")},
		{"dir", "A256GCM", oct("256")},
		{"dir", "A256CBC-HS512", oct("512")},
		{"ECDH-ES", "A128GCM", ec},
		{"ECDH-ES+A128KW", "A128GCM", ec},
		{"ECDH-ES+A192KW", "A192GCM", ec},
		{"ECDH-ES+A256KW", "A256GCM", x},
		{"A256KW", "C20P", oct("256")},
		{"A256KW", "XC20P", oct("256")},
	}
	plaintext := "\x00secret\xff\r\n"
	for _, c := range cases {
		if refusedInFIPS(c.alg) || refusedInFIPS(c.enc) {
			continue // fips_test.go checks the refusal
		}
		encKey := c.key
		if c.key == ec || c.key == x {
			encKey = writeFile(t, dir, c.alg+".pub", mustJose(t, 0, "", "jwk", "pub", c.key))
		}
		for _, format := range []string{"compact", "flattened", "general"} {
			tok := mustJose(t, 0, plaintext, "jwe", "encrypt", "--key", encKey, "--alg", c.alg, "--enc", c.enc, "--format", format)
			got := mustJose(t, 0, tok+"\n", "jwe", "decrypt", "--key", c.key, "--alg", c.alg, "--enc", c.enc)
			if got != plaintext {
				t.Errorf("%s %s %s: %q", c.alg, c.enc, format, got)
			}
		}
	}
	// PBES2 with a password file, and with an oct JWK holding the password.
	pw := writeFile(t, dir, "pw", "correct horse battery staple\n")
	for _, alg := range []string{"PBES2-HS256+A128KW", "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"} {
		tok := mustJose(t, 0, "pbes2", "jwe", "encrypt", "--password-file", pw, "--alg", alg, "--enc", "A128GCM")
		if got := mustJose(t, 0, tok, "jwe", "decrypt", "--password-file", pw); got != "pbes2" {
			t.Errorf("%s: %q", alg, got)
		}
		mustJose(t, 1, tok, "jwe", "decrypt", "--password-file", writeFile(t, dir, "pw2", "wrong"))
	}
	pwKey := writeFile(t, dir, "pw.json", `{"kty":"oct","alg":"PBES2-HS256+A128KW","k":"Y29ycmVjdCBob3JzZQ"}`)
	tok := mustJose(t, 0, "pbes2 jwk", "jwe", "encrypt", "--key", pwKey, "--enc", "A256GCM")
	if got := mustJose(t, 0, tok, "jwe", "decrypt", "--key", pwKey); got != "pbes2 jwk" {
		t.Errorf("PBES2 JWK: %q", got)
	}
}

func TestJWEOptions(t *testing.T) {
	dir := t.TempDir()
	a := genKey(t, dir, "a.json", "--alg", "A128KW", "--kid", "a")
	b := genKey(t, dir, "b.json", "--alg", "ECDH-ES+A256KW", "--kid", "b")
	bPub := writeFile(t, dir, "b.pub", mustJose(t, 0, "", "jwk", "pub", b))

	// Two recipients: general JSON; each decrypts with its own key and alg.
	tok := mustJose(t, 0, "two", "jwe", "encrypt", "--key", a, "--key", bPub, "--enc", "A128CBC-HS256", "--zip", "DEF", "--cty", "text/plain", "--header", `{"x":1}`)
	for _, k := range []string{a, b} {
		if got := mustJose(t, 0, tok, "jwe", "decrypt", "--key", k); got != "two" {
			t.Errorf("decrypt with %s = %q", k, got)
		}
	}
	inspectOut := mustJose(t, 0, tok, "inspect")
	for _, want := range []string{"JWE, general JSON serialization, 2 recipient(s)", "UNVERIFIED", `"zip":"DEF"`, `"cty":"text/plain"`, `"kid":"b"`} {
		if !strings.Contains(inspectOut, want) {
			t.Errorf("inspect lacks %q:\n%s", want, inspectOut)
		}
	}
	// An enc outside the allow-list, a wrong key: 1.
	mustJose(t, 1, tok, "jwe", "decrypt", "--key", a, "--enc", "A256GCM")
	mustJose(t, 1, tok, "jwe", "decrypt", "--key", genKey(t, dir, "c.json", "--alg", "A128KW", "--kid", "a"))
	// Usage: no --enc, unknown --enc, bad --zip, key without alg and no --alg.
	mustJose(t, 2, "x", "jwe", "encrypt", "--key", a)
	mustJose(t, 2, "x", "jwe", "encrypt", "--key", a, "--enc", "A1GCM")
	mustJose(t, 2, "x", "jwe", "encrypt", "--key", a, "--enc", "A128GCM", "--zip", "GZ")
	mustJose(t, 2, tok, "jwe", "decrypt", "--key", genKey(t, dir, "noalg.json", "--kty", "oct", "--size", "128"))
	mustJose(t, 2, tok, "jwe", "decrypt", "--key", a, "--alg", "HS256")
	mustJose(t, 1, "a.b.c.d.e", "jwe", "decrypt", "--key", a)
}

func TestJWT(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "es.json", "--alg", "ES256")
	pub := writeFile(t, dir, "es.pub", mustJose(t, 0, "", "jwk", "pub", key))
	claims := writeFile(t, dir, "claims.json", `{"scope":"read","n":12345678901234,"sub":"overridden"}`)

	tok := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--claims", claims, "--iss", "me", "--sub", "alice", "--aud", "api", "--exp", "15m", "--nbf", "-1m", "--iat", "--jti", "--typ", "at+jwt")
	out := mustJose(t, 0, tok, "jwt", "verify", "--key", pub, "--iss", "me", "--aud", "api", "--sub", "alice", "--typ", "at+jwt", "--require", "jti,scope")
	for _, want := range []string{`"scope": "read"`, `"sub": "alice"`, `"iss": "me"`, `"aud": "api"`, `"jti": "`} {
		if !strings.Contains(out, want) {
			t.Errorf("claims lack %s:\n%s", want, out)
		}
	}
	for name, args := range map[string][]string{
		"no aud given":  {"--iss", "me"},
		"other aud":     {"--aud", "other"},
		"other iss":     {"--aud", "api", "--iss", "you"},
		"other sub":     {"--aud", "api", "--sub", "bob"},
		"other typ":     {"--aud", "api", "--typ", "JWT"},
		"missing claim": {"--aud", "api", "--require", "email"},
		"wrong alg":     {"--aud", "api", "--alg", "ES384"},
	} {
		code := 1
		if name == "wrong alg" {
			code = 2 // the key is bound to ES256
		}
		if _, errOut, c := runJose(t, tok, append([]string{"jwt", "verify", "--key", pub}, args...)...); c != code {
			t.Errorf("%s: exit %d, want %d (%s)", name, c, code, errOut)
		}
	}
	// exp: required unless --allow-no-exp; an expired token fails; leeway.
	noExp := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--sub", "x")
	mustJose(t, 1, noExp, "jwt", "verify", "--key", pub)
	mustJose(t, 0, noExp, "jwt", "verify", "--key", pub, "--allow-no-exp")
	expired := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--exp", "-1m")
	mustJose(t, 1, expired, "jwt", "verify", "--key", pub)
	mustJose(t, 0, expired, "jwt", "verify", "--key", pub, "--leeway", "5m")
	mustJose(t, 2, "", "jwt", "sign", "--key", key, "--exp", "15 minutes")
	mustJose(t, 2, "", "jwt", "sign", "--key", key, "--claims", writeFile(t, dir, "arr.json", "[1]"))
	mustJose(t, 1, "e30.e30.", "jwt", "verify", "--key", pub)

	// Nested: sign, then encrypt to an X25519 key with jwe encrypt --cty JWT.
	crv := "X25519"
	if fips140.Enabled() {
		crv = "P-256" // X25519 is refused in FIPS 140-3 mode
	}
	enc := genKey(t, dir, "x.json", "--alg", "ECDH-ES", "--crv", crv)
	encPub := writeFile(t, dir, "x.pub", mustJose(t, 0, "", "jwk", "pub", enc))
	signed := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--exp", "1h", "--sub", "nested")
	nested := mustJose(t, 0, strings.TrimSpace(signed), "jwe", "encrypt", "--key", encPub, "--enc", "A256GCM", "--cty", "JWT")
	out = mustJose(t, 0, nested, "jwt", "verify", "--key", pub, "--decrypt-key", enc, "--enc", "A256GCM", "--key-alg", "ECDH-ES")
	if !strings.Contains(out, `"sub": "nested"`) {
		t.Errorf("nested claims: %s", out)
	}
	mustJose(t, 0, nested, "jwt", "verify", "--key", pub, "--decrypt-key", enc) // defaults: the key's alg, RFC 7518 encs
	mustJose(t, 1, nested, "jwt", "verify", "--key", pub)                       // a JWE where a JWS is expected
	mustJose(t, 1, signed, "jwt", "verify", "--key", pub, "--decrypt-key", enc) // and the other way round
	mustJose(t, 2, signed, "jwt", "verify", "--key", pub, "--enc", "A256GCM")   // --enc without --decrypt-key
}

func TestInspect(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "hs.json", "--alg", "HS256", "--kid", "k")
	tok := mustJose(t, 0, `{"a":1}`, "jws", "sign", "--key", key)
	out := mustJose(t, 0, tok+"\n", "inspect")
	for _, want := range []string{"JWS, compact serialization", "UNVERIFIED", "\"a\": 1", `protected header: {"alg":"HS256","kid":"k"}`} {
		if !strings.Contains(out, want) {
			t.Errorf("inspect lacks %q:\n%s", want, out)
		}
	}
	// A bad signature does not matter to inspect.
	bad := tok[:len(tok)-3] + "AAA"
	mustJose(t, 0, bad, "inspect")
	flat := mustJose(t, 0, "text", "jws", "sign", "--key", key, "--format", "flattened")
	if out := mustJose(t, 0, flat, "inspect", "-"); !strings.Contains(out, "flattened JSON") || !strings.Contains(out, "text") {
		t.Errorf("inspect flattened:\n%s", out)
	}
	for _, junk := range []string{"", "hello", "a.b", "{}", "{not json", "a.b.c.d.e"} {
		mustJose(t, 1, junk, "inspect")
	}
}

// TestRemoteKeySet fetches the verification key set from an httptest server
// on loopback.
func TestRemoteKeySet(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "ec.json", "--alg", "ES256", "--kid", "remote")
	set := `{"keys":[` + strings.TrimSpace(mustJose(t, 0, "", "jwk", "pub", key)) + `]}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(set))
	}))
	defer srv.Close()
	tok := mustJose(t, 0, "remote payload", "jws", "sign", "--key", key)
	if got := mustJose(t, 0, tok, "jws", "verify", "--key", srv.URL+"/jwks.json", "--allow-http"); got != "remote payload" {
		t.Errorf("remote verify = %q", got)
	}
	mustJose(t, 2, tok, "jws", "verify", "--key", srv.URL+"/jwks.json") // http without --allow-http

	jwtTok := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--exp", "1m")
	mustJose(t, 0, jwtTok, "jwt", "verify", "--key", srv.URL, "--allow-http")

	srv404 := httptest.NewServer(http.NotFoundHandler())
	defer srv404.Close()
	start := time.Now()
	mustJose(t, 2, tok, "jws", "verify", "--key", srv404.URL, "--allow-http", "--alg", "ES256")
	if time.Since(start) > 5*time.Second {
		t.Error("a failed fetch took too long")
	}
}

func TestExitCodeOfPlainErrors(t *testing.T) {
	if c := exitCode(usagef("x")); c != 2 {
		t.Errorf("usage error: %d", c)
	}
	if c := exitCode(os.ErrNotExist); c != 2 {
		t.Errorf("unknown error: %d", c)
	}
}

// readFile returns the content of a file the test wrote.
func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
