package jws

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Default limits of [Verify], [VerifyMessage] and [Parse]; change them with
// [WithMaxSize] and [WithMaxSignatures].
const (
	// DefaultMaxSize is the largest token accepted, in bytes (1 MiB): far
	// above any JWT, small enough that a hostile token costs little.
	DefaultMaxSize = 1 << 20
	// DefaultMaxSignatures is the most signatures a general JSON token may
	// carry.
	DefaultMaxSignatures = 16
)

// Option configures one call of [Sign], [Verify], [VerifyMessage] or
// [Parse]. An option that means nothing for the call is an error, as are
// contradicting options.
type Option func(*config) error

// operation is the call the options are applied for.
type operation int

const (
	opSign operation = iota
	opVerify
	opParse
)

var opNames = [...]string{opSign: "Sign", opVerify: "Verify", opParse: "Parse"}

// signerSpec is one signature to make.
type signerSpec struct {
	alg         jwa.SignatureAlgorithm
	signer      jwa.Signer // nil for "none"
	kid         string     // the key's own kid, used when no kid is set
	protected   []member
	unprotected []member
	rawHeader   []byte // test hook: the exact protected header bytes
}

// member is a header member to write, in the order the caller gave it:
// its JSON value, or when value is nil the string str, written as a JSON
// string.
type member struct {
	name  string
	value json.RawMessage
	str   string
}

// verifyKey is a key bound to one algorithm by [WithKey].
type verifyKey struct {
	alg jwa.SignatureAlgorithm
	key *jwk.Key
}

type config struct {
	op operation

	// Sign.
	signers                   []signerSpec
	common                    []member // WithProtectedHeader before any WithKey
	commonUnprotected         []member
	json, flattened, detached bool
	unencoded                 bool

	// Verify and Parse.
	keys           []verifyKey
	set            jwk.KeySet
	setAlgs        []jwa.SignatureAlgorithm
	embedded       func(*jwk.Key) error
	embeddedAlgs   []jwa.SignatureAlgorithm
	embeddedLimits jwk.EmbeddedKeyLimits // the zero value is the default
	limitsGiven    bool                  // WithEmbeddedKeyLimits was given
	x509           *x509.VerifyOptions
	x509Algs       []jwa.SignatureAlgorithm
	payload        []byte
	hasPayload     bool
	requireAll     bool
	unprotectedAlg bool
	ctx            context.Context
	maxSize        int
	maxSignatures  int

	// Several.
	critical   []string
	unsafeNone bool

	// Room for the common single WithKey, so that it costs no allocation.
	oneSigner [1]signerSpec
	oneKey    [1]verifyKey
}

// only fails unless the option applies to the current call.
func (c *config) only(name string, ops ...operation) error {
	if slices.Contains(ops, c.op) {
		return nil
	}
	return fmt.Errorf("jws: %s means nothing for %s", name, opNames[c.op])
}

func newConfig(op operation, opts []Option) (*config, error) {
	c := &config{op: op, maxSize: DefaultMaxSize, maxSignatures: DefaultMaxSignatures, ctx: context.Background()}
	c.signers, c.keys = c.oneSigner[:0], c.oneKey[:0]
	for _, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("jws: nil Option")
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, c.check()
}

// check rejects contradictions once every option is applied.
func (c *config) check() error {
	switch c.op {
	case opSign:
		if len(c.signers) == 0 {
			return fmt.Errorf("jws: Sign needs a key: give WithKey")
		}
		if c.json && c.flattened {
			return fmt.Errorf("jws: WithJSON and WithFlattened contradict each other")
		}
		compact := !c.json && !c.flattened
		if (compact || c.flattened) && len(c.signers) > 1 {
			return fmt.Errorf("jws: %d signatures need the general JSON serialization: give WithJSON", len(c.signers))
		}
		if compact && (len(c.commonUnprotected) > 0 || len(c.signers[0].unprotected) > 0) {
			return fmt.Errorf("jws: unprotected headers need a JSON serialization: give WithJSON or WithFlattened")
		}
		for i := range c.signers {
			if c.signers[i].alg == jwa.NoSignature && !c.unsafeNone {
				return notAllowed(`signing with "none" needs WithUnsafeNone`)
			}
		}
	case opVerify:
		if len(c.keys) == 0 && c.set == nil && c.embedded == nil && c.x509 == nil && !c.unsafeNone {
			return fmt.Errorf("jws: Verify needs a key: give WithKey or WithKeySet")
		}
		if c.limitsGiven && c.embedded == nil {
			return fmt.Errorf("jws: WithEmbeddedKeyLimits without WithEmbeddedJWK")
		}
	}
	return nil
}

// allowed reports whether alg is on the caller's allow-list: the algorithms
// of WithKey, WithKeySet, WithEmbeddedJWK and WithX509, and "none" with
// WithUnsafeNone.
func (c *config) allowed(alg jwa.SignatureAlgorithm) bool {
	if alg == jwa.NoSignature {
		return c.unsafeNone
	}
	return slices.ContainsFunc(c.keys, func(k verifyKey) bool { return k.alg == alg }) ||
		slices.Contains(c.setAlgs, alg) || slices.Contains(c.embeddedAlgs, alg) || slices.Contains(c.x509Algs, alg)
}

// WithKey gives a key and the one algorithm it is used with.
//
// Sign: each WithKey adds one signature. The key is a [*jwk.Key], a standard
// library private key ([*rsa.PrivateKey], [*ecdsa.PrivateKey],
// [ed25519.PrivateKey]), a [crypto.Signer] (an HSM or KMS key) or a []byte
// secret for HMAC; its kid, when it has one, becomes the protected "kid"
// unless a kid is given. "none" takes a nil key and needs [WithUnsafeNone].
//
// Verify: the key verifies signatures whose protected "alg" is alg and no
// other. It is a [*jwk.Key], a standard library public key or a []byte
// secret. Several WithKey are allowed (key rotation). The key is bound to alg
// at once, so a key of the wrong type or a JWK whose own alg, use or key_ops
// forbid alg fails here, before any token is read.
//
// A standard library key is checked on every call (for an ECDSA or Ed25519
// private key that means recomputing its public half); a [*jwk.Key] made once
// with [jwk.FromKey] is checked once and keeps its binding to alg, the faster
// choice for a key used again and again.
func WithKey(alg jwa.SignatureAlgorithm, key any) Option {
	return func(c *config) error {
		if err := c.only("WithKey", opSign, opVerify); err != nil {
			return err
		}
		if err := alg.CheckFIPS(); err != nil {
			return fmt.Errorf("jws: WithKey: %w", err)
		}
		if alg == jwa.NoSignature {
			if c.op != opSign || key != nil {
				return notAllowed(`"none" takes no key; to accept it when verifying give WithUnsafeNone`)
			}
			c.signers = append(c.signers, signerSpec{alg: alg})
			return nil
		}
		k, err := jwk.FromKey(key)
		if err != nil {
			return fmt.Errorf("jws: WithKey(%s): %w", alg, err)
		}
		if c.op == opVerify {
			if _, err := k.Verifier(alg); err != nil {
				return fmt.Errorf("jws: WithKey(%s): %w", alg, err)
			}
			c.keys = append(c.keys, verifyKey{alg: alg, key: k})
			return nil
		}
		s, err := k.Signer(alg)
		if err != nil {
			return fmt.Errorf("jws: WithKey(%s): %w", alg, err)
		}
		c.signers = append(c.signers, signerSpec{alg: alg, signer: s, kid: k.KeyID()})
		return nil
	}
}

// WithKeySet verifies with the keys of set, chosen for each signature by
// its "kid" and "alg" through [jwk.KeySet] Select (a key's type, curve,
// size, alg, use and key_ops must fit), for the algorithms algs only. algs
// is required: the token's "alg" never chooses by itself. Every key that
// fits is tried.
func WithKeySet(set jwk.KeySet, algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.only("WithKeySet", opVerify); err != nil {
			return err
		}
		if set == nil || c.set != nil {
			return fmt.Errorf("jws: WithKeySet needs one non-nil key set")
		}
		algs, err := checkAlgs("WithKeySet", algs)
		if err != nil {
			return err
		}
		c.set, c.setAlgs = set, algs
		return nil
	}
}

func checkAlgs(name string, algs []jwa.SignatureAlgorithm) ([]jwa.SignatureAlgorithm, error) {
	if len(algs) == 0 {
		return nil, notAllowed("%s needs the list of accepted algorithms", name)
	}
	for _, a := range algs {
		if a == jwa.NoSignature {
			return nil, notAllowed(`%s: "none" is accepted only through WithUnsafeNone`, name)
		}
		if err := a.CheckFIPS(); err != nil {
			return nil, fmt.Errorf("jws: %s: %w", name, err)
		}
		if _, err := a.Scheme(); err != nil {
			return nil, fmt.Errorf("jws: %s: %w", name, err)
		}
	}
	return slices.Clone(algs), nil
}

// WithEmbeddedJWK lets a signature be verified with the public key in its
// own protected "jwk" member (RFC 7515 §4.1.3), as DPoP (RFC 9449) needs.
// approve must accept the key (return nil), for example by comparing its
// thumbprint with one the application knows; a key that approve refuses is
// not used. Only algs are accepted, and the key must fit them. A "jwk" in an
// unprotected header, or one holding private or secret members, is never
// used. Without this option the member is ignored.
//
// Before approve sees it, the key must be within [jwk.EmbeddedKeyLimits]:
// by default an RSA key has at most 4096 bits and the exponent 65537, so
// that an unauthenticated token cannot make its verifier pay for a huge key
// (T06). [WithEmbeddedKeyLimits] widens them.
func WithEmbeddedJWK(approve func(*jwk.Key) error, algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.only("WithEmbeddedJWK", opVerify); err != nil {
			return err
		}
		if approve == nil {
			return fmt.Errorf("jws: WithEmbeddedJWK needs an approve function")
		}
		algs, err := checkAlgs("WithEmbeddedJWK", algs)
		if err != nil {
			return err
		}
		c.embedded, c.embeddedAlgs = approve, algs
		return nil
	}
}

// WithEmbeddedKeyLimits replaces the default limits on the key of
// [WithEmbeddedJWK], which it requires: for example
// jwk.EmbeddedKeyLimits{MaxRSABits: 8192} for clients with larger RSA keys.
// A key outside the limits is not used, and the error wraps
// [jwa.ErrInvalidKey] and [jwa.ErrLimitExceeded].
func WithEmbeddedKeyLimits(l jwk.EmbeddedKeyLimits) Option {
	return func(c *config) error {
		if err := c.only("WithEmbeddedKeyLimits", opVerify); err != nil {
			return err
		}
		c.embeddedLimits, c.limitsGiven = l, true
		return nil
	}
}

// WithX509 lets a signature be verified with the leaf key of its own
// protected "x5c" chain (RFC 7515 §4.1.6), after the chain verified with
// opts (x509.Certificate.Verify; the other certificates of x5c are the
// intermediates). opts.Roots is required, so the system roots are never
// trusted by default; opts.KeyUsages defaults to any. Only algs are
// accepted. "x5u" is never fetched.
func WithX509(opts x509.VerifyOptions, algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.only("WithX509", opVerify); err != nil {
			return err
		}
		if opts.Roots == nil {
			return fmt.Errorf("jws: WithX509 needs opts.Roots, the trusted roots")
		}
		algs, err := checkAlgs("WithX509", algs)
		if err != nil {
			return err
		}
		if opts.KeyUsages == nil {
			opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
		}
		c.x509, c.x509Algs = &opts, algs
		return nil
	}
}

// WithProtectedHeader sets a member of the protected header. Given after a
// [WithKey] it applies to that signature; given before any WithKey it
// applies to every signature. value is marshalled to JSON, except for
// "jwk" (a [*jwk.Key] or standard library key, of which only the public
// part is written; secrets are refused), "x5c" ([]*x509.Certificate) and
// "x5t", "x5t#S256" ([]byte, base64url-encoded here). The registered
// members must have their registered types. "alg" is set by WithKey,
// "b64" by [WithUnencodedPayload], "crit" by [WithCritical], and "zip"
// has no place in a JWS: those names are refused.
func WithProtectedHeader(name string, value any) Option {
	return headerOption("WithProtectedHeader", name, value, true)
}

// WithUnprotectedHeader sets a member of the unprotected header ("header" in
// the JSON serializations) with the same rules as [WithProtectedHeader].
// The compact serialization has no unprotected header, so Sign then needs
// [WithJSON] or [WithFlattened]. Nothing in it is integrity protected.
func WithUnprotectedHeader(name string, value any) Option {
	return headerOption("WithUnprotectedHeader", name, value, false)
}

// WithKeyID sets the protected "kid"; see [WithProtectedHeader].
func WithKeyID(kid string) Option { return headerOption("WithKeyID", "kid", kid, true) }

// WithType sets the protected "typ"; see [WithProtectedHeader].
func WithType(typ string) Option { return headerOption("WithType", "typ", typ, true) }

// WithContentType sets the protected "cty"; see [WithProtectedHeader].
func WithContentType(cty string) Option {
	return headerOption("WithContentType", "cty", cty, true)
}

func headerOption(opt, name string, value any, protected bool) Option {
	return func(c *config) error {
		if err := c.only(opt, opSign); err != nil {
			return err
		}
		switch name {
		case "alg", "b64", "crit", "zip":
			return fmt.Errorf("jws: %s cannot set %q", opt, name)
		}
		raw, err := encodeMember(name, value)
		if err != nil {
			return fmt.Errorf("jws: %s(%q): %w", opt, name, err)
		}
		list := &c.common
		switch {
		case len(c.signers) > 0 && protected:
			list = &c.signers[len(c.signers)-1].protected
		case len(c.signers) > 0:
			list = &c.signers[len(c.signers)-1].unprotected
		case !protected:
			list = &c.commonUnprotected
		}
		if slices.ContainsFunc(*list, func(m member) bool { return m.name == name }) {
			return fmt.Errorf("jws: header member %q is set twice", name)
		}
		*list = append(*list, member{name: name, value: raw})
		return nil
	}
}

// WithJSON makes [Sign] write the general JSON serialization (RFC 7515
// §7.2.1), which holds any number of signatures.
func WithJSON() Option {
	return func(c *config) error { c.json = true; return c.only("WithJSON", opSign) }
}

// WithFlattened makes [Sign] write the flattened JSON serialization (RFC
// 7515 §7.2.2), with one signature.
func WithFlattened() Option {
	return func(c *config) error { c.flattened = true; return c.only("WithFlattened", opSign) }
}

// WithDetachedPayload makes [Sign] leave the payload out of the token (RFC
// 7515 Appendix F); the verifier gives it with [WithPayload].
func WithDetachedPayload() Option {
	return func(c *config) error { c.detached = true; return c.only("WithDetachedPayload", opSign) }
}

// WithPayload gives [Verify] or [Parse] the detached payload. The token must
// then have an empty (compact) or absent (JSON) payload; a token that has a
// payload of its own is refused rather than silently ignored.
func WithPayload(payload []byte) Option {
	return func(c *config) error {
		c.payload, c.hasPayload = payload, true
		return c.only("WithPayload", opVerify, opParse)
	}
}

// WithUnencodedPayload makes [Sign] use the unencoded payload option of RFC
// 7797: every protected header gets "b64":false, listed in "crit" (RFC 7797
// §6), and the payload is written as it is. The compact serialization then
// refuses a payload with a '.' (RFC 7797 §5.2), and the JSON ones a payload
// that is not valid UTF-8.
func WithUnencodedPayload() Option {
	return func(c *config) error { c.unencoded = true; return c.only("WithUnencodedPayload", opSign) }
}

// WithCritical names header members listed in "crit" (RFC 7515 §4.1.11).
//
// Verify and Parse: the members the caller understands and processes
// itself; a token whose "crit" lists anything else is refused. "b64" is
// always understood.
//
// Sign: the protected members to list in "crit"; each must be set with
// [WithProtectedHeader] on every signature.
func WithCritical(names ...string) Option {
	return func(c *config) error {
		c.critical = append(c.critical, names...)
		return nil
	}
}

// WithRequireAll makes [Verify] succeed only when every signature of the
// token verifies. By default one is enough.
func WithRequireAll() Option {
	return func(c *config) error { c.requireAll = true; return c.only("WithRequireAll", opVerify) }
}

// WithUnsafeNone allows "none", the unsecured JWS (RFC 7518 §3.6), which
// anyone can forge. Sign then accepts WithKey(jwa.NoSignature, nil); Verify
// accepts a signature with "alg":"none" only when it is empty. Never use it
// for tokens from an untrusted source.
//
// In FIPS 140-3 mode (jwa.FIPSMode) it fails with jwa.ErrNotApproved.
func WithUnsafeNone() Option {
	return func(c *config) error {
		if err := jwa.NoSignature.CheckFIPS(); err != nil {
			return fmt.Errorf("jws: WithUnsafeNone: %w", err)
		}
		c.unsafeNone = true
		return c.only("WithUnsafeNone", opSign, opVerify)
	}
}

// WithUnprotectedAlgorithm lets [Verify] take a signature's "alg" from its
// unprotected header when its protected header has none (RFC 7520 §4.7).
// The algorithm is still checked against the allow-list, but nothing binds
// it to the signature, so prefer tokens with a protected "alg" (RFC 8725
// §3.1).
func WithUnprotectedAlgorithm() Option {
	return func(c *config) error {
		c.unprotectedAlg = true
		return c.only("WithUnprotectedAlgorithm", opVerify, opParse)
	}
}

// WithContext gives the context passed to the key set's Select (a remote
// key set may fetch keys). The default is context.Background().
func WithContext(ctx context.Context) Option {
	return func(c *config) error {
		if ctx == nil {
			return fmt.Errorf("jws: WithContext(nil)")
		}
		c.ctx = ctx
		return c.only("WithContext", opVerify)
	}
}

// WithMaxSize bounds the token's size in bytes (default [DefaultMaxSize]).
// A larger token fails with [jwa.ErrLimitExceeded] before it is decoded.
func WithMaxSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("jws: WithMaxSize(%d): must be positive", n)
		}
		c.maxSize = n
		return c.only("WithMaxSize", opVerify, opParse)
	}
}

// WithMaxSignatures bounds the number of signatures of a general JSON token
// (default [DefaultMaxSignatures]). More fail with [jwa.ErrLimitExceeded]
// before any signature is decoded.
func WithMaxSignatures(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("jws: WithMaxSignatures(%d): must be positive", n)
		}
		c.maxSignatures = n
		return c.only("WithMaxSignatures", opVerify, opParse)
	}
}
