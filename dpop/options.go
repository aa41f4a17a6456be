package dpop

import (
	"context"
	"slices"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Defaults of [NewValidator].
const (
	// DefaultMaxAge is how old a proof's "iat" may be: long enough for a
	// request to travel, short enough that the replay store stays small
	// (RFC 9449 §11.1).
	DefaultMaxAge = time.Minute
	// DefaultLeeway is the clock skew allowed on both sides of the window:
	// an "iat" up to this far in the future is accepted, and one up to
	// DefaultMaxAge plus this in the past.
	DefaultLeeway = 5 * time.Second
	// DefaultMaxSize is the largest proof accepted, in bytes. A proof with
	// an RSA 4096-bit key is under 2 KiB.
	DefaultMaxSize = 8 << 10
)

// DefaultAlgorithms are the algorithms [NewValidator] accepts unless
// [WithAlgorithms] says otherwise: every asymmetric signature algorithm
// the library implements (RFC 9449 §4.3 step 5).
var DefaultAlgorithms = []jwa.SignatureAlgorithm{
	jwa.ES256, jwa.ES384, jwa.ES512,
	jwa.PS256, jwa.PS384, jwa.PS512,
	jwa.RS256, jwa.RS384, jwa.RS512,
	jwa.EdDSA, jwa.Ed25519,
}

// Option configures one call of [NewProof], [NewValidator] or
// [Validator.Validate]. Each option's doc says which calls take it; giving
// it to another call is an error wrapping [ErrInvalidOption], as are
// invalid arguments and an option given twice.
type Option func(*config) error

type call uint8

const (
	callProof call = 1 << iota
	callValidator
	callValidate
)

func (c call) String() string {
	switch c {
	case callProof:
		return "NewProof"
	case callValidator:
		return "NewValidator"
	}
	return "Validate"
}

type config struct {
	call call
	seen map[string]bool

	// NewProof and Validate.
	accessToken *string
	nonces      []string

	// NewProof.
	jti string

	// NewProof and NewValidator.
	clock func() time.Time

	// NewValidator.
	algs    []jwa.SignatureAlgorithm
	maxAge  time.Duration
	leeway  time.Duration
	maxSize int
	store   ReplayStore
	limits  *jwk.EmbeddedKeyLimits

	// Validate.
	jkt *string
	ctx context.Context
}

// once checks that the option named name means something for the call and
// was not given before.
func (c *config) once(name string, calls call) error {
	if c.call&calls == 0 {
		return optionError("%s means nothing for %s", name, c.call)
	}
	if c.seen[name] {
		return optionError("%s given twice", name)
	}
	c.seen[name] = true
	return nil
}

func newConfig(cl call, opts []Option) (*config, error) {
	c := &config{call: cl, seen: map[string]bool{}}
	for _, o := range opts {
		if o == nil {
			return nil, optionError("nil Option")
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if c.clock == nil {
		c.clock = time.Now
	}
	if c.ctx == nil {
		c.ctx = context.Background()
	}
	return c, nil
}

// WithAccessToken gives the access token the proof goes with (RFC 9449
// §7). [NewProof] puts its hash in "ath"; [Validator.Validate] then
// requires "ath" to be that hash ([ErrAccessTokenHash]). The token must not
// be empty.
func WithAccessToken(token string) Option {
	return func(c *config) error {
		if err := c.once("WithAccessToken", callProof|callValidate); err != nil {
			return err
		}
		if token == "" {
			return optionError("WithAccessToken: empty token")
		}
		c.accessToken = &token
		return nil
	}
}

// WithNonce gives the nonce a server provided in its DPoP-Nonce header
// (RFC 9449 §8, §9). [NewProof] takes exactly one and puts it in "nonce".
// [Validator.Validate] takes the nonces the server currently accepts
// (typically the current and the previous one) and then requires "nonce"
// to be one of them, else [ErrUseNonce]. Without it, Validate does not
// look at "nonce". Nonces must not be empty.
func WithNonce(nonces ...string) Option {
	return func(c *config) error {
		if err := c.once("WithNonce", callProof|callValidate); err != nil {
			return err
		}
		if len(nonces) == 0 || slices.Contains(nonces, "") {
			return optionError("WithNonce: no nonce, or an empty one")
		}
		if c.call == callProof && len(nonces) != 1 {
			return optionError("WithNonce: NewProof takes one nonce")
		}
		c.nonces = slices.Clone(nonces)
		return nil
	}
}

// WithID sets the proof's "jti" for [NewProof]. By default it is 130 random
// bits from [crypto/rand.Text] (RFC 9449 §4.2 asks for at least 96). Set it only
// to reproduce a proof: a "jti" must never repeat.
func WithID(jti string) Option {
	return func(c *config) error {
		if err := c.once("WithID", callProof); err != nil {
			return err
		}
		if jti == "" {
			return optionError("WithID: empty jti")
		}
		c.jti = jti
		return nil
	}
}

// WithClock sets where the time is read: the "iat" of [NewProof], and for
// a [Validator] the time its checks and its default replay store use. The
// default is [time.Now].
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if err := c.once("WithClock", callProof|callValidator); err != nil {
			return err
		}
		if now == nil {
			return optionError("WithClock: nil clock")
		}
		c.clock = now
		return nil
	}
}

// WithAlgorithms sets the signature algorithms a [Validator] accepts, in
// place of [DefaultAlgorithms]. Each must be an implemented asymmetric
// algorithm: "none" and the HMAC algorithms are refused with an error
// wrapping [jwa.ErrAlgorithmNotAllowed] (RFC 9449 §4.2).
func WithAlgorithms(algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.once("WithAlgorithms", callValidator); err != nil {
			return err
		}
		if len(algs) == 0 {
			return optionError("WithAlgorithms: no algorithm")
		}
		for _, a := range algs {
			if err := checkAsymmetric(a); err != nil {
				return err
			}
		}
		c.algs = slices.Clone(algs)
		return nil
	}
}

// WithMaxAge sets how old a proof's "iat" may be for a [Validator]
// (default [DefaultMaxAge]); it must be positive. The replay store keeps
// each proof for this long plus the leeway.
func WithMaxAge(d time.Duration) Option {
	return func(c *config) error {
		if err := c.once("WithMaxAge", callValidator); err != nil {
			return err
		}
		if d <= 0 {
			return optionError("WithMaxAge: %v is not positive", d)
		}
		c.maxAge = d
		return nil
	}
}

// WithLeeway sets the clock skew a [Validator] allows on both sides of the
// "iat" window (default [DefaultLeeway]); it must not be negative.
func WithLeeway(d time.Duration) Option {
	return func(c *config) error {
		if err := c.once("WithLeeway", callValidator); err != nil {
			return err
		}
		if d < 0 {
			return optionError("WithLeeway: negative leeway %v", d)
		}
		c.leeway = d
		return nil
	}
}

// WithMaxSize sets the largest proof a [Validator] reads, in bytes
// (default [DefaultMaxSize]); it must be positive. A longer proof fails
// with an error wrapping [ErrInvalidProof] and [jwa.ErrLimitExceeded].
func WithMaxSize(n int) Option {
	return func(c *config) error {
		if err := c.once("WithMaxSize", callValidator); err != nil {
			return err
		}
		if n <= 0 {
			return optionError("WithMaxSize: %d is not positive", n)
		}
		c.maxSize = n
		return nil
	}
}

// WithKeyLimits sets the bounds a [Validator] holds the proof's "jwk" to,
// in place of the zero [jwk.EmbeddedKeyLimits]: by default an RSA key of at
// most 4096 bits with the exponent 65537. Anyone can make a proof, and its
// key is used before anything in it is authenticated, so the bounds are
// what one unauthenticated request can cost (T06). Widen them only for
// clients known to use larger keys.
func WithKeyLimits(l jwk.EmbeddedKeyLimits) Option {
	return func(c *config) error {
		if err := c.once("WithKeyLimits", callValidator); err != nil {
			return err
		}
		c.limits = &l
		return nil
	}
}

// WithReplayStore gives a [Validator] the store that remembers the proofs
// it accepted (RFC 9449 §11.1), for example one shared by every instance
// of a server. The default is a [MemoryStore] of [DefaultMaxEntries] that
// reads the Validator's clock, which protects one process only.
func WithReplayStore(s ReplayStore) Option {
	return func(c *config) error {
		if err := c.once("WithReplayStore", callValidator); err != nil {
			return err
		}
		if s == nil {
			return optionError("WithReplayStore: nil store")
		}
		c.store = s
		return nil
	}
}

// WithThumbprint gives [Validator.Validate] the JWK thumbprint the access
// token is bound to: the "jkt" member of its "cnf" claim (RFC 9449 §6.1),
// or of its introspection response (§6.2). The proof's key must have that
// thumbprint (SHA-256, RFC 7638), else [ErrKeyMismatch]. An empty jkt
// means the token is bound to no key, which fails with ErrKeyMismatch too,
// so that a token without "cnf" read as "" is refused rather than
// accepted.
func WithThumbprint(jkt string) Option {
	return func(c *config) error {
		if err := c.once("WithThumbprint", callValidate); err != nil {
			return err
		}
		c.jkt = &jkt
		return nil
	}
}

// WithContext gives [Validator.Validate] the context passed to the
// [ReplayStore]. The default is [context.Background].
func WithContext(ctx context.Context) Option {
	return func(c *config) error {
		if err := c.once("WithContext", callValidate); err != nil {
			return err
		}
		if ctx == nil {
			return optionError("WithContext: nil context")
		}
		c.ctx = ctx
		return nil
	}
}
