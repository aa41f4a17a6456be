package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/joseproject/jose/jwt"
	"github.com/redis/go-redis/v9"
)

// The values of a token ID's key: why the token is refused.
const (
	valueRevoked = "revoked"
	valueUsed    = "used"
)

// Revoke makes every instance refuse the token whose "jti" is jti, through
// [Store.JTIValidator] or [Store.OneTimeJTIValidator], until strictly after
// until. Give the last instant the token could be accepted: its "exp" plus
// the leeway of the verifiers ([jwt.TokenID.AcceptedUntil]); a revocation
// that ends sooner lets the token back in.
//
// A revocation is never shortened: revoking a jti again extends it to the
// later until, atomically (MULTI with SET NX PXAT and PEXPIREAT GT, one
// round trip). An until that is not after the current time records nothing
// and returns nil, since the token can no longer be accepted; a zero until
// or an empty jti is refused with [ErrInvalidArgument].
//
// A revocation lives in Redis memory: it survives a restart of Redis only
// with persistence (appendonly) or a replica.
func (s *Store) Revoke(ctx context.Context, jti string, until time.Time) error {
	if err := s.check(ctx, jti); err != nil {
		return err
	}
	if until.IsZero() {
		return argumentError("Revoke: zero until: give the last instant the token could be accepted")
	}
	at, err := expiry(until, jwt.ErrExpired)
	if errors.Is(err, ErrInvalidArgument) {
		return err
	}
	if err != nil {
		return nil // past: nothing left to refuse
	}
	key := s.key(kindJTI, jti)
	_, err = call(s, ctx, "revoking a token", func(ctx context.Context) (struct{}, error) {
		tx := s.c.TxPipeline()
		set := tx.SetArgs(ctx, key, valueRevoked, redis.SetArgs{Mode: "NX", ExpireAt: at})
		extend := tx.Do(ctx, "pexpireat", key, at.UnixMilli(), "gt")
		if _, err := tx.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
			return struct{}{}, err
		}
		if err := set.Err(); err != nil && !errors.Is(err, redis.Nil) {
			return struct{}{}, err
		}
		return struct{}{}, extend.Err()
	})
	return err
}

// Revoked reports whether jti is refused: revoked ([Store.Revoke]), or a
// one-time token already used ([Store.OneTimeJTIValidator]). An error
// wraps [ErrUnavailable] (Redis failed; the caller must then refuse the
// token) or [ErrInvalidArgument].
func (s *Store) Revoked(ctx context.Context, jti string) (bool, error) {
	if err := s.check(ctx, jti); err != nil {
		return false, err
	}
	key := s.key(kindJTI, jti)
	n, err := call(s, ctx, "looking up a token", func(ctx context.Context) (int64, error) {
		return s.c.Exists(ctx, key).Result()
	})
	return n > 0, err
}

// JTIValidator returns a function for [jwt.WithJTIValidator] that refuses
// a token revoked on any instance ([ErrRevoked]) or, as a one-time token,
// already used ([ErrUsed]). It costs one round trip (GET) per token. A
// failure of Redis refuses the token ([ErrUnavailable]), and so does a key
// that holds an empty value, which the Store never writes.
func (s *Store) JTIValidator() func(ctx context.Context, id jwt.TokenID) error {
	return func(ctx context.Context, id jwt.TokenID) error {
		if err := s.check(ctx, id.ID); err != nil {
			return err
		}
		key := s.key(kindJTI, id.ID)
		v, err := call(s, ctx, "looking up a token", func(ctx context.Context) (string, error) {
			v, err := s.c.Get(ctx, key).Result()
			if errors.Is(err, redis.Nil) {
				return "", nil
			}
			if err == nil && v == "" {
				// The key exists: whatever wrote an empty value there,
				// refuse rather than read it as no key.
				err = errors.New("empty value for an existing key")
			}
			return v, err
		})
		if err != nil {
			return err
		}
		return refusal(v)
	}
}

// OneTimeJTIValidator returns a function for [jwt.WithJTIValidator] that
// accepts each "jti" once across every instance: the first use records it
// until strictly after [jwt.TokenID.AcceptedUntil], atomically (SET NX GET
// PXAT, one round trip); a second use is refused with [ErrUsed], a revoked
// token with [ErrRevoked]. A token whose use nothing bounds (no "exp" and
// no jwt.WithMaxAge) is refused with [jwt.ErrMissingClaim]: its ID would
// have to be kept for ever. Give every instance the same jwt options
// (leeway, maximum age), so that none accepts the token after the ID is
// dropped. A failure of Redis refuses the token
// ([ErrUnavailable]); so can a lost reply, as for [Store.Use], but a token
// is never accepted twice.
func (s *Store) OneTimeJTIValidator() func(ctx context.Context, id jwt.TokenID) error {
	return func(ctx context.Context, id jwt.TokenID) error {
		if err := s.check(ctx, id.ID); err != nil {
			return err
		}
		if id.AcceptedUntil.IsZero() {
			return fmt.Errorf("redisstore: a one-time token needs a bounded lifetime (\"exp\", or jwt.WithMaxAge): %w", jwt.ErrMissingClaim)
		}
		at, err := expiry(id.AcceptedUntil, jwt.ErrExpired)
		if err != nil {
			return err
		}
		key := s.key(kindJTI, id.ID)
		old, err := call(s, ctx, "recording a one-time token", func(ctx context.Context) (string, error) {
			old, err := s.c.SetArgs(ctx, key, valueUsed, redis.SetArgs{Mode: "NX", Get: true, ExpireAt: at}).Result()
			if errors.Is(err, redis.Nil) {
				return "", nil // there was no key: this call set it
			}
			if err == nil && old == "" {
				// A key holds a value that is never empty: refuse rather
				// than take an odd reply for a success.
				err = errors.New("empty value for an existing key")
			}
			return old, err
		})
		if err != nil {
			return err
		}
		return refusal(old)
	}
}

// refusal turns the value of a token ID's key into the error that refuses
// the token, or nil when there is no key.
func refusal(v string) error {
	switch v {
	case "":
		return nil
	case valueUsed:
		return fmt.Errorf("redisstore: %w", ErrUsed)
	}
	return fmt.Errorf("redisstore: %w", ErrRevoked)
}
