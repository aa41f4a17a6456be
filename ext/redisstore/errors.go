package redisstore

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwt"
)

// Sentinel errors. Every error of a [Store] wraps one of these or, where
// the refusal is one another package names, that package's sentinel:
// [dpop.ErrReplay] for a proof already used, [jwt.ErrTooOld],
// [jwt.ErrExpired] and [jwt.ErrMissingClaim] for an ID whose lifetime is
// over or unbounded. No message holds a token or an ID.
var (
	// ErrUnavailable: Redis did not answer within the timeout, could not be
	// reached, or answered with an error. The cause is wrapped too (a
	// *net.OpError, context.DeadlineExceeded, a Redis error reply), so
	// errors.Is and errors.As see it. The request is refused: a store that
	// cannot be asked protects nothing, so it fails closed. It wraps
	// [jwt.ErrStoreUnavailable], so that jwt.Verify does not report the
	// token as rejected and jwthttp answers 503 rather than 401.
	ErrUnavailable = fmt.Errorf("redis unavailable: %w", jwt.ErrStoreUnavailable)

	// ErrRevoked: the token's "jti" was revoked ([Store.Revoke]).
	ErrRevoked = errors.New("token revoked")

	// ErrUsed: a one-time token ([Store.OneTimeJTIValidator]) was already
	// accepted once.
	ErrUsed = errors.New("one-time token already used")

	// ErrInvalidArgument: a nil client or context, an empty ID, or a zero
	// time where one is needed.
	ErrInvalidArgument = errors.New("invalid argument")
)

func argumentError(format string, args ...any) error {
	return fmt.Errorf("redisstore: "+format+": %w", append(args, ErrInvalidArgument)...)
}
