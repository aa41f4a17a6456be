package jwk

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
)

// The context of the call that first used a Remote (a request's, say) is
// not its lifetime: once it is cancelled, later calls and the background
// refresh go on.
func TestRemoteOutlivesTheFirstCallersContext(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r, clock := newClockedRemote(t, p)
	ctx, cancel := context.WithCancel(bg)
	if _, err := r.Select(ctx, es256("a")); err != nil {
		t.Fatal(err)
	}
	cancel()
	p.setKeys(t, ecKey(t, "b"))
	if _, err := r.Select(bg, es256("b")); err != nil {
		t.Fatalf("after the first caller's context ended: %v", err)
	}
	clock.Advance(DefaultRefresh)
	if n := p.hits.Load(); n != 3 {
		t.Fatalf("%d requests, want 3 (first use, unknown kid, background refresh)", n)
	}
}

// A caller whose context ends stops waiting, with its context's error as
// the cause; the request it started goes on for the others.
func TestRemoteCallerDeadline(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	release := make(chan struct{})
	arrived := make(chan struct{}, 1)
	p.set(func(p *provider) { p.block, p.arrived = release, arrived })
	r := newTestRemote(t, p)

	ctx, cancel := context.WithDeadline(bg, time.Now().Add(-time.Second)) // already past
	defer cancel()
	_, err := r.Select(ctx, es256("a"))
	wantErr(t, err, []error{ErrFetch, context.DeadlineExceeded}, "the caller stopped waiting")

	<-arrived // the request the caller started is at the provider
	done := make(chan error, 1)
	go func() { _, err := r.Select(bg, es256("a")); done <- err }()
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("the shared request must go on after one caller gave up: %v", err)
	}
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

func TestRemoteClose(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r, clock := newClockedRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("a second Close: %v", err)
	}
	_, err := r.Select(bg, es256("a"))
	wantErr(t, err, []error{ErrFetch, ErrClosed}, p.srv.URL, "closed")
	wantErr(t, r.Refresh(bg), []error{ErrFetch, ErrClosed}, "closed")
	// The background refresh is stopped: a week passes without a request.
	clock.Advance(7 * 24 * time.Hour)
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d requests after Close, want none", n-1)
	}
	if len(clock.Pending()) != 0 {
		t.Fatalf("timers left after Close: %v", clock.Pending())
	}
}

// Close ends a request in flight; its waiters get ErrClosed.
func TestRemoteCloseEndsFetchInFlight(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	arrived := make(chan struct{}, 1)
	p.set(func(p *provider) { p.block, p.arrived = make(chan struct{}), arrived }) // never released
	r := newTestRemote(t, p)
	done := make(chan error, 1)
	go func() { _, err := r.Select(bg, es256("a")); done <- err }()
	<-arrived
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	wantErr(t, <-done, []error{ErrFetch, ErrClosed}, "closed")
}

// A nil *Remote or *Set (the result of an unchecked error), or a nil
// context, gets an error, never a panic.
func TestNilRemoteAndSet(t *testing.T) {
	var r *Remote
	_, err := r.Select(bg, es256("a"))
	wantErr(t, err, []error{jwa.ErrInvalidKey}, "*jwk.Remote is nil")
	wantErr(t, r.Refresh(bg), []error{jwa.ErrInvalidKey}, "*jwk.Remote is nil")
	wantErr(t, r.LastError(), []error{jwa.ErrInvalidKey}, "*jwk.Remote is nil")
	if r.Set() != nil || r.URL() != "" || r.Close() != nil {
		t.Fatal("nil Remote: Set, URL or Close")
	}
	var ks KeySet = r // a typed nil in the interface jws, jwe and jwt take
	_, err = ks.Select(bg, es256("a"))
	wantErr(t, err, []error{jwa.ErrInvalidKey}, "nil")

	// A nil context, where one bounds a call.
	p := newProvider(t, ecKey(t, "a"))
	live := newTestRemote(t, p)
	//lint:ignore SA1012 the nil context is the test
	_, err = live.Select(nil, es256("a"))
	wantErr(t, err, []error{ErrFetch}, "nil context")
	//lint:ignore SA1012 the nil context is the test
	wantErr(t, live.Refresh(nil), []error{ErrFetch}, "nil context")
	//lint:ignore SA1012 the nil context is the test
	_, err = Discover(nil, p.srv.URL, WithInsecureHTTP())
	wantErr(t, err, []error{ErrFetch}, "nil context")

	var s *Set
	_, err = s.Select(bg, es256("a"))
	wantErr(t, err, []error{jwa.ErrInvalidKey}, "*jwk.Set is nil")
	wantErr(t, s.UnmarshalJSON([]byte(`{"keys":[]}`)), []error{jwa.ErrInvalidKey}, "*jwk.Set is nil")
	if s.Keys() != nil || s.Len() != 0 || s.Public() != nil || s.hasKeyID("a") || s.mixesSecrets() {
		t.Fatal("nil Set: Keys, Len, Public")
	}
	if b, err := json.Marshal(s); err != nil || string(b) != "null" {
		t.Fatalf("nil Set marshals to %s, %v", b, err)
	}
	ks = s
	_, err = ks.Select(bg, es256("a"))
	wantErr(t, err, []error{jwa.ErrInvalidKey}, "nil")
}

// The error handler sees every failed fetch, background ones included.
func TestRemoteErrorHandlerSeesBackgroundFailures(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	var seen []error
	r, clock := newClockedRemote(t, p, WithErrorHandler(func(err error) { seen = append(seen, err) }))
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	p.set(func(p *provider) { p.status = http.StatusInternalServerError; p.etag = "" })
	clock.Advance(clock.Pending()[0].Sub(t0)) // to the background refresh, which runs synchronously
	if len(seen) != 1 || !errorsIs(seen[0], ErrFetch) {
		t.Fatalf("the error handler saw %v", seen)
	}
}
