package jwk

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
)

// provider is a loopback identity provider whose key set a test changes.
type provider struct {
	mu      sync.Mutex
	body    []byte
	etag    string
	header  http.Header
	status  int
	delay   time.Duration
	hits    atomic.Int32
	cond304 atomic.Int32
	srv     *httptest.Server
}

func newProvider(t *testing.T, keys ...*Key) *provider {
	p := &provider{status: http.StatusOK, header: http.Header{}}
	p.setKeys(t, keys...)
	p.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.hits.Add(1)
		p.mu.Lock()
		body, etag, status, delay := p.body, p.etag, p.status, p.delay
		for k, v := range p.header {
			w.Header()[k] = v
		}
		p.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		if etag != "" && r.Header.Get("If-None-Match") == etag {
			p.cond304.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) setKeys(t *testing.T, keys ...*Key) {
	t.Helper()
	set, err := NewSet(keys...)
	if err != nil {
		t.Fatal(err)
	}
	body, err := json.Marshal(set.Public())
	if err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.body = body
	p.etag = fmt.Sprintf(`"%d"`, len(body)+int(p.hits.Load())*7919)
}

func (p *provider) set(f func(p *provider)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
}

func ecKey(t *testing.T, kid string) *Key {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := FromKey(priv, WithKeyID(kid))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func es256(kid string) Query { return Query{KeyID: kid, Signature: jwa.ES256} }

func newTestRemote(t *testing.T, p *provider, opts ...RemoteOption) *Remote {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	r, err := NewRemote(ctx, p.srv.URL, append([]RemoteOption{WithInsecureHTTP()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRemoteFirstUseFetchesThenCaches(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r := newTestRemote(t, p)
	if p.hits.Load() != 0 {
		t.Fatal("NewRemote must not fetch")
	}
	for range 5 {
		keys, err := r.Select(context.Background(), es256("a"))
		if err != nil || len(keys) != 1 {
			t.Fatalf("Select: %v, %v", keys, err)
		}
	}
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d fetches, want 1", n)
	}
}

func TestRemoteConcurrentCallersShareOneFetch(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.delay = 50 * time.Millisecond })
	r := newTestRemote(t, p)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 100 {
		wg.Go(func() {
			if _, err := r.Select(context.Background(), es256("a")); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d fetches for 100 concurrent callers, want 1", n)
	}
}

func TestRemoteRotation(t *testing.T) {
	a, b := ecKey(t, "a"), ecKey(t, "b")
	p := newProvider(t, a)
	r := newTestRemote(t, p)
	if _, err := r.Select(context.Background(), es256("a")); err != nil {
		t.Fatal(err)
	}
	// The provider adds b and drops a. A token with kid b triggers one
	// refresh.
	p.setKeys(t, b)
	keys, err := r.Select(context.Background(), es256("b"))
	if err != nil || keys[0].KeyID() != "b" {
		t.Fatalf("new kid after rotation: %v, %v", keys, err)
	}
	if _, err := r.Select(context.Background(), es256("a")); !errors.Is(err, ErrKeyNotFound) {
		t.Fatalf("old kid after rotation: got %v, want ErrKeyNotFound", err)
	}
}

func TestRemoteUnknownKidFloodIsRateLimited(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r := newTestRemote(t, p)
	if _, err := r.Select(context.Background(), es256("a")); err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if _, err := r.Select(context.Background(), es256(fmt.Sprintf("random-%d", i))); !errors.Is(err, ErrKeyNotFound) {
			t.Fatalf("got %v, want ErrKeyNotFound", err)
		}
	}
	// One fetch for the first use and one refresh for the first unknown
	// kid; the rest of the flood came within the minimum interval.
	if n := p.hits.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}
}

func TestRemoteUnknownKidRefreshOncePerInterval(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	now := time.Now()
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	r := newTestRemote(t, p, withClock(clock))
	if _, err := r.Select(context.Background(), es256("a")); err != nil {
		t.Fatal(err)
	}
	for round := range 3 {
		for i := range 50 {
			_, _ = r.Select(context.Background(), es256(fmt.Sprintf("x%d-%d", round, i)))
		}
		if n, want := p.hits.Load(), int32(round+2); n != want {
			t.Fatalf("round %d: %d fetches, want %d (first use, then one refresh per interval)", round, n, want)
		}
		mu.Lock()
		now = now.Add(DefaultMinRefresh)
		mu.Unlock()
	}
}

func TestRemoteServerDownAtStart(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.status = http.StatusInternalServerError })
	var reported atomic.Int32
	r := newTestRemote(t, p, WithErrorHandler(func(error) { reported.Add(1) }))
	if _, err := r.Select(context.Background(), es256("a")); !errors.Is(err, ErrFetch) {
		t.Fatalf("got %v, want ErrFetch", err)
	}
	if reported.Load() != 1 || r.LastError() == nil {
		t.Fatal("the failure must reach the error handler and LastError")
	}
}

func TestRemoteStaleSetServedWhenProviderFails(t *testing.T) {
	for name, breakIt := range map[string]func(p *provider){
		"500":            func(p *provider) { p.status = http.StatusInternalServerError; p.etag = "" },
		"malformed JSON": func(p *provider) { p.body = []byte(`{"keys":[`); p.etag = "" },
		"no usable key": func(p *provider) {
			p.body = []byte(`{"keys":[{"kty":"AKP","alg":"SLH-DSA-SHA2-128s","pub":"AA"}]}`)
			p.etag = ""
		},
		"oversized body": func(p *provider) {
			p.body = []byte(`{"keys":[],"pad":"` + strings.Repeat("x", 2<<20) + `"}`)
			p.etag = ""
		},
	} {
		t.Run(name, func(t *testing.T) {
			p := newProvider(t, ecKey(t, "a"))
			r := newTestRemote(t, p)
			if _, err := r.Select(context.Background(), es256("a")); err != nil {
				t.Fatal(err)
			}
			p.set(breakIt)
			if err := r.Refresh(context.Background()); !errors.Is(err, ErrFetch) {
				t.Fatalf("Refresh: got %v, want ErrFetch", err)
			}
			if _, err := r.Select(context.Background(), es256("a")); err != nil {
				t.Fatalf("the last good set must keep serving: %v", err)
			}
		})
	}
}

func TestRemoteSlowServerTimesOut(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.delay = 2 * time.Second })
	r := newTestRemote(t, p, WithFetchTimeout(50*time.Millisecond))
	start := time.Now()
	if _, err := r.Select(context.Background(), es256("a")); !errors.Is(err, ErrFetch) {
		t.Fatalf("got %v, want ErrFetch", err)
	}
	if time.Since(start) > time.Second {
		t.Fatal("the fetch timeout was not applied")
	}
}

func TestRemoteConditionalRequest(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r := newTestRemote(t, p)
	if _, err := r.Select(context.Background(), es256("a")); err != nil {
		t.Fatal(err)
	}
	if err := r.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if p.cond304.Load() != 1 {
		t.Fatal("the second fetch must send If-None-Match and accept 304")
	}
	if _, err := r.Select(context.Background(), es256("a")); err != nil {
		t.Fatalf("after 304: %v", err)
	}
}

func TestRemoteCacheControlClamped(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := &Remote{cfg: remoteConfig{minRefresh: time.Minute, maxRefresh: time.Hour, now: func() time.Time { return now }}}
	for _, c := range []struct {
		h    http.Header
		want time.Duration
	}{
		{http.Header{"Cache-Control": {"public, max-age=600"}}, 10 * time.Minute},
		{http.Header{"Cache-Control": {"max-age=5"}}, time.Minute},
		{http.Header{"Cache-Control": {"max-age=999999"}}, time.Hour},
		{http.Header{"Cache-Control": {"no-store"}}, time.Minute},
		{http.Header{"Expires": {now.Add(30 * time.Minute).Format(http.TimeFormat)}}, 30 * time.Minute},
		{http.Header{}, time.Hour},
		{http.Header{"Cache-Control": {"max-age=-1"}}, time.Hour},
	} {
		if got := r.interval(c.h); got != c.want {
			t.Errorf("%v: got %v, want %v", c.h, got, c.want)
		}
	}
}

func TestRemoteBackgroundRefreshStopsWithContext(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.header.Set("Cache-Control", "max-age=0") })
	ctx, cancel := context.WithCancel(context.Background())
	r, err := NewRemote(ctx, p.srv.URL, WithInsecureHTTP(), WithRefreshInterval(20*time.Millisecond, time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Select(context.Background(), es256("a")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for p.hits.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if p.hits.Load() < 3 {
		t.Fatal("the background refresh did not run")
	}
	cancel()
	time.Sleep(50 * time.Millisecond)
	n := p.hits.Load()
	time.Sleep(100 * time.Millisecond)
	if p.hits.Load() != n {
		t.Fatal("the background refresh went on after the context ended")
	}
}

func TestRemoteRefusesSchemes(t *testing.T) {
	for _, u := range []string{"http://example.com/jwks", "file:///etc/passwd", "gopher://x/", "ftp://x/", "https://", "::"} {
		if _, err := NewRemote(context.Background(), u); err == nil {
			t.Errorf("%q accepted", u)
		}
	}
	if _, err := NewRemote(context.Background(), "https://issuer.example/jwks"); err != nil {
		t.Fatal(err)
	}
}

func TestRemoteRefusesRedirectDowngrade(t *testing.T) {
	target := newProvider(t, ecKey(t, "a"))
	redirect := httptest.NewServer(http.RedirectHandler(strings.Replace(target.srv.URL, "http://", "file://", 1), http.StatusFound))
	t.Cleanup(redirect.Close)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := NewRemote(ctx, redirect.URL, WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Select(context.Background(), es256("a")); !errors.Is(err, ErrFetch) {
		t.Fatalf("got %v, want ErrFetch", err)
	}
}

func TestDiscover(t *testing.T) {
	jwks := newProvider(t, ecKey(t, "a"))
	var issuer string
	var stated string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `{"issuer":%q,"jwks_uri":%q}`, stated, jwks.srv.URL)
	}))
	t.Cleanup(srv.Close)
	issuer = srv.URL
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	stated = issuer
	r, err := Discover(ctx, issuer, WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Select(ctx, es256("a")); err != nil {
		t.Fatal(err)
	}

	stated = "https://evil.example"
	if _, err := Discover(ctx, issuer, WithInsecureHTTP()); !errors.Is(err, ErrFetch) {
		t.Fatalf("mismatched issuer: got %v, want ErrFetch", err)
	}
	stated = issuer + "/"
	if _, err := Discover(ctx, issuer, WithInsecureHTTP()); !errors.Is(err, ErrFetch) {
		t.Fatalf("issuer with a trailing slash must not match: got %v", err)
	}
}
