package jwkring

import (
	"fmt"
	"time"

	"github.com/joseproject/jose/internal/nilcheck"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Option configures a [Ring] made by [New]. It is an interface that only
// this package implements, as the options of every package of the module
// are; a misused one (nil, a nil store, clock or function, an argument out
// of range) fails New with an error wrapping [ErrPolicy] and
// [ErrInvalidOption] that names it.
type Option interface {
	isOption()
}

// option is the implementation of Option.
type option func(*config) error

func (option) isOption() {}

// ErrInvalidOption is [jwa.ErrInvalidOption], which every misused option
// of this package wraps beside [ErrPolicy].
var ErrInvalidOption = jwa.ErrInvalidOption

// optionError is policyError for a misused option: it wraps ErrPolicy and
// ErrInvalidOption.
func optionError(format string, args ...any) error {
	return fmt.Errorf("%w: %w", policyError(format, args...), ErrInvalidOption)
}

type config struct {
	store   Store
	codec   *codec
	clock   jwk.Clock
	reload  time.Duration // 0: the default, a tenth of the lead time
	timeout time.Duration
	onError func(error)
}

// WithStore keeps the ring's state in store, sealed under kek, a
// key-encryption key of [KEKSize] bytes (A256KW; a shorter or longer key
// is refused with jwa.ErrInvalidKey). Every instance that shares the store
// must have the same kek. Without WithStore the ring lives in memory: a
// restart makes a new key and forgets the old ones, so tokens signed
// before it no longer verify.
func WithStore(store Store, kek []byte) Option {
	return option(func(c *config) error {
		if store == nil || nilcheck.IsNil(store) {
			return optionError("WithStore: nil store")
		}
		cd, err := newCodec(kek)
		if err != nil {
			return fmt.Errorf("jwkring: WithStore: %w: %w: %w", err, ErrPolicy, ErrInvalidOption)
		}
		c.store, c.codec = store, cd
		return nil
	})
}

// WithClock sets the clock the ring reads and waits on (default: the
// system clock): which key signs, which keys are published, when a
// rotation is due and when the state is reloaded. Tests move a clock by
// hand to run a year of rotations in no time.
func WithClock(clock jwk.Clock) Option {
	return option(func(c *config) error {
		if clock == nil || nilcheck.IsNil(clock) {
			return optionError("WithClock: nil clock")
		}
		c.clock = clock
		return nil
	})
}

// WithReloadInterval sets how often an instance reads the shared state
// again (S; default a tenth of the lead time), so that it learns of a
// rotation made by another instance. It must be shorter than the lead
// time: the key set's max-age is the lead time minus S. It means
// something only with [WithStore].
func WithReloadInterval(d time.Duration) Option {
	return option(func(c *config) error {
		if d <= 0 {
			return optionError("WithReloadInterval(%v): want a positive interval", d)
		}
		c.reload = d
		return nil
	})
}

// WithTimeout bounds each call to the store made by the ring's background
// work (default [DefaultTimeout]). Calls made by the caller (New, Rotate,
// Refresh) are bounded by the caller's context as well.
func WithTimeout(d time.Duration) Option {
	return option(func(c *config) error {
		if d <= 0 {
			return optionError("WithTimeout(%v): want a positive timeout", d)
		}
		c.timeout = d
		return nil
	})
}

// WithErrorHandler sets a function called with every failure of the ring's
// background work: a scheduled rotation or a reload that failed. It must
// not block. [Ring.LastError] holds the latest one either way.
func WithErrorHandler(f func(error)) Option {
	return option(func(c *config) error {
		if f == nil {
			return optionError("WithErrorHandler: nil function")
		}
		c.onError = f
		return nil
	})
}
