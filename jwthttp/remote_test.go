package jwthttp_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// provider publishes the public halves of its keys on loopback and signs
// with the newest.
type provider struct {
	t       testing.TB
	srv     *httptest.Server
	mu      sync.Mutex
	keys    []*jwk.Key
	fetches atomic.Int32
}

func newProvider(t testing.TB) *provider {
	p := &provider{t: t}
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.fetches.Add(1)
		p.mu.Lock()
		set, err := jwk.NewSet(p.keys...)
		p.mu.Unlock()
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		w.Header().Set("Cache-Control", "max-age=300")
		_ = json.NewEncoder(w).Encode(set.Public())
	}))
	t.Cleanup(p.srv.Close)
	p.rotate()
	return p
}

// rotate publishes a new key beside the old ones and signs with it from now on.
func (p *provider) rotate() {
	p.mu.Lock()
	defer p.mu.Unlock()
	k, err := jwk.Generate(jwa.ES256, jwk.WithKeyID(fmt.Sprintf("k%d", len(p.keys)+1)))
	if err != nil {
		p.t.Fatal(err)
	}
	p.keys = append(p.keys, k)
}

func (p *provider) token(sub string) string {
	p.mu.Lock()
	k := p.keys[len(p.keys)-1]
	p.mu.Unlock()
	tok, err := jwt.Sign(claims(func(m map[string]any) { m["sub"] = sub }), jwa.ES256, k, jwt.WithType("at+jwt"))
	if err != nil {
		p.t.Error(err)
	}
	return tok
}

func remoteAPI(t testing.TB, jwksURL string) *httptest.Server {
	set, err := jwk.NewRemote(jwksURL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = set.Close() })
	mw, err := jwthttp.Middleware[appClaims](jwthttp.WithVerifyOptions(
		jwt.WithKeySet(set, jwa.ES256),
		jwt.WithIssuer(issuer), jwt.WithAudience(audience), jwt.WithExpectedType("at+jwt")))
	if err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(mw(jwthttp.RequireScope("read")(echo())))
	t.Cleanup(api.Close)
	return api
}

func get(client *http.Client, url, token string) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, "", err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// Hundreds of parallel requests against an API whose keys come from a
// remote set on loopback, while the provider rotates its key mid-run.
func TestConcurrentRemoteWithRotation(t *testing.T) {
	p := newProvider(t)
	api := remoteAPI(t, p.srv.URL)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()

	const workers, perWorker = 200, 3
	var wg sync.WaitGroup
	var failures atomic.Int32
	start := make(chan struct{})
	for i := range workers {
		wg.Go(func() {
			<-start
			for j := range perWorker {
				sub := fmt.Sprintf("user%d-%d", i, j)
				status, body, err := get(client, api.URL, p.token(sub))
				if err != nil || status != 200 || body != "hello "+sub {
					failures.Add(1)
					t.Errorf("request %s: %d %q %v", sub, status, body, err)
				}
				// Every request also sees a bad token refused.
				if status, _, err := get(client, api.URL, "x.y.z"); err != nil || status != 401 {
					failures.Add(1)
					t.Errorf("bad token: %d %v", status, err)
				}
			}
		})
	}
	close(start)
	p.rotate() // mid-run: new tokens carry an unknown kid until the set refreshes
	wg.Wait()
	if failures.Load() != 0 {
		t.Fatalf("%d failures", failures.Load())
	}
	// One fetch at the start and one for the new kid; the limiter allows no
	// more within the minimum refresh interval.
	if n := p.fetches.Load(); n < 1 || n > 2 {
		t.Fatalf("%d fetches of the key set, want 1 or 2", n)
	}
	// After the run, a token of the rotated key still passes.
	if status, _, err := get(client, api.URL, p.token("after")); err != nil || status != 200 {
		t.Fatalf("after rotation: %d %v", status, err)
	}
}

// A provider that cannot be reached gives 503, not a challenge: the token
// may be fine.
func TestKeySetUnavailable(t *testing.T) {
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer down.Close()
	api := remoteAPI(t, down.URL)
	p := newProvider(t)
	resp, err := http.Get(api.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Fatalf("no token: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodGet, api.URL, nil)
	req.Header.Set("Authorization", "Bearer "+p.token("alice"))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("WWW-Authenticate") != "" {
		t.Fatalf("got %d %q, want 503 without a challenge", resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
	}
	// The custom handler sees jwk.ErrFetch.
	var got *jwthttp.ChallengeError
	set, err := jwk.NewRemote(down.URL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	mw, err := jwthttp.Middleware[appClaims](jwthttp.WithVerifyOptions(jwt.WithKeySet(set, jwa.ES256)),
		jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) { got = e }))
	if err != nil {
		t.Fatal(err)
	}
	request{auth: []string{"Bearer " + p.token("alice")}}.do(mw(echo()))
	if !errors.Is(got, jwk.ErrFetch) || got.Status != 503 {
		t.Fatalf("got %v", got)
	}
}
