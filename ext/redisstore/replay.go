package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwt"
	"github.com/redis/go-redis/v9"
)

// The Store is a replay store of package dpop.
var _ dpop.ReplayStore = (*Store)(nil)

// errProofTooOld is what Use returns for a proof whose window has closed.
var errProofTooOld = fmt.Errorf("%w: %w", jwt.ErrTooOld, dpop.ErrInvalidProof)

// Use implements [dpop.ReplayStore]: it records id until strictly after
// expires, in one round trip (SET key NX PXAT), so that of any number of
// instances using the same id, at the same moment or later, exactly one
// succeeds.
//
// An id already recorded is refused with [dpop.ErrReplay]. An expires that
// is not after the current time is refused with [dpop.ErrInvalidProof] and
// [jwt.ErrTooOld], as the ReplayStore contract asks, since no record could
// be kept for it. Any failure of Redis, or the timeout, is
// returned wrapping [ErrUnavailable] and the cause, and the proof is
// refused: the Store never reports success for an id it did not record.
//
// A reply lost in the network after Redis recorded the id can make the
// client retry and find the id there: the proof is then refused as a
// replay though it was used once. It is never accepted twice.
func (s *Store) Use(ctx context.Context, id string, expires time.Time) error {
	if err := s.check(ctx, id); err != nil {
		return err
	}
	at, err := expiry(expires, errProofTooOld)
	if err != nil {
		return err
	}
	key := s.key(kindProof, id)
	set, err := call(s, ctx, "recording a DPoP proof", func(ctx context.Context) (bool, error) {
		err := s.c.SetArgs(ctx, key, "1", redis.SetArgs{Mode: "NX", ExpireAt: at}).Err()
		if errors.Is(err, redis.Nil) {
			return false, nil
		}
		return err == nil, err
	})
	if err != nil {
		return err
	}
	if !set {
		return fmt.Errorf("redisstore: the proof was used before: %w", dpop.ErrReplay)
	}
	return nil
}
