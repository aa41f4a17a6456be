package jwkring

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwk"
)

// FuzzDiscoveryHandler: any issuer and jwks_uri are refused with ErrPolicy,
// or are absolute https URLs (http on a loopback host) with a host name
// and no fragment, the issuer without a query, and the document served
// states them exactly.
func FuzzDiscoveryHandler(f *testing.F) {
	for _, s := range [][2]string{
		{"https://issuer.example", "https://issuer.example/jwks.json"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/jwks"},
		{"https://:443", "https://issuer.example/jwks.json"},
		{"https://issuer.example:99999", "https://issuer.example/jwks.json"},
		{"https://issuer.example?x", "https://issuer.example/#"},
		{"http://localhost.", "ftp://x"},
		{"https://user@issuer.example", "https://[::1"},
		{"https://issuer.example/%00", "https://issuer.example/a b"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, issuer, jwksURI string) {
		h, err := DiscoveryHandler(issuer, jwksURI)
		if err != nil {
			if h != nil || !errors.Is(err, ErrPolicy) {
				t.Fatalf("DiscoveryHandler: %v, %v", h, err)
			}
			return
		}
		for _, raw := range []string{issuer, jwksURI} {
			u, err := url.Parse(raw)
			if err != nil || u.Hostname() == "" || u.Fragment != "" || strings.Contains(raw, "#") || u.User != nil ||
				!(u.Scheme == "https" || u.Scheme == "http" && loopback(u.Hostname())) || !validPort(u.Port()) {
				t.Fatalf("accepted %q", raw)
			}
		}
		if u, _ := url.Parse(issuer); u.RawQuery != "" || u.ForceQuery {
			t.Fatalf("accepted an issuer with a query: %q", issuer)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/.well-known/openid-configuration", nil))
		var doc map[string]string
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil || doc["issuer"] != issuer || doc["jwks_uri"] != jwksURI || len(doc) != 2 {
			t.Fatalf("served %q (%v)", w.Body, err)
		}
	})
}

// FuzzJWKSHandler: whatever the method and the conditional and range
// headers of a request, the key set handler answers with a status of
// RFC 9110 and never a private member; a plain GET gets the whole set.
func FuzzJWKSHandler(f *testing.F) {
	f.Add("GET", "", "", "")
	f.Add("HEAD", "*", "", "")
	f.Add("POST", "", "", "")
	f.Add("get", `W/"x", "y"`, `"z"`, "bytes=0-3")
	f.Add("GET", strings.Repeat(`"a",`, 1000), "", "bytes=0-1,5-6,-2")
	f.Add("OPTIONS", "", "*", "bytes=99999-")
	r := newRing(f, fakeclock.New(start), testPolicy())
	h := r.JWKSHandler()
	f.Fuzz(func(t *testing.T, method, ifNoneMatch, ifMatch, rng string) {
		if !validMethod(method) {
			return // net/http refuses such a request before any handler
		}
		req := httptest.NewRequest(http.MethodGet, "/jwks.json", nil)
		req.Method = method
		for name, v := range map[string]string{"If-None-Match": ifNoneMatch, "If-Match": ifMatch, "Range": rng} {
			if v != "" {
				req.Header.Set(name, v)
			}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if !slices.Contains([]int{200, 206, 304, 405, 412, 416}, w.Code) {
			t.Fatalf("%s: status %d", method, w.Code)
		}
		if body := w.Body.String(); strings.Contains(body, `"d"`) || strings.Contains(body, `"p"`) {
			t.Fatalf("a private member served: %q", body)
		}
		if method == http.MethodGet && ifNoneMatch == "" && ifMatch == "" && rng == "" {
			if w.Code != 200 {
				t.Fatalf("GET: %d", w.Code)
			}
			if _, err := jwk.ParseSet(w.Body.Bytes()); err != nil {
				t.Fatalf("GET: the set does not parse: %v", err)
			}
		}
	})
}

// validMethod reports whether m is an HTTP token (RFC 9110 §5.6.2), as
// net/http requires of a request's method.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, c := range []byte(m) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}
