package jwkring

import (
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// KeyState is where a key is in its timeline at a given time.
type KeyState int

// The states of a published key.
const (
	Next     KeyState = iota + 1 // published, not signing yet
	Current                      // published, signing
	Previous                     // published, signing no more: kept for the tokens it signed
)

// String returns "next", "current" or "previous".
func (s KeyState) String() string {
	switch s {
	case Next:
		return "next"
	case Current:
		return "current"
	case Previous:
		return "previous"
	}
	return "unknown"
}

// KeyInfo describes one published key of a ring and its timeline.
type KeyInfo struct {
	KeyID     string // the RFC 7638 thumbprint, base64url
	Algorithm jwa.SignatureAlgorithm
	State     KeyState
	Public    *jwk.Key  // the public key, as the key set publishes it
	Published time.Time // entered the key set
	Active    time.Time // starts (or started) signing
	Until     time.Time // stops signing; zero for the newest key, which signs until a rotation
	Retire    time.Time // leaves the key set: Until plus MaxTokenLifetime plus Leeway; zero for the newest key
}

// Keys returns the keys published now, oldest first, as the key set
// serves them: public keys only. A nil ring, or one not made by New, has
// none.
func (r *Ring) Keys() []KeyInfo {
	s := r.loaded()
	if s == nil {
		return nil
	}
	st := s.st
	now := r.cfg.clock.Now()
	cur := st.current(now)
	hold := r.policy.hold()
	first := st.firstPublished(now, hold)
	out := make([]KeyInfo, 0, len(st.keys)-first)
	for i := first; i < len(st.keys); i++ {
		e := &st.keys[i]
		info := KeyInfo{KeyID: e.public.KeyID(), Algorithm: e.alg, State: Previous, Public: e.public,
			Published: e.published, Active: e.active}
		info.Until, _ = st.until(i)
		info.Retire, _ = st.retire(i, hold)
		switch {
		case e == cur:
			info.State = Current
		case e.active.After(cur.active):
			info.State = Next
		}
		out = append(out, info)
	}
	return out
}
