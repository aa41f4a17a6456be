package jwthttp_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// dpopServer is the fixture's API with DPoP for the given origins, the
// client key its tokens are bound to, and the cause of the last refusal.
type dpopServer struct {
	f      *fixture
	h      http.Handler
	client *jwk.Key
	token  string
	seen   *jwthttp.ChallengeError
}

func newDPoPServer(t *testing.T, origins ...string) *dpopServer {
	t.Helper()
	s := &dpopServer{f: newFixture(t)}
	var err error
	if s.client, err = jwk.Generate(jwa.ES256); err != nil {
		t.Fatal(err)
	}
	jkt, err := dpop.Thumbprint(s.client)
	if err != nil {
		t.Fatal(err)
	}
	s.token = s.f.token(func(m map[string]any) { m["cnf"] = dpop.Confirmation{JKT: jkt} })
	v, err := dpop.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	proofs, err := jwthttp.DPoPProofs(v, origins)
	if err != nil {
		t.Fatal(err)
	}
	s.h = s.f.protect(jwthttp.WithDPoP(proofs), jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
		s.seen = e
		e.WriteResponse(w)
	}))
	return s
}

// send makes a fresh proof for htu and sends it to path with the Host
// header host.
func (s *dpopServer) send(t *testing.T, htu, host, path string) int {
	t.Helper()
	proof, err := dpop.NewProof(http.MethodGet, htu, jwa.ES256, s.client, dpop.WithAccessToken(s.token))
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Host = host
	r.Header.Set("Authorization", "DPoP "+s.token)
	r.Header.Set("DPoP", proof)
	w := httptest.NewRecorder()
	s.seen = nil
	s.h.ServeHTTP(w, r)
	return w.Code
}

// T56: the target URI a proof must name comes from the server's own
// origins, never from the request's Host header. A proof made for another
// site, replayed here with that site's Host, is refused.
func TestDPoPHostHeaderNotTrusted(t *testing.T) {
	s := newDPoPServer(t, "https://api.example.com")
	if code := s.send(t, "https://api.example.com/orders", "api.example.com", "/orders"); code != http.StatusOK {
		t.Fatalf("a proof for this origin: %d (%v)", code, s.seen)
	}
	// Behind a proxy the Host may be anything: it is not read.
	if code := s.send(t, "https://api.example.com/orders", "10.0.0.7:8080", "/orders"); code != http.StatusOK {
		t.Fatalf("an internal Host: %d (%v)", code, s.seen)
	}
	for name, c := range map[string]struct{ htu, host string }{
		"other site, its Host":         {"http://other.example/orders", "other.example"},
		"other site, https, its Host":  {"https://other.example/orders", "other.example"},
		"our host, http":               {"http://api.example.com/orders", "api.example.com"},
		"our host, another port":       {"https://api.example.com:8443/orders", "api.example.com:8443"},
		"our origin, another path":     {"https://api.example.com/admin", "api.example.com"},
		"other site, our Host":         {"http://other.example/orders", "api.example.com"},
		"other site, absolute request": {"http://other.example/orders", ""},
	} {
		t.Run(name, func(t *testing.T) {
			code := s.send(t, c.htu, c.host, "/orders")
			if code != http.StatusUnauthorized || !errors.Is(s.seen, jwthttp.ErrInvalidDPoPProof) || !errors.Is(s.seen, dpop.ErrURIMismatch) ||
				!strings.Contains(s.seen.Error(), `"htu" is`) {
				t.Fatalf("got %d, %v; want 401 and ErrURIMismatch", code, s.seen)
			}
		})
	}
}

// With several origins the Host header chooses among them only: a Host
// that names none of them is refused before the proof is read.
func TestDPoPSeveralOrigins(t *testing.T) {
	s := newDPoPServer(t, "https://api.example.com", "https://api.example.org:8443", "http://[::1]:8080")
	for _, c := range []struct{ htu, host string }{
		{"https://api.example.com/orders", "api.example.com"},
		{"https://api.example.com/orders", "API.Example.COM:443"},
		{"https://api.example.org:8443/orders", "api.example.org:8443"},
		{"http://[::1]:8080/orders", "[::1]:8080"},
	} {
		if code := s.send(t, c.htu, c.host, "/orders"); code != http.StatusOK {
			t.Fatalf("%s with Host %s: %d (%v)", c.htu, c.host, code, s.seen)
		}
	}
	for name, c := range map[string]struct{ htu, host, message string }{
		"unknown Host":            {"http://other.example/orders", "other.example", `the request's Host "other.example" is none of the DPoP origins`},
		"default port elsewhere":  {"https://api.example.org/orders", "api.example.org", "is none of the DPoP origins"},
		"one of ours, other Host": {"https://api.example.com/orders", "api.example.org:8443", `"htu" is`},
		"empty Host":              {"https://api.example.com/orders", "", "is none of the DPoP origins"},
	} {
		t.Run(name, func(t *testing.T) {
			code := s.send(t, c.htu, c.host, "/orders")
			if code != http.StatusUnauthorized || !errors.Is(s.seen, dpop.ErrURIMismatch) || !strings.Contains(s.seen.Error(), c.message) {
				t.Fatalf("got %d, %v; want 401, ErrURIMismatch and %q", code, s.seen, c.message)
			}
		})
	}
}

// A request whose target is not an absolute path ("OPTIONS *") names no
// URI under the origin.
func TestDPoPAsteriskRequest(t *testing.T) {
	s := newDPoPServer(t, "https://api.example.com")
	proof, err := dpop.NewProof(http.MethodOptions, "https://api.example.com/", jwa.ES256, s.client, dpop.WithAccessToken(s.token))
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodOptions, "*", nil)
	r.Header.Set("Authorization", "DPoP "+s.token)
	r.Header.Set("DPoP", proof)
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	if w.Code != http.StatusUnauthorized || !errors.Is(s.seen, dpop.ErrURIMismatch) || !strings.Contains(s.seen.Error(), `path "*" is not absolute`) {
		t.Fatalf("got %d, %v", w.Code, s.seen)
	}
}

// A path prefix that a proxy strips is part of the origin.
func TestDPoPOriginPathPrefix(t *testing.T) {
	s := newDPoPServer(t, "https://example.com/api/")
	if code := s.send(t, "https://example.com/api/orders", "backend:8080", "/orders"); code != http.StatusOK {
		t.Fatalf("prefixed: %d (%v)", code, s.seen)
	}
	if code := s.send(t, "https://example.com/orders", "example.com", "/orders"); code != http.StatusUnauthorized || !errors.Is(s.seen, dpop.ErrURIMismatch) {
		t.Fatalf("without the prefix: %d (%v)", code, s.seen)
	}
}

// nilVerifier is a DPoPVerifier whose nil pointer would fail at the first
// request.
type nilVerifier struct{ jkt string }

func (n *nilVerifier) VerifyDPoP(*http.Request, string) (string, error) { return n.jkt, nil }

// DPoPProofs and WithDPoP refuse at setup what would fail at each request.
func TestDPoPProofsSetup(t *testing.T) {
	v, err := dpop.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		v       *dpop.Validator
		origins []string
		opts    []dpop.ValidateOption
		message string
	}{
		{"nil validator", nil, []string{"https://a.example"}, nil, "DPoPProofs: the Validator is nil"},
		{"no origin", v, nil, nil, "no origin"},
		{"empty list", v, []string{}, nil, "no origin"},
		{"relative", v, []string{"/orders"}, nil, "not an absolute http or https URI"},
		{"no scheme", v, []string{"api.example.com"}, nil, "not an absolute http or https URI"},
		{"ftp", v, []string{"ftp://a.example"}, nil, "not an absolute http or https URI"},
		{"no host", v, []string{"https://"}, nil, "has no host"},
		{"user information", v, []string{"https://u:p@a.example"}, nil, "without user information, query or fragment"},
		{"query", v, []string{"https://a.example/?x=1"}, nil, "without user information, query or fragment"},
		{"empty query", v, []string{"https://a.example/?"}, nil, "without user information, query or fragment"},
		{"fragment", v, []string{"https://a.example/#f"}, nil, "without user information, query or fragment"},
		{"empty", v, []string{""}, nil, "not an absolute http or https URI"},
		{"same host twice", v, []string{"https://a.example", "https://A.EXAMPLE:443/x"}, nil, "the request's Host cannot tell them apart"},
		{"same host, http and https", v, []string{"https://a.example", "http://a.example"}, nil, "cannot tell them apart"},
		{"explicit default port", v, []string{"http://a.example:80", "https://a.example:80"}, nil, "cannot tell them apart"},
		{"access token set twice", v, []string{"https://a.example"}, []dpop.ValidateOption{dpop.WithAccessToken("x")}, "WithAccessToken given twice"},
		{"nil option", v, []string{"https://a.example"}, []dpop.ValidateOption{nil}, "option 3 of Validate is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := jwthttp.DPoPProofs(tt.v, tt.origins, tt.opts...)
			if d != nil || !errors.Is(err, jwt.ErrInvalidOption) || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("got %v, %v; want ErrInvalidOption and %q", d, err, tt.message)
			}
		})
	}
	if _, err := jwthttp.DPoPProofs(v, []string{"https://a.example", "https://a.example:8443", "http://b.example"}, dpop.WithAllowedNonces("n")); err != nil {
		t.Fatalf("distinct origins: %v", err)
	}
	f := newFixture(t)
	if _, err := jwthttp.Middleware[appClaims](f.verifyOptions(), jwthttp.WithDPoP((*nilVerifier)(nil))); !errors.Is(err, jwt.ErrInvalidOption) ||
		!strings.Contains(err.Error(), "WithDPoP: the DPoPVerifier is nil") {
		t.Fatalf("typed nil verifier: %v", err)
	}
}
