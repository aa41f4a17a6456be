package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// TestFlagHints: where the library's message names one of its options,
// standard error says the command's words instead, naming its flags. The
// whole line is asserted; the exit status stays the token's.
func TestFlagHints(t *testing.T) {
	dir := t.TempDir()
	key := genKey(t, dir, "es.json", "--alg", "ES256")
	pub := writeFile(t, dir, "es.pub", mustJose(t, 0, "", "jwk", "pub", key))
	sign := func(args ...string) string {
		return mustJose(t, 0, "", append([]string{"jwt", "sign", "--key", key}, args...)...)
	}
	noExp := sign("--sub", "alice")
	withAud := sign("--aud", "api", "--exp", "1h")
	bare := sign("--exp", "1h")
	expired := sign("--exp", "-1h")
	hs := genKey(t, dir, "hs.json", "--alg", "HS256")
	detached := mustJose(t, 0, "detached", "jws", "sign", "--key", hs, "--detached", "--format", "flattened")
	attached := mustJose(t, 0, "attached", "jws", "sign", "--key", hs)
	payload := writeFile(t, dir, "payload", "detached")
	unprotected := `{"payload":"eA","header":{"alg":"HS256"},"signature":"AAAA"}`
	var many []string
	for range 17 {
		many = append(many, "--key", hs)
	}
	manySigs := mustJose(t, 0, "x", append([]string{"jws", "sign"}, many...)...)
	// Two PBES2 recipients of 600,000 iterations each; the first has
	// another password, so that the second is over the budget of one token.
	pw1 := writeFile(t, dir, "pw1", "first password")
	pw2 := writeFile(t, dir, "pw2.json", `{"kty":"oct","alg":"PBES2-HS256+A128KW","k":"b3RoZXIgcGFzc3dvcmQ"}`)
	budget := mustJose(t, 0, "x", "jwe", "encrypt", "--key", pw2, "--password-file", pw1, "--alg", "PBES2-HS256+A128KW", "--enc", "A128GCM")
	enc := genKey(t, dir, "enc.json", "--alg", "A256KW")
	unsigned := mustJose(t, 0, `{"sub":"x"}`, "jwe", "encrypt", "--key", enc, "--enc", "A256GCM")
	for _, tc := range []struct {
		name  string
		token string
		args  []string
		want  string
	}{
		{"exp required", noExp, []string{"jwt", "verify", "--key", pub},
			`jose jwt verify: claim "exp" is required (--allow-no-exp accepts a token without it)`},
		{"aud and no --aud", withAud, []string{"jwt", "verify", "--key", pub},
			`jose jwt verify: claim "aud": the token names an audience and no --aud accepts it (RFC 7519 §4.1.3)`},
		{"aud required by --aud", bare, []string{"jwt", "verify", "--key", pub, "--aud", "api"},
			`jose jwt verify: claim "aud" is required by --aud`},
		{"iss required by --iss", bare, []string{"jwt", "verify", "--key", pub, "--iss", "me"},
			`jose jwt verify: claim "iss" is required by --iss`},
		{"sub required by --sub", bare, []string{"jwt", "verify", "--key", pub, "--sub", "alice"},
			`jose jwt verify: claim "sub" is required by --sub`},
		{"--require", bare, []string{"jwt", "verify", "--key", pub, "--require", "email"},
			`jose jwt verify: jwt: claim "email" is required: required claim missing (--require names it)`},
		{"expired", expired, []string{"jwt", "verify", "--key", pub},
			"(--leeway allows for clock skew)"},
		{"detached without --payload", detached, []string{"jws", "verify", "--key", hs},
			"jose jws verify: the payload is detached: give it with --payload"},
		{"--payload for a token with one", attached, []string{"jws", "verify", "--key", hs, "--payload", payload},
			"jose jws verify: --payload was given, but the token has a payload of its own"},
		{"unprotected alg", unprotected, []string{"jws", "verify", "--key", hs},
			`jose jws verify: the token's "alg" is not in its protected header, where the command requires it`},
		{"too large", strings.Repeat("a", 1<<20) + ".e30.AAAA", []string{"jws", "verify", "--key", hs},
			"jose jws verify: the token is over the limit of 1048576 bytes"},
		{"too many signatures", manySigs, []string{"jws", "verify", "--key", hs},
			"jose jws verify: the token has more than 16 signatures"},
		{"PBES2 budget", budget, []string{"jwe", "decrypt", "--password-file", pw1},
			"jose jwe decrypt: the p2c values of the token's PBES2 recipients add up to more than 1000000 PBKDF2 iterations, the work one token may cost"},
		{"unsigned claims in a JWE", unsigned, []string{"jwt", "verify", "--key", pub, "--decrypt-key", enc, "--allow-no-exp"},
			`jose jwt verify: the encrypted token holds claims without a signature (no "cty": "JWT"); jwt verify accepts signed claims only`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := runJose(t, tc.token, tc.args...)
			if code != exitFailed {
				t.Errorf("exit %d, want 1 (%s)", code, errOut)
			}
			line := strings.TrimSuffix(errOut, "\n")
			if strings.HasPrefix(tc.want, "jose ") && line != tc.want || !strings.Contains(line, tc.want) {
				t.Errorf("stderr\n %q\nwant\n %q", line, tc.want)
			}
		})
	}
}

// TestFlagHintsSignSide: a --header the library refuses is explained in
// terms of the command's flags, and exits 2.
func TestFlagHintsSignSide(t *testing.T) {
	dir := t.TempDir()
	hs := genKey(t, dir, "hs.json", "--alg", "HS256")
	kw := genKey(t, dir, "kw.json", "--alg", "A128KW")
	for _, args := range [][]string{
		{"jws", "sign", "--key", hs, "--header", `{"alg":"HS512"}`},
		{"jws", "sign", "--key", hs, "--header", `{"kid":1}`},
		{"jwe", "encrypt", "--key", kw, "--enc", "A128GCM", "--header", `{"enc":"A256GCM"}`},
	} {
		_, errOut, code := runJose(t, "x", args...)
		if code != exitUsage || !strings.Contains(errOut, "--header sets a member that the command writes itself") {
			t.Errorf("jose %v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// TestExplainKeepsTheError: the command's words replace the message only;
// errors.Is sees the library's sentinels, and a row applies only with the
// flags it names.
func TestExplainKeepsTheError(t *testing.T) {
	lib := errors.New(`jwt: claim "exp" is required (WithAllowNoExpiry accepts tokens without it)`)
	err := explain(nil, errors.Join(lib, jwt.ErrMissingClaim))
	if !errors.Is(err, jwt.ErrMissingClaim) || strings.Contains(err.Error(), "With") {
		t.Errorf("explain = %v", err)
	}
	// The option must be named as a word: WithAudienceArray is not WithAudience.
	other := errors.Join(errors.New("WithAudienceArray"), jwt.ErrInvalidAudience)
	if got := explain(nil, other); got != other {
		t.Errorf("a row matched %q", got)
	}
	// A message that names no option keeps the library's words.
	plain := errors.Join(errors.New("jws: algorithm \"XYZ\""), jwa.ErrAlgorithmNotAllowed)
	if got := explain(nil, plain); got != plain {
		t.Errorf("explain changed %q to %q", plain, got)
	}
}
