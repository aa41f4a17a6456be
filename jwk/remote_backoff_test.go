package jwk

import (
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
)

// T65: a provider that is down when the verifier starts costs one request
// per backoff, not one per token: 100 tokens make one request, and every
// caller meanwhile gets the last error, which says when the next request
// may be made.
func TestRemoteFailingProviderBacksOff(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.status = http.StatusInternalServerError })
	var reported atomic.Int32
	r, clock := newClockedRemote(t, p, WithErrorHandler(func(error) { reported.Add(1) }))

	for range 100 {
		_, err := r.Select(bg, es256("a"))
		wantErr(t, err, []error{ErrFetch}, "500 Internal Server Error")
	}
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("100 tokens against a failing provider made %d requests, want 1", n)
	}
	_, err := r.Select(bg, es256("a"))
	wantErr(t, err, []error{ErrFetch}, "failed at "+stamp(t0), "no new fetch before 2030-01-01T00:01:")
	if reported.Load() != 1 || !errorsIs(r.LastError(), ErrFetch) {
		t.Fatalf("the failure must reach the error handler once (%d) and LastError (%v)", reported.Load(), r.LastError())
	}

	// The backoff doubles from the minimum interval on each failure in a
	// row, each lengthened by up to 20%: the next request comes after
	// 60-72s, then 120-144s, then 240-288s.
	last := t0
	for i, nominal := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		clock.Advance(nominal - time.Second) // not yet
		_, _ = r.Select(bg, es256("a"))
		if n := p.hits.Load(); n != int32(i+1) {
			t.Fatalf("failure %d: a request %v after it, inside the backoff", i+1, nominal-time.Second)
		}
		for p.hits.Load() == int32(i+1) {
			clock.Advance(time.Second)
			_, _ = r.Select(bg, es256("a"))
			if clock.Now().Sub(last) > nominal*6/5 {
				t.Fatalf("failure %d: no request %v after it, want at most %v", i+1, clock.Now().Sub(last), nominal*6/5)
			}
		}
		last = clock.Now()
	}

	// The provider recovers: the first call after the backoff gets the set.
	p.set(func(p *provider) { p.status = http.StatusOK })
	clock.Advance(10 * time.Minute)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	if r.LastError() != nil {
		t.Fatalf("LastError() = %v after a good fetch", r.LastError())
	}
}

// T65: concurrent callers share the one failing request.
func TestRemoteFailingProviderConcurrentCallers(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.status = http.StatusServiceUnavailable })
	r, _ := newClockedRemote(t, p)
	fetchErrs := 0
	for _, err := range selectTogether(p, r, 100) {
		if errorsIs(err, ErrFetch) {
			fetchErrs++
		}
	}
	if n := p.hits.Load(); n != 1 || fetchErrs != 100 {
		t.Fatalf("%d requests and %d ErrFetch for 100 concurrent callers, want 1 and 100", n, fetchErrs)
	}
}

// T65: an empty set is a failure like a 5xx, with the same backoff.
func TestRemoteEmptySetBacksOff(t *testing.T) {
	p := newProvider(t)
	r, _ := newClockedRemote(t, p)
	for range 10 {
		_, err := r.Select(bg, es256("a"))
		wantErr(t, err, []error{ErrFetch}, "no key this package can use")
	}
	if n := p.hits.Load(); n != 1 {
		t.Fatalf("%d requests for an empty set, want 1", n)
	}
}

// T65: when a refresh fails the last good set serves, and the background
// refresh retries on the backoff, growing up to the maximum interval.
func TestRemoteBackgroundFailureBacksOff(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.set(func(p *provider) { p.header.Set("Cache-Control", "max-age=600") })
	r, clock := newClockedRemote(t, p, WithRefreshInterval(time.Minute, 10*time.Minute))
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	p.set(func(p *provider) { p.status = http.StatusBadGateway; p.etag = "" })
	clock.Advance(9 * time.Minute) // the first background refresh fails
	if p.hits.Load() != 2 {
		t.Fatalf("%d requests, want the first and one background refresh", p.hits.Load())
	}
	clock.Advance(3 * time.Hour)
	times := p.hitTimes()
	for i := 2; i < len(times); i++ {
		gap := times[i].Sub(times[i-1])
		nominal := min(time.Minute<<(i-2), 10*time.Minute)
		if gap < nominal || gap > min(nominal*6/5, 10*time.Minute) {
			t.Fatalf("retry %d came %v after the failure before it, want %v to %v", i-1, gap, nominal, nominal*6/5)
		}
	}
	if len(times) > 2+20 {
		t.Fatalf("%d requests in 3 hours of a failing provider", len(times))
	}
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatalf("the last good set must keep serving: %v", err)
	}
	if !errorsIs(r.LastError(), ErrFetch) {
		t.Fatalf("LastError() = %v", r.LastError())
	}
}

// T53: while the backoff runs after a failure, an unknown kid does not
// fetch either, and says so.
func TestRemoteUnknownKidDuringBackoff(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	r, clock := newClockedRemote(t, p)
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatal(err)
	}
	p.set(func(p *provider) { p.status = http.StatusInternalServerError; p.etag = "" })
	clock.Advance(2 * time.Minute)
	_, err := r.Select(bg, es256("new"))
	// A refresh was tried for the kid and failed: both causes are wrapped.
	wantErr(t, err, []error{ErrKeyNotFound, ErrFetch}, `kid "new"`, "fetching the set again for this kid failed", "500")
	for i := range 20 {
		_, err = r.Select(bg, es256(fmt.Sprint("new", i)))
		wantErr(t, err, []error{ErrKeyNotFound}, "last fetch failed at "+stamp(t0.Add(2*time.Minute)), "not fetched again before")
	}
	if n := p.hits.Load(); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
}

func TestBackoffBounds(t *testing.T) {
	for _, b := range []struct{ lo, hi time.Duration }{
		{time.Second, time.Second}, {time.Minute, time.Hour}, {time.Minute, MaxRefreshLimit}, {MaxRefreshLimit, MaxRefreshLimit},
	} {
		for n := 1; n < 200; n++ {
			nominal := b.lo
			for range n - 1 {
				if nominal >= b.hi/2 {
					nominal = b.hi
					break
				}
				nominal *= 2
			}
			d := backoff(n, b.lo, b.hi)
			if d < nominal || d > min(nominal*6/5, b.hi) {
				t.Fatalf("backoff(%d, %v, %v) = %v, want %v to %v", n, b.lo, b.hi, d, nominal, min(nominal*6/5, b.hi))
			}
		}
	}
}

// The cause of a failed request survives: here the refused connection.
func TestRemoteConnectionErrorIsTheCause(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close() // nothing listens there now
	r, err := NewRemote("http://"+addr+"/jwks", WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = r.Select(bg, Query{Signature: jwa.ES256})
	var opErr *net.OpError
	if !errorsIs(err, ErrFetch) || !asError(err, &opErr) {
		t.Fatalf("got %v, want ErrFetch wrapping the *net.OpError", err)
	}
}
