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

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwa"
)

// provider is a loopback identity provider whose key set a test changes.
type provider struct {
	mu      sync.Mutex
	body    []byte
	etag    string
	header  http.Header
	status  int
	block   chan struct{} // when set, a request waits for it to close (or for its context)
	arrived chan struct{} // when set, gets a value as each request arrives
	clock   *fakeclock.Clock
	times   []time.Time // the clock's time at each request, when clock is set
	paths   []string    // the path of each request
	hits    atomic.Int32
	cond304 atomic.Int32
	srv     *httptest.Server
}

func newProvider(t *testing.T, keys ...*Key) *provider {
	p := &provider{status: http.StatusOK, header: http.Header{}}
	p.setKeys(t, keys...)
	p.srv = httptest.NewServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *provider) serve(w http.ResponseWriter, r *http.Request) {
	p.hits.Add(1)
	p.mu.Lock()
	body, etag, status, block, arrived := p.body, p.etag, p.status, p.block, p.arrived
	for k, v := range p.header {
		w.Header()[k] = v
	}
	if p.clock != nil {
		p.times = append(p.times, p.clock.Now())
	}
	p.paths = append(p.paths, r.URL.Path)
	p.mu.Unlock()
	if arrived != nil {
		arrived <- struct{}{}
	}
	if block != nil {
		select {
		case <-block:
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
	p.setBody(body)
}

// setBody serves body from now on, with a new ETag.
func (p *provider) setBody(body []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.body = body
	p.etag = fmt.Sprintf(`"%d-%d"`, len(body), p.hits.Load())
}

func (p *provider) set(f func(p *provider)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
}

func (p *provider) hitTimes() []time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]time.Time(nil), p.times...)
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

var bg = context.Background()

// t0 is where the tests' clocks start.
var t0 = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

func newTestRemote(t *testing.T, p *provider, opts ...RemoteOption) *Remote {
	t.Helper()
	r, err := NewRemote(p.srv.URL, append([]RemoteOption{WithInsecureHTTP()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

// newClockedRemote is newTestRemote on a clock the test moves, which the
// provider reads to note when each request came.
func newClockedRemote(t *testing.T, p *provider, opts ...RemoteOption) (*Remote, *fakeclock.Clock) {
	t.Helper()
	clock := fakeclock.New(t0)
	p.set(func(p *provider) { p.clock = clock })
	return newTestRemote(t, p, append([]RemoteOption{WithClock(clock)}, opts...)...), clock
}

// wantErr fails t unless err wraps every target and its text holds every
// substring.
func wantErr(t *testing.T, err error, targets []error, substrings ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want one wrapping %v", targets)
	}
	for _, target := range targets {
		if !errors.Is(err, target) {
			t.Errorf("%v\ndoes not wrap %v", err, target)
		}
	}
	for _, s := range substrings {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("%v\ndoes not say %q", err, s)
		}
	}
}

func TestRemoteFirstUseFetchesThenCaches(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r := newTestRemote(t, p)
	if p.hits.Load() != 0 {
		t.Fatal("NewRemote must not fetch")
	}
	for range 5 {
		keys, err := r.Select(bg, es256("a"))
		if err != nil || len(keys) != 1 {
			t.Fatalf("Select: %v, %v", keys, err)
		}
	}
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d fetches, want 1", n)
	}
	if r.URL() != p.srv.URL {
		t.Fatalf("URL() = %q", r.URL())
	}
}

// selectTogether runs n Selects for kid "a" at once while the provider
// holds its answer, releases it once all have started, and returns their
// errors.
func selectTogether(p *provider, r *Remote, n int) []error {
	release := make(chan struct{})
	p.set(func(p *provider) { p.block = release })
	var started, wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		started.Add(1)
		wg.Go(func() {
			started.Done()
			_, errs[i] = r.Select(bg, es256("a"))
		})
	}
	started.Wait()
	close(release)
	wg.Wait()
	return errs
}

func TestRemoteConcurrentCallersShareOneFetch(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r := newTestRemote(t, p)
	for _, err := range selectTogether(p, r, 100) {
		if err != nil {
			t.Fatal(err)
		}
	}
	// However the callers interleaved with the request, they shared it or
	// read the set it cached.
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d fetches for 100 concurrent callers, want 1", n)
	}
}

func TestRemoteRotation(t *testing.T) {
	a, b := ecKey(t, "a"), ecKey(t, "b")
	p := newProvider(t, a)
	r := newTestRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	// The provider adds b and drops a. A token with kid b triggers one
	// refresh.
	p.setKeys(t, b)
	keys, err := r.Select(bg, es256("b"))
	if err != nil || keys[0].KeyID() != "b" {
		t.Fatalf("new kid after rotation: %v, %v", keys, err)
	}
	_, err = r.Select(bg, es256("a"))
	wantErr(t, err, []error{ErrKeyNotFound}, `kid "a"`, "ES256")
}

// T53: tokens with random kids do not turn the verifier into a flood
// against the provider; the error says why no refresh was made and when one
// may be.
func TestRemoteUnknownKidFloodIsRateLimited(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r, clock := newClockedRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	// The first unknown kid refreshes the set, at t0+5s.
	_, err := r.Select(bg, es256("random-0"))
	wantErr(t, err, []error{ErrKeyNotFound}, `kid "random-0"`)
	for i := 1; i < 200; i++ {
		_, err = r.Select(bg, es256(fmt.Sprintf("random-%d", i)))
		wantErr(t, err, []error{ErrKeyNotFound}, fmt.Sprintf(`kid "random-%d"`, i), "ES256",
			"was fetched at "+stamp(t0.Add(5*time.Second)),
			"is not fetched again for an unknown kid before 2030-01-01T00:01:")
	}
	if err := r.LastError(); err != nil {
		t.Fatalf("LastError() = %v: no fetch failed", err)
	}
	// One fetch for the first use and one refresh for the first unknown
	// kid; the rest of the flood came within the minimum interval.
	if n := p.hits.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}
}

// T53: an unknown kid refreshes at most once per minimum interval, the
// interval lengthened by its jitter (at most 20%).
func TestRemoteUnknownKidRefreshOncePerInterval(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r, clock := newClockedRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	for round := range 5 {
		for i := range 50 {
			_, _ = r.Select(bg, es256(fmt.Sprintf("x%d-%d", round, i)))
		}
		if n, want := p.hits.Load(), int32(round+2); n != want {
			t.Fatalf("round %d: %d fetches, want %d (first use, then one refresh per interval)", round, n, want)
		}
		clock.Advance(DefaultMinRefresh * 6 / 5)
	}
}

func TestRemoteStaleSetServedWhenProviderFails(t *testing.T) {
	for name, breakIt := range map[string]func(p *provider){
		"500":            func(p *provider) { p.status = http.StatusInternalServerError; p.etag = "" },
		"malformed JSON": func(p *provider) { p.body = []byte(`{"keys":[`); p.etag = "" },
		"no usable key": func(p *provider) {
			p.body = []byte(`{"keys":[{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}]}`)
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
			if _, err := r.Select(bg, es256("a")); err != nil {
				t.Fatal(err)
			}
			p.set(breakIt)
			if err := r.Refresh(bg); !errors.Is(err, ErrFetch) {
				t.Fatalf("Refresh: got %v, want ErrFetch", err)
			}
			if !errors.Is(r.LastError(), ErrFetch) {
				t.Fatalf("LastError() = %v", r.LastError())
			}
			if _, err := r.Select(bg, es256("a")); err != nil {
				t.Fatalf("the last good set must keep serving: %v", err)
			}
		})
	}
}

// A fetch that outlives the fetch timeout fails with the deadline as its
// cause (the timeout is on the system clock; nothing here waits on it but
// the request).
func TestRemoteFetchTimeoutIsTheCause(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.block = make(chan struct{}) }) // never released
	r := newTestRemote(t, p, WithFetchTimeout(time.Millisecond))
	_, err := r.Select(bg, es256("a"))
	wantErr(t, err, []error{ErrFetch, context.DeadlineExceeded}, p.srv.URL)
}

func TestRemoteConditionalRequest(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r := newTestRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	if err := r.Refresh(bg); err != nil {
		t.Fatal(err)
	}
	if p.cond304.Load() != 1 {
		t.Fatal("the second fetch must send If-None-Match and accept 304")
	}
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatalf("after 304: %v", err)
	}
}

func TestRemoteCacheControlClamped(t *testing.T) {
	cfg := remoteConfig{minRefresh: time.Minute, maxRefresh: time.Hour, clock: fakeclock.New(t0)}
	for _, c := range []struct {
		h    http.Header
		want time.Duration
	}{
		{http.Header{"Cache-Control": {"public, max-age=600"}}, 10 * time.Minute},
		{http.Header{"Cache-Control": {"max-age=5"}}, time.Minute},
		{http.Header{"Cache-Control": {"max-age=999999"}}, time.Hour},
		{http.Header{"Cache-Control": {"max-age=99999999999999999999"}}, time.Hour},
		{http.Header{"Cache-Control": {"no-store"}}, time.Minute},
		{http.Header{"Expires": {t0.Add(30 * time.Minute).Format(http.TimeFormat)}}, 30 * time.Minute},
		{http.Header{"Expires": {t0.Add(-time.Hour).Format(http.TimeFormat)}}, time.Minute},
		{http.Header{}, time.Hour},
		{http.Header{"Cache-Control": {"max-age=-1"}}, time.Hour},
	} {
		if got := cfg.interval(c.h); got != c.want {
			t.Errorf("%v: got %v, want %v", c.h, got, c.want)
		}
	}
}

// The background refresh runs before the cached set goes stale, and goes on
// as long as the Remote is open.
func TestRemoteBackgroundRefresh(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.header.Set("Cache-Control", "max-age=600") })
	r, clock := newClockedRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		clock.Advance(10 * time.Minute)
	}
	times := p.hitTimes()
	if len(times) != 12 && len(times) != 13 { // 100 minutes at 8 to 9 minutes each
		t.Fatalf("%d fetches in 100 minutes of a 10-minute max-age, want 12 or 13", len(times))
	}
	for i := 1; i < len(times); i++ {
		if d := times[i].Sub(times[i-1]); d < 8*time.Minute || d > 9*time.Minute {
			t.Fatalf("fetch %d came %v after the one before, want 8 to 9 minutes (80%% to 90%% of max-age)", i, d)
		}
	}
	// The provider rotates: the background refresh picks the new key up.
	p.setKeys(t, ecKey(t, "b"))
	clock.Advance(9 * time.Minute)
	if !r.Set().hasKeyID("b") {
		t.Fatal("the background refresh did not pick up the rotated key")
	}
}

// T53: only https is fetched, and a URL that is not is refused at once.
func TestRemoteRefusesSchemes(t *testing.T) {
	for u, want := range map[string]string{
		"http://example.com/jwks": "plain http",
		"file:///etc/passwd":      "not an https URL",
		"gopher://x/":             "not an https URL",
		"ftp://x/":                "not an https URL",
		"https://":                "not an https URL",
		"::":                      "key set URL",
	} {
		_, err := NewRemote(u)
		wantErr(t, err, []error{ErrRefusedURL}, want)
	}
	r, err := NewRemote("https://issuer.example/jwks")
	if err != nil {
		t.Fatal(err)
	}
	_ = r.Close()
}

func TestRemoteOptionsRefuseBadValues(t *testing.T) {
	for name, opt := range map[string]RemoteOption{
		"nil client":             WithHTTPClient(nil),
		"nil clock":              WithClock(nil),
		"nil handler":            WithErrorHandler(nil),
		"nil option":             nil,
		"zero minimum":           WithRefreshInterval(0, time.Hour),
		"maximum under min":      WithRefreshInterval(time.Hour, time.Minute),
		"maximum over limit":     WithRefreshInterval(time.Minute, MaxRefreshLimit+1),
		"zero timeout":           WithFetchTimeout(0),
		"zero size":              WithMaxSetSize(0),
		"redirect host path":     WithRedirectHosts("idp.example/keys"),
		"redirect host empty":    WithRedirectHosts(""),
		"redirect host userinfo": WithRedirectHosts("user@idp.example"),
	} {
		if _, err := NewRemote("https://issuer.example/jwks", opt); err == nil || !strings.Contains(err.Error(), "jwk: ") {
			t.Errorf("%s: got %v, want an error", name, err)
		}
	}
}

func TestDiscover(t *testing.T) {
	jwks := newProvider(t, ecKey(t, "a"))
	var mu sync.Mutex
	doc := ""
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/.well-known/openid-configuration" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		_, _ = w.Write([]byte(doc))
	}))
	t.Cleanup(srv.Close)
	issuer := srv.URL
	serve := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		doc = fmt.Sprintf(format, args...)
	}

	// The discovery request's context ends when Discover returns; the
	// Remote lives on until it is closed.
	serve(`{"issuer":%q,"jwks_uri":%q}`, issuer, jwks.srv.URL)
	ctx, cancel := context.WithCancel(bg)
	r, err := Discover(ctx, issuer, WithInsecureHTTP())
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}

	for name, c := range map[string]struct {
		doc  string
		want []string
	}{
		"other issuer":   {fmt.Sprintf(`{"issuer":"https://evil.example","jwks_uri":%q}`, jwks.srv.URL), []string{`states issuer "https://evil.example"`, "§4.3"}},
		"trailing slash": {fmt.Sprintf(`{"issuer":%q,"jwks_uri":%q}`, issuer+"/", jwks.srv.URL), []string{"states issuer"}},
		"case of name":   {fmt.Sprintf(`{"ISSUER":%q,"jwks_uri":%q}`, issuer, jwks.srv.URL), []string{`states issuer ""`}},
		"no jwks_uri":    {fmt.Sprintf(`{"issuer":%q}`, issuer), []string{"no jwks_uri"}},
		"file jwks_uri":  {fmt.Sprintf(`{"issuer":%q,"jwks_uri":"file:///etc/passwd"}`, issuer), []string{"jwks_uri", "not an https URL"}},
		"issuer number":  {`{"issuer":1}`, []string{`member "issuer"`}},
		"duplicate":      {fmt.Sprintf(`{"issuer":%q,"Issuer":%q}`, issuer, issuer), []string{"duplicate"}},
	} {
		serve("%s", c.doc)
		_, err := Discover(bg, issuer, WithInsecureHTTP())
		wantErr(t, err, []error{ErrFetch}, c.want...)
		if name == "file jwks_uri" && !errors.Is(err, ErrRefusedURL) {
			t.Errorf("%s: %v does not wrap ErrRefusedURL", name, err)
		}
	}

	// The caller's context bounds the discovery request, and is its cause.
	ctx, cancel = context.WithCancel(bg)
	cancel()
	_, err = Discover(ctx, issuer, WithInsecureHTTP())
	wantErr(t, err, []error{ErrFetch, context.Canceled})
	_, err = Discover(bg, "http://"+strings.TrimPrefix(issuer, "http://"))
	wantErr(t, err, []error{ErrRefusedURL}, "issuer URL", "plain http")
}
