package jwk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of a [Remote] key set; each has an option.
const (
	DefaultMinRefresh   = time.Minute      // the shortest time between two fetches
	DefaultMaxRefresh   = 24 * time.Hour   // the longest time a fetched set is kept without asking again
	DefaultRefresh      = time.Hour        // used when the response has no Cache-Control max-age or Expires
	DefaultFetchTimeout = 10 * time.Second // one request, body included
	DefaultMaxSetSize   = 1 << 20          // bytes of a response body
)

// ErrFetch wraps every failure to fetch or read a remote key set.
var ErrFetch = errors.New("jwk: fetching the key set failed")

// Remote is a JWK Set fetched from a URL (an identity provider's jwks_uri)
// and cached. It implements [KeySet], so it plugs into jws, jwe and jwt
// verification with the caller's allowed algorithms.
//
// The first Select fetches the set; later ones read the cache. A background
// refresh, started after the first successful fetch and stopped when the
// context given to [NewRemote] ends, keeps the set fresh: its interval is the
// response's Cache-Control max-age (or Expires), clamped between the minimum
// and maximum refresh intervals, and requests are conditional (ETag,
// Last-Modified). A token whose kid is not in the set triggers one refresh,
// at most once per minimum interval, so tokens with random kids cannot turn
// the application into a flood against the provider; concurrent callers
// share one request. When the provider fails, the last good set keeps
// serving and the error goes to the error handler and [Remote.LastError].
//
// A Remote is safe for concurrent use.
type Remote struct {
	url string
	cfg remoteConfig
	ctx context.Context

	mu               sync.Mutex
	set              *Set
	etag             string
	lastModified     string
	nextRefresh      time.Time
	lastKeyIDRefresh time.Time // the last refresh caused by an unknown kid
	lastErr          error
	fetches          int
	inflight         *fetchCall
	background       bool
}

type fetchCall struct {
	done chan struct{}
	err  error
}

type remoteConfig struct {
	client     *http.Client
	minRefresh time.Duration
	maxRefresh time.Duration
	timeout    time.Duration
	maxSize    int64
	allowHTTP  bool
	onError    func(error)
	now        func() time.Time
}

// RemoteOption configures a [Remote] (or [Discover]).
type RemoteOption func(*remoteConfig) error

// WithHTTPClient sets the client used for requests (default: a client with
// no timeout of its own; the fetch timeout applies either way).
func WithHTTPClient(c *http.Client) RemoteOption {
	return func(cfg *remoteConfig) error {
		if c == nil {
			return errors.New("jwk: nil HTTP client")
		}
		cfg.client = c
		return nil
	}
}

// WithRefreshInterval sets the bounds that the provider's caching headers
// are clamped to (defaults [DefaultMinRefresh] and [DefaultMaxRefresh]). The
// minimum is also the least time between two refreshes caused by unknown
// kids.
func WithRefreshInterval(min, max time.Duration) RemoteOption {
	return func(cfg *remoteConfig) error {
		if min <= 0 || max < min {
			return fmt.Errorf("jwk: refresh interval bounds %v and %v: the minimum must be positive and at most the maximum", min, max)
		}
		cfg.minRefresh, cfg.maxRefresh = min, max
		return nil
	}
}

// WithFetchTimeout bounds one request, body included (default
// [DefaultFetchTimeout]).
func WithFetchTimeout(d time.Duration) RemoteOption {
	return func(cfg *remoteConfig) error {
		if d <= 0 {
			return fmt.Errorf("jwk: fetch timeout %v must be positive", d)
		}
		cfg.timeout = d
		return nil
	}
}

// WithMaxSetSize bounds the response body in bytes (default
// [DefaultMaxSetSize]); a larger body is an error and the cached set stays.
func WithMaxSetSize(n int64) RemoteOption {
	return func(cfg *remoteConfig) error {
		if n <= 0 {
			return fmt.Errorf("jwk: maximum set size %d must be positive", n)
		}
		cfg.maxSize = n
		return nil
	}
}

// WithInsecureHTTP allows http:// URLs, meant for tests against a server on
// loopback. Without it only https:// is fetched.
func WithInsecureHTTP() RemoteOption {
	return func(cfg *remoteConfig) error { cfg.allowHTTP = true; return nil }
}

// WithErrorHandler sets a function called with every failed fetch, the
// background ones included. It must not block.
func WithErrorHandler(f func(error)) RemoteOption {
	return func(cfg *remoteConfig) error { cfg.onError = f; return nil }
}

// withClock sets the clock (tests).
func withClock(now func() time.Time) RemoteOption {
	return func(cfg *remoteConfig) error { cfg.now = now; return nil }
}

func newRemoteConfig(opts []RemoteOption) (remoteConfig, error) {
	cfg := remoteConfig{
		client:     http.DefaultClient,
		minRefresh: DefaultMinRefresh,
		maxRefresh: DefaultMaxRefresh,
		timeout:    DefaultFetchTimeout,
		maxSize:    DefaultMaxSetSize,
		now:        time.Now,
	}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return cfg, err
		}
	}
	// Follow redirects only to URLs this configuration would fetch itself
	// (no downgrade to http://, no other scheme), on a copy of the caller's
	// client so that it is not changed.
	c := *cfg.client
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := cfg.checkURL(req.URL); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 5 {
			return errors.New("jwk: too many redirects")
		}
		return nil
	}
	cfg.client = &c
	return cfg, nil
}

// checkURL allows https, and http only when the caller opted in (T53: no
// file:, gopher: or other schemes).
func (cfg *remoteConfig) checkURL(u *url.URL) error {
	switch {
	case u.Scheme == "https" && u.Host != "":
		return nil
	case u.Scheme == "http" && u.Host != "" && cfg.allowHTTP:
		return nil
	}
	return fmt.Errorf("jwk: %q is not an https URL", u.Redacted())
}

// NewRemote makes a key set fetched from rawURL. It does not fetch: the
// first Select does. The background refresh stops when ctx ends.
func NewRemote(ctx context.Context, rawURL string, opts ...RemoteOption) (*Remote, error) {
	cfg, err := newRemoteConfig(opts)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("jwk: key set URL: %v", err)
	}
	if err := cfg.checkURL(u); err != nil {
		return nil, err
	}
	return &Remote{url: u.String(), cfg: cfg, ctx: ctx}, nil
}

// Select returns the keys that may serve q, as [Set.Select] does, fetching
// the set on first use and refreshing it once when q.KeyID is unknown (at
// most once per minimum refresh interval).
func (r *Remote) Select(ctx context.Context, q Query) ([]*Key, error) {
	set, err := r.load(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := set.Select(ctx, q)
	if errors.Is(err, ErrKeyNotFound) && q.KeyID != "" && !set.hasKeyID(q.KeyID) && r.mayRefreshForKeyID() {
		if r.refresh(ctx) == nil {
			return r.Set().Select(ctx, q)
		}
	}
	return keys, err
}

// Set returns the cached set, or nil before the first successful fetch.
func (r *Remote) Set() *Set {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.set
}

// LastError returns the error of the latest fetch, or nil when it worked.
func (r *Remote) LastError() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

// Refresh fetches the set now, whatever the intervals say, and waits for it.
func (r *Remote) Refresh(ctx context.Context) error { return r.refresh(ctx) }

// load returns the cached set, fetching it when there is none yet.
func (r *Remote) load(ctx context.Context) (*Set, error) {
	if set := r.Set(); set != nil {
		return set, nil
	}
	if err := r.refresh(ctx); err != nil {
		return nil, err
	}
	return r.Set(), nil
}

// mayRefreshForKeyID reports whether an unknown kid may cause a refresh now:
// the first time, then at most once per minimum interval, however many
// tokens with unknown kids arrive (T53).
func (r *Remote) mayRefreshForKeyID() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.cfg.now()
	if !r.lastKeyIDRefresh.IsZero() && now.Sub(r.lastKeyIDRefresh) < r.cfg.minRefresh {
		return false
	}
	r.lastKeyIDRefresh = now
	return true
}

// refresh fetches the set, sharing one request among concurrent callers.
// The request runs under the Remote's own context, so one caller giving up
// does not fail it for the others.
func (r *Remote) refresh(ctx context.Context) error {
	r.mu.Lock()
	c := r.inflight
	if c == nil {
		c = &fetchCall{done: make(chan struct{})}
		r.inflight = c
		r.mu.Unlock()
		go r.run(c)
	} else {
		r.mu.Unlock()
	}
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (r *Remote) run(c *fetchCall) {
	err := r.fetch()
	r.mu.Lock()
	r.inflight = nil
	r.lastErr = err
	startBackground := err == nil && !r.background
	if startBackground {
		r.background = true
	}
	r.mu.Unlock()
	c.err = err
	close(c.done)
	if err != nil && r.cfg.onError != nil {
		r.cfg.onError(err)
	}
	if startBackground {
		go r.keepFresh()
	}
}

// keepFresh refreshes the set when it goes stale, until the context ends.
func (r *Remote) keepFresh() {
	for {
		r.mu.Lock()
		wait := r.nextRefresh.Sub(r.cfg.now())
		r.mu.Unlock()
		wait = max(wait, r.cfg.minRefresh)
		t := time.NewTimer(wait)
		select {
		case <-r.ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		_ = r.refresh(r.ctx)
	}
}

// fetch does one conditional GET and updates the cache.
func (r *Remote) fetch() error {
	ctx, cancel := context.WithTimeout(r.ctx, r.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.url, nil)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFetch, err)
	}
	req.Header.Set("Accept", "application/jwk-set+json, application/json")
	r.mu.Lock()
	r.fetches++
	if r.etag != "" {
		req.Header.Set("If-None-Match", r.etag)
	}
	if r.lastModified != "" {
		req.Header.Set("If-Modified-Since", r.lastModified)
	}
	haveSet := r.set != nil
	r.mu.Unlock()

	resp, err := r.cfg.client.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrFetch, r.url, err)
	}
	defer resp.Body.Close()
	interval := r.interval(resp.Header)
	switch {
	case resp.StatusCode == http.StatusNotModified && haveSet:
		r.mu.Lock()
		r.nextRefresh = r.cfg.now().Add(interval)
		r.mu.Unlock()
		return nil
	case resp.StatusCode != http.StatusOK:
		return fmt.Errorf("%w: %s answered %s", ErrFetch, r.url, resp.Status)
	}
	body, err := r.cfg.readBody(resp, r.url)
	if err != nil {
		return err
	}
	set, err := ParseSet(body)
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrFetch, r.url, err)
	}
	if set.Len() == 0 {
		return fmt.Errorf("%w: %s: the set has no usable key", ErrFetch, r.url)
	}
	r.mu.Lock()
	r.set = set
	r.etag = resp.Header.Get("ETag")
	r.lastModified = resp.Header.Get("Last-Modified")
	r.nextRefresh = r.cfg.now().Add(interval)
	r.mu.Unlock()
	return nil
}

// interval reads how long the response may be cached (Cache-Control
// max-age, else Expires) and clamps it to the configured bounds.
func (r *Remote) interval(h http.Header) time.Duration {
	d := DefaultRefresh
	if age, ok := maxAge(h.Get("Cache-Control")); ok {
		d = age
	} else if exp, err := http.ParseTime(h.Get("Expires")); err == nil {
		d = exp.Sub(r.cfg.now())
	}
	return min(max(d, r.cfg.minRefresh), r.cfg.maxRefresh)
}

func maxAge(cc string) (time.Duration, bool) {
	for _, part := range strings.Split(cc, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch strings.ToLower(name) {
		case "no-store", "no-cache":
			return 0, true
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(value, `"`), 10, 64)
			if err != nil || n < 0 {
				return 0, false
			}
			return time.Duration(min(n, int64(1<<31))) * time.Second, true
		}
	}
	return 0, false
}

func (s *Set) hasKeyID(kid string) bool {
	for _, k := range s.keys {
		if k.kid == kid {
			return true
		}
	}
	return false
}
