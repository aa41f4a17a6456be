package jwkring

import (
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// entry is one key of the ring with its two times; the rest of its
// timeline follows from its successor's (see the package documentation).
type entry struct {
	key       *jwk.Key // private
	public    *jwk.Key
	alg       jwa.SignatureAlgorithm
	published time.Time // enters the published set
	active    time.Time // starts signing
}

// state is the whole schedule: what the store keeps, what every instance
// reads. It is never changed once made; a rotation makes a new one.
type state struct {
	// generation counts the states written; the store's copy never goes
	// back to a lower one (T83).
	generation uint64
	// keys, by activation time, oldest first. The current key is the last
	// whose activation has passed; each key stops signing when the next
	// one starts.
	keys []entry
}

// current returns the key that signs at now: the last one active by now,
// or the first one when none is yet (an instance whose clock is behind the
// one that made the state).
func (s *state) current(now time.Time) *entry {
	for i := len(s.keys) - 1; i > 0; i-- {
		if !s.keys[i].active.After(now) {
			return &s.keys[i]
		}
	}
	return &s.keys[0]
}

// until returns when keys[i] stops signing (its successor's activation),
// and false for the newest key, which signs until a rotation.
func (s *state) until(i int) (time.Time, bool) {
	if i+1 >= len(s.keys) {
		return time.Time{}, false
	}
	return s.keys[i+1].active, true
}

// retire returns when keys[i] leaves the published set: hold after it
// stops signing. The newest key is never retired.
func (s *state) retire(i int, hold time.Duration) (time.Time, bool) {
	t, ok := s.until(i)
	if !ok {
		return time.Time{}, false
	}
	return t.Add(hold), true
}

// firstPublished returns the index of the first key still published at
// now. Retirement times grow with the index, so the published keys are
// keys[firstPublished:], never empty.
func (s *state) firstPublished(now time.Time, hold time.Duration) int {
	for i := range s.keys {
		if r, ok := s.retire(i, hold); !ok || now.Before(r) {
			return i
		}
	}
	return len(s.keys) - 1 // not reached: the newest key is never retired
}

// due returns when the policy's next rotation is: a lead time before the
// newest key has signed for a period, so that the key it adds starts
// signing exactly then.
func (s *state) due(p *Policy) time.Time {
	return s.keys[len(s.keys)-1].active.Add(p.Period - p.Lead)
}

// aheadOf refuses a schedule whose newest key starts signing later than a
// clock that agrees with the writer's could have set it: a rotation sets
// it a lead time from its own now, and the instances' clocks agree within
// the leeway. Such a schedule was written by a clock that ran ahead (or
// this one is behind): no rotation would be due before that key signs,
// and a new key could start no sooner, so the current key would sign on
// for as long as the clock was wrong. The ring keeps the state and its
// current key, and reports this on every reload until the clocks agree
// (T85).
func (s *state) aheadOf(now time.Time, p *Policy) error {
	newest := s.keys[len(s.keys)-1].active
	if limit := now.Add(p.Period + p.Leeway); newest.After(limit) {
		return fmt.Errorf("jwkring: the newest key starts signing at %s, more than Policy.Period plus Leeway after this clock's %s: the state was written by a clock running ahead, or this one is behind, and no rotation can take effect before then; correct the clocks (NTP): %w",
			newest.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), ErrState)
	}
	return nil
}

// first returns the state of a new ring: one key, signing at once. No
// verifier can hold a set of this ring from before it, so a verifier's
// first token makes it fetch the set, which holds the key.
func first(k *jwk.Key, now time.Time) (*state, error) {
	e, err := newEntry(k, now, now)
	if err != nil {
		return nil, err
	}
	return &state{generation: 1, keys: []entry{e}}, nil
}

// rotated returns the state after a rotation at now: k published now and
// signing a lead time later, the keys whose retirement has passed dropped,
// the generation counted up. More than [MaxKeys] keys are refused.
func (s *state) rotated(k *jwk.Key, now time.Time, p *Policy) (*state, error) {
	e, err := newEntry(k, now, now.Add(p.Lead))
	if err != nil {
		return nil, err
	}
	if last := s.keys[len(s.keys)-1].active; e.active.Before(last) {
		// Only a clock behind the one that wrote the state gets here: the
		// new key starts after the last one all the same.
		e.active = last
	}
	keep := s.keys[s.firstPublished(now, p.hold()):]
	if len(keep)+1 > MaxKeys {
		return nil, fmt.Errorf("jwkring: a rotation would make %d keys published at once, over MaxKeys (%d): %w", len(keep)+1, MaxKeys, jwa.ErrLimitExceeded)
	}
	keys := make([]entry, 0, len(keep)+1)
	keys = append(append(keys, keep...), e)
	return &state{generation: s.generation + 1, keys: keys}, nil
}

// newEntry makes the entry of a private signing key.
func newEntry(k *jwk.Key, published, active time.Time) (entry, error) {
	pub := k.Public()
	if pub == nil || !k.IsPrivate() {
		return entry{}, fmt.Errorf("jwkring: %v is not a private signing key: %w", k, jwa.ErrInvalidKey)
	}
	return entry{key: k, public: pub, alg: jwa.SignatureAlgorithm(k.Algorithm()), published: published, active: active}, nil
}
