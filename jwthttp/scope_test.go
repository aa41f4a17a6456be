package jwthttp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

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
		{"none required", nil, with("scope", nil), 200, ""},
		{"scp array", []string{"read"}, with("scp", []string{"read"}), 200, ""},
		{"scp string", []string{"read"}, with("scp", "read"), 200, ""},
		{"extra spaces", []string{"read"}, with("scope", "  read  write "), 200, ""},
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
	if !read || admin || !none {
		t.Fatalf("read %v admin %v none %v", read, admin, none)
	}
}
