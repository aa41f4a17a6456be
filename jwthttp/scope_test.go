package jwthttp_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

func TestRequireScope(t *testing.T) {
	f := newFixture(t)
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	auth := func(scopes ...string) http.Handler {
		mw, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithRealm("api"))
		if err != nil {
			t.Fatal(err)
		}
		return mw(jwthttp.RequireScope(scopes...)(ok))
	}
	with := func(name string, value any) string {
		return "Bearer " + f.token(func(m map[string]any) {
			delete(m, "scope")
			if value != nil {
				m[name] = value
			}
		})
	}
	tests := []struct {
		name      string
		require   []string
		auth      string
		status    int
		challenge string
	}{
		{"scope string", []string{"read"}, with("scope", "read write"), 200, ""},
		{"all of several", []string{"read", "write"}, with("scope", "write read"), 200, ""},
		{"scp array", []string{"read"}, with("scp", []string{"read"}), 200, ""},
		{"scp string", []string{"read"}, with("scp", "read"), 200, ""},
		{"extra spaces", []string{"read"}, with("scope", "  read  write "), 401, ""},
		{"empty string", []string{"read"}, with("scope", ""), 403, ""},
		{"missing", []string{"admin"}, with("scope", "read write"), 403,
			`Bearer realm="api", error="insufficient_scope", error_description="the access token lacks a required scope", scope="admin"`},
		{"one of two missing", []string{"read", "admin"}, with("scope", "read"), 403,
			`Bearer realm="api", error="insufficient_scope", error_description="the access token lacks a required scope", scope="read admin"`},
		{"case-sensitive", []string{"read"}, with("scope", "READ"), 403, ""},
		{"no prefix match", []string{"read"}, with("scope", "reader"), 403, ""},
		{"no scope claim", []string{"read"}, with("scope", nil), 403, ""},
		{"null scope", []string{"read"}, with("scope", json.RawMessage("null")), 403, ""},
		{"empty array", []string{"read"}, with("scp", []string{}), 403, ""},
		{"array of numbers", []string{"read"}, with("scp", []int{1}), 401, ""},
		{"object", []string{"read"}, with("scope", map[string]any{"read": true}), 401, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := request{auth: []string{tt.auth}}.do(auth(tt.require...))
			if w.Code != tt.status || (tt.challenge != "" && challengeOf(w) != tt.challenge) {
				t.Fatalf("got %d %q, want %d %q", w.Code, challengeOf(w), tt.status, tt.challenge)
			}
		})
	}
}

// RequireScope answers through the middleware's error handler.
func TestRequireScopeErrorHandler(t *testing.T) {
	f := newFixture(t)
	var got *jwthttp.ChallengeError
	mw, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithErrorHandler(
		func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
			got = e
			w.Header().Set("WWW-Authenticate", e.Challenge())
			w.WriteHeader(e.Status)
		}))
	if err != nil {
		t.Fatal(err)
	}
	h := mw(jwthttp.RequireScope("admin")(http.NotFoundHandler()))
	w := request{auth: []string{"Bearer " + f.token(nil)}}.do(h)
	if w.Code != 403 || got == nil || got.Scope != "admin" || got.Code != jwthttp.CodeInsufficientScope {
		t.Fatalf("got %d %+v", w.Code, got)
	}
	if !strings.Contains(got.Error(), "admin") || !errorsIs(got, jwthttp.ErrInsufficientScope) {
		t.Fatalf("error %v", got)
	}
}

// Without the middleware in front, RequireScope lets nothing through.
func TestRequireScopeWithoutMiddleware(t *testing.T) {
	h := jwthttp.RequireScope("read")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the handler ran")
	}))
	if w := (request{auth: []string{"Bearer x"}}).do(h); w.Code != 500 {
		t.Fatalf("got %d, want 500", w.Code)
	}
}

func TestRequireScopeInvalid(t *testing.T) {
	for _, s := range []string{"", "a b", `a"b`, `a\b`, "é", "a\x00"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("RequireScope(%q) did not panic", s)
				}
			}()
			jwthttp.RequireScope("ok", s)
		}()
	}
}

// An empty list of required scopes fails closed: RequireScope() refuses to
// be set up, and HasScope with no scope reports false, so that a list read
// from a configuration that came out empty grants nothing.
func TestRequireScopeEmptyList(t *testing.T) {
	func() {
		defer func() {
			r := recover()
			if msg, _ := r.(string); !strings.Contains(msg, "RequireScope needs at least one scope") {
				t.Errorf("RequireScope() recovered %v, want a panic naming the empty list", r)
			}
		}()
		var fromConfig []string
		jwthttp.RequireScope(fromConfig...)
	}()
}

func TestHasScope(t *testing.T) {
	if jwthttp.HasScope(t.Context(), "read") {
		t.Fatal("HasScope without a middleware")
	}
	f := newFixture(t)
	var read, admin, none bool
	mw, err := jwthttp.Middleware[appClaims](f.verifyOptions())
	if err != nil {
		t.Fatal(err)
	}
	h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		read = jwthttp.HasScope(r.Context(), "read", "write")
		admin = jwthttp.HasScope(r.Context(), "read", "admin")
		none = jwthttp.HasScope(r.Context())
	}))
	request{auth: []string{"Bearer " + f.token(nil)}}.do(h)
	if !read || admin || none {
		t.Fatalf("read %v admin %v none %v", read, admin, none)
	}
}

// T57: a scope claim is split on SP (0x20) only, and a claim holding any
// byte outside scope-tokens and SP is refused whole (RFC 6749 §3.3). With
// strings.Fields, "repo:x\u00a0admin" granted "admin".
func TestScopeClaimStrict(t *testing.T) {
	f := newFixture(t)
	var seen *jwthttp.ChallengeError
	reached := false
	mw, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithErrorHandler(
		func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) { seen = e; e.WriteResponse(w) }))
	if err != nil {
		t.Fatal(err)
	}
	h := mw(jwthttp.RequireScope("admin")(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached = true })))
	send := func(name string, value any) int {
		seen, reached = nil, false
		tok := f.token(func(m map[string]any) {
			delete(m, "scope")
			m[name] = value
		})
		return request{auth: []string{"Bearer " + tok}}.do(h).Code
	}
	refused := []struct {
		name    string
		claim   string
		value   any
		message string
	}{
		{"no-break space", "scope", "repo:x\u00a0admin", "scope 1 holds the byte 0xc2 at 6"},
		{"tab", "scope", "repo:x\tadmin", "scope 1 holds the byte 0x09 at 6"},
		{"line separator", "scope", "repo:x\u2028admin", "scope 1 holds the byte 0xe2 at 6"},
		{"newline", "scope", "repo:x\nadmin", "byte 0x0a"},
		{"carriage return", "scope", "admin\r", "byte 0x0d"},
		{"vertical tab", "scope", "repo:x\vadmin", "byte 0x0b"},
		{"form feed", "scope", "repo:x\fadmin", "byte 0x0c"},
		{"ideographic space", "scope", "repo:x\u3000admin", "byte 0xe3"},
		{"next line", "scope", "repo:x\u0085admin", "byte 0xc2"},
		{"NUL", "scope", "admin\x00", "byte 0x00"},
		{"DEL", "scope", "admin\x7f", "byte 0x7f"},
		{"quote", "scope", `ad"min`, "byte 0x22"},
		{"backslash", "scope", `ad\min`, "byte 0x5c"},
		{"two spaces", "scope", "read  admin", "scope 2 is empty"},
		{"leading space", "scope", " admin", "scope 1 is empty"},
		{"trailing space", "scope", "admin ", "scope 2 is empty"},
		{"only a space", "scope", " ", "scope 1 is empty"},
		{"scp string with a tab", "scp", "repo:x\tadmin", "byte 0x09"},
		{"scp element with a space", "scp", []string{"read admin"}, "scope 1 holds the byte 0x20 at 4"},
		{"scp element with a no-break space", "scp", []string{"read", "repo:x\u00a0admin"}, "scope 2 holds the byte 0xc2"},
		{"scp empty element", "scp", []string{"admin", ""}, "scope 2 is empty"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			code := send(c.claim, c.value)
			if code != http.StatusUnauthorized || reached || !errors.Is(seen, jwthttp.ErrInvalidToken) || !errors.Is(seen, jwt.ErrInvalidClaims) ||
				!strings.Contains(seen.Error(), c.message) || !strings.Contains(seen.Error(), "RFC 6749 §3.3") {
				t.Fatalf("got %d, %v (handler reached %v); want 401, ErrInvalidClaims and %q", code, seen, reached, c.message)
			}
			if seen.Description != "the claims are malformed" {
				t.Fatalf("description %q", seen.Description)
			}
		})
	}
	for _, c := range []struct {
		name   string
		claim  string
		value  any
		status int
	}{
		{"single spaces", "scope", "read admin write", http.StatusOK},
		{"all printable bytes", "scope", "!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~ admin", http.StatusOK},
		{"scp array", "scp", []string{"read", "admin"}, http.StatusOK},
		{"empty string grants nothing", "scope", "", http.StatusForbidden},
		{"empty array grants nothing", "scp", []string{}, http.StatusForbidden},
	} {
		if code := send(c.claim, c.value); code != c.status {
			t.Errorf("%s: %d (%v), want %d", c.name, code, seen, c.status)
		}
	}
}
