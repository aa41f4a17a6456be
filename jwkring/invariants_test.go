package jwkring

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
)

// walk moves clock by step until end, calling each at every step.
func walk(clock *fakeclock.Clock, end time.Time, step time.Duration, each func(now time.Time)) {
	for clock.Now().Before(end) {
		each(clock.Now())
		clock.Advance(step)
	}
}

// TestKeyPublishedALeadTimeBeforeItSigns (I1) watches, minute by minute
// over ten periods with scheduled and on-demand rotations, when each kid
// first appears in the served set and when it first signs: never less
// than a lead time apart, the first key of the ring aside.
func TestKeyPublishedALeadTimeBeforeItSigns(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	r := newRing(t, clock, p, WithStore(&memStore{}, newKEK(t)))
	published, signing := map[string]time.Time{}, map[string]time.Time{}
	var order []string
	walk(clock, start.Add(10*p.Period), time.Minute, func(now time.Time) {
		// An on-demand rotation now and then, off the schedule's beat.
		if m := int(now.Sub(start) / time.Minute); m%97 == 41 {
			if err := r.Rotate(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		for _, kid := range publishedKIDs(t, r) {
			if _, ok := published[kid]; !ok {
				published[kid] = now
			}
		}
		if kid := currentKID(r); signing[kid].IsZero() {
			signing[kid] = now
			order = append(order, kid)
		}
	})
	if len(order) < 12 {
		t.Fatalf("%d keys signed in ten periods; want at least 12", len(order))
	}
	for _, kid := range order[1:] {
		if lead := signing[kid].Sub(published[kid]); lead < p.Lead {
			t.Errorf("key %s signed %v after it was first served; want at least %v", kid, lead, p.Lead)
		}
	}
}

// TestMaxAgeIsLeadMinusReload (I2): the key set's max-age is the lead time
// minus the reload interval, in whole seconds, and never more than the
// lead time.
func TestMaxAgeIsLeadMinusReload(t *testing.T) {
	for _, c := range []struct {
		name   string
		lead   time.Duration
		opts   []Option
		maxAge string
	}{
		{"no store", 10 * time.Minute, nil, "600"},
		{"default reload, a tenth", 10 * time.Minute, []Option{WithStore(&memStore{}, make([]byte, KEKSize))}, "540"},
		{"reload 1m", 10 * time.Minute, []Option{WithStore(&memStore{}, make([]byte, KEKSize)), WithReloadInterval(time.Minute)}, "540"},
		{"reload 9m59.5s", 10 * time.Minute, []Option{WithStore(&memStore{}, make([]byte, KEKSize)), WithReloadInterval(9*time.Minute + 59500*time.Millisecond)}, "0"},
		{"lead 1.9s", 1900 * time.Millisecond, nil, "1"},
		{"lead 500ms", 500 * time.Millisecond, nil, "0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := testPolicy()
			p.Lead = c.lead
			r := newRing(t, fakeclock.New(start), p, c.opts...)
			rec := httptest.NewRecorder()
			r.JWKSHandler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/jwks.json", nil))
			if got, want := rec.Header().Get("Cache-Control"), "public, max-age="+c.maxAge; got != want {
				t.Fatalf("Cache-Control %q, want %q", got, want)
			}
		})
	}
}

// TestKeyKeptForTheHoldAfterItStopsSigning (I3, I4): over ten periods,
// each key leaves the served set exactly the hold after it stopped
// signing, is served until then, and is gone from the stored state after
// the next rotation.
func TestKeyKeptForTheHoldAfterItStopsSigning(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	p.MaxTokenLifetime = 90 * time.Minute // longer than a period: two previous keys at once
	store := &memStore{}
	kek := newKEK(t)
	r := newRing(t, clock, p, WithStore(store, kek))
	stopped, left := map[string]time.Time{}, map[string]time.Time{}
	var signer string
	var served []string
	walk(clock, start.Add(10*p.Period), time.Minute, func(now time.Time) {
		if kid := currentKID(r); kid != signer {
			if signer != "" {
				stopped[signer] = now
			}
			signer = kid
		}
		now0 := publishedKIDs(t, r)
		for _, kid := range served {
			if !slices.Contains(now0, kid) && left[kid].IsZero() {
				left[kid] = now
			}
		}
		served = now0
		if len(now0) > 4 {
			t.Fatalf("%d keys served at once; want at most a next, a current and two previous", len(now0))
		}
	})
	if len(left) < 6 {
		t.Fatalf("%d keys retired in ten periods; want at least 6", len(left))
	}
	for kid, at := range left {
		if d := at.Sub(stopped[kid]); d != p.MaxTokenLifetime+p.Leeway {
			t.Errorf("key %s left the set %v after it stopped signing; want MaxTokenLifetime plus Leeway", kid, d)
		}
	}
	// The stored state holds only keys still served.
	blob, _ := store.Load(context.Background())
	c, _ := newCodec(kek)
	plain, err := c.open(blob)
	if err != nil {
		t.Fatal(err)
	}
	st, err := parseState(plain)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range st.keys {
		if _, gone := left[e.key.KeyID()]; gone {
			t.Errorf("the stored state still holds the retired key %s", e.key.KeyID())
		}
	}
	// Keys() tells the same timeline.
	for _, k := range r.Keys() {
		if k.State == Previous && k.Retire.Sub(k.Until) != p.MaxTokenLifetime+p.Leeway {
			t.Errorf("Keys(): %s retires %v after it stops signing", k.KeyID, k.Retire.Sub(k.Until))
		}
	}
}

// TestInstancesRotateOnce (I5): three instances on one store, each on a
// clock of its own, moved forward at the same time: each scheduled
// rotation is written once, and at every step all three sign with the
// same key and serve the same set.
func TestInstancesRotateOnce(t *testing.T) {
	p := testPolicy()
	store := &memStore{}
	kek := newKEK(t)
	var rings []*Ring
	var clocks []*fakeclock.Clock
	for range 3 {
		c := fakeclock.New(start)
		clocks = append(clocks, c)
		rings = append(rings, newRing(t, c, p, WithStore(store, kek), WithReloadInterval(time.Minute)))
	}
	if store.writes() != 1 {
		t.Fatalf("%d writes to start three instances; want 1 (the first state)", store.writes())
	}
	for step := 0; step < 5*60; step++ {
		var wg sync.WaitGroup
		for _, c := range clocks {
			wg.Go(func() { c.Advance(time.Minute) })
		}
		wg.Wait()
		kid, set := currentKID(rings[0]), publishedKIDs(t, rings[0])
		for i, r := range rings[1:] {
			if currentKID(r) != kid || !slices.Equal(publishedKIDs(t, r), set) {
				t.Fatalf("minute %d: instance %d signs with %s and serves %v; instance 0 %s and %v",
					step+1, i+1, currentKID(r), publishedKIDs(t, r), kid, set)
			}
		}
	}
	if got := store.writes(); got != 1+5 {
		t.Fatalf("%d writes in five periods; want 6: the first state and one per rotation", got)
	}
}

// TestInstanceLearnsOfRotationWithinReload: a rotation made on demand at
// one instance is served by another within the reload interval, and both
// switch to the new key at the same instant.
func TestInstanceLearnsOfRotationWithinReload(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	store := &memStore{}
	kek := newKEK(t)
	a := newRing(t, clock, p, WithStore(store, kek), WithReloadInterval(2*time.Minute))
	b := newRing(t, clock, p, WithStore(store, kek), WithReloadInterval(2*time.Minute))
	clock.Advance(7 * time.Minute)
	if err := a.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	rotated := clock.Now()
	if len(publishedKIDs(t, a)) != 2 {
		t.Fatalf("the rotating instance serves %v", publishedKIDs(t, a))
	}
	for clock.Now().Sub(rotated) < 2*time.Minute && len(publishedKIDs(t, b)) == 1 {
		clock.Advance(time.Second)
	}
	if len(publishedKIDs(t, b)) != 2 {
		t.Fatalf("the other instance still serves %v a reload interval after the rotation", publishedKIDs(t, b))
	}
	clock.Advance(rotated.Add(p.Lead - time.Nanosecond).Sub(clock.Now()))
	old := currentKID(a)
	if currentKID(b) != old {
		t.Fatal("the instances sign with different keys before the activation")
	}
	clock.Advance(time.Nanosecond)
	if currentKID(a) == old || currentKID(b) != currentKID(a) {
		t.Fatal("the instances did not both switch at the activation")
	}
}
