package jwkring

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

func get(t testing.TB, h http.Handler, method string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "/jwks.json", nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestJWKSHandlerConditional: the set has a strong ETag; If-None-Match
// naming it (exactly, weakly, in a list, or "*") gets 304 with the same
// validators and no body; a stale ETag gets the new set.
func TestJWKSHandlerConditional(t *testing.T) {
	clock := fakeclock.New(start)
	r := newRing(t, clock, testPolicy())
	h := r.JWKSHandler()
	first := get(t, h, http.MethodGet)
	etag := first.Header().Get("ETag")
	if first.Code != http.StatusOK || !strings.HasPrefix(etag, `"`) || first.Header().Get("Content-Type") != JWKSContentType {
		t.Fatalf("GET: %d, ETag %q, Content-Type %q", first.Code, etag, first.Header().Get("Content-Type"))
	}
	for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
		rec := get(t, h, http.MethodGet, "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag ||
			rec.Header().Get("Cache-Control") != first.Header().Get("Cache-Control") {
			t.Fatalf("If-None-Match %s: %d, %d bytes, ETag %q, Cache-Control %q", inm, rec.Code, rec.Body.Len(), rec.Header().Get("ETag"), rec.Header().Get("Cache-Control"))
		}
	}
	if rec := get(t, h, http.MethodGet, "If-None-Match", `"stale"`); rec.Code != http.StatusOK || rec.Body.String() != first.Body.String() {
		t.Fatalf("a stale ETag: %d", rec.Code)
	}
	if rec := get(t, h, http.MethodHead); rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
		t.Fatalf("HEAD: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	// A rotation changes the set, and so its ETag.
	if err := r.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := get(t, h, http.MethodGet, "If-None-Match", etag)
	if rec.Code != http.StatusOK || rec.Header().Get("ETag") == etag {
		t.Fatalf("after a rotation, the old ETag: %d, ETag %q", rec.Code, rec.Header().Get("ETag"))
	}
	// So does a retirement, with nothing else changing.
	etag = rec.Header().Get("ETag")
	clock.Advance(testPolicy().Lead + testPolicy().hold())
	if rec := get(t, h, http.MethodGet, "If-None-Match", etag); rec.Code != http.StatusOK || len(publishedKIDs(t, r)) != 1 {
		t.Fatalf("after a retirement, the old ETag: %d, %v", rec.Code, publishedKIDs(t, r))
	}
}

// TestJWKSHandlerMethods: only GET and HEAD.
func TestJWKSHandlerMethods(t *testing.T) {
	h := newRing(t, fakeclock.New(start), testPolicy()).JWKSHandler()
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, "PROPFIND"} {
		if rec := get(t, h, m); rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
			t.Fatalf("%s: %d, Allow %q", m, rec.Code, rec.Header().Get("Allow"))
		}
	}
	var nilRing *Ring
	if rec := get(t, nilRing.JWKSHandler(), http.MethodGet); rec.Code != http.StatusInternalServerError {
		t.Fatalf("the handler of a nil ring: %d", rec.Code)
	}
}

// TestJWKSHandlerPublishesNoSecret (T54, T66): for every algorithm, with
// a next, a current and a previous key, the served set has no private
// member at all, and a jwk.Remote, which refuses a set that publishes one,
// takes it.
func TestJWKSHandlerPublishesNoSecret(t *testing.T) {
	for _, alg := range []jwa.SignatureAlgorithm{jwa.ES256, jwa.ES512, jwa.EdDSA, jwa.Ed25519, jwa.RS256, jwa.PS384} {
		t.Run(string(alg), func(t *testing.T) {
			clock := fakeclock.New(start)
			p := testPolicy()
			p.Algorithm = alg
			r := newRing(t, clock, p)
			clock.Advance(p.Period) // a previous key and a current one
			if err := r.Rotate(context.Background()); err != nil {
				t.Fatal(err) // and a next one
			}
			body := get(t, r.JWKSHandler(), http.MethodGet).Body.Bytes()
			var doc struct {
				Keys []map[string]json.RawMessage `json:"keys"`
			}
			if err := json.Unmarshal(body, &doc); err != nil || len(doc.Keys) != 3 {
				t.Fatalf("%d keys, %v", len(doc.Keys), err)
			}
			for _, k := range doc.Keys {
				for _, name := range []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"} {
					if _, ok := k[name]; ok {
						t.Fatalf("the served set publishes %q: %s", name, body)
					}
				}
				for _, name := range []string{"kid", "alg", "use"} {
					if _, ok := k[name]; !ok {
						t.Fatalf("a served key without %q", name)
					}
				}
			}
			srv := httptest.NewTLSServer(r.JWKSHandler())
			defer srv.Close()
			remote, err := jwk.NewRemote(srv.URL, jwk.WithHTTPClient(srv.Client()))
			if err != nil {
				t.Fatal(err)
			}
			defer remote.Close()
			if err := remote.Refresh(context.Background()); err != nil {
				t.Fatalf("jwk.Remote refuses the served set: %v", err)
			}
			for _, k := range remote.Set().Keys() {
				if k.IsPrivate() {
					t.Fatalf("%v is private", k)
				}
			}
		})
	}
}

// TestDiscoveryHandler: jwk.Discover accepts the document and finds the
// ring's set through it.
func TestDiscoveryHandler(t *testing.T) {
	clock := fakeclock.New(start)
	r := newRing(t, clock, testPolicy())
	is := serveRing(t, r)
	v := is.verifier(t, clock, 0)
	if got := v.remote.URL(); got != is.srv.URL+"/jwks.json" {
		t.Fatalf("discovered %q", got)
	}
	if err := v.verify(t, sign(t, r, clock)); err != nil {
		t.Fatal(err)
	}
	// A verifier that expects another issuer refuses the document.
	_, err := jwk.Discover(context.Background(), is.srv.URL+"/other", jwk.WithHTTPClient(is.srv.Client()))
	if !errors.Is(err, jwk.ErrFetch) {
		t.Fatalf("Discover of another issuer: %v", err)
	}
}

// TestDiscoveryHandlerRefusesURLs: URLs a discovery document must not
// state.
func TestDiscoveryHandlerRefusesURLs(t *testing.T) {
	const jwks = "https://issuer.example/jwks.json"
	for _, c := range []struct{ issuer, jwksURI, msg string }{
		{"http://issuer.example", jwks, `issuer "http://issuer.example" is plain http`},
		{"https://issuer.example", "http://issuer.example/jwks.json", `jwks_uri "http://issuer.example/jwks.json" is plain http`},
		{"https://issuer.example?tenant=a", jwks, "has a query"},
		{"https://issuer.example#top", jwks, "has a fragment"},
		{"issuer.example", jwks, "want an absolute URL"},
		{"", jwks, "want an absolute URL"},
		{"https://user@issuer.example", jwks, "no user"},
		{"ftp://issuer.example", jwks, "want an https URL"},
		{"https://issuer.example", "/jwks.json", "want an absolute URL"},
		{"https://issuer.example", "https://[::1", "is not a URL"},
		{"https://:443", jwks, "want an absolute URL with a host"},
		{"https://issuer.example", "https://:8443/jwks.json", "want an absolute URL with a host"},
		{"https://issuer.example:99999", jwks, "the port is not 1 to 65535"},
		{"https://issuer.example:0", jwks, "the port is not 1 to 65535"},
		{"https://issuer.example", "https://issuer.example:65536/jwks.json", "the port is not 1 to 65535"},
		{"https://0", "https://0\xb5", "byte 9 is not printable ASCII"},
		{"https://issuer.example/a b", jwks, "byte 24 is not printable ASCII"},
		{"https://issuer.example/\u00e9", jwks, "byte 23 is not printable ASCII"},
	} {
		h, err := DiscoveryHandler(c.issuer, c.jwksURI)
		if h != nil || !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("DiscoveryHandler(%q, %q): %v; want ErrPolicy saying %q", c.issuer, c.jwksURI, err, c.msg)
		}
	}
	for _, ok := range []string{"http://127.0.0.1:8080", "http://localhost", "http://[::1]:1"} {
		if _, err := DiscoveryHandler(ok, ok+"/jwks.json"); err != nil {
			t.Errorf("loopback %q: %v", ok, err)
		}
	}
}

// TestJWKSServedFromCache: the set is made once per change, not per
// request.
func TestJWKSServedFromCache(t *testing.T) {
	clock := fakeclock.New(start)
	r := newRing(t, clock, testPolicy())
	a, _ := r.jwks()
	clock.Advance(time.Minute)
	if b, _ := r.jwks(); a != b {
		t.Fatal("the set was made again with nothing changed")
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = r.jwks() }); n != 0 {
		t.Fatalf("%v allocations per request for an unchanged set", n)
	}
}
