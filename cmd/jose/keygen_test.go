package main

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestJWKGenEveryKey: jwk gen makes a key for every key type and curve of
// the project, and for every algorithm; each algorithm's key then signs and
// verifies, or encrypts and decrypts, through the command. In FIPS 140-3
// mode the curves it refuses are refused, and the algorithms are those it
// approves.
func TestJWKGenEveryKey(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--kty", "EC", "--crv", "P-256"}, {"--kty", "EC", "--crv", "P-384"}, {"--kty", "EC", "--crv", "P-521"},
		{"--kty", "EC", "--crv", "secp256k1"},
		{"--kty", "OKP", "--crv", "Ed25519"}, {"--kty", "OKP", "--crv", "X25519"},
		{"--kty", "OKP", "--crv", "Ed448"}, {"--kty", "OKP", "--crv", "X448"},
		{"--kty", "oct"},
	} {
		if slices.ContainsFunc(args, refusedInFIPS) {
			mustRefuseInFIPS(t, "", append([]string{"jwk", "gen"}, args...)...)
			continue
		}
		var m map[string]string
		if err := json.Unmarshal([]byte(mustJose(t, 0, "", append([]string{"jwk", "gen"}, args...)...)), &m); err != nil {
			t.Fatal(err)
		}
		if m["kty"] != args[1] || len(args) > 2 && m["crv"] != args[3] {
			t.Errorf("jwk gen %v made %v", args, m)
		}
	}
	for _, alg := range allAlgs() {
		t.Run(alg, func(t *testing.T) {
			switch {
			case strings.HasPrefix(alg, "PBES2-"):
				mustJose(t, 2, "", "jwk", "gen", "--alg", alg) // a password is not generated
				return
			case strings.HasPrefix(alg, "HPKE-") && jwa.KeyAlgorithm(alg).KeyType() == jwa.KeyTypeAKP:
				mustJose(t, 2, "", "jwk", "gen", "--alg", alg) // ML-KEM keys have no JWK form yet
				return
			}
			key := genKey(t, dir, alg+".json", "--alg", alg)
			var m map[string]string
			if err := json.Unmarshal([]byte(readFile(t, key)), &m); err != nil || m["alg"] != alg {
				t.Fatalf("jwk gen --alg %s: %s (%v)", alg, readFile(t, key), err)
			}
			use := key
			if m["kty"] != "oct" {
				use = writeFile(t, dir, alg+".pub", mustJose(t, 0, "", "jwk", "pub", key))
			}
			if slices.Contains(signatureAlgs, alg) {
				tok := mustJose(t, 0, "every key", "jws", "sign", "--key", key)
				if got := mustJose(t, 0, tok, "jws", "verify", "--key", use); got != "every key" {
					t.Errorf("verify: %q", got)
				}
				return
			}
			args := []string{"jwe", "encrypt", "--key", use}
			if !jwa.KeyAlgorithm(alg).IsIntegrated() {
				enc := "A256GCM"
				if alg == string(jwa.Direct) {
					enc = "A128CBC-HS256" // the 256-bit key dir gets by default
				}
				args = append(args, "--enc", enc)
			}
			tok := mustJose(t, 0, "every key", args...)
			if got := mustJose(t, 0, tok, "jwe", "decrypt", "--key", key); got != "every key" {
				t.Errorf("decrypt: %q", got)
			}
		})
	}
}

// TestJWKGenContentEncryptionKey: jwk gen --alg ENC makes a dir key bound
// to that content encryption (the shape of the RFC 7520 §5.6 key), which
// then encrypts and decrypts through the command with no --alg or --enc.
func TestJWKGenContentEncryptionKey(t *testing.T) {
	dir := t.TempDir()
	for _, enc := range contentEncs {
		t.Run(enc, func(t *testing.T) {
			if refusedInFIPS(enc) {
				mustRefuseInFIPS(t, "", "jwk", "gen", "--alg", enc)
				return
			}
			key := genKey(t, dir, enc+".json", "--alg", enc)
			var m map[string]string
			if err := json.Unmarshal([]byte(readFile(t, key)), &m); err != nil {
				t.Fatal(err)
			}
			k, err := base64.RawURLEncoding.DecodeString(m["k"])
			if err != nil || m["kty"] != "oct" || m["alg"] != enc || len(k) != jwa.ContentEncryption(enc).KeySize() {
				t.Fatalf("jwk gen --alg %s made %v (%d key bytes, %v)", enc, m, len(k), err)
			}
			tok := mustJose(t, 0, "a dir key", "jwe", "encrypt", "--key", key)
			if h, _, _ := strings.Cut(tok, "."); h != base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"dir","enc":"`+enc+`"}`)) {
				t.Errorf("the token's header is not dir with %s: %s", enc, tok)
			}
			if got := mustJose(t, 0, tok, "jwe", "decrypt", "--key", key); got != "a dir key" {
				t.Errorf("decrypt: %q", got)
			}
		})
	}
}

// TestJWKGenChecks: the names and sizes jwk gen refuses before making a
// key, and the ones it accepts together.
func TestJWKGenChecks(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" for success
	}{
		{[]string{"--kty", "EC", "--crv", "secp256k1", "--alg", "ES256K"}, ""},
		{[]string{"--alg", "ES256K"}, ""},
		{[]string{"--alg", "A128GCM", "--size", "128"}, ""},
		{[]string{"--alg", "A256CBC-HS512", "--size", "256"}, "--size 256: a key for A256CBC-HS512 has 512 bits"},
		{[]string{"--alg", "A128GCM", "--kty", "RSA"}, "--alg A128GCM makes oct keys, not --kty RSA"},
		{[]string{"--alg", "Ed448", "--kty", "OKP"}, ""},
		{[]string{"--alg", "ECDH-ES", "--crv", "X448"}, ""},
		{[]string{"--alg", "ECDH-ES+A128KW", "--crv", "secp256k1"}, "secp256k1"},
		{[]string{"--alg", "ES256", "--crv", "P-384"}, "ES256 uses curve P-256, not P-384"},
		{[]string{"--alg", "ES256K", "--crv", "P-256"}, "ES256K"},
		{[]string{"--alg", "HPKE-3", "--crv", "X448"}, "HPKE-3"},
		{[]string{"--alg", "HPKE-3", "--kty", "EC"}, "--alg HPKE-3 makes OKP keys, not --kty EC"},
		{[]string{"--kty", "EC", "--crv", "X25519"}, "--crv X25519 is a curve of OKP keys, not --kty EC"},
		{[]string{"--kty", "XYZ"}, "--kty XYZ: use RSA, EC, OKP, oct, AKP"},
		{[]string{"--kty", "EC", "--crv", "P-999"}, "--crv P-999: use"},
		{[]string{"--alg", "HS999"}, "--alg HS999: unknown algorithm"},
		{[]string{"--alg", "none"}, "--alg none takes no key"},
		{[]string{"--kty", "OKP", "--size", "256"}, "--size is for RSA and oct keys"},
		{[]string{"--kty", "oct", "--size", "100"}, "secrets of 100 bits are not generated"},
		{[]string{"--alg", "HS512", "--size", "256"}, "HS512 needs a secret of at least 512 bits"},
		{[]string{"--kty", "AKP"}, "--kty AKP needs --alg"},
		{[]string{"--kty", "oct", "--use", "other"}, `use "other"`},
	} {
		if slices.ContainsFunc(tc.args, refusedInFIPS) {
			mustRefuseInFIPS(t, "", append([]string{"jwk", "gen"}, tc.args...)...)
			continue
		}
		out, errOut, code := runJose(t, "", append([]string{"jwk", "gen"}, tc.args...)...)
		switch {
		case tc.want == "" && (code != 0 || !strings.HasPrefix(out, "{")):
			t.Errorf("jwk gen %v: exit %d, %s", tc.args, code, errOut)
		case tc.want != "" && (code != exitUsage || !strings.Contains(errOut, tc.want) || out != ""):
			t.Errorf("jwk gen %v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	// A draft or deprecated algorithm gets a note on standard error.
	_, errOut, _ := runJose(t, "", "jwk", "gen", "--alg", "EdDSA")
	if !strings.Contains(errOut, `note: --alg "EdDSA" is deprecated: RFC 9864`) {
		t.Errorf("jwk gen --alg EdDSA: stderr %q", errOut)
	}
}
