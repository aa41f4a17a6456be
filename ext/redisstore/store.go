package redisstore

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// DefaultPrefix starts every key a [Store] writes, unless [WithPrefix]
// gives another.
const DefaultPrefix = "jose:"

// DefaultTimeout bounds each call of a [Store] unless [WithTimeout] gives
// another bound.
const DefaultTimeout = time.Second

// Store keeps, in Redis, the DPoP proofs already accepted and the revoked
// or used token IDs, for every instance of a service that shares the
// Redis. Make one with [New] at start-up and share it; it is safe for
// concurrent use.
type Store struct {
	c       redis.UniversalClient
	prefix  string
	timeout time.Duration
	// direct: the client honours context deadlines itself; otherwise each
	// call runs in a goroutine that the Store stops waiting for.
	direct bool
	// err refuses every call of a Store made with a nil client.
	err error
}

// Option configures a [Store].
type Option func(*Store)

// WithPrefix starts every key of the Store with prefix instead of
// [DefaultPrefix]: give each service, or each issuer whose "jti" values
// could collide with another's, a prefix of its own.
func WithPrefix(prefix string) Option {
	return func(s *Store) { s.prefix = prefix }
}

// WithTimeout bounds each call of the Store (one round trip to Redis) to
// d instead of [DefaultTimeout], on top of the caller's context. A call
// that runs out of time is refused with [ErrUnavailable] wrapping
// context.DeadlineExceeded. A d of zero or less sets no bound of the
// Store's own: the caller's context and the client's timeouts then decide.
func WithTimeout(d time.Duration) Option {
	return func(s *Store) { s.timeout = d }
}

// New returns a Store over c: a *redis.Client for one server or for a
// Sentinel-managed primary (redis.NewFailoverClient), a
// *redis.ClusterClient, or whatever redis.NewUniversalClient returns.
// Every key the Store writes is single, so any of them works.
//
// The timeout ([WithTimeout]) is applied as a context deadline. A client
// made with ContextTimeoutEnabled honours it on the socket; with any other
// client the Store waits for the call in a goroutine and stops waiting
// when the deadline passes, leaving the client to end the call by its own
// ReadTimeout. Enable ContextTimeoutEnabled.
//
// A nil c (or a nil pointer in the interface) makes a Store that refuses
// every call with [ErrInvalidArgument].
func New(c redis.UniversalClient, opts ...Option) *Store {
	s := &Store{c: c, prefix: DefaultPrefix, timeout: DefaultTimeout}
	if c == nil || isNilPointer(c) {
		s.err = argumentError("nil Redis client")
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.direct = honoursContext(c)
	return s
}

func isNilPointer(c redis.UniversalClient) bool {
	v := reflect.ValueOf(c)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// honoursContext reports whether the client applies a context's deadline
// to its socket reads and writes.
func honoursContext(c redis.UniversalClient) bool {
	switch c := c.(type) {
	case *redis.Client:
		return c != nil && c.Options().ContextTimeoutEnabled
	case *redis.ClusterClient:
		return c != nil && c.Options().ContextTimeoutEnabled
	case *redis.Ring:
		return c != nil && c.Options().ContextTimeoutEnabled
	}
	return false
}

// Key kinds: proofs of package dpop, and token IDs (revoked, or used once).
const (
	kindProof = "dpop:"
	kindJTI   = "jti:"
)

// key is the Redis key of an ID: the prefix, the kind, then the base64url
// SHA-256 of the ID. IDs come from tokens, so anyone can choose them: the
// hash gives every ID a key of 43 bytes after the prefix, whatever its
// length or content.
func (s *Store) key(kind, id string) string {
	sum := sha256.Sum256([]byte(id))
	var b strings.Builder
	b.Grow(len(s.prefix) + len(kind) + base64.RawURLEncoding.EncodedLen(len(sum)))
	b.WriteString(s.prefix)
	b.WriteString(kind)
	var enc [43]byte
	base64.RawURLEncoding.Encode(enc[:], sum[:])
	b.Write(enc[:])
	return b.String()
}

// check refuses a call about id that cannot be made.
func (s *Store) check(ctx context.Context, id string) error {
	if err := s.ready(ctx); err != nil {
		return err
	}
	if id == "" {
		return argumentError("empty ID")
	}
	return nil
}

// ready refuses any call of a nil Store, of one New refused, or without a
// context.
func (s *Store) ready(ctx context.Context) error {
	switch {
	case s == nil:
		return argumentError("nil Store")
	case s.err != nil:
		return s.err
	case ctx == nil:
		return argumentError("nil context")
	}
	return nil
}

// latest bounds expiries: the jwt package reads dates up to the year 9999,
// and a leeway can add a little; far later times have no Unix milliseconds.
var latest = time.Date(10001, 1, 1, 0, 0, 0, 0, time.UTC)

// expiry is the PXAT value that keeps a key until strictly after t: Redis
// drops a key only once its clock is past the millisecond given, so t
// rounded up to the millisecond. A t that is not after the current time
// cannot be recorded for any time at all, and is refused with the sentinel
// late; a caller that reports success for it would report a write it did
// not make.
func expiry(t time.Time, late error) (time.Time, error) {
	now := time.Now()
	if t.After(latest) {
		return time.Time{}, argumentError("an expiry in the year %d is after the year 10000", t.Year())
	}
	if !t.After(now) {
		return time.Time{}, fmt.Errorf("redisstore: the ID can be accepted until %s, not after the current time %s, so it cannot be recorded: %w",
			t.UTC().Format(time.RFC3339Nano), now.UTC().Format(time.RFC3339Nano), late)
	}
	ms := t.UnixMilli()
	if time.UnixMilli(ms).Before(t) {
		ms++
	}
	return time.UnixMilli(ms), nil
}

// call runs op, one round trip to Redis, within the Store's timeout. A
// failure wraps ErrUnavailable, the client's error and, when the context
// ended, the context's error.
func call[T any](s *Store, ctx context.Context, what string, op func(context.Context) (T, error)) (T, error) {
	if s.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
		defer cancel()
	}
	var v T
	var err error
	if s.direct {
		v, err = op(ctx)
	} else {
		v, err = wait(ctx, op)
	}
	if err == nil {
		return v, nil
	}
	var zero T
	if cerr := contextError(ctx, err); cerr != nil && !errors.Is(err, cerr) {
		return zero, fmt.Errorf("redisstore: %s: %w: %w (%w)", what, ErrUnavailable, err, cerr)
	}
	return zero, fmt.Errorf("redisstore: %s: %w: %w", what, ErrUnavailable, err)
}

// contextError returns the context's error when it ended the call. The
// client sets the connection's deadline from the context's, so its i/o
// timeout can fire a moment before the context's own timer marks it done:
// a timeout at or after the context's deadline is the deadline's doing.
func contextError(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	var ne net.Error
	if d, ok := ctx.Deadline(); ok && errors.As(err, &ne) && ne.Timeout() && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// wait runs op in a goroutine and returns when it does or when ctx ends,
// for a client that does not end a call at the context's deadline.
func wait[T any](ctx context.Context, op func(context.Context) (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := op(ctx)
		done <- result{v, err}
	}()
	select {
	case r := <-done:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
