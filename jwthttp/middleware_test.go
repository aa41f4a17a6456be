package jwthttp_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

func TestResponses(t *testing.T) {
	f := newFixture(t)
	h := f.protect(jwthttp.WithRealm("api"))
	valid := f.token(nil)
	other, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	es384, err := jwk.Generate(jwa.ES384, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(valid, ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))
	jweTok, err := jwt.Encrypt(claims(nil), jwa.A128KW, make([]byte, 16), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	bare := `Bearer realm="api"`
	invalid := func(desc string) string {
		return `Bearer realm="api", error="invalid_token", error_description="` + desc + `"`
	}
	badRequest := func(desc string) string {
		return `Bearer realm="api", error="invalid_request", error_description="` + desc + `"`
	}
	tests := []struct {
		name      string
		req       request
		status    int
		challenge string
		cause     error
	}{
		{"valid", request{auth: []string{"Bearer " + valid}}, 200, "", nil},
		{"scheme is case-insensitive", request{auth: []string{"bEARER " + valid}}, 200, "", nil},
		{"several spaces", request{auth: []string{"Bearer   " + valid}}, 200, "", nil},
		{"no header", request{}, 401, bare, jwthttp.ErrMissingToken},
		{"other scheme", request{auth: []string{"Basic YWxpY2U6c2VjcmV0"}}, 401, bare, jwthttp.ErrMissingToken},
		{"DPoP without WithDPoP", request{auth: []string{"DPoP " + valid}}, 401, bare, jwthttp.ErrMissingToken},
		{"scheme only", request{auth: []string{"Bearer"}}, 400, badRequest("the Bearer credentials are not a token"), jwthttp.ErrInvalidRequest},
		{"empty token", request{auth: []string{"Bearer "}}, 400, badRequest("the Bearer credentials are not a token"), jwthttp.ErrInvalidRequest},
		{"two words", request{auth: []string{"Bearer " + valid + " x"}}, 400, badRequest("the Bearer credentials are not a token"), jwthttp.ErrInvalidRequest},
		{"not a b64token", request{auth: []string{"Bearer a,b"}}, 400, badRequest("the Bearer credentials are not a token"), jwthttp.ErrInvalidRequest},
		{"only padding", request{auth: []string{"Bearer =="}}, 400, badRequest("the Bearer credentials are not a token"), jwthttp.ErrInvalidRequest},
		{"two headers", request{auth: []string{"Bearer " + valid, "Bearer " + valid}}, 400, badRequest("more than one Authorization header"), jwthttp.ErrInvalidRequest},
		{"query without opt-in", request{query: "?access_token=" + valid}, 400, badRequest("a token in the query string is not accepted"), jwthttp.ErrInvalidRequest},
		{"not a JWT", request{auth: []string{"Bearer abc"}}, 401, invalid("the token is malformed"), jwa.ErrMalformed},
		{"b64token but not base64url", request{auth: []string{"Bearer a+b/c.d~e.f=="}}, 401, invalid("the token is malformed"), jwa.ErrMalformed},
		{"expired", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["exp"] = time.Now().Add(-time.Minute).Unix() })}},
			401, invalid("the access token expired"), jwt.ErrExpired},
		{"not valid yet", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["nbf"] = time.Now().Add(time.Hour).Unix() })}},
			401, invalid("the access token is not valid yet"), jwt.ErrNotValidYet},
		{"no exp", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { delete(m, "exp") })}},
			401, invalid("a required claim is missing"), jwt.ErrMissingClaim},
		{"issuer", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["iss"] = "https://evil.example" })}},
			401, invalid("the issuer is not accepted"), jwt.ErrInvalidIssuer},
		{"audience", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["aud"] = "https://other.example" })}},
			401, invalid("the audience is not accepted"), jwt.ErrInvalidAudience},
		{"typ JWT, not at+jwt", request{auth: []string{"Bearer " + f.sign(f.key, claims(nil))}},
			401, invalid("the token type is not accepted"), jwt.ErrInvalidType},
		{"signature", request{auth: []string{"Bearer " + tampered}}, 401, invalid("the signature did not verify"), jwa.ErrInvalidSignature},
		{"another key, same kid", request{auth: []string{"Bearer " + f.sign(other, claims(nil), jwt.WithType("at+jwt"))}},
			401, invalid("the signature did not verify"), jwa.ErrInvalidSignature},
		{"algorithm", request{auth: []string{"Bearer " + mustSign(t, es384, jwa.ES384)}},
			401, invalid("the algorithm is not accepted"), jwa.ErrAlgorithmNotAllowed},
		{"a JWE", request{auth: []string{"Bearer " + jweTok}}, 401, invalid("the token is not in the expected form"), jwt.ErrUnexpectedForm},
		{"scope of a wrong type", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["scope"] = 42 })}},
			401, invalid("the claims are malformed"), jwt.ErrInvalidClaims},
		{"DPoP-bound token as bearer", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["cnf"] = map[string]any{"jkt": "abc"} })}},
			401, invalid("the token is DPoP-bound"), jwthttp.ErrInvalidToken},
		{"certificate-bound token", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["cnf"] = map[string]any{"x5t#S256": "abc"} })}},
			401, invalid("the token's confirmation method is not supported"), jwthttp.ErrInvalidToken},
		{"cnf not an object", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["cnf"] = "abc" })}},
			401, invalid("the claims are malformed"), jwt.ErrInvalidClaims},
		{"jkt not a string", request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["cnf"] = map[string]any{"jkt": 1} })}},
			401, invalid("the claims are malformed"), jwt.ErrInvalidClaims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.req.do(h)
			if w.Code != tt.status || challengeOf(w) != tt.challenge {
				t.Fatalf("got %d %q, want %d %q (body %q)", w.Code, challengeOf(w), tt.status, tt.challenge, w.Body)
			}
			if tt.status == 200 && w.Body.String() != "hello alice" {
				t.Fatalf("body %q", w.Body)
			}
			for _, a := range tt.req.auth {
				if _, tok, _ := strings.Cut(a, " "); len(tok) > 8 && strings.Contains(w.Body.String()+challengeOf(w), strings.TrimSpace(tok)) {
					t.Fatalf("the response repeats the token: %q", challengeOf(w))
				}
			}
			// The same request through a custom handler gets the cause.
			var got *jwthttp.ChallengeError
			hh := f.protect(jwthttp.WithRealm("api"), jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
				got = e
				w.WriteHeader(e.Status)
			}))
			w = tt.req.do(hh)
			if tt.cause == nil {
				if got != nil {
					t.Fatalf("error handler called with %v", got)
				}
				return
			}
			if got == nil || !errors.Is(got, tt.cause) || got.Status != tt.status || got.Challenge() != tt.challenge || w.Code != tt.status {
				t.Fatalf("error handler got %v, want one wrapping %v", got, tt.cause)
			}
		})
	}
}

func mustSign(t *testing.T, key *jwk.Key, alg jwa.SignatureAlgorithm) string {
	tok, err := jwt.Sign(claims(nil), alg, key, jwt.WithType("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestNoRealm(t *testing.T) {
	f := newFixture(t)
	w := request{}.do(f.protect())
	if w.Code != 401 || challengeOf(w) != "Bearer" {
		t.Fatalf("got %d %q", w.Code, challengeOf(w))
	}
	w = request{auth: []string{"Bearer x.y.z"}}.do(f.protect())
	if want := `Bearer error="invalid_token", error_description="the token is malformed"`; challengeOf(w) != want {
		t.Fatalf("got %q, want %q", challengeOf(w), want)
	}
}

func TestQueryToken(t *testing.T) {
	f := newFixture(t)
	h := f.protect(jwthttp.WithQueryToken())
	valid := f.token(nil)
	w := request{query: "?access_token=" + valid}.do(h)
	if w.Code != 200 || w.Header().Get("Cache-Control") != "private" {
		t.Fatalf("query token: %d %q", w.Code, w.Header().Get("Cache-Control"))
	}
	w = request{auth: []string{"Bearer " + valid}}.do(h)
	if w.Code != 200 || w.Header().Get("Cache-Control") != "" {
		t.Fatalf("header token: %d %q", w.Code, w.Header().Get("Cache-Control"))
	}
	for name, req := range map[string]request{
		"two ways":       {auth: []string{"Bearer " + valid}, query: "?access_token=" + valid},
		"two parameters": {query: "?access_token=" + valid + "&access_token=" + valid},
		"not a b64token": {query: "?access_token=a%20b"},
		"empty":          {query: "?access_token="},
	} {
		if w := req.do(h); w.Code != 400 || !strings.Contains(challengeOf(w), `error="invalid_request"`) {
			t.Errorf("%s: %d %q", name, w.Code, challengeOf(w))
		}
	}
	if w := (request{query: "?access_token=" + f.token(func(m map[string]any) { m["iss"] = "x" })}).do(h); w.Code != 401 {
		t.Errorf("invalid query token: %d", w.Code)
	}
}

func TestOptionErrors(t *testing.T) {
	f := newFixture(t)
	tests := map[string][]jwthttp.Option{
		"no options":         nil,
		"nil option":         {f.verifyOptions(), nil},
		"no key":             {jwthttp.WithVerifyOptions(jwt.WithIssuer(issuer))},
		"empty verify":       {jwthttp.WithVerifyOptions()},
		"nil jwt option":     {f.verifyOptions(), jwthttp.WithVerifyOptions(nil)},
		"validator type":     {f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithValidator(func(jwt.Claims) error { return nil }))},
		"nil error handler":  {f.verifyOptions(), jwthttp.WithErrorHandler(nil)},
		"realm with a quote": {f.verifyOptions(), jwthttp.WithRealm(`a"b`)},
		"realm with CR LF":   {f.verifyOptions(), jwthttp.WithRealm("a\r\nSet-Cookie: x")},
		"realm not ASCII":    {f.verifyOptions(), jwthttp.WithRealm("é")},
		"nil DPoP verifier":  {f.verifyOptions(), jwthttp.WithDPoP(nil)},
		"claims transform":   {f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithClaimsTransform(func(b []byte) ([]byte, error) { return b, nil }))},
	}
	for name, opts := range tests {
		mw, err := jwthttp.Middleware[appClaims](opts...)
		if !errors.Is(err, jwt.ErrInvalidOption) || mw != nil {
			t.Errorf("%s: got %v, want ErrInvalidOption", name, err)
		}
	}
	// A validator of the right type is accepted and runs.
	mw, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithVerifyOptions(jwt.WithValidator(func(c appClaims) error {
		if c.Subject != "alice" {
			return errors.New("not alice")
		}
		return nil
	})))
	if err != nil {
		t.Fatal(err)
	}
	h := mw(echo())
	if w := (request{auth: []string{"Bearer " + f.token(nil)}}).do(h); w.Code != 200 {
		t.Fatalf("alice: %d", w.Code)
	}
	w := request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["sub"] = "bob" })}}.do(h)
	if w.Code != 401 || !strings.Contains(challengeOf(w), "the access token was rejected") {
		t.Fatalf("bob: %d %q", w.Code, challengeOf(w))
	}
}

func TestClaimsFrom(t *testing.T) {
	if _, ok := jwthttp.ClaimsFrom[appClaims](t.Context()); ok {
		t.Fatal("claims without a middleware")
	}
	f := newFixture(t)
	mw, err := jwthttp.Middleware[map[string]any](f.verifyOptions())
	if err != nil {
		t.Fatal(err)
	}
	var gotMap map[string]any
	var wrongOK bool
	h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotMap, _ = jwthttp.ClaimsFrom[map[string]any](r.Context())
		_, wrongOK = jwthttp.ClaimsFrom[appClaims](r.Context())
	}))
	if w := (request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["tenant"] = "acme" })}}).do(h); w.Code != 200 {
		t.Fatal(w.Code)
	}
	if gotMap["tenant"] != "acme" || wrongOK {
		t.Fatalf("claims %v, wrong type ok %v", gotMap, wrongOK)
	}
	// A nil next handler is http.NotFoundHandler, not a panic.
	if w := (request{auth: []string{"Bearer " + f.token(nil)}}).do(mw(nil)); w.Code != 404 {
		t.Fatalf("nil next: %d", w.Code)
	}
}

// A nested token (signed, then encrypted) is verified as jwt.Verify does,
// and its scope is read from the decoded claims.
func TestNestedToken(t *testing.T) {
	f := newFixture(t)
	secret := []byte("0123456789abcdef")
	tok, err := jwt.SignAndEncrypt(claims(nil), jwa.ES256, f.key, jwt.WithType("at+jwt"),
		jwt.WithRecipient(jwa.A128KW, secret), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	mw, err := jwthttp.Middleware[map[string]any](f.verifyOptions(), jwthttp.WithVerifyOptions(
		jwt.WithDecryptionKey(jwa.A128KW, secret), jwt.WithAllowedEncryptions(jwa.A128GCM)))
	if err != nil {
		t.Fatal(err)
	}
	h := mw(jwthttp.RequireScope("write")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	if w := (request{auth: []string{"Bearer " + tok}}).do(h); w.Code != 200 {
		t.Fatalf("nested token: %d %q", w.Code, challengeOf(w))
	}
	bound, err := jwt.SignAndEncrypt(claims(func(m map[string]any) { m["cnf"] = map[string]any{"jkt": "x"} }), jwa.ES256, f.key,
		jwt.WithType("at+jwt"), jwt.WithRecipient(jwa.A128KW, secret), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	if w := (request{auth: []string{"Bearer " + bound}}).do(h); w.Code != 401 {
		t.Fatalf("nested DPoP-bound token as bearer: %d", w.Code)
	}
}

// The default response: status, challenge, a plain-text body of the
// description, and a description set by a custom handler cleaned of
// characters that would break the header.
func TestWriteResponse(t *testing.T) {
	e := &jwthttp.ChallengeError{Status: 401, Code: jwthttp.CodeInvalidToken, Description: "bad \"quote\"\\ \r\nX-Injected: 1 é",
		Scheme: jwthttp.SchemeBearer, Realm: "r"}
	w := httptest.NewRecorder()
	e.WriteResponse(w)
	want := `Bearer realm="r", error="invalid_token", error_description="bad quote X-Injected: 1 "`
	if w.Code != 401 || challengeOf(w) != want {
		t.Fatalf("got %d %q, want %q", w.Code, challengeOf(w), want)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("content type %q", ct)
	}
	if e.Error() == "" || errors.Unwrap(e) != nil {
		t.Fatalf("Error %q, Unwrap %v", e.Error(), errors.Unwrap(e))
	}
}

// TestClaimNamesAreExact: "scope" and "cnf" are read by their exact names
// from the authenticated claims, for nested tokens too, whatever the
// caller's claims type keeps (encoding/json would take "SCOPE" for "scope").
func TestClaimNamesAreExact(t *testing.T) {
	f := newFixture(t)
	mw, err := f.middleware()
	if err != nil {
		t.Fatal(err)
	}
	h := mw(jwthttp.RequireScope("admin")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	// appClaims has a field "scope", so jwt.Verify refuses the token
	// outright (T70); it must never grant the scope.
	tok := f.token(func(m map[string]any) { delete(m, "scope"); m["SCOPE"] = "admin" })
	if w := (request{auth: []string{"Bearer " + tok}}).do(h); w.Code != http.StatusUnauthorized {
		t.Fatalf(`"SCOPE": got %d, want 401`, w.Code)
	}

	// A nested DPoP-bound token, verified into a type that drops "cnf", is
	// still refused as a bearer token (RFC 9449 §7.2).
	secret := []byte("0123456789abcdef")
	bound, err := jwt.SignAndEncrypt(claims(func(m map[string]any) { m["cnf"] = map[string]any{"jkt": "x"} }), jwa.ES256, f.key,
		jwt.WithType("at+jwt"), jwt.WithRecipient(jwa.A128KW, secret), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	nested, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithVerifyOptions(
		jwt.WithDecryptionKey(jwa.A128KW, secret), jwt.WithAllowedEncryptions(jwa.A128GCM)))
	if err != nil {
		t.Fatal(err)
	}
	if w := (request{auth: []string{"Bearer " + bound}}).do(nested(echo())); w.Code != http.StatusUnauthorized {
		t.Fatalf("nested DPoP-bound token into a type without cnf: %d", w.Code)
	}
}

func (f *fixture) middleware(opts ...jwthttp.Option) (func(http.Handler) http.Handler, error) {
	return jwthttp.Middleware[appClaims](append([]jwthttp.Option{f.verifyOptions()}, opts...)...)
}
