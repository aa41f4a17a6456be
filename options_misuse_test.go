package jose_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// optionsControl uses each package's options where they belong; it must
// compile, so that the misuses below fail for their misuse alone.
const optionsControl = `package optcheck

import (
	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwkring"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
	"github.com/joseproject/jose/sdjwt"
)

var key = []byte("0123456789abcdef0123456789abcdef")

var (
	_, _ = jws.Sign(nil, jws.WithKey(jwa.HS256, key), jws.WithJSON())
	_, _ = jws.Verify("", jws.WithKey(jwa.HS256, key), jws.WithMaxSize(10))
	_, _ = jws.Parse("", jws.WithMaxSize(10))
	_, _ = jwe.Encrypt(nil, jwe.WithRecipient(jwa.Direct, key), jwe.WithEncryption(jwa.A256GCM))
	_, _ = jwe.Decrypt("", jwe.WithKey(jwa.Direct, key), jwe.WithAllowedEncryptions(jwa.A256GCM), jwe.WithMaxP2C(10))
	_, _ = jwe.Parse("", jwe.WithMaxSize(10))
	_, _ = jwt.Sign(jwt.Claims{}, jwa.HS256, key, jwt.WithType("at+jwt"))
	_, _ = jwt.Encrypt(jwt.Claims{}, jwa.Direct, key, jwt.WithType("at+jwt"), jwt.WithEncryption(jwa.A256GCM))
	_, _ = jwt.SignAndEncrypt(jwt.Claims{}, jwa.HS256, key, jwt.WithType("at+jwt"), jwt.WithRecipient(jwa.Direct, key), jwt.WithEncryption(jwa.A256GCM))
	_, _ = jwt.Verify[jwt.Claims]("", jwt.WithKey(jwa.HS256, key), jwt.WithExpectedType("at+jwt"), jwt.WithDecryptLimits(jwe.WithMaxP2C(10)))
	_, _ = dpop.NewProof("GET", "https://a.example/", jwa.ES256, nil, dpop.WithNonce("n"), dpop.WithAccessToken("t"))
	_, _ = dpop.NewValidator(dpop.WithClock(nil))
	_, _ = (&dpop.Validator{}).ValidateProof("", "", "", dpop.WithAllowedNonces("n"), dpop.WithAccessToken("t"))
	_, _ = sdjwt.Issue(nil, jwa.ES256, nil, sdjwt.WithJSON(), sdjwt.WithHashAlgorithm(sdjwt.SHA256))
	_, _ = sdjwt.ParseUnverified("", sdjwt.WithMaxSize(10))
	_, _ = sdjwt.Verify[jwt.Claims]("", sdjwt.WithMaxSize(10), sdjwt.WithClock(nil), sdjwt.WithRequiredKeyBinding("a", "n"))
	_, _ = jwthttp.Middleware[jwt.Claims](jwthttp.WithVerifyOptions(jwt.WithExpectedType("x")))
	_, _ = jwk.FromKey(key, jwk.WithKeyID("k"))
	_, _ = jwk.Generate(jwa.ES256, jwk.WithKeyID("k"), jwk.WithCurve(jwa.P256))
	_, _ = jwkring.New(nil, jwkring.Policy{}, jwkring.WithTimeout(1))
	_, _ = (&jwkring.Ring{}).Sign(nil, jwt.WithType("at+jwt"))
)
`

// optionsMisuse gives each call an option of another call, one per line,
// and an option type implemented outside its package: none must compile.
const optionsMisuse = `
type notOurs struct{}

func (notOurs) isVerifyOption() {}

var (
	_, _ = jws.Verify("", jws.WithJSON())
	_, _ = jws.Sign(nil, jws.WithKeySet(nil, jwa.RS256))
	_, _ = jws.Parse("", jws.WithKey(jwa.HS256, key))
	_, _ = jws.Verify("", notOurs{})
	_, _ = jwe.Decrypt("", jwe.WithEncryption(jwa.A256GCM))
	_, _ = jwe.Encrypt(nil, jwe.WithAllowedEncryptions(jwa.A256GCM))
	_, _ = jwe.Parse("", jwe.WithMaxP2C(10))
	_, _ = jwt.Verify[jwt.Claims]("", jwt.WithType("at+jwt"))
	_, _ = jwt.Verify[jwt.Claims]("", jwt.WithEncryption(jwa.A256GCM))
	_, _ = jwt.Sign(jwt.Claims{}, jwa.HS256, key, jwt.WithIssuer("x"))
	_, _ = jwt.Sign(jwt.Claims{}, jwa.HS256, key, jwt.WithEncryption(jwa.A256GCM))
	_, _ = jwt.Encrypt(jwt.Claims{}, jwa.Direct, key, jwt.WithRecipient(jwa.Direct, key))
	_    = jwt.WithDecryptLimits(jwe.WithKey(jwa.Direct, key))
	_, _ = dpop.NewProof("GET", "https://a.example/", jwa.ES256, nil, dpop.WithAllowedNonces("n"))
	_, _ = dpop.NewValidator(dpop.WithThumbprint("x"))
	_, _ = (&dpop.Validator{}).ValidateProof("", "", "", dpop.WithClock(nil))
	_, _ = sdjwt.Issue(nil, jwa.ES256, nil, sdjwt.WithRequiredKeyBinding("a", "n"))
	_, _ = sdjwt.ParseUnverified("", sdjwt.WithVerifyOptions())
	_, _ = sdjwt.Verify[jwt.Claims]("", sdjwt.WithHolderKey(jwa.ES256, nil))
	_    = jwthttp.WithVerifyOptions(jwt.WithType("at+jwt"))
	_, _ = jwthttp.DPoPProofs(nil, nil, dpop.WithNonce("n"))
	_, _ = jwk.FromKey(key, jwk.WithBits(256))
	_, _ = jwk.NewRemote("https://a.example/", jwk.WithKeyID("k"))
	_, _ = jwkring.New(nil, jwkring.Policy{}, jwk.WithKeyID("k"))
	_, _ = (&jwkring.Ring{}).Sign(nil, jwt.WithIssuer("x"))
)
`

// TestOptionMisuseDoesNotCompile builds, in a throwaway package of this
// module, one line per misuse of an option (issue 16.6: an option given to
// a call it means nothing for fails to compile), and checks that the
// compiler refuses each line, and nothing else.
func TestOptionMisuseDoesNotCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command: %v", err)
	}
	// A directory named with a leading "_" is left out of ./... patterns
	// and of the layer check, and is built only when named.
	dir, err := os.MkdirTemp(".", "_optcheck")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	build := func() (string, error) {
		cmd := exec.Command(goCmd, "build", "-gcflags=-e", "./"+filepath.Base(dir))
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	file := filepath.Join(dir, "optcheck.go")
	if err := os.WriteFile(file, []byte(optionsControl), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := build(); err != nil {
		t.Fatalf("the control does not compile: %v\n%s", err, out)
	}
	src := optionsControl + optionsMisuse
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := build()
	if err == nil {
		t.Fatal("the misuses compile")
	}
	refused := map[int]string{}
	for _, m := range regexp.MustCompile(`optcheck\.go:(\d+):\d+: (.*)`).FindAllStringSubmatch(out, -1) {
		line, _ := strconv.Atoi(m[1])
		refused[line] = m[2]
	}
	lines := strings.Split(src, "\n")
	start := strings.Count(optionsControl, "\n")
	misuses := 0
	for i := start; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "\t_") {
			continue
		}
		misuses++
		msg, ok := refused[i+1]
		if !ok {
			t.Errorf("line %d compiles: %s", i+1, strings.TrimSpace(lines[i]))
			continue
		}
		if !strings.Contains(msg, "does not implement") {
			t.Errorf("line %d is refused for another reason: %s", i+1, msg)
		}
	}
	if len(refused) != misuses {
		t.Errorf("%d errors for %d misuses:\n%s", len(refused), misuses, out)
	}
}
