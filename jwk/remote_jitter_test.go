package jwk

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
)

// fleet is n Remotes on one clock and one provider, each on its own path
// so that the provider can tell their requests apart.
func fleet(t *testing.T, n int) (*provider, *fakeclock.Clock, []*Remote) {
	t.Helper()
	p := newProvider(t, ecKey(t, "a"))
	clock := fakeclock.New(t0)
	p.set(func(p *provider) { p.clock = clock; p.header.Set("Cache-Control", "max-age=3600") })
	rs := make([]*Remote, n)
	for i := range rs {
		r, err := NewRemote(fmt.Sprintf("%s/r/%d", p.srv.URL, i), WithInsecureHTTP(), WithClock(clock))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = r.Close() })
		rs[i] = r
	}
	return p, clock, rs
}

// requestsByRemote returns, for each Remote of the fleet, the clock's time
// at each of its requests from the first'th on.
func requestsByRemote(p *provider, n, first int) [][]time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([][]time.Time, n)
	for i, path := range p.paths[first:] {
		var r int
		if _, err := fmt.Sscanf(strings.TrimPrefix(path, "/r/"), "%d", &r); err == nil {
			out[r] = append(out[r], p.times[first+i])
		}
	}
	return out
}

// spread fails t unless times, all within [from, from+window], fill each
// of buckets equal parts of the window, none with more than maxShare of
// them: a fleet in lockstep would put them all in one.
func spread(t *testing.T, what string, times []time.Time, from time.Time, window time.Duration, buckets int, maxShare float64) {
	t.Helper()
	counts := make([]int, buckets)
	for _, at := range times {
		d := at.Sub(from)
		if d < 0 || d > window {
			t.Fatalf("%s: a request %v after %s, outside [0, %v]", what, d, stamp(from), window)
		}
		counts[min(int(d*time.Duration(buckets)/window), buckets-1)]++
	}
	for i, c := range counts {
		if c == 0 || float64(c) > maxShare*float64(len(times)) {
			t.Fatalf("%s: %v requests in each %v of the window, bucket %d has %d: not spread", what, counts, window/time.Duration(buckets), i, c)
		}
	}
}

// T68: 100 Remotes started together (a fleet deployed at once) spread
// their background refreshes over 80% to 90% of the caching interval, and
// none refreshes later than the interval.
func TestRemoteFleetRefreshesAreSpread(t *testing.T) {
	const n = 100
	p, clock, rs := fleet(t, n)
	for _, r := range rs {
		if _, err := r.Select(bg, es256("a")); err != nil {
			t.Fatal(err)
		}
	}
	interval := time.Hour
	for round := 1; round <= 2; round++ {
		clock.Advance(interval)
		byRemote := requestsByRemote(p, n, 0)
		var refreshes []time.Time
		for i, times := range byRemote {
			if len(times) != round+1 {
				t.Fatalf("round %d: Remote %d made %d requests, want %d", round, i, len(times), round+1)
			}
			prev, at := times[round-1], times[round]
			if d := at.Sub(prev); d > interval {
				t.Fatalf("Remote %d refreshed %v after its fetch, later than the %v interval", i, d, interval)
			}
			refreshes = append(refreshes, t0.Add(at.Sub(prev))) // as if its fetch had been at t0
		}
		spread(t, fmt.Sprintf("round %d", round), refreshes, t0.Add(48*time.Minute), 6*time.Minute, 6, 0.4)
	}
}

// T68: the wait before the next unknown-kid refresh is lengthened by a
// random part, so that tokens with unknown kids sprayed at a whole fleet
// do not make it refresh in lockstep once a minimum interval.
func TestRemoteUnknownKidWaitIsJittered(t *testing.T) {
	const n = 100
	p, clock, rs := fleet(t, n)
	for _, r := range rs {
		if _, err := r.Select(bg, es256("a")); err != nil {
			t.Fatal(err)
		}
		_, _ = r.Select(bg, es256("unknown")) // refreshes at t0, closes the wait
	}
	first := int(p.hits.Load())
	for s := range 80 {
		clock.Advance(time.Second)
		for _, r := range rs {
			_, _ = r.Select(bg, es256(fmt.Sprint("unknown-", s)))
		}
	}
	var refreshes []time.Time
	for i, times := range requestsByRemote(p, n, first) {
		if len(times) != 1 {
			t.Fatalf("Remote %d refreshed %d times for unknown kids in 80s, want once", i, len(times))
		}
		refreshes = append(refreshes, times[0])
	}
	// The wait is 60 to 72 seconds; the kids come each whole second.
	spread(t, "unknown-kid refreshes", refreshes, t0.Add(60*time.Second), 12*time.Second, 4, 0.6)
}

// T65, T68: a fleet that finds its provider down retries it at spread
// times, not all at once when the backoff ends.
func TestRemoteFleetBackoffIsSpread(t *testing.T) {
	const n = 100
	p, clock, rs := fleet(t, n)
	p.set(func(p *provider) { p.status = 503 })
	for _, r := range rs {
		_, _ = r.Select(bg, es256("a"))
	}
	for range 80 {
		clock.Advance(time.Second)
		for _, r := range rs {
			_, _ = r.Select(bg, es256("a"))
		}
	}
	var retries []time.Time
	for i, times := range requestsByRemote(p, n, 0) {
		if len(times) != 2 {
			t.Fatalf("Remote %d made %d requests in 80s of a failing provider, want 2", i, len(times))
		}
		retries = append(retries, times[1])
	}
	spread(t, "retries", retries, t0.Add(60*time.Second), 12*time.Second, 4, 0.6)
}
