package dpop_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
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
	if err := s.Use(ctx, "c", now.Add(time.Minute)); !errors.Is(err, dpop.ErrStoreFull) || !errors.Is(err, jwa.ErrLimitExceeded) {
		t.Fatalf("full: %v", err)
	}
	// An entry already expired is not recorded.
	if err := s.Use(ctx, "old", now); err != nil || s.Len() != 2 {
		t.Fatalf("expired entry: %v, %d entries", err, s.Len())
	}
	// Once "a" expires, it is dropped and room is made.
	now = now.Add(time.Minute)
	if err := s.Use(ctx, "c", now.Add(time.Minute)); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	now = now.Add(time.Minute)
	if err := s.Use(ctx, "a", now.Add(time.Minute)); err != nil {
		t.Fatalf("expired id reused: %v", err)
	}
	if s.Len() != 1 {
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
