package jwk

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// publishedSecrets are key sets a provider must never publish, each with
// what the refusal says (T66).
func publishedSecrets(t *testing.T) map[string]struct {
	body []byte
	want string
} {
	ecPriv, err := json.Marshal(ecKey(t, "ec-leak"))
	if err != nil {
		t.Fatal(err)
	}
	rsa, err := Generate(jwa.RS256, WithKeyID("rsa-leak"))
	if err != nil {
		t.Fatal(err)
	}
	rsaPriv, err := json.Marshal(rsa)
	if err != nil {
		t.Fatal(err)
	}
	secret, err := FromKey([]byte("0123456789abcdef0123456789abcdef"), WithKeyID("hmac"))
	if err != nil {
		t.Fatal(err)
	}
	oct, err := json.Marshal(secret)
	if err != nil {
		t.Fatal(err)
	}
	good, err := json.Marshal(ecKey(t, "ok").Public())
	if err != nil {
		t.Fatal(err)
	}
	set := func(keys ...[]byte) []byte {
		var b []byte
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, k...)
		}
		return []byte(`{"keys":[` + string(b) + `]}`)
	}
	return map[string]struct {
		body []byte
		want string
	}{
		"EC private key":  {set(good, ecPriv), `key 1 (kid "ec-leak") has the private member "d"`},
		"RSA private key": {set(rsaPriv), `key 0 (kid "rsa-leak") has the private member "d"`},
		"oct secret":      {set(good, oct), `key 1 (kid "hmac") is a secret (kty "oct")`},
		// A kind this package skips, so its key would not be used: it is
		// refused all the same, since the provider has leaked it.
		"skipped Ed448 private": {set(good, []byte(`{"kty":"OKP","crv":"Ed448","kid":"ed448","x":"AAAA","d":"AAAA"}`)),
			`key 1 (kid "ed448") has the private member "d"`},
		"AKP private": {set(good, []byte(`{"kty":"AKP","alg":"ML-DSA-44","kid":"pq","pub":"AAAA","priv":"AAAA"}`)),
			`key 1 (kid "pq") has the private member "priv"`},
		"RSA prime only": {set(good, []byte(`{"kty":"RSA","kid":"p","n":"AQAB","e":"AQAB","p":"AQAB"}`)),
			`key 1 (kid "p") has the private member "p"`},
	}
}

// T66: a set that publishes a private key or a secret is refused whole,
// both on first use and on a refresh, where the last good set keeps
// serving.
func TestRemoteRefusesPublishedSecrets(t *testing.T) {
	for name, c := range publishedSecrets(t) {
		t.Run(name, func(t *testing.T) {
			p := newProvider(t)
			p.setBody(c.body)
			r := newTestRemote(t, p)
			_, err := r.Select(bg, es256("ok"))
			wantErr(t, err, []error{ErrFetch, ErrPublishedSecret}, c.want, p.srv.URL)
			if r.Set() != nil {
				t.Fatal("a refused set was cached")
			}

			p = newProvider(t, ecKey(t, "ok"))
			r = newTestRemote(t, p)
			if _, err := r.Select(bg, es256("ok")); err != nil {
				t.Fatal(err)
			}
			p.setBody(c.body)
			wantErr(t, r.Refresh(bg), []error{ErrFetch, ErrPublishedSecret}, c.want)
			wantErr(t, r.LastError(), []error{ErrPublishedSecret}, c.want)
			if _, err := r.Select(bg, es256("ok")); err != nil {
				t.Fatalf("the last good set must keep serving: %v", err)
			}
			for _, k := range r.Set().Keys() {
				if k.IsPrivate() || k.IsSymmetric() {
					t.Fatalf("%v was cached", k)
				}
			}
		})
	}
}

// redirector answers every request with a redirect to target.
func redirector(t *testing.T, target string) *httptest.Server {
	srv := httptest.NewServer(http.RedirectHandler(target, http.StatusFound))
	t.Cleanup(srv.Close)
	return srv
}

// onLocalhost names the loopback server u by "localhost" instead of its IP
// address: the same server, another host to a client.
func onLocalhost(u string) string { return strings.Replace(u, "127.0.0.1", "localhost", 1) }

func hostOf(u string) string { return strings.TrimPrefix(u, "http://") }

// T67: a redirect is followed to the host of the request only, unless the
// caller names the other host.
func TestRemoteRefusesCrossHostRedirect(t *testing.T) {
	target := newProvider(t, ecKey(t, "a"))
	other := onLocalhost(target.srv.URL)
	for name, c := range map[string]struct {
		from string
		want string
	}{
		"another name":          {redirector(t, other+"/jwks").URL, `to host "` + hostOf(other) + `"`},
		"another port":          {redirector(t, target.srv.URL+"/jwks").URL, `to host "` + hostOf(target.srv.URL) + `"`},
		"after a same-host hop": {sameHostHop(t, other+"/jwks"), `to host "` + hostOf(other) + `"`},
		"to file:":              {redirector(t, "file:///etc/passwd").URL, `"file:///etc/passwd" is not an https URL`},
	} {
		t.Run(name, func(t *testing.T) {
			// The caller's client allows every redirect: it cannot loosen
			// the Remote's rule.
			r, err := NewRemote(c.from, WithInsecureHTTP(),
				WithHTTPClient(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}))
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			_, err = r.Select(bg, es256("a"))
			wantErr(t, err, []error{ErrFetch, ErrRefusedURL}, c.want)
		})
	}
	if n := target.hits.Load(); n != 0 {
		t.Fatalf("the refused target was asked %d times", n)
	}

	// Named, the other host is followed (its name compared without regard
	// to case); the next hop to a third host is not.
	from := redirector(t, other+"/jwks").URL
	r, err := NewRemote(from, WithInsecureHTTP(), WithRedirectHosts(strings.ToUpper(hostOf(other))))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatalf("redirect to a named host: %v", err)
	}

	// A host named for one hop is not a licence for the next: from ->
	// localhost:hop (named) -> 127.0.0.1:target (not named, refused).
	hop := onLocalhost(redirector(t, target.srv.URL+"/jwks").URL)
	r2, err := NewRemote(redirector(t, hop).URL, WithInsecureHTTP(), WithRedirectHosts(hostOf(hop)))
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	_, err = r2.Select(bg, es256("a"))
	wantErr(t, err, []error{ErrFetch, ErrRefusedURL}, `to host "`+hostOf(target.srv.URL)+`"`)
	if n := target.hits.Load(); n != 1 {
		t.Fatalf("the target was asked %d times, want once (the named host)", n)
	}
}

// sameHostHop is a server that redirects /start to its own /next, which
// redirects to target.
func sameHostHop(t *testing.T, target string) string {
	mux := http.NewServeMux()
	mux.Handle("/start", http.RedirectHandler("/next", http.StatusFound))
	mux.Handle("/next", http.RedirectHandler(target, http.StatusFound))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/start"
}

// A redirect on the same host (a moved path) is followed.
func TestRemoteFollowsSameHostRedirect(t *testing.T) {
	keys := newProvider(t, ecKey(t, "a"))
	mux := http.NewServeMux()
	mux.Handle("/old", http.RedirectHandler("/new", http.StatusMovedPermanently))
	mux.HandleFunc("/new", keys.serve)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	r, err := NewRemote(srv.URL+"/old", WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
}

// T67: the discovery request follows the same redirect rule.
func TestDiscoverRefusesCrossHostRedirect(t *testing.T) {
	idp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"issuer":"x","jwks_uri":"http://127.0.0.1/"}`)
	}))
	t.Cleanup(idp.Close)
	from := redirector(t, onLocalhost(idp.URL)+"/.well-known/openid-configuration")
	_, err := Discover(bg, from.URL, WithInsecureHTTP())
	wantErr(t, err, []error{ErrFetch, ErrRefusedURL}, "redirect from host", "WithRedirectHosts")
}
