package dpop

import (
	"container/heap"
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/joseproject/jose/jwt"
)

// ReplayStore remembers the proofs a [Validator] accepted, so that none is
// accepted twice (RFC 9449 §11.1). A store shared by several servers (a
// database, a cache) implements it to protect all of them.
type ReplayStore interface {
	// Use checks that id is new and records it, atomically: two calls with
	// the same id, concurrent or not, never both succeed. It must be safe
	// for concurrent use.
	//
	// expires is the last instant at which the Validator would still
	// accept the proof (its "iat" plus the maximum age and the leeway). The
	// store keeps id at least until a time strictly after expires: at the
	// instant expires itself the entry is still live, and a store that
	// keeps time more coarsely (a cache with millisecond expiries) rounds
	// up, past expires.
	//
	// Use returns nil only when it recorded id. When id is recorded and
	// live, it returns an error wrapping [ErrReplay] and changes nothing.
	// When expires is already past by the store's own clock, it records
	// nothing and returns an error wrapping [ErrInvalidProof]: the proof is
	// too old for this store, and accepting it unrecorded would let it be
	// replayed. Any other error makes Validate refuse the proof with that
	// error, as the server's failure; an error of a store that could not
	// answer (unreachable, timed out, full) must wrap
	// [jwt.ErrStoreUnavailable], so that the caller can tell it from a
	// refused proof (jwthttp answers 503, not 401).
	Use(ctx context.Context, id string, expires time.Time) error
}

// DefaultMaxEntries is the number of unexpired proofs a [MemoryStore]
// holds unless told otherwise: at the default window of about a minute,
// more than 1,500 proofs a second, for some 15 MB of memory.
const DefaultMaxEntries = 100_000

// MemoryStore is a [ReplayStore] in memory, for one process. Entries are
// dropped once their expiry is past, and the store holds at most its maximum number of
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

// Use implements [ReplayStore]. An entry is live up to and including its
// expiry, and dropped once the store's time is after it. A call whose
// expiry is already past records nothing and fails with an error wrapping
// [ErrInvalidProof] and [jwt.ErrTooOld].
func (s *MemoryStore) Use(_ context.Context, id string, expires time.Time) error {
	now := s.clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.byTime) > 0 && s.byTime[0].expires.Before(now) {
		e := heap.Pop(&s.byTime).(entry)
		delete(s.entries, e.id)
	}
	if _, ok := s.entries[id]; ok {
		return fmt.Errorf("dpop: %w", ErrReplay)
	}
	if expires.Before(now) {
		// T55: success here would record nothing, and the proof could be
		// accepted again by a clock that still allows it.
		return fmt.Errorf("dpop: the proof's replay window ended at %s, before the store's time %s: %w: %w",
			expires.UTC().Format(time.RFC3339Nano), now.UTC().Format(time.RFC3339Nano), ErrInvalidProof, jwt.ErrTooOld)
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
