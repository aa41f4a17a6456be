package dpop

import (
	"container/heap"
	"context"
	"fmt"
	"sync"
	"time"
)

// ReplayStore remembers the proofs a [Validator] accepted, so that none is
// accepted twice (RFC 9449 §11.1). A store shared by several servers (a
// database, a cache) implements it to protect all of them.
type ReplayStore interface {
	// Use records id as used until expires. If id is already recorded and
	// has not expired, it returns an error wrapping [ErrReplay] and records
	// nothing. Any other error (the store is unreachable, full) makes
	// Validate refuse the proof with that error. It must be safe for
	// concurrent use, and check and record atomically.
	Use(ctx context.Context, id string, expires time.Time) error
}

// DefaultMaxEntries is the number of unexpired proofs a [MemoryStore]
// holds unless told otherwise: at the default window of about a minute,
// more than 1,500 proofs a second, for some 15 MB of memory.
const DefaultMaxEntries = 100_000

// MemoryStore is a [ReplayStore] in memory, for one process. Entries are
// dropped once expired, and the store holds at most its maximum number of
// unexpired entries: when full, it refuses new proofs with [ErrStoreFull]
// instead of forgetting one, since a forgotten proof could be replayed.
// Size the maximum for the peak rate of requests times the window, and
// limit the rate of requests in front of the server: anyone can make
// valid proofs with a key of their own. It is safe for concurrent use.
type MemoryStore struct {
	mu      sync.Mutex
	max     int
	clock   func() time.Time
	entries map[string]time.Time
	byTime  expiryHeap
}

// NewMemoryStore returns an empty store holding at most maxEntries
// unexpired entries (DefaultMaxEntries when maxEntries <= 0) and reading
// the time from clock (time.Now when nil).
func NewMemoryStore(maxEntries int, clock func() time.Time) *MemoryStore {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	if clock == nil {
		clock = time.Now
	}
	return &MemoryStore{max: maxEntries, clock: clock, entries: map[string]time.Time{}}
}

// Use implements [ReplayStore]. An entry whose expiry is not after the
// current time is gone; so is the call's own entry if it has already
// expired, which then records nothing.
func (s *MemoryStore) Use(_ context.Context, id string, expires time.Time) error {
	now := s.clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.byTime) > 0 && !s.byTime[0].expires.After(now) {
		e := heap.Pop(&s.byTime).(entry)
		delete(s.entries, e.id)
	}
	if _, ok := s.entries[id]; ok {
		return fmt.Errorf("dpop: %w", ErrReplay)
	}
	if !expires.After(now) {
		return nil
	}
	if len(s.entries) >= s.max {
		return fmt.Errorf("%w (%d entries)", ErrStoreFull, s.max)
	}
	s.entries[id] = expires
	heap.Push(&s.byTime, entry{id, expires})
	return nil
}

// Len returns the number of entries held, expired ones included until the
// next Use drops them.
func (s *MemoryStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.entries)
}

type entry struct {
	id      string
	expires time.Time
}

// expiryHeap orders entries by expiry, the soonest first.
type expiryHeap []entry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h expiryHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *expiryHeap) Push(x any)        { *h = append(*h, x.(entry)) }
func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}
