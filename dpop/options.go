package dpop

import (
	"context"
	"slices"
	"time"

	"github.com/joseproject/jose/internal/nilcheck"
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
// [WithAllowedAlgorithms] says otherwise: every asymmetric signature
// algorithm the library implements (RFC 9449 §4.3 step 5).
var DefaultAlgorithms = []jwa.SignatureAlgorithm{
	jwa.ES256, jwa.ES384, jwa.ES512,
	jwa.PS256, jwa.PS384, jwa.PS512,
	jwa.RS256, jwa.RS384, jwa.RS512,
	jwa.EdDSA, jwa.Ed25519,
}

// The options of each call have their own type, so that an option given to
// a call it means nothing for does not compile: [ProofOption] for
// [NewProof], [ValidatorOption] for [NewValidator], [ValidateOption] for
// [Validator.Validate] and [Validator.ValidateProof]. Two options serve two
// calls: [WithAccessToken] is a [RequestOption] (NewProof and Validate),
// [WithClock] a [ClockOption] (NewProof and NewValidator). The types are
// interfaces that only this package implements.
//
// A misused option (nil, out of range, given twice, a nil store or clock)
// fails the call with an error that wraps [ErrInvalidOption] and names the
// option.

// ProofOption configures [NewProof].
type ProofOption interface {
	isProofOption()
}

// ValidatorOption configures [NewValidator]: what every proof is checked
// against.
type ValidatorOption interface {
	isValidatorOption()
}

// ValidateOption configures [Validator.Validate] and
// [Validator.ValidateProof]: what one request's proof is checked against.
type ValidateOption interface {
	isValidateOption()
}

// RequestOption is an option of both [NewProof] and [Validator.Validate]:
// the access token the proof goes with.
type RequestOption interface {
	ProofOption
	ValidateOption
}

// ClockOption is an option of both [NewProof] and [NewValidator]: where
// the time is read.
type ClockOption interface {
	ProofOption
	ValidatorOption
}

// The implementations: one function type per set of calls an option takes.
// The interfaces' methods only mark which calls take an option; config.apply
// calls the function itself, by its concrete type.
type (
	proofOption     func(*config) error // a ProofOption
	validatorOption func(*config) error // a ValidatorOption
	validateOption  func(*config) error // a ValidateOption
	requestOption   func(*config) error // a RequestOption
	clockOption     func(*config) error // a ClockOption
)

func (proofOption) isProofOption()         {}
func (validatorOption) isValidatorOption() {}
func (validateOption) isValidateOption()   {}
func (requestOption) isProofOption()       {}
func (requestOption) isValidateOption()    {}
func (clockOption) isProofOption()         {}
func (clockOption) isValidatorOption()     {}

type call uint8

const (
	callProof call = iota
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

	// NewProof.
	jti   string
	nonce string

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
	nonces []string
	jkt    *string
	ctx    context.Context
}

// once refuses an option given a second time.
func (c *config) once(name string) error {
	if c.seen[name] {
		return optionError("%s given twice", name)
	}
	c.seen[name] = true
	return nil
}

// configure applies opts, the options of one call, in order.
func configure[O any](cl call, opts []O) (*config, error) {
	c := &config{call: cl, seen: map[string]bool{}}
	for i, o := range opts {
		if err := c.apply(i, any(o)); err != nil {
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

// apply applies option i, o, which the call's signature typed.
func (c *config) apply(i int, o any) error {
	switch f := o.(type) {
	case proofOption:
		return f(c)
	case validatorOption:
		return f(c)
	case validateOption:
		return f(c)
	case requestOption:
		return f(c)
	case clockOption:
		return f(c)
	}
	return optionError("option %d of %s is nil", i+1, c.call)
}

// WithAccessToken gives the access token the proof goes with (RFC 9449
// §7). [NewProof] puts its hash in "ath"; [Validator.Validate] then
// requires "ath" to be that hash ([ErrAccessTokenHash]). The token must not
// be empty.
func WithAccessToken(token string) RequestOption {
	return requestOption(func(c *config) error {
		if err := c.once("WithAccessToken"); err != nil {
			return err
		}
		if token == "" {
			return optionError("WithAccessToken: empty token")
		}
		c.accessToken = &token
		return nil
	})
}

// WithNonce puts in the proof [NewProof] makes the nonce a server provided
// in its DPoP-Nonce header (RFC 9449 §8, §9), as "nonce". The nonce must
// not be empty. A server lists the nonces it accepts with
// [WithAllowedNonces].
func WithNonce(nonce string) ProofOption {
	return proofOption(func(c *config) error {
		if err := c.once("WithNonce"); err != nil {
			return err
		}
		if nonce == "" {
			return optionError("WithNonce: empty nonce")
		}
		c.nonce = nonce
		return nil
	})
}

// WithAllowedNonces gives [Validator.Validate] the nonces the server
// currently accepts (typically the current and the previous one, RFC 9449
// §8, §9); "nonce" must then be one of them, else [ErrUseNonce]. Without
// it, Validate does not look at "nonce". Nonces must not be empty.
func WithAllowedNonces(nonces ...string) ValidateOption {
	return validateOption(func(c *config) error {
		if err := c.once("WithAllowedNonces"); err != nil {
			return err
		}
		if len(nonces) == 0 || slices.Contains(nonces, "") {
			return optionError("WithAllowedNonces: no nonce, or an empty one")
		}
		c.nonces = slices.Clone(nonces)
		return nil
	})
}

// WithID sets the proof's "jti" for [NewProof]. By default it is 130 random
// bits from [crypto/rand.Text] (RFC 9449 §4.2 asks for at least 96). Set it only
// to reproduce a proof: a "jti" must never repeat.
func WithID(jti string) ProofOption {
	return proofOption(func(c *config) error {
		if err := c.once("WithID"); err != nil {
			return err
		}
		if jti == "" {
			return optionError("WithID: empty jti")
		}
		c.jti = jti
		return nil
	})
}

// WithClock sets where the time is read: the "iat" of [NewProof], and for
// a [Validator] the time its checks and its default replay store use. The
// default is [time.Now]; a nil function is refused.
func WithClock(now func() time.Time) ClockOption {
	return clockOption(func(c *config) error {
		if err := c.once("WithClock"); err != nil {
			return err
		}
		if now == nil {
			return optionError("WithClock: the clock function is nil (give time.Now or a test clock)")
		}
		c.clock = now
		return nil
	})
}

// WithAllowedAlgorithms sets the signature algorithms a [Validator]
// accepts, in place of [DefaultAlgorithms]. Each must be an implemented
// asymmetric algorithm: "none" and the HMAC algorithms are refused with an
// error wrapping [jwa.ErrAlgorithmNotAllowed] (RFC 9449 §4.2).
func WithAllowedAlgorithms(algs ...jwa.SignatureAlgorithm) ValidatorOption {
	return validatorOption(func(c *config) error {
		if err := c.once("WithAllowedAlgorithms"); err != nil {
			return err
		}
		if len(algs) == 0 {
			return optionError("WithAllowedAlgorithms: no algorithm")
		}
		for _, a := range algs {
			if err := checkAsymmetric(a); err != nil {
				return optionError("WithAllowedAlgorithms: %w", err)
			}
		}
		c.algs = slices.Clone(algs)
		return nil
	})
}

// WithMaxAge sets how old a proof's "iat" may be for a [Validator]
// (default [DefaultMaxAge]); it must be positive. The replay store keeps
// each proof for this long plus the leeway.
func WithMaxAge(d time.Duration) ValidatorOption {
	return validatorOption(func(c *config) error {
		if err := c.once("WithMaxAge"); err != nil {
			return err
		}
		if d <= 0 {
			return optionError("WithMaxAge: %v is not positive", d)
		}
		c.maxAge = d
		return nil
	})
}

// WithLeeway sets the clock skew a [Validator] allows on both sides of the
// "iat" window (default [DefaultLeeway]); it must not be negative.
func WithLeeway(d time.Duration) ValidatorOption {
	return validatorOption(func(c *config) error {
		if err := c.once("WithLeeway"); err != nil {
			return err
		}
		if d < 0 {
			return optionError("WithLeeway: negative leeway %v", d)
		}
		c.leeway = d
		return nil
	})
}

// WithMaxSize sets the largest proof a [Validator] reads, in bytes
// (default [DefaultMaxSize]); it must be positive. A longer proof fails
// with an error wrapping [ErrInvalidProof] and [jwa.ErrLimitExceeded].
func WithMaxSize(n int) ValidatorOption {
	return validatorOption(func(c *config) error {
		if err := c.once("WithMaxSize"); err != nil {
			return err
		}
		if n <= 0 {
			return optionError("WithMaxSize: %d is not positive", n)
		}
		c.maxSize = n
		return nil
	})
}

// WithEmbeddedKeyLimits sets the bounds a [Validator] holds the proof's
// "jwk" to, in place of the zero [jwk.EmbeddedKeyLimits]: by default an RSA
// key of at most 4096 bits with the exponent 65537. Anyone can make a
// proof, and its key is used before anything in it is authenticated, so the
// bounds are what one unauthenticated request can cost (T06). Widen them
// only for clients known to use larger keys.
func WithEmbeddedKeyLimits(l jwk.EmbeddedKeyLimits) ValidatorOption {
	return validatorOption(func(c *config) error {
		if err := c.once("WithEmbeddedKeyLimits"); err != nil {
			return err
		}
		c.limits = &l
		return nil
	})
}

// WithReplayStore gives a [Validator] the store that remembers the proofs
// it accepted (RFC 9449 §11.1), for example one shared by every instance
// of a server. The default is a [MemoryStore] of [DefaultMaxEntries] that
// reads the Validator's clock, which protects one process only. A nil
// store, or a nil pointer in s, is refused.
func WithReplayStore(s ReplayStore) ValidatorOption {
	return validatorOption(func(c *config) error {
		if err := c.once("WithReplayStore"); err != nil {
			return err
		}
		if nilcheck.IsNil(s) {
			return optionError("WithReplayStore: the store is nil (did its constructor return an error?)")
		}
		c.store = s
		return nil
	})
}

// WithThumbprint gives [Validator.Validate] the JWK thumbprint the access
// token is bound to: the "jkt" member of its "cnf" claim (RFC 9449 §6.1),
// or of its introspection response (§6.2). The proof's key must have that
// thumbprint (SHA-256, RFC 7638), else [ErrKeyMismatch]. An empty jkt
// means the token is bound to no key, which fails with ErrKeyMismatch too,
// so that a token without "cnf" read as "" is refused rather than
// accepted.
func WithThumbprint(jkt string) ValidateOption {
	return validateOption(func(c *config) error {
		if err := c.once("WithThumbprint"); err != nil {
			return err
		}
		c.jkt = &jkt
		return nil
	})
}

// WithContext gives [Validator.Validate] the context passed to the
// [ReplayStore]. The default is [context.Background]; a nil context is
// refused.
func WithContext(ctx context.Context) ValidateOption {
	return validateOption(func(c *config) error {
		if err := c.once("WithContext"); err != nil {
			return err
		}
		if ctx == nil {
			return optionError("WithContext: the context is nil (give context.Background() or the request's)")
		}
		c.ctx = ctx
		return nil
	})
}
