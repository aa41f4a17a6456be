package jwk

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// Errors of a [Remote] key set.
var (
	// ErrFetch wraps every failure to get a remote key set: the request,
	// the response, its body, a set refused whole, a Remote that is closed
	// or waiting out its backoff. The cause is wrapped beside it.
	ErrFetch = errors.New("fetching the key set failed")

	// ErrPublishedSecret: a remote key set publishes a private key (a "d",
	// "p", "priv" or other private member) or a secret (an "oct" key).
	// Anyone who read the set could sign with it, so no key of it is
	// trusted; the set is refused whole, wrapped in [ErrFetch].
	ErrPublishedSecret = errors.New("the remote key set publishes a private or secret key")

	// ErrRefusedURL: a key set or discovery URL, or a redirect, that a
	// Remote does not follow: not https (see [WithInsecureHTTP]), or a
	// redirect to another host (see [WithRedirectHosts]).
	ErrRefusedURL = errors.New("URL refused")

	// ErrClosed: the Remote was closed ([Remote.Close]).
	ErrClosed = errors.New("the remote key set is closed")
)

// Remote is a JWK Set fetched from a URL (an identity provider's jwks_uri)
// and cached. It implements [KeySet], so it plugs into jws, jwe and jwt
// verification with the caller's allowed algorithms.
//
// [NewRemote] fetches nothing and starts nothing. The first Select fetches
// the set; a background refresh then keeps it fresh, at a jittered point
// before it goes stale, until [Remote.Close]. A token with an unknown kid
// refreshes the set once, then not again for the minimum interval (plus
// jitter). Concurrent callers share one request. A failed fetch keeps the
// last good set serving and backs off; a set that publishes a private key
// or a secret, a URL that is not https and a redirect to another host are
// refused. The package documentation, under "Remote key sets", gives each
// rule with its default and option.
//
// The context given to a method bounds that call only; a Remote lives until
// it is closed. A Remote is safe for concurrent use; a nil *Remote returns
// errors, never panics.
type Remote struct {
	url string
	cfg remoteConfig

	mu           sync.Mutex
	set          *Set
	etag         string
	lastModified string
	fetchedAt    time.Time // the last successful fetch (a 200 or a 304)
	failures     int       // failed fetches since the last success
	lastErr      error     // the error of the last fetch, nil when it worked
	failedAt     time.Time // the last failed fetch
	retryAt      time.Time // no fetch on demand before this after a failure
	kidGate      time.Time // no refresh for an unknown kid before this
	inflight     *fetchCall
	stopTimer    func() bool // cancels the scheduled background refresh
	timerGen     uint64      // tells the scheduled refresh from replaced ones
	closed       bool
	// ready is set while the Remote is open and holds a set: what Select
	// reads without the lock, so that verifications on every core do not
	// queue on r.mu.
	ready atomic.Pointer[Set]
}

// fetchCall is one request, shared by every caller that waits for it.
type fetchCall struct {
	done   chan struct{}
	err    error
	cancel context.CancelFunc // ends the request (Close)
}

var (
	// errNilRemote is returned by every method of a nil *Remote.
	errNilRemote = fmt.Errorf("jwk: the *jwk.Remote is nil (was the error of NewRemote or Discover checked?): %w", jwa.ErrInvalidKey)
	// errNilContext is returned for a nil context, where one bounds a call.
	errNilContext = fmt.Errorf("%w: nil context (use context.Background())", ErrFetch)
)

// NewRemote makes a key set fetched from rawURL, an https:// URL. It does
// not fetch and starts nothing: the first Select fetches. Close the Remote
// to stop its background refresh.
func NewRemote(rawURL string, opts ...RemoteOption) (_ *Remote, err error) {
	defer errwrap.Own(&err, "jwk")
	cfg, err := newRemoteConfig(opts)
	if err != nil {
		return nil, err
	}
	u, err := cfg.parseURL("key set URL", rawURL)
	if err != nil {
		return nil, err
	}
	return &Remote{url: u.String(), cfg: cfg}, nil
}

// URL returns the key set's URL.
func (r *Remote) URL() string {
	if r == nil {
		return ""
	}
	return r.url
}

// Select returns the keys that may serve q, as [Set.Select] does, fetching
// the set on first use and refreshing it once when q.KeyID is unknown (at
// most once per minimum refresh interval, see [Remote]). ctx bounds the
// wait for a fetch, not the fetch itself, which other callers may share.
func (r *Remote) Select(ctx context.Context, q Query) (_ []*Key, err error) {
	defer errwrap.Own(&err, "jwk")
	if r == nil {
		return nil, errNilRemote
	}
	if ctx == nil {
		return nil, errNilContext
	}
	set, err := r.load(ctx)
	if err != nil {
		return nil, err
	}
	keys, err := set.Select(ctx, q)
	if err == nil || !errors.Is(err, ErrKeyNotFound) || q.KeyID == "" || set.hasKeyID(q.KeyID) {
		return keys, err
	}
	// The kid is unknown: the provider may have rotated its keys.
	r.mu.Lock()
	current := r.set
	var c *fetchCall
	var why error
	if current == set { // else a fetch replaced the set meanwhile: try that one
		c, why = r.beginLocked(forKeyID)
	}
	r.mu.Unlock()
	if why != nil {
		return nil, fmt.Errorf("%w; %w", err, why)
	}
	if c == nil {
		return current.Select(ctx, q)
	}
	if ferr := r.wait(ctx, c); ferr != nil {
		return nil, fmt.Errorf("%w; fetching the set again for this kid failed: %w", err, ferr)
	}
	return r.Set().Select(ctx, q)
}

// Set returns the cached set, or nil before the first successful fetch
// (and for a nil Remote).
func (r *Remote) Set() *Set {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.set
}

// LastError returns the error of the latest fetch, or nil when it worked
// (or none was made yet).
func (r *Remote) LastError() error {
	if r == nil {
		return errNilRemote
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

// Refresh fetches the set now, whatever the intervals and the backoff say,
// and waits for the fetch or for ctx.
func (r *Remote) Refresh(ctx context.Context) error {
	if r == nil {
		return errNilRemote
	}
	if ctx == nil {
		return errNilContext
	}
	c, err := r.begin(forced)
	if c == nil {
		return err
	}
	return r.wait(ctx, c)
}

// Close stops the background refresh and ends a fetch in flight; later
// calls of Select and Refresh return an error wrapping [ErrClosed] and
// [ErrFetch]. Close is idempotent and always returns nil (on a nil Remote
// too).
func (r *Remote) Close() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil
	}
	r.closed = true
	r.ready.Store(nil)
	if r.stopTimer != nil {
		r.stopTimer()
		r.stopTimer = nil
	}
	if r.inflight != nil {
		r.inflight.cancel()
	}
	return nil
}

// load returns the cached set, fetching it when there is none yet.
func (r *Remote) load(ctx context.Context) (*Set, error) {
	if set := r.ready.Load(); set != nil {
		return set, nil
	}
	r.mu.Lock()
	set := r.set
	var c *fetchCall
	var err error
	if set == nil || r.closed {
		c, err = r.beginLocked(onDemand)
	}
	r.mu.Unlock()
	if c == nil {
		if err != nil {
			return nil, err
		}
		return set, nil
	}
	if err := r.wait(ctx, c); err != nil {
		return nil, err
	}
	if set := r.Set(); set != nil {
		return set, nil
	}
	return nil, fmt.Errorf("%w: %s: %w", ErrFetch, r.url, ErrClosed)
}

// reason is why a fetch is asked for; it decides which waits apply.
type reason int

const (
	onDemand   reason = iota // no set yet: the backoff applies
	forKeyID                 // an unknown kid: the kid wait and the backoff apply
	background               // the scheduled refresh
	forced                   // Refresh
)

// begin starts a fetch, or joins the one in flight, unless the Remote is
// closed or a wait that applies to why has not passed; then it returns nil
// and an error that says why, with the times.
func (r *Remote) begin(why reason) (*fetchCall, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.beginLocked(why)
}

// beginLocked is begin with r.mu held.
func (r *Remote) beginLocked(why reason) (*fetchCall, error) {
	if r.closed {
		return nil, fmt.Errorf("%w: %s: %w", ErrFetch, r.url, ErrClosed)
	}
	if c := r.inflight; c != nil {
		return c, nil
	}
	now := r.cfg.clock.Now()
	switch why {
	case onDemand:
		if r.failures > 0 && now.Before(r.retryAt) {
			return nil, fmt.Errorf("%w (failed at %s; no new fetch before %s)", r.lastErr, stamp(r.failedAt), stamp(r.retryAt))
		}
	case forKeyID:
		if r.failures > 0 && now.Before(r.retryAt) {
			return nil, fmt.Errorf("the remote set's last fetch failed at %s and it is not fetched again before %s", stamp(r.failedAt), stamp(r.retryAt))
		}
		if now.Before(r.kidGate) {
			return nil, fmt.Errorf("the remote set was fetched at %s and is not fetched again for an unknown kid before %s", stamp(r.fetchedAt), stamp(r.kidGate))
		}
		r.kidGate = now.Add(lengthen(r.cfg.minRefresh))
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.timeout)
	c := &fetchCall{done: make(chan struct{}), cancel: cancel}
	r.inflight = c
	go r.run(ctx, c)
	return c, nil
}

// wait waits for c or for the caller's ctx.
func (r *Remote) wait(ctx context.Context, c *fetchCall) error {
	select {
	case <-c.done:
		return c.err
	case <-ctx.Done():
		return fmt.Errorf("%w: %s: the caller stopped waiting: %w", ErrFetch, r.url, context.Cause(ctx))
	}
}

// run makes the request of c and records its outcome.
func (r *Remote) run(ctx context.Context, c *fetchCall) {
	defer c.cancel()
	res, err := r.fetch(ctx)
	r.mu.Lock()
	r.inflight = nil
	closed := r.closed
	if closed { // Close ended the request: not the provider's failure
		err = fmt.Errorf("%w: %s: %w", ErrFetch, r.url, ErrClosed)
	} else {
		r.record(res, err)
	}
	r.mu.Unlock()
	// The handler runs before the waiters are released, so that a caller
	// who saw the failure knows the handler did too.
	if err != nil && !closed && r.cfg.onError != nil {
		r.cfg.onError(err)
	}
	c.err = err
	close(c.done)
}

// record updates the cache with the outcome of a fetch and schedules the
// next background refresh. r.mu is held.
func (r *Remote) record(res fetched, err error) {
	now := r.cfg.clock.Now()
	r.lastErr = err
	if err != nil {
		r.failures++
		r.failedAt = now
		r.retryAt = now.Add(backoff(r.failures, r.cfg.minRefresh, r.cfg.maxRefresh))
		if r.set != nil {
			r.schedule(now, r.retryAt)
		}
		return
	}
	if res.set != nil { // a 200; a 304 keeps the set and its validators
		r.set, r.etag, r.lastModified = res.set, res.etag, res.lastModified
		if !r.closed {
			r.ready.Store(res.set)
		}
	}
	r.failures = 0
	r.fetchedAt = now
	r.schedule(now, now.Add(refreshDelay(res.interval)))
}

// schedule replaces the background refresh with one at at. r.mu is held.
func (r *Remote) schedule(now, at time.Time) {
	if r.stopTimer != nil {
		r.stopTimer()
	}
	r.timerGen++
	gen := r.timerGen
	r.stopTimer = r.cfg.clock.AfterFunc(at.Sub(now), func() { r.refreshInBackground(gen) })
}

// refreshInBackground runs the scheduled refresh gen, unless another has
// replaced it since; the fetch schedules the next one.
func (r *Remote) refreshInBackground(gen uint64) {
	r.mu.Lock()
	var c *fetchCall
	if gen == r.timerGen {
		c, _ = r.beginLocked(background) // nil when closed
	}
	r.mu.Unlock()
	if c != nil {
		<-c.done
	}
}

// stamp formats a time for an error message.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }
