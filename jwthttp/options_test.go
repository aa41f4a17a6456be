package jwthttp_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// TestOptionMisuse: every misuse of an option fails Middleware itself, not
// a request, with an error that wraps jwthttp.ErrInvalidOption (which is
// jwa.ErrInvalidOption) and names the option. A nil key set (a
// jwk.Discover whose error was ignored) is one: it used to pass Middleware
// and panic on every request (issue 16.1).
func TestOptionMisuse(t *testing.T) {
	if jwthttp.ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("jwthttp.ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	f := newFixture(t)
	var (
		remote   *jwk.Remote
		set      *jwk.Set
		verifier *nilVerifier
	)
	kek := []byte("a 256-bit key-encryption key....")
	nested := jwthttp.WithVerifyOptions(jwt.WithDecryptionKey(jwa.A256KW, kek), jwt.WithAllowedEncryptions(jwa.A256GCM))
	for _, tc := range []struct {
		name string
		opts []jwthttp.Option
		says string
	}{
		{"no options", nil, "Middleware needs WithVerifyOptions"},
		{"nil option", []jwthttp.Option{f.verifyOptions(), nil}, "option 2 of Middleware is nil"},
		{"nil jwt option", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithIssuer(issuer), nil)}, "WithVerifyOptions: option 2 is nil"},
		{"nil *jwk.Remote", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithKeySet(remote, jwa.ES256))}, "WithKeySet: the key set is nil (did jwk.Discover or jwk.NewRemote return an error?)"},
		{"nil *jwk.Set", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithKeySet(set, jwa.ES256))}, "WithKeySet: the key set is nil"},
		{"nil decryption key set", []jwthttp.Option{f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithDecryptionKeySet(remote, jwa.A256KW), jwt.WithAllowedEncryptions(jwa.A256GCM))}, "WithDecryptionKeySet: the key set is nil"},
		{"nil key", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithKey(jwa.ES256, nil))}, "WithKey(ES256): the key is nil"},
		// These passed Middleware and then refused every request as
		// "no key matches the token", blaming the client.
		{"key of another type", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithKey(jwa.RS256, kek))}, "WithKey(RS256): RS256 key: got []uint8"},
		{"short HMAC secret", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithKey(jwa.HS256, []byte("short")))}, "WithKey(HS256): HS256 key: secret of 5 bytes"},
		{"unknown algorithm", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithKey("", kek))}, `WithKey(): signature algorithm ""`},
		{"empty issuer", []jwthttp.Option{f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithIssuer(""))}, "WithIssuer: issuer 1 of 1 is empty"},
		{"nil validator function", []jwthttp.Option{f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithValidator[appClaims](nil))}, "WithValidator: the function is nil"},
		{"no key", []jwthttp.Option{jwthttp.WithVerifyOptions(jwt.WithIssuer(issuer))}, "Verify needs WithKey"},
		{"nil error handler", []jwthttp.Option{f.verifyOptions(), jwthttp.WithErrorHandler(nil)}, "WithErrorHandler: the handler is nil"},
		{"nil logger", []jwthttp.Option{f.verifyOptions(), jwthttp.WithLogger(nil)}, "WithLogger: the logger is nil"},
		{"nil DPoP verifier", []jwthttp.Option{f.verifyOptions(), jwthttp.WithDPoP(nil)}, "WithDPoP: the DPoPVerifier is nil"},
		{"typed nil DPoP verifier", []jwthttp.Option{f.verifyOptions(), jwthttp.WithDPoP(verifier)}, "WithDPoP: the DPoPVerifier is nil"},
		{"realm with a quote", []jwthttp.Option{f.verifyOptions(), jwthttp.WithRealm(`a"b`)}, "WithRealm: byte 1"},
		{"own type and any type", []jwthttp.Option{f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithExpectedType("JWT")), jwthttp.WithAnyTokenType()}, "WithAnyTokenType contradicts"},
		{"type as cty and any type", []jwthttp.Option{f.verifyOptions(), nested, jwthttp.WithTypeAsContentType(), jwthttp.WithAnyTokenType()}, "WithTypeAsContentType contradicts WithAnyTokenType"},
		{"type as cty without decryption", []jwthttp.Option{f.verifyOptions(), jwthttp.WithTypeAsContentType()}, "WithTypeAsContentType needs the decryption keys"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mw, err := jwthttp.Middleware[appClaims](tc.opts...)
			if mw != nil {
				t.Fatal("a middleware returned alongside an error")
			}
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
		})
	}
	// A claims type no claim set decodes into would refuse every request
	// as a bad token: it is refused at setup.
	mw, err := jwthttp.Middleware[int](f.verifyOptions())
	if mw != nil {
		t.Fatal("Middleware[int] returned a middleware")
	}
	josetest.WantErr(t, err, jwa.ErrInvalidOption, "jwthttp: WithVerifyOptions: Verify[int]: a claim set is a JSON object")
	v, err := dpop.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jwthttp.DPoPProofs(v, []string{"https://a.example"}, dpop.WithAllowedNonces()); !errors.Is(err, jwthttp.ErrInvalidOption) ||
		!strings.Contains(err.Error(), "WithAllowedNonces: no nonce") {
		t.Fatalf("DPoPProofs with a misused dpop option: %v", err)
	}
}

// TestTypeAsContentType is issue 16.12 behind the middleware: an access
// token of panva's oidc-provider, signed and then encrypted with
// "cty":"at+jwt", is refused by default with a description that names the
// failure, accepted with WithTypeAsContentType, and its inner token is
// still verified in full.
func TestTypeAsContentType(t *testing.T) {
	f := newFixture(t)
	kek := []byte("a 256-bit key-encryption key....")
	wrap := func(inner string) string {
		tok, err := jwe.Encrypt([]byte(inner), jwe.WithRecipient(jwa.A256KW, kek), jwe.WithEncryption(jwa.A256GCM), jwe.WithContentType("at+jwt"))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	good := wrap(f.token(nil))
	nested := jwthttp.WithVerifyOptions(jwt.WithDecryptionKey(jwa.A256KW, kek), jwt.WithAllowedEncryptions(jwa.A256GCM))

	var refused error
	strict := f.protect(nested, jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
		refused = e
		e.WriteResponse(w)
	}))
	if w := (request{auth: []string{"Bearer " + good}}).do(strict); w.Code != http.StatusUnauthorized ||
		!errors.Is(refused, jwt.ErrUnexpectedForm) || !strings.Contains(refused.Error(), "WithTypeAsContentType") {
		t.Fatalf("refused by default: %d, %v", w.Code, refused)
	}

	lenient := f.protect(nested, jwthttp.WithTypeAsContentType())
	if w := (request{auth: []string{"Bearer " + good}}).do(lenient); w.Code != http.StatusOK || w.Body.String() != "hello alice" {
		t.Fatalf("with the opt-in: %d %q", w.Code, w.Body)
	}
	other, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	for name, tok := range map[string]string{
		"inner signed by another key": wrap(f.sign(other, claims(nil), jwt.WithType("at+jwt"))),
		"inner typed JWT":             wrap(f.sign(f.key, claims(nil), jwt.WithType("JWT"))),
		"inner expired":               wrap(f.token(func(m map[string]any) { m["exp"] = 1 })),
		"inner for another audience":  wrap(f.token(func(m map[string]any) { m["aud"] = "https://other.example.com" })),
	} {
		if w := (request{auth: []string{"Bearer " + tok}}).do(lenient); w.Code != http.StatusUnauthorized {
			t.Errorf("%s: %d", name, w.Code)
		}
	}
}
