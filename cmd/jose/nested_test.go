package main

import (
	"crypto/fips140"
	"slices"
	"strings"
	"testing"
)

// TestNestedJWT: jwt sign --encrypt-key signs, then encrypts (cty "JWT"),
// the counterpart of jwt verify --decrypt-key, with every kind of
// recipient key and --zip.
func TestNestedJWT(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "es.json", "--alg", "ES256")
	pub := writeFile(t, dir, "es.pub", mustJose(t, 0, "", "jwk", "pub", key))
	for _, tc := range []struct {
		name    string
		gen     []string
		encArgs []string
	}{
		{"X448 with DEF", []string{"--alg", "ECDH-ES+A256KW", "--crv", "X448"}, []string{"--enc", "A256GCM", "--zip", "DEF"}},
		{"P-256 direct", []string{"--alg", "ECDH-ES"}, []string{"--enc", "A128CBC-HS256"}},
		{"HPKE Integrated", []string{"--alg", "HPKE-3"}, nil},
		{"HPKE Key Encryption", []string{"--alg", "HPKE-0-KE"}, []string{"--enc", "A256GCM"}},
		{"key wrap, alg given", []string{"--kty", "oct", "--size", "128"}, []string{"--key-alg", "A128KW", "--enc", "A128GCM"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if slices.ContainsFunc(tc.gen, refusedInFIPS) {
				mustRefuseInFIPS(t, "", append([]string{"jwk", "gen"}, tc.gen...)...)
				return
			}
			dec := genKey(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".json", tc.gen...)
			recipient := dec
			if !strings.Contains(tc.name, "key wrap") {
				recipient = writeFile(t, dir, strings.ReplaceAll(tc.name, " ", "_")+".pub", mustJose(t, 0, "", "jwk", "pub", dec))
			}
			args := append([]string{"jwt", "sign", "--key", key, "--sub", "nested", "--exp", "1h", "--encrypt-key", recipient}, tc.encArgs...)
			tok := mustJose(t, 0, "", args...)
			if strings.Count(tok, ".") != 4 {
				t.Fatalf("not a compact JWE: %s", tok)
			}
			out := mustJose(t, 0, tok, "inspect")
			if !strings.Contains(out, `"cty":"JWT"`) || strings.Contains(tc.name, "DEF") != strings.Contains(out, `"zip":"DEF"`) {
				t.Errorf("outer header:\n%s", out)
			}
			verify := []string{"jwt", "verify", "--key", pub, "--decrypt-key", dec}
			if strings.Contains(tc.name, "key wrap") {
				verify = append(verify, "--key-alg", "A128KW")
			}
			if got := mustJose(t, 0, tok, verify...); !strings.Contains(got, `"sub": "nested"`) {
				t.Errorf("claims: %s", got)
			}
			// The signed token inside is the only thing accepted: without
			// the decryption key it is a JWE where a JWS is expected.
			mustJose(t, 1, tok, "jwt", "verify", "--key", pub)
		})
	}
	enc := genKey(t, dir, "kw.json", "--alg", "A256KW")
	for _, args := range [][]string{
		{"--enc", "A256GCM"},                       // --enc without --encrypt-key
		{"--zip", "DEF"},                           // --zip without --encrypt-key
		{"--encrypt-key", enc},                     // no --enc
		{"--encrypt-key", enc, "--enc", "A1GCM"},   // unknown --enc
		{"--encrypt-key", enc, "--key-alg", "XYZ"}, // unknown --key-alg
		{"--encrypt-key", enc, "--key-alg", "A128KW", "--enc", "A128GCM"}, // a 256-bit key for A128KW
		{"--encrypt-key", enc, "--enc", "A128GCM", "--zip", "GZIP"},
	} {
		mustJose(t, 2, "", append([]string{"jwt", "sign", "--key", key, "--exp", "1h"}, args...)...)
	}
}

// TestPipedNestedJWT: piping jwt sign into jwe encrypt encrypts the
// newline jwt sign prints, and the inner token is then refused; jwe encrypt
// -h says so and points to jwt sign --encrypt-key.
func TestPipedNestedJWT(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "es.json", "--alg", "ES256")
	pub := writeFile(t, dir, "es.pub", mustJose(t, 0, "", "jwk", "pub", key))
	crv := "X25519"
	if fips140.Enabled() {
		crv = "P-256" // X25519 is refused in FIPS 140-3 mode
	}
	dec := genKey(t, dir, "x.json", "--alg", "ECDH-ES", "--crv", crv)
	decPub := writeFile(t, dir, "x.pub", mustJose(t, 0, "", "jwk", "pub", dec))
	signed := mustJose(t, 0, "", "jwt", "sign", "--key", key, "--exp", "1h")
	piped := mustJose(t, 0, signed, "jwe", "encrypt", "--key", decPub, "--enc", "A256GCM", "--cty", "JWT")
	_, errOut, code := runJose(t, piped, "jwt", "verify", "--key", pub, "--decrypt-key", dec)
	if code != exitFailed || !strings.Contains(errOut, "the nested token does not hold a compact JWS") {
		t.Errorf("piped nested token: exit %d, %s", code, errOut)
	}
	trimmed := mustJose(t, 0, strings.TrimSpace(signed), "jwe", "encrypt", "--key", decPub, "--enc", "A256GCM", "--cty", "JWT")
	mustJose(t, 0, trimmed, "jwt", "verify", "--key", pub, "--decrypt-key", dec)

	_, help, code := runJose(t, "", "jwe", "encrypt", "-h")
	if code != 0 || !strings.Contains(help, "trailing newline") || !strings.Contains(help, "jose jwt sign --encrypt-key") {
		t.Errorf("jwe encrypt -h (exit %d):\n%s", code, help)
	}
}
