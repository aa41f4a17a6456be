package dpop_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

func TestMemoryStore(t *testing.T) {
	now := testNow
	s := dpop.NewMemoryStore(2, func() time.Time { return now })
	ctx := context.Background()
	if err := s.Use(ctx, "a", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Use(ctx, "a", now.Add(time.Minute)); !errors.Is(err, dpop.ErrReplay) {
		t.Fatalf("replay: %v", err)
	}
	if err := s.Use(ctx, "b", now.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	// Full: refuses rather than forget an entry.
	if err := s.Use(ctx, "c", now.Add(time.Minute)); !errors.Is(err, dpop.ErrStoreFull) || !errors.Is(err, jwa.ErrLimitExceeded) ||
		!errors.Is(err, jwt.ErrStoreUnavailable) || !strings.Contains(err.Error(), "replay store full") {
		t.Fatalf("full: %v", err)
	}
	// An entry whose window already ended is not recorded, and is not
	// reported as recorded either.
	if err := s.Use(ctx, "old", now.Add(-time.Nanosecond)); !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwt.ErrTooOld) || s.Len() != 2 {
		t.Fatalf("expired entry: %v, %d entries", err, s.Len())
	}
	// "a" is live up to and including its expiry, dropped after it.
	now = now.Add(time.Minute)
	if err := s.Use(ctx, "a", now); !errors.Is(err, dpop.ErrReplay) {
		t.Fatalf("at its expiry: %v", err)
	}
	now = now.Add(time.Nanosecond)
	if err := s.Use(ctx, "c", now.Add(time.Minute)); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	now = now.Add(time.Minute)
	if err := s.Use(ctx, "a", now.Add(time.Minute)); err != nil {
		t.Fatalf("expired id reused: %v", err)
	}
	if s.Len() != 2 { // "a", and "c", whose expiry is now
		t.Errorf("Len = %d", s.Len())
	}
}

func TestMemoryStoreConcurrent(t *testing.T) {
	s := dpop.NewMemoryStore(0, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	accepted := 0
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s.Use(context.Background(), "same", time.Now().Add(time.Minute)) == nil {
				mu.Lock()
				accepted++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if accepted != 1 {
		t.Errorf("%d goroutines accepted the same id", accepted)
	}
}

// T55: a store never reports success for an id it did not record. An id
// whose expiry is the store's current time is recorded (it is still live),
// and an id whose expiry has passed is refused, not silently accepted.
func TestMemoryStoreEdge(t *testing.T) {
	now := testNow
	s := dpop.NewMemoryStore(0, func() time.Time { return now })
	ctx := context.Background()
	if err := s.Use(ctx, "edge", now); err != nil || s.Len() != 1 {
		t.Fatalf("expiry now: %v, %d entries", err, s.Len())
	}
	for range 3 {
		if err := s.Use(ctx, "edge", now); !errors.Is(err, dpop.ErrReplay) {
			t.Fatalf("replay at the edge: %v", err)
		}
	}
	err := s.Use(ctx, "late", now.Add(-time.Nanosecond))
	if !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwt.ErrTooOld) || !strings.Contains(err.Error(), "replay window ended") {
		t.Fatalf("expired on arrival: %v", err)
	}
	if err := s.Use(ctx, "late", now.Add(-time.Nanosecond)); errors.Is(err, dpop.ErrReplay) || err == nil || s.Len() != 1 {
		t.Fatalf("expired on arrival, again: %v, %d entries", err, s.Len())
	}
}

// T55: a proof presented at the last instant of its window (now = iat +
// max age + leeway) is accepted once, then refused as a replay at that same
// instant: the store keeps it through the instant.
func TestReplayAtWindowEdge(t *testing.T) {
	key := genKey(t)
	for _, leeway := range []time.Duration{0, dpop.DefaultLeeway} {
		iat := testNow
		edge := iat.Add(dpop.DefaultMaxAge + leeway)
		v, err := dpop.NewValidator(dpop.WithClock(func() time.Time { return edge }), dpop.WithLeeway(leeway))
		if err != nil {
			t.Fatal(err)
		}
		proof, err := dpop.NewProof("GET", testURI, jwa.ES256, key, dpop.WithClock(func() time.Time { return iat }))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.ValidateProof(proof, "GET", testURI); err != nil {
			t.Fatalf("leeway %v: at the edge: %v", leeway, err)
		}
		for range 3 {
			_, err := v.ValidateProof(proof, "GET", testURI)
			if !errors.Is(err, dpop.ErrReplay) || !errors.Is(err, dpop.ErrInvalidProof) || !strings.Contains(err.Error(), "DPoP proof replayed") {
				t.Fatalf("leeway %v: replay at the edge: %v", leeway, err)
			}
		}
	}
}

// A store whose clock is ahead of the Validator's (a shared cache) refuses a
// proof it can no longer hold, and Validate refuses the proof as invalid,
// not as the server's failure.
func TestReplayStoreClockAhead(t *testing.T) {
	key := genKey(t)
	store := dpop.NewMemoryStore(0, func() time.Time { return testNow.Add(2 * time.Minute) })
	v := newValidator(t, dpop.WithReplayStore(store))
	proof, err := dpop.NewProof("GET", testURI, jwa.ES256, key, dpop.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.ValidateProof(proof, "GET", testURI)
	if !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwt.ErrTooOld) || store.Len() != 0 {
		t.Fatalf("got %v, %d entries", err, store.Len())
	}
}
