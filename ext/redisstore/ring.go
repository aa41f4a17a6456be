package redisstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwkring"
	"github.com/redis/go-redis/v9"
)

// kindRing is the key kind of a key ring's state.
const kindRing = "ring:"

// RingStore keeps the state of a [jwkring.Ring] in Redis, for the
// instances of an issuer that sign with the same keys: it is a
// [jwkring.Store]. Make one with [Store.KeyRing] and give it to
// jwkring.WithStore with the key-encryption key, the same on every
// instance:
//
//	ring, err := jwkring.New(ctx, policy, jwkring.WithStore(store.KeyRing("tokens"), kek))
//	if err != nil {
//		return err
//	}
//
// The state is one Redis string, the ring's sealed JWE (its private keys
// are encrypted before the store sees them), at the Store's prefix, then
// "ring:", then the name. It has no expiry: a Redis that evicts keys with
// an allkeys-* policy could drop it, so run noeviction as the package
// documentation says. A write is a compare-and-swap in one Lua script
// (one round trip): the state is replaced only if it is still the one the
// ring read, so a rotation that several instances find due is written
// once. Both calls fail closed with [ErrUnavailable], as every call of
// the Store does; the ring then keeps signing with its current key and
// reports the failure.
type RingStore struct {
	s    *Store
	name string
	key  string
}

// KeyRing returns the store of the key ring called name (for example the
// issuer's name; an empty name is refused on use with
// [ErrInvalidArgument]). Give each ring its own name, or each issuer its
// own prefix ([WithPrefix]).
func (s *Store) KeyRing(name string) *RingStore {
	r := &RingStore{s: s, name: name}
	if s != nil {
		r.key = s.prefix + kindRing + name
	}
	return r
}

// swapScript replaces the state with ARGV[2] if it is still ARGV[1] (the
// empty string: if there is none), and answers 1, else 0. A stored empty
// string is a state like any other, so it never matches "none".
var swapScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
	if cur then return 0 end
elseif cur ~= ARGV[1] then
	return 0
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
`)

// Load returns the stored state, or nil when there is none (GET).
func (r *RingStore) Load(ctx context.Context) ([]byte, error) {
	if err := r.check(ctx); err != nil {
		return nil, err
	}
	return call(r.s, ctx, "reading a key ring", func(ctx context.Context) ([]byte, error) {
		b, err := r.s.c.Get(ctx, r.key).Bytes()
		if errors.Is(err, redis.Nil) {
			return nil, nil
		}
		return b, err
	})
}

// CompareAndSwap stores new if the stored state is still old (nil: if
// there is none), atomically, and returns an error wrapping
// [jwkring.ErrConflict] otherwise.
func (r *RingStore) CompareAndSwap(ctx context.Context, old, new []byte) error {
	if err := r.check(ctx); err != nil {
		return err
	}
	if len(new) == 0 {
		return argumentError("key ring %q: an empty state", r.name)
	}
	swapped, err := call(r.s, ctx, "writing a key ring", func(ctx context.Context) (int64, error) {
		return swapScript.Run(ctx, r.s.c, []string{r.key}, old, new).Int64()
	})
	if err != nil {
		return err
	}
	if swapped != 1 {
		return fmt.Errorf("redisstore: key ring %q: another instance wrote first: %w", r.name, jwkring.ErrConflict)
	}
	return nil
}

// check refuses a call that cannot be made.
func (r *RingStore) check(ctx context.Context) error {
	if r == nil {
		return argumentError("nil Store")
	}
	if err := r.s.ready(ctx); err != nil {
		return err
	}
	if r.name == "" {
		return argumentError("a key ring without a name")
	}
	return nil
}
