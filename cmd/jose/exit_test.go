package main

import (
	"crypto/fips140"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// rewriteHeader decodes the protected header of a compact token, lets edit
// change its members, and encodes it again. The rest of the token stays,
// so a signature or tag no longer fits: the tests use it for refusals that
// come before any cryptography.
func rewriteHeader(t *testing.T, tok string, edit func(h map[string]any)) string {
	t.Helper()
	head, rest, _ := strings.Cut(strings.TrimSpace(tok), ".")
	b, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	edit(h)
	if b, err = json.Marshal(h); err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b) + "." + rest
}

// TestTokenRefusalsExitOne: anything wrong with the token itself exits 1,
// an algorithm, "enc", "zip" or "crit" the token names and the command
// does not know or allow included, and a p2c out of bounds: the command
// checks every name the person typed before it reads the token, so the
// library's refusals that follow are the token's. Each row asserts the
// exit status and the message.
func TestTokenRefusalsExitOne(t *testing.T) {
	dir := t.TempDir()
	kw := genKey(t, dir, "kw.json", "--alg", "A128KW")
	hs := genKey(t, dir, "hs.json", "--alg", "HS256")
	ec := genKey(t, dir, "ec.json", "--alg", "ECDH-ES+A128KW")
	ecPub := writeFile(t, dir, "ec.pub", mustJose(t, 0, "", "jwk", "pub", ec))
	pw := writeFile(t, dir, "pw", "correct horse battery staple")
	jweTok := mustJose(t, 0, "secret", "jwe", "encrypt", "--key", kw, "--enc", "A128GCM")
	jwsTok := mustJose(t, 0, "payload", "jws", "sign", "--key", hs)
	ecdhTok := mustJose(t, 0, "secret", "jwe", "encrypt", "--key", ecPub, "--enc", "A128GCM")
	pbesTok := mustJose(t, 0, "secret", "jwe", "encrypt", "--password-file", pw, "--alg", "PBES2-HS256+A128KW", "--enc", "A128GCM")
	decrypt := []string{"jwe", "decrypt", "--key", kw}
	otherCrv := "X25519"
	if fips140.Enabled() {
		otherCrv = "P-384" // X25519 is refused in FIPS 140-3 mode
	}
	for _, tc := range []struct {
		name  string
		token string
		args  []string
		want  string
	}{
		{"zip GZIP", rewriteHeader(t, jweTok, func(h map[string]any) { h["zip"] = "GZIP" }), decrypt, `compression "GZIP": only "DEF" is defined`},
		{"zip def", rewriteHeader(t, jweTok, func(h map[string]any) { h["zip"] = "def" }), decrypt, `compression "def": only "DEF" is defined`},
		{"zip empty", rewriteHeader(t, jweTok, func(h map[string]any) { h["zip"] = "" }), decrypt, `compression "": only "DEF" is defined`},
		{"unknown enc", rewriteHeader(t, jweTok, func(h map[string]any) { h["enc"] = "A1GCM" }), decrypt, `content encryption "A1GCM"`},
		{"enc not allowed", jweTok, append(decrypt, "--enc", "A256GCM"), `content encryption "A128GCM"`},
		{"unknown JWE alg", rewriteHeader(t, jweTok, func(h map[string]any) { h["alg"] = "XYZ" }), decrypt, "no recipient uses an allowed key management algorithm"},
		{"unknown crit", rewriteHeader(t, jweTok, func(h map[string]any) { h["crit"] = []string{"x-new"}; h["x-new"] = 1 }), decrypt, `critical header member "x-new" is not understood`},
		{"psk_id", rewriteHeader(t, jweTok, func(h map[string]any) { h["psk_id"] = "AA" }), decrypt, `"psk_id" (HPKE PSK mode) is not supported`},
		{"epk off the curve", rewriteHeader(t, ecdhTok, func(h map[string]any) {
			epk := h["epk"].(map[string]any)
			x := []byte(epk["x"].(string))
			x[5] ^= 1
			epk["x"] = string(x)
		}), []string{"jwe", "decrypt", "--key", ec}, "epk"},
		{"jwk header off the curve", rewriteHeader(t, jwsTok, func(h map[string]any) {
			h["jwk"] = map[string]any{"kty": "EC", "crv": "P-256", // RFC 7515 A.3's key, "y" changed
				"x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "y_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}
		}), []string{"jws", "verify", "--key", hs}, `"jwk"`},
		{"epk on another curve than the key", mustJose(t, 0, "secret", "jwe", "encrypt", "--enc", "A128GCM", "--key",
			writeFile(t, dir, "x.pub", mustJose(t, 0, "", "jwk", "pub", genKey(t, dir, "x.json", "--alg", "ECDH-ES+A128KW", "--crv", otherCrv)))),
			[]string{"jwe", "decrypt", "--key", ec}, "epk is not on the curve of the key"},
		{"p2c under the floor", rewriteHeader(t, pbesTok, func(h map[string]any) { h["p2c"] = 999 }), []string{"jwe", "decrypt", "--password-file", pw}, "p2c 999 is under the minimum of 1000"},
		{"p2c over the cap", rewriteHeader(t, pbesTok, func(h map[string]any) { h["p2c"] = 1_000_001 }), []string{"jwe", "decrypt", "--password-file", pw}, "p2c 1000001 is over the limit of 1000000"},
		{"unknown JWS alg", rewriteHeader(t, jwsTok, func(h map[string]any) { h["alg"] = "XYZ" }), []string{"jws", "verify", "--key", hs}, `algorithm "XYZ"`},
		{"none", rewriteHeader(t, jwsTok, func(h map[string]any) { h["alg"] = "none" }), []string{"jws", "verify", "--key", hs}, `algorithm "none"`},
		{"ES256K where HS256 is allowed", rewriteHeader(t, jwsTok, func(h map[string]any) { h["alg"] = "ES256K" }), []string{"jws", "verify", "--key", hs}, `algorithm "ES256K"`},
		{"JWE where a JWT is expected", jweTok, []string{"jwt", "verify", "--key", hs}, "the token is encrypted (JWE) and no decryption key was given"},
		{"not a token", "hello", []string{"jws", "verify", "--key", hs}, "malformed input"},
		{"empty input", "\n", []string{"jwe", "decrypt", "--key", kw}, "no token on input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runJose(t, tc.token, tc.args...)
			if code != exitFailed || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, tc.want)
			}
		})
	}
}

// TestUsageRefusalsExitTwo: what the person typed or gave as a key exits
// 2, before any token is read (the token given is a valid one).
func TestUsageRefusalsExitTwo(t *testing.T) {
	dir := t.TempDir()
	hs := genKey(t, dir, "hs.json", "--alg", "HS256")
	kw := genKey(t, dir, "kw.json", "--alg", "A128KW")
	ed := genKey(t, dir, "ed.json", "--alg", "Ed25519")
	edPub := writeFile(t, dir, "ed.pub", mustJose(t, 0, "", "jwk", "pub", ed))
	// RFC 8037 A.6's X25519 public key (Bob's), for HPKE-3.
	x := writeFile(t, dir, "x.json", `{"kty":"OKP","crv":"X25519","alg":"HPKE-3","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}`)
	hpkeWant := "HPKE-3 encrypts the content itself (HPKE Integrated Encryption) and takes no --enc"
	if fips140.Enabled() {
		hpkeWant = "FIPS 140-3" // HPKE-3 (X25519) is refused there
	}
	jwsTok := mustJose(t, 0, "payload", "jws", "sign", "--key", hs)
	jweTok := mustJose(t, 0, "secret", "jwe", "encrypt", "--key", kw, "--enc", "A128GCM")
	set := writeFile(t, dir, "set.json", `{"keys":[`+strings.TrimSpace(mustJose(t, 0, "", "jwk", "pub", ed))+`]}`)
	akp := writeFile(t, dir, "akp.json", `{"kty":"AKP","alg":"SLH-DSA-SHA2-128s","pub":"AAAA"}`)
	for _, tc := range []struct {
		name  string
		token string
		args  []string
		want  string
	}{
		{"unknown --alg", jwsTok, []string{"jws", "verify", "--key", hs, "--alg", "HS999"}, "--alg HS999: unknown algorithm for this flag"},
		{"--alg none", jwsTok, []string{"jws", "verify", "--key", hs, "--alg", "none"}, "--alg none: unsecured tokens are never accepted"},
		{"--alg the key cannot do", jwsTok, []string{"jws", "verify", "--key", edPub, "--alg", "ES256"}, "--key " + edPub + " cannot verify ES256"},
		{"--alg no key of the set can do", jwsTok, []string{"jws", "verify", "--key", set, "--alg", "HS256"}, "no key of the set can verify HS256"},
		{"unknown --enc", jweTok, []string{"jwe", "decrypt", "--key", kw, "--enc", "A1GCM"}, "--enc A1GCM: unknown algorithm"},
		{"a JWS alg for a JWE key", jweTok, []string{"jwe", "decrypt", "--key", kw, "--alg", "HS256"}, "--alg HS256: unknown algorithm"},
		{"key file of garbage", jwsTok, []string{"jws", "verify", "--key", writeFile(t, dir, "garbage", "hello"), "--alg", "HS256"}, "not a JWK, a JWK Set or PEM"},
		{"key file off the curve", jwsTok, []string{"jws", "verify", "--key", writeFile(t, dir, "off.json", `{"kty":"EC","crv":"P-256","x":"g83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`), "--alg", "ES256"}, "not on P-256"},
		{"key of an unknown kind", jwsTok, []string{"jws", "verify", "--key", akp, "--alg", "HS256"}, "AKP"},
		{"encrypted PEM", jwsTok, []string{"jws", "verify", "--key", "testdata/keys/ec-p256-pkcs8-encrypted.pem", "--alg", "ES256"}, "encrypted"},
		{"missing key file", jwsTok, []string{"jws", "verify", "--key", dir + "/missing.json", "--alg", "HS256"}, "no such file"},
		{"weak RSA key", jwsTok, []string{"jws", "verify", "--key", rsa1024PEM, "--alg", "RS256"}, "--key: an RSA key under 2048 bits, which RFC 7518 §3.3 forbids"},
		{"HPKE Integrated with --enc", "x", []string{"jwe", "encrypt", "--key", x, "--enc", "A128GCM"}, hpkeWant},
		{"dir with two recipients", "x", []string{"jwe", "encrypt", "--key", genKey(t, dir, "dir.json", "--alg", "dir"), "--key", kw, "--enc", "A256GCM", "--alg", "dir,A128KW"}, "dir determines the content key itself"},
		{"no --enc", "x", []string{"jwe", "encrypt", "--key", kw}, "--enc names the one content encryption to use (--enc is required)"},
		{"--zip other than DEF", "x", []string{"jwe", "encrypt", "--key", kw, "--enc", "A128GCM", "--zip", "GZIP"}, "--zip GZIP: only DEF is defined"},
		{"--size for an EC key", "", []string{"jwk", "gen", "--kty", "EC", "--size", "256"}, "--size is for RSA and oct keys"},
		{"--crv for RSA", "", []string{"jwk", "gen", "--kty", "RSA", "--crv", "P-256"}, "--crv is for EC and OKP keys, not RSA"},
		{"a PBES2 key", "", []string{"jwk", "gen", "--alg", "PBES2-HS256+A128KW"}, "a PBES2 key is a password"},
		{"ML-KEM keys", "", []string{"jwk", "gen", "--alg", "HPKE-14"}, "no JWK form yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runJose(t, tc.token, tc.args...)
			if code != exitUsage || !strings.Contains(errOut, tc.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errOut, tc.want)
			}
		})
	}
}

// TestExitCodeBySentinel: exitCode reads sentinels only, and the person's
// input wins over what else an error wraps (a key file that is malformed is
// jwa.ErrMalformed and jwk.ErrInvalidKeyData).
func TestExitCodeBySentinel(t *testing.T) {
	_, keyErr := jwk.Parse([]byte("{"))
	for _, tc := range []struct {
		err  error
		want int
	}{
		{usagef("x"), exitUsage},
		{os.ErrNotExist, exitUsage},
		{keyErr, exitUsage},
		{fmt.Errorf("--key f: %w", keyErr), exitUsage},
		{asUsage(fmt.Errorf("cannot verify: %w", jwa.ErrAlgorithmNotAllowed)), exitUsage},
		{fmt.Errorf("jwt: %w", jwt.ErrInvalidOption), exitUsage},
		{fmt.Errorf("jwe: %w", jwa.ErrInvalidKey), exitUsage},
		{fmt.Errorf("jwe: epk: %w: %w", jwa.ErrMalformed, jwa.ErrNotApproved), exitUsage}, // FIPS 140-3 mode
		{fmt.Errorf("jws: %w", jwa.ErrMalformed), exitFailed},
		{fmt.Errorf("jwe: zip: %w", jwa.ErrUnsupportedAlgorithm), exitFailed},
		{fmt.Errorf("jwe: p2c: %w", jwa.ErrLimitExceeded), exitFailed},
		{fmt.Errorf("jwt: %w", jwt.ErrExpired), exitFailed},
		{worded{"own words", fmt.Errorf("jwt: %w", jwt.ErrMissingClaim)}, exitFailed},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
	if !errors.Is(keyErr, jwa.ErrMalformed) {
		t.Fatal("the key error lost its cause")
	}
}
