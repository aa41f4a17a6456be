package jwk

import (
	"math/rand/v2"
	"time"
)

// Clock is the time a [Remote] reads and waits on. Every time decision of a
// Remote goes through it: when a fetched set goes stale, when the
// background refresh runs (with its jitter), how long a failing provider is
// left alone (the backoff, with its jitter), and when an unknown kid may
// cause a refresh again. The one exception is the fetch timeout
// ([WithFetchTimeout]), which bounds real network I/O and so runs on the
// system clock.
//
// The default is the system clock. Tests give a Remote a clock they move by
// hand ([WithClock]), so that a day of refreshes runs in no time and without
// sleeping.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// AfterFunc arranges for f to be called, in its own goroutine, once d
	// has passed on this clock, as [time.AfterFunc] does. The returned
	// function cancels the call and reports whether it stopped it before
	// it ran. A clock moved by hand may also call f synchronously from the
	// call that moves it.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// systemClock is [Clock] on the time package.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}

// Jitter spreads the requests of many Remotes started together (a fleet
// deployed at once) so that they do not reach the provider in the same
// second every interval (T68).
const (
	// A background refresh runs at a random point between these fractions
	// of the caching interval, so that it is done before the set goes
	// stale: with the default hour, between 48 and 54 minutes.
	refreshEarliest = 0.80
	refreshLatest   = 0.90
	// A wait that must not be shorter than its nominal length (the backoff
	// after a failure, the least time between two unknown-kid refreshes)
	// is lengthened by a random fraction of it, up to this one.
	waitJitter = 0.20
)

// refreshDelay returns when, counted from a successful fetch, the
// background refresh of a set cached for interval runs: a random point in
// [refreshEarliest, refreshLatest] of it, never later than the interval.
func refreshDelay(interval time.Duration) time.Duration {
	f := refreshEarliest + (refreshLatest-refreshEarliest)*rand.Float64()
	return time.Duration(float64(interval) * f)
}

// lengthen returns d plus a random part of up to waitJitter of d.
func lengthen(d time.Duration) time.Duration {
	return d + time.Duration(float64(d)*waitJitter*rand.Float64())
}

// backoff returns how long a Remote leaves the provider alone after its
// n-th failure in a row (n ≥ 1), so that a provider that is down is not
// asked again for every token (T65): the minimum interval, doubled on each
// failure, lengthened by its jitter and capped at the maximum interval.
func backoff(n int, minimum, maximum time.Duration) time.Duration {
	d := minimum
	for i := 1; i < n && d < maximum; i++ {
		d = min(2*d, maximum) // no overflow: both are at most MaxRefreshLimit
	}
	return min(lengthen(d), maximum)
}
