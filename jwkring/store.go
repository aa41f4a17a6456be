package jwkring

import "context"

// Store keeps the sealed state of a ring, shared by the instances of a
// service: one opaque blob that only changes by compare-and-swap. The ring
// seals the state before a store sees it (A256KW and A256GCM under the
// key-encryption key of [WithStore]), so a store holds no plaintext key
// and needs no cryptography of its own.
//
// This package has [FileStore] (one process); the module
// github.com/joseproject/jose/ext/redisstore has one in Redis for several
// instances. A Store must be safe for concurrent use.
type Store interface {
	// Load returns the stored blob, or nil and no error when nothing is
	// stored yet. Any error means the store could not be read; the ring
	// then keeps what it has and reports the error (wrapped in [ErrStore]).
	Load(ctx context.Context) ([]byte, error)

	// CompareAndSwap stores new if the stored blob is still old (nil old:
	// if nothing is stored yet), atomically with respect to every other
	// caller, and returns nil. If the stored blob is another, it stores
	// nothing and returns an error wrapping [ErrConflict]. Any other error
	// means the outcome is unknown; the ring reads the store again before
	// its next write.
	CompareAndSwap(ctx context.Context, old, new []byte) error
}
