package sdjwt

import (
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Option configures one call of [Issue], [Parse], [ParseUnverified],
// [SDJWT.Present] or [Verify]. Each option's doc says which calls take it;
// giving it to another call is an error wrapping [ErrInvalidOption], as are
// contradictions and invalid arguments.
type Option func(*config) error

type call uint8

const (
	callIssue call = 1 << iota
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
	jwtOpts     []jwt.Option
	paths       []string
	decoys      int
	hashes      []HashAlgorithm
	cnf         *jwk.Key
	json        bool
	maxSize     int
	holderAlg   jwa.SignatureAlgorithm
	holderKey   any
	kb          bool
	audience    string
	nonce       string
	kbAlgs      []jwa.SignatureAlgorithm
	kbMaxAge    time.Duration
	leeway      time.Duration
	clock       func() time.Time
	clockOrSkew bool
}

func newConfig(cl call, opts []Option) (*config, error) {
	c := &config{call: cl, maxSize: DefaultMaxSize, kbMaxAge: DefaultKeyBindingMaxAge, clock: time.Now}
	for _, o := range opts {
		if o == nil {
			return nil, optionError("nil Option")
		}
		if err := o(c); err != nil {
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

func (c *config) allow(name string, calls call) error {
	if c.call&calls == 0 {
		return optionError("%s means nothing for %s", name, c.call)
	}
	return nil
}

// WithJWT gives the options of package jwt for the issuer-signed JWT.
//
// On [Issue] they are those of [jwt.Sign]: [jwt.WithType] (RFC 9901 §9.11
// recommends an explicit type, such as "example+sd-jwt"; the default is
// jwt's "JWT"), [jwt.WithKeyID], [jwt.WithAudienceArray].
//
// On [Verify] and [Parse] they are those of [jwt.Verify]: the issuer's keys
// ([jwt.WithKey] or [jwt.WithKeySet], required, which is how the algorithms
// are allowed), and the claim checks, applied to the processed claims
// ([jwt.WithIssuer], [jwt.WithAudience], [jwt.WithType], [jwt.WithMaxAge],
// [jwt.WithValidator] and the others). "exp" is required by default, as jwt
// does. [WithClock] and [WithLeeway] of this package are given to jwt too.
func WithJWT(opts ...jwt.Option) Option {
	return func(c *config) error {
		if err := c.allow("WithJWT", callIssue|callParse|callVerify); err != nil {
			return err
		}
		c.jwtOpts = append(c.jwtOpts, opts...)
		return nil
	}
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
func WithDisclosable(paths ...string) Option {
	return func(c *config) error {
		if err := c.allow("WithDisclosable", callIssue); err != nil {
			return err
		}
		c.paths = append(c.paths, paths...)
		return nil
	}
}

// WithDecoys makes [Issue] add n decoy digests (RFC 9901 §4.2.5) to the
// top-level "_sd" array and to every other "_sd" array it writes, so that a
// verifier cannot count the hidden claims. n is at most 100.
func WithDecoys(n int) Option {
	return func(c *config) error {
		if err := c.allow("WithDecoys", callIssue); err != nil {
			return err
		}
		if n < 0 || n > 100 {
			return optionError("WithDecoys: %d is not between 0 and 100", n)
		}
		c.decoys = n
		return nil
	}
}

// WithHashAlgorithm names the hash of the digests. [Issue] takes one (the
// default is [SHA256]) and writes it as "_sd_alg". [Verify] and [Parse] take
// the list accepted in "_sd_alg" (default: SHA256, SHA384, SHA512).
func WithHashAlgorithm(algs ...HashAlgorithm) Option {
	return func(c *config) error {
		if err := c.allow("WithHashAlgorithm", callIssue|callParse|callParseUnverified|callVerify); err != nil {
			return err
		}
		if len(algs) == 0 || (c.call == callIssue && len(algs) != 1) {
			return optionError("WithHashAlgorithm: %d algorithms given", len(algs))
		}
		for _, h := range algs {
			if _, ok := hashes[h]; !ok {
				return optionError("WithHashAlgorithm: %.40q is not implemented", string(h))
			}
		}
		c.hashes = algs
		return nil
	}
}

// WithConfirmationKey makes [Issue] bind the SD-JWT to the holder's key: its
// public part goes in the "cnf" claim as a JWK (RFC 9901 §4.1.2, RFC 7800
// §3.2). A symmetric key is refused.
func WithConfirmationKey(key *jwk.Key) Option {
	return func(c *config) error {
		if err := c.allow("WithConfirmationKey", callIssue); err != nil {
			return err
		}
		if key == nil || key.IsSymmetric() {
			return optionError("WithConfirmationKey needs a public or private asymmetric key")
		}
		c.cnf = key.Public()
		return nil
	}
}

// WithJSON makes [Issue] and [SDJWT.Present] write the flattened JWS JSON
// serialization of RFC 9901 §8.2 instead of the "~"-separated compact one.
// [Verify] and [Parse] read both forms without an option.
func WithJSON() Option {
	return func(c *config) error {
		if err := c.allow("WithJSON", callIssue|callPresent); err != nil {
			return err
		}
		c.json = true
		return nil
	}
}

// WithMaxSize sets the largest input, in bytes, that [Verify], [Parse] and
// [ParseUnverified] read. The default is [DefaultMaxSize].
func WithMaxSize(n int) Option {
	return func(c *config) error {
		if err := c.allow("WithMaxSize", callParse|callParseUnverified|callVerify); err != nil {
			return err
		}
		if n <= 0 {
			return optionError("WithMaxSize: %d is not positive", n)
		}
		c.maxSize = n
		return nil
	}
}

// WithHolderKey gives [SDJWT.Present] the holder's private key and its
// algorithm, to sign a Key Binding JWT (RFC 9901 §4.3); the key is anything
// [jwt.Sign] takes. It needs [WithKeyBinding]. The key should be the one in
// the SD-JWT's "cnf" claim; Present checks that when it can (a [jwk.Key] or
// a crypto.Signer).
func WithHolderKey(alg jwa.SignatureAlgorithm, key any) Option {
	return func(c *config) error {
		if err := c.allow("WithHolderKey", callPresent); err != nil {
			return err
		}
		if key == nil {
			return optionError("WithHolderKey: nil key")
		}
		c.holderAlg, c.holderKey = alg, key
		return nil
	}
}

// WithKeyBinding gives the audience and nonce of the Key Binding JWT.
//
// On [SDJWT.Present] (with [WithHolderKey]) they are written in the KB-JWT.
// On [Verify] they make key binding required (RFC 9901 §7.3): the
// presentation must end with a KB-JWT signed by the key of the "cnf" claim,
// whose "aud" and "nonce" are exactly these, whose "sd_hash" covers the
// presentation, and whose "iat" is recent ([WithKeyBindingMaxAge]). Without
// it, Verify does not require key binding, and ignores a KB-JWT that is
// present (RFC 9901 §7.3 step 1: the policy, not the token, decides). Both
// must be non-empty.
func WithKeyBinding(audience, nonce string) Option {
	return func(c *config) error {
		if err := c.allow("WithKeyBinding", callPresent|callVerify); err != nil {
			return err
		}
		if audience == "" || nonce == "" {
			return optionError("WithKeyBinding: empty audience or nonce")
		}
		c.kb, c.audience, c.nonce = true, audience, nonce
		return nil
	}
}

// WithKeyBindingAlgorithms lists the signature algorithms [Verify] accepts
// for the Key Binding JWT. The default is every asymmetric algorithm of
// package jwa; the key from "cnf" must fit the algorithm, and a JWK with
// "alg" is used with that algorithm only.
func WithKeyBindingAlgorithms(algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.allow("WithKeyBindingAlgorithms", callVerify); err != nil {
			return err
		}
		if len(algs) == 0 {
			return optionError("WithKeyBindingAlgorithms: no algorithm")
		}
		c.kbAlgs = algs
		return nil
	}
}

// WithKeyBindingMaxAge sets how old the Key Binding JWT's "iat" may be for
// [Verify] (RFC 9901 §7.3 step 5.5). The default is
// [DefaultKeyBindingMaxAge].
func WithKeyBindingMaxAge(d time.Duration) Option {
	return func(c *config) error {
		if err := c.allow("WithKeyBindingMaxAge", callVerify); err != nil {
			return err
		}
		if d <= 0 {
			return optionError("WithKeyBindingMaxAge: %v is not positive", d)
		}
		c.kbMaxAge = d
		return nil
	}
}

// WithClock sets the function the current time is read from: the "iat" of
// a Key Binding JWT on [SDJWT.Present], the checks of [Verify] and [Parse]
// (given to jwt as well). The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if err := c.allow("WithClock", callPresent|callParse|callVerify); err != nil {
			return err
		}
		if now == nil {
			return optionError("WithClock: nil clock")
		}
		c.clock, c.clockOrSkew = now, true
		return nil
	}
}

// WithLeeway allows for clock skew in the time checks of [Verify] and
// [Parse], the Key Binding JWT's included (given to jwt as well). The
// default is zero.
func WithLeeway(d time.Duration) Option {
	return func(c *config) error {
		if err := c.allow("WithLeeway", callParse|callVerify); err != nil {
			return err
		}
		if d < 0 {
			return optionError("WithLeeway: negative leeway %v", d)
		}
		c.leeway, c.clockOrSkew = d, true
		return nil
	}
}

// issuerJWTOptions returns the jwt options for the issuer-signed JWT on
// Verify and Parse, with the transform.
func (c *config) issuerJWTOptions(transform func([]byte) ([]byte, error)) []jwt.Option {
	opts := make([]jwt.Option, 0, len(c.jwtOpts)+3)
	if c.clockOrSkew {
		opts = append(opts, jwt.WithClock(c.clock), jwt.WithLeeway(c.leeway))
	}
	opts = append(opts, c.jwtOpts...)
	return append(opts, jwt.WithClaimsTransform(transform))
}
