package sdjwt

import (
	"slices"
	"time"

	"github.com/joseproject/jose/internal/nilcheck"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// The options of each call have their own type, so that an option given to
// a call it means nothing for does not compile: [IssueOption] for [Issue],
// [PresentOption] for [SDJWT.Present], [VerifyOption] for [Verify],
// [ParseOption] for [Parse] (each a VerifyOption too) and [ReadOption] for
// [ParseUnverified] (each a ParseOption too). [WithJSON] is a [WriteOption]
// (Issue and Present), [WithClock] a [ClockOption] (Present, Parse and
// Verify). The types are interfaces that only this package implements.
//
// A misused option (nil, out of range, contradicting another, a required
// one missing) fails the call with an error that wraps [ErrInvalidOption]
// and names the option.

// IssueOption configures [Issue]. Every [WriteOption] is one too.
type IssueOption interface {
	isIssueOption()
}

// PresentOption configures [SDJWT.Present]. Every [WriteOption] and every
// [ClockOption] is one too.
type PresentOption interface {
	isPresentOption()
}

// VerifyOption configures [Verify]. Every [ParseOption] is one too, with
// the same meaning.
type VerifyOption interface {
	isVerifyOption()
}

// ParseOption configures [Parse], which checks an SD-JWT as [Verify] does;
// each is a [VerifyOption] too. Every [ReadOption] and [ClockOption] is
// one.
type ParseOption interface {
	VerifyOption
	isParseOption()
}

// ReadOption configures [ParseUnverified], and every call that reads an
// SD-JWT: the hash algorithms and the size accepted. Each is a
// [ParseOption], and so a [VerifyOption], too.
type ReadOption interface {
	ParseOption
	isReadOption()
}

// WriteOption is an option of both calls that write an SD-JWT, [Issue] and
// [SDJWT.Present]: the serialization.
type WriteOption interface {
	IssueOption
	PresentOption
}

// ClockOption is an option of [SDJWT.Present], [Parse] and [Verify]: where
// the time is read.
type ClockOption interface {
	PresentOption
	ParseOption
}

// The implementations: one function type per set of calls an option takes.
// The interfaces' methods only mark which calls take an option; config.apply
// calls the function itself, by its concrete type.
type (
	issueOption   func(*config) error // an IssueOption
	presentOption func(*config) error // a PresentOption
	verifyOption  func(*config) error // a VerifyOption
	parseOption   func(*config) error // a ParseOption
	readOption    func(*config) error // a ReadOption
	writeOption   func(*config) error // a WriteOption
	clockOption   func(*config) error // a ClockOption
)

func (issueOption) isIssueOption()     {}
func (presentOption) isPresentOption() {}
func (verifyOption) isVerifyOption()   {}
func (parseOption) isVerifyOption()    {}
func (parseOption) isParseOption()     {}
func (readOption) isVerifyOption()     {}
func (readOption) isParseOption()      {}
func (readOption) isReadOption()       {}
func (writeOption) isIssueOption()     {}
func (writeOption) isPresentOption()   {}
func (clockOption) isPresentOption()   {}
func (clockOption) isVerifyOption()    {}
func (clockOption) isParseOption()     {}

type call uint8

const (
	callIssue call = iota
	callParse
	callParseUnverified
	callPresent
	callVerify
)

func (c call) String() string {
	switch c {
	case callIssue:
		return "Issue"
	case callParse:
		return "Parse"
	case callParseUnverified:
		return "ParseUnverified"
	case callPresent:
		return "Present"
	}
	return "Verify"
}

// DefaultKeyBindingMaxAge is how old a Key Binding JWT's "iat" may be,
// unless [WithKeyBindingMaxAge] says otherwise.
const DefaultKeyBindingMaxAge = 5 * time.Minute

// defaultKeyBindingAlgorithms are the signature algorithms a Key Binding JWT
// may use by default: every asymmetric one (RFC 9901 §7.3 step 5.2; the key
// comes from "cnf" and is public, so HMAC never applies).
var defaultKeyBindingAlgorithms = []jwa.SignatureAlgorithm{
	jwa.ES256, jwa.ES384, jwa.ES512, jwa.EdDSA, jwa.Ed25519,
	jwa.PS256, jwa.PS384, jwa.PS512, jwa.RS256, jwa.RS384, jwa.RS512,
}

type config struct {
	call        call
	signOpts    []jwt.SignOption
	verifyOpts  []jwt.VerifyOption
	paths       []string
	decoys      int
	hashes      []HashAlgorithm
	hashSet     bool
	cnf         *jwk.Key
	json        bool
	maxSize     int
	holderAlg   jwa.SignatureAlgorithm
	holderKey   any
	kb          bool // WithKeyBinding on Present, WithRequiredKeyBinding on Verify
	audience    string
	nonce       string
	kbAlgs      []jwa.SignatureAlgorithm
	kbMaxAge    time.Duration
	kbLimits    jwk.EmbeddedKeyLimits
	kbLimitsSet bool
	leeway      time.Duration
	clock       func() time.Time
	clockOrSkew bool
}

// configure applies opts, the options of one call, in order.
func configure[O any](cl call, opts []O) (*config, error) {
	c := &config{call: cl, maxSize: DefaultMaxSize, kbMaxAge: DefaultKeyBindingMaxAge, clock: time.Now}
	for i, o := range opts {
		if err := c.apply(i, any(o)); err != nil {
			return nil, err
		}
	}
	if len(c.hashes) == 0 {
		if cl == callIssue {
			c.hashes = []HashAlgorithm{SHA256}
		} else {
			c.hashes = []HashAlgorithm{SHA256, SHA384, SHA512}
		}
	}
	if len(c.kbAlgs) == 0 {
		c.kbAlgs = defaultKeyBindingAlgorithms
	}
	return c, nil
}

// apply applies option i, o, which the call's signature typed.
func (c *config) apply(i int, o any) error {
	switch f := o.(type) {
	case issueOption:
		return f(c)
	case presentOption:
		return f(c)
	case verifyOption:
		return f(c)
	case parseOption:
		return f(c)
	case readOption:
		return f(c)
	case writeOption:
		return f(c)
	case clockOption:
		return f(c)
	}
	return optionError("option %d of %s is nil", i+1, c.call)
}

// noNil refuses a nil jwt option among opts, given to the option named
// name.
func noNil[O comparable](name string, opts []O) error {
	var zero O
	for i, o := range opts {
		if o == zero {
			return optionError("%s: option %d is nil", name, i+1)
		}
	}
	return nil
}

// WithSignOptions gives [Issue] the options of [jwt.Sign] for the
// issuer-signed JWT: [jwt.WithType] (RFC 9901 §9.11 recommends an explicit
// type, such as "example+sd-jwt"; the default is jwt's "JWT"),
// [jwt.WithKeyID], [jwt.WithAudienceArray].
func WithSignOptions(opts ...jwt.SignOption) IssueOption {
	return issueOption(func(c *config) error {
		if err := noNil("WithSignOptions", opts); err != nil {
			return err
		}
		c.signOpts = append(c.signOpts, opts...)
		return nil
	})
}

// WithVerifyOptions gives [Verify] and [Parse] the options of [jwt.Verify]
// for the issuer-signed JWT: the issuer's keys ([jwt.WithKey] or
// [jwt.WithKeySet], required, which is how the algorithms are allowed), and
// the claim checks, applied to the processed claims ([jwt.WithIssuer],
// [jwt.WithAudience], [jwt.WithExpectedType], [jwt.WithMaxAge],
// [jwt.WithValidator] and the others). "exp" is required by default, as jwt
// does. [WithClock] and [WithLeeway] of this package are given to jwt too.
func WithVerifyOptions(opts ...jwt.VerifyOption) ParseOption {
	return parseOption(func(c *config) error {
		if err := noNil("WithVerifyOptions", opts); err != nil {
			return err
		}
		c.verifyOpts = append(c.verifyOpts, opts...)
		return nil
	})
}

// WithDisclosable names, for [Issue], the claims that are made selectively
// disclosable, as JSON Pointers (RFC 6901) into the claims: "/given_name" for
// a member, "/address/street_address" for a nested one, "/nationalities/0"
// for an array element. A path and a path below it ("/address" and
// "/address/region") make a recursive disclosure (RFC 9901 §4.2.6). Each path
// must name a claim. Refused: "" (the whole claim set), and the claims a
// verifier needs to judge the token, which RFC 9901 §9.7 lists as security
// critical: "/iss", "/aud", "/exp", "/nbf", "/cnf", and any path inside
// "/aud" or "/cnf". A holder could otherwise withhold them: hide the
// audience from a verifier that refuses tokens meant for others, or the
// expiry. "iss" is refused too, though a verifier that requires an issuer
// ([jwt.WithIssuer]) refuses a token without one: no verifier can judge an
// SD-JWT whose issuer it cannot see, so hiding it serves no one. (§9.7
// allows single elements of an "aud" array, but an element replaced by a
// digest is not a string, and "aud" must hold strings.)
func WithDisclosable(paths ...string) IssueOption {
	return issueOption(func(c *config) error {
		if len(paths) == 0 {
			return optionError("WithDisclosable without a path")
		}
		c.paths = append(c.paths, paths...)
		return nil
	})
}

// WithDecoys makes [Issue] add n decoy digests (RFC 9901 §4.2.5) to the
// top-level "_sd" array and to every other "_sd" array it writes, so that a
// verifier cannot count the hidden claims. n is at most 100.
func WithDecoys(n int) IssueOption {
	return issueOption(func(c *config) error {
		if n < 0 || n > 100 {
			return optionError("WithDecoys: %d is not between 0 and 100", n)
		}
		c.decoys = n
		return nil
	})
}

// checkHashes refuses a hash algorithm this package does not implement.
func checkHashes(name string, algs []HashAlgorithm) error {
	for _, h := range algs {
		if _, ok := hashes[h]; !ok {
			return optionError("%s: %.40q is not implemented: %w", name, string(h), ErrHashAlgorithm)
		}
	}
	return nil
}

// WithHashAlgorithm names the hash of the digests [Issue] writes, and
// writes it as "_sd_alg"; the default is [SHA256]. A verifier lists the
// hashes it accepts with [WithAllowedHashAlgorithms].
func WithHashAlgorithm(h HashAlgorithm) IssueOption {
	return issueOption(func(c *config) error {
		if c.hashSet {
			return optionError("WithHashAlgorithm given twice")
		}
		if err := checkHashes("WithHashAlgorithm", []HashAlgorithm{h}); err != nil {
			return err
		}
		c.hashes, c.hashSet = []HashAlgorithm{h}, true
		return nil
	})
}

// WithAllowedHashAlgorithms lists the hashes [Verify], [Parse] and
// [ParseUnverified] accept in "_sd_alg" (default: SHA256, SHA384, SHA512).
func WithAllowedHashAlgorithms(algs ...HashAlgorithm) ReadOption {
	return readOption(func(c *config) error {
		if len(algs) == 0 {
			return optionError("WithAllowedHashAlgorithms: no algorithm")
		}
		if c.hashSet {
			return optionError("WithAllowedHashAlgorithms given twice")
		}
		if err := checkHashes("WithAllowedHashAlgorithms", algs); err != nil {
			return err
		}
		c.hashes, c.hashSet = slices.Clone(algs), true
		return nil
	})
}

// WithConfirmationKey makes [Issue] bind the SD-JWT to the holder's key: its
// public part goes in the "cnf" claim as a JWK (RFC 9901 §4.1.2, RFC 7800
// §3.2). A nil or symmetric key is refused.
func WithConfirmationKey(key *jwk.Key) IssueOption {
	return issueOption(func(c *config) error {
		if key == nil {
			return optionError("WithConfirmationKey: the key is nil")
		}
		if key.IsSymmetric() {
			return optionError("WithConfirmationKey: a secret key cannot be a holder's key: %w", jwa.ErrInvalidKey)
		}
		c.cnf = key.Public()
		return nil
	})
}

// WithJSON makes [Issue] and [SDJWT.Present] write the flattened JWS JSON
// serialization of RFC 9901 §8.2 instead of the "~"-separated compact one.
// [Verify] and [Parse] read both forms without an option.
func WithJSON() WriteOption {
	return writeOption(func(c *config) error {
		c.json = true
		return nil
	})
}

// WithMaxSize sets the largest input, in bytes, that [Verify], [Parse] and
// [ParseUnverified] read. The default is [DefaultMaxSize].
func WithMaxSize(n int) ReadOption {
	return readOption(func(c *config) error {
		if n <= 0 {
			return optionError("WithMaxSize: %d is not positive", n)
		}
		c.maxSize = n
		return nil
	})
}

// WithHolderKey gives [SDJWT.Present] the holder's private key and its
// algorithm, to sign a Key Binding JWT (RFC 9901 §4.3); the key is anything
// [jwt.Sign] takes. It needs [WithKeyBinding]. The key should be the one in
// the SD-JWT's "cnf" claim; Present checks that when it can (a [jwk.Key] or
// a crypto.Signer). A nil key, or a nil pointer in key, is refused.
func WithHolderKey(alg jwa.SignatureAlgorithm, key any) PresentOption {
	return presentOption(func(c *config) error {
		if nilcheck.IsNil(key) {
			return optionError("WithHolderKey(%s): the key is nil", alg)
		}
		if c.holderKey != nil {
			return optionError("WithHolderKey given twice")
		}
		c.holderAlg, c.holderKey = alg, key
		return nil
	})
}

// keyBinding sets the audience and nonce of the Key Binding JWT.
func (c *config) keyBinding(name, audience, nonce string) error {
	if audience == "" || nonce == "" {
		return optionError("%s: empty audience or nonce", name)
	}
	if c.kb {
		return optionError("%s given twice", name)
	}
	c.kb, c.audience, c.nonce = true, audience, nonce
	return nil
}

// WithKeyBinding gives [SDJWT.Present] the audience and nonce to write in
// the Key Binding JWT it signs with [WithHolderKey]. Both must be
// non-empty. A verifier requires them with [WithRequiredKeyBinding].
func WithKeyBinding(audience, nonce string) PresentOption {
	return presentOption(func(c *config) error { return c.keyBinding("WithKeyBinding", audience, nonce) })
}

// WithRequiredKeyBinding makes [Verify] require key binding (RFC 9901
// §7.3): the presentation must end with a Key Binding JWT signed by the key
// of the "cnf" claim, whose "aud" and "nonce" are exactly audience and
// nonce, whose "sd_hash" covers the presentation, and whose "iat" is recent
// ([WithKeyBindingMaxAge]). Without it, Verify does not require key
// binding, and ignores a KB-JWT that is present (RFC 9901 §7.3 step 1: the
// policy, not the token, decides). Both must be non-empty.
func WithRequiredKeyBinding(audience, nonce string) VerifyOption {
	return verifyOption(func(c *config) error { return c.keyBinding("WithRequiredKeyBinding", audience, nonce) })
}

// WithAllowedKeyBindingAlgorithms lists the signature algorithms [Verify]
// accepts for the Key Binding JWT. The default is every asymmetric algorithm
// of package jwa; the key from "cnf" must fit the algorithm, and a JWK with
// "alg" is used with that algorithm only.
func WithAllowedKeyBindingAlgorithms(algs ...jwa.SignatureAlgorithm) VerifyOption {
	return verifyOption(func(c *config) error {
		if len(algs) == 0 {
			return optionError("WithAllowedKeyBindingAlgorithms: no algorithm")
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithAllowedKeyBindingAlgorithms: %w", err)
			}
		}
		c.kbAlgs = slices.Clone(algs)
		return nil
	})
}

// WithKeyBindingMaxAge sets how old the Key Binding JWT's "iat" may be for
// [Verify] (RFC 9901 §7.3 step 5.5). The default is
// [DefaultKeyBindingMaxAge].
func WithKeyBindingMaxAge(d time.Duration) VerifyOption {
	return verifyOption(func(c *config) error {
		if d <= 0 {
			return optionError("WithKeyBindingMaxAge: %v is not positive", d)
		}
		c.kbMaxAge = d
		return nil
	})
}

// WithKeyBindingKeyLimits replaces the default limits on the key of the
// "cnf" claim that [Verify] checks the Key Binding JWT with: for example
// jwk.EmbeddedKeyLimits{MaxRSABits: 8192} for holders with larger RSA
// keys. The holder chose that key and the issuer only copied it, so it is
// held, as every key that arrives inside a token is, to
// [jwk.EmbeddedKeyLimits] (by default an RSA modulus of at most 4096 bits
// and the exponent 65537), checked before any RSA arithmetic. A key
// outside the limits fails key binding, with an error that wraps
// [ErrKeyBinding], [jwa.ErrInvalidKey] and [jwa.ErrLimitExceeded].
func WithKeyBindingKeyLimits(l jwk.EmbeddedKeyLimits) VerifyOption {
	return verifyOption(func(c *config) error {
		if c.kbLimitsSet {
			return optionError("WithKeyBindingKeyLimits given twice")
		}
		c.kbLimits, c.kbLimitsSet = l, true
		return nil
	})
}

// WithClock sets the function the current time is read from: the "iat" of
// a Key Binding JWT on [SDJWT.Present], the checks of [Verify] and [Parse]
// (given to jwt as well). The default is time.Now; a nil function is
// refused.
func WithClock(now func() time.Time) ClockOption {
	return clockOption(func(c *config) error {
		if now == nil {
			return optionError("WithClock: the clock function is nil (give time.Now or a test clock)")
		}
		c.clock, c.clockOrSkew = now, true
		return nil
	})
}

// WithLeeway allows for clock skew in the time checks of [Verify] and
// [Parse], the Key Binding JWT's included (given to jwt as well). The
// default is zero.
func WithLeeway(d time.Duration) ParseOption {
	return parseOption(func(c *config) error {
		if d < 0 {
			return optionError("WithLeeway: negative leeway %v", d)
		}
		c.leeway, c.clockOrSkew = d, true
		return nil
	})
}

// issuerJWTOptions returns the jwt options for the issuer-signed JWT on
// Verify and Parse, with the transform.
func (c *config) issuerJWTOptions(transform func([]byte) ([]byte, error)) []jwt.VerifyOption {
	opts := make([]jwt.VerifyOption, 0, len(c.verifyOpts)+3)
	if c.clockOrSkew {
		opts = append(opts, jwt.WithClock(c.clock), jwt.WithLeeway(c.leeway))
	}
	opts = append(opts, c.verifyOpts...)
	return append(opts, jwt.WithClaimsTransform(transform))
}
