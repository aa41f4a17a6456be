package jws

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"slices"
	"strings"
	"sync"

	"github.com/joseproject/jose/internal/nilcheck"
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

// The options of each call have their own type, so that an option given to
// a call it means nothing for does not compile: [SignOption] for [Sign],
// [VerifyOption] for [Verify] and [VerifyMessage], [ParseOption] for
// [Parse]. An option that two calls take has a type that is both: every
// ParseOption is a VerifyOption (what Parse reads, Verify reads the same
// way), and a [KeyOption] is a SignOption and a VerifyOption. The types
// are interfaces that only this package implements.
//
// A misused option (a nil option, key, key set or function, an argument
// out of range, contradicting options, a required option missing) fails
// the call with an error that wraps [ErrInvalidOption] and names the
// option.

// SignOption configures [Sign]: the keys, the headers and the
// serialization of the token written. Every [KeyOption] is one too.
type SignOption interface {
	isSignOption()
}

// VerifyOption configures [Verify] and [VerifyMessage]: the keys and
// algorithms accepted and how the token is read. Every [ParseOption] and
// every [KeyOption] is one too.
type VerifyOption interface {
	isVerifyOption()
}

// ParseOption configures [Parse]: how a token is read and the limits it is
// held to. Each is a [VerifyOption] too, with the same meaning there.
type ParseOption interface {
	VerifyOption
	isParseOption()
}

// KeyOption is an option of both [Sign] and [Verify]: the key and its one
// algorithm ([WithKey]), or the acceptance of the unsecured "none"
// ([WithUnsafeNone]).
type KeyOption interface {
	SignOption
	VerifyOption
}

// ErrInvalidOption is [jwa.ErrInvalidOption], which every misused option
// wraps.
var ErrInvalidOption = jwa.ErrInvalidOption

// The implementations: one function type per set of calls an option takes.
// The interfaces' methods only mark which calls take an option; config.apply
// calls the function itself, by its concrete type, so that an option made
// in the argument list of a call does not escape to the heap.
type (
	signOption   func(*config) error // a SignOption
	verifyOption func(*config) error // a VerifyOption
	parseOption  func(*config) error // a ParseOption (so a VerifyOption)
	keyOption    func(*config) error // a KeyOption
)

func (signOption) isSignOption()     {}
func (verifyOption) isVerifyOption() {}
func (parseOption) isVerifyOption()  {}
func (parseOption) isParseOption()   {}
func (keyOption) isSignOption()      {}
func (keyOption) isVerifyOption()    {}

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
	critical                  []string // WithCritical: the names to list in "crit"

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
	known          []string // WithKnownCritical: the names "crit" may list
	requireAll     bool
	unprotectedAlg bool
	ctx            context.Context
	maxSize        int
	maxSignatures  int

	// Both.
	unsafeNone bool

	// Room for the common single WithKey, so that it costs no allocation.
	oneSigner [1]signerSpec
	oneKey    [1]verifyKey
	// Room for the first member of each header list (see headerOption),
	// one slot each.
	memberRoom [2]member
	roomUsed   int
}

// configs holds the configs of finished calls, zeroed, for the next call:
// a config is a few hundred bytes that every Sign and Verify would
// otherwise allocate. sync.Pool keeps one cache per P, so concurrent calls
// share no lock on the way.
var configs = sync.Pool{New: func() any { return new(config) }}

func newConfig(op operation) *config {
	c := configs.Get().(*config) // zero: new, or zeroed by release
	c.op, c.maxSize, c.maxSignatures, c.ctx = op, DefaultMaxSize, DefaultMaxSignatures, context.Background()
	c.signers, c.keys = c.oneSigner[:0], c.oneKey[:0]
	return c
}

// release zeroes c, so that it keeps nothing of the call alive (keys,
// payload, callbacks), and gives it back for reuse. Only a call that keeps
// nothing of c once it returns releases it (Sign, Verify, VerifyMessage);
// a nil c is ignored.
func (c *config) release() {
	if c == nil {
		return
	}
	*c = config{}
	configs.Put(c)
}

// configure applies opts, the options of one call, in order, and checks the
// result once.
func configure[O any](op operation, opts []O) (*config, error) {
	c := newConfig(op)
	for i, o := range opts {
		if err := c.apply(i, any(o)); err != nil {
			return nil, err
		}
	}
	return c, c.check()
}

// apply applies option i, o, which the call's signature typed.
func (c *config) apply(i int, o any) error {
	switch f := o.(type) {
	case signOption:
		return f(c)
	case verifyOption:
		return f(c)
	case parseOption:
		return f(c)
	case keyOption:
		return f(c)
	}
	return optionError("option %d of %s is nil", i+1, opNames[c.op])
}

// check rejects contradictions and missing options once every option is
// applied.
func (c *config) check() error {
	switch c.op {
	case opSign:
		if len(c.signers) == 0 {
			return optionError("Sign needs a key: give WithKey")
		}
		if c.json && c.flattened {
			return optionError("WithJSON and WithFlattened contradict each other")
		}
		compact := !c.json && !c.flattened
		if (compact || c.flattened) && len(c.signers) > 1 {
			return optionError("%d signatures need the general JSON serialization: give WithJSON", len(c.signers))
		}
		if compact && (len(c.commonUnprotected) > 0 || len(c.signers[0].unprotected) > 0) {
			return optionError("unprotected headers need a JSON serialization: give WithJSON or WithFlattened")
		}
		for i := range c.signers {
			if c.signers[i].alg == jwa.NoSignature && !c.unsafeNone {
				return optionError(`signing with "none" needs WithUnsafeNone: %w`, jwa.ErrAlgorithmNotAllowed)
			}
		}
	case opVerify:
		if len(c.keys) == 0 && c.set == nil && c.embedded == nil && c.x509 == nil && !c.unsafeNone {
			return optionError("Verify needs a key: give WithKey, WithKeySet, WithEmbeddedKey or WithX509")
		}
		if c.limitsGiven && c.embedded == nil && c.x509 == nil {
			return optionError("WithEmbeddedKeyLimits without WithEmbeddedKey or WithX509")
		}
	}
	return nil
}

// allowed reports whether alg is on the caller's allow-list: the algorithms
// of WithKey, WithKeySet, WithEmbeddedKey and WithX509, and "none" with
// WithUnsafeNone.
func (c *config) allowed(alg jwa.SignatureAlgorithm) bool {
	if alg == jwa.NoSignature {
		return c.unsafeNone
	}
	return slices.ContainsFunc(c.keys, func(k verifyKey) bool { return k.alg == alg }) ||
		slices.Contains(c.setAlgs, alg) || slices.Contains(c.embeddedAlgs, alg) || slices.Contains(c.x509Algs, alg)
}

// allowList names the algorithms [config.allowed] accepts, in the order the
// options gave them, for an error message.
func (c *config) allowList() string {
	var names []string
	add := func(a jwa.SignatureAlgorithm) {
		if !slices.Contains(names, string(a)) {
			names = append(names, string(a))
		}
	}
	for _, k := range c.keys {
		add(k.alg)
	}
	for _, list := range [][]jwa.SignatureAlgorithm{c.setAlgs, c.embeddedAlgs, c.x509Algs} {
		for _, a := range list {
			add(a)
		}
	}
	if c.unsafeNone {
		add(jwa.NoSignature)
	}
	return strings.Join(names, ", ")
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
// A nil key, or a nil pointer in key, is refused, as is a key that does not
// fit alg (the error wraps [ErrInvalidOption] and the cause, such as
// [jwa.ErrInvalidKey]). A standard library key is checked on every call (for
// an ECDSA or Ed25519 private key that means recomputing its public half);
// a [*jwk.Key] made once with [jwk.FromKey] is checked once and keeps its
// binding to alg, the faster choice for a key used again and again.
func WithKey(alg jwa.SignatureAlgorithm, key any) KeyOption {
	return keyOption(func(c *config) error {
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithKey: %w", err)
		}
		isNil := nilcheck.IsNil(key)
		if alg == jwa.NoSignature {
			if c.op != opSign || !isNil {
				return optionError(`WithKey: "none" takes no key; to accept it when verifying give WithUnsafeNone: %w`, jwa.ErrAlgorithmNotAllowed)
			}
			c.signers = append(c.signers, signerSpec{alg: alg})
			return nil
		}
		if isNil {
			return optionError("WithKey(%s): the key is nil", alg)
		}
		k, err := jwk.FromKey(key)
		if err != nil {
			return optionError("WithKey(%s): %w", alg, err)
		}
		if c.op != opSign {
			if _, err := k.Verifier(alg); err != nil {
				return optionError("WithKey(%s): %w", alg, err)
			}
			c.keys = append(c.keys, verifyKey{alg: alg, key: k})
			return nil
		}
		s, err := k.Signer(alg)
		if err != nil {
			return optionError("WithKey(%s): %w", alg, err)
		}
		c.signers = append(c.signers, signerSpec{alg: alg, signer: s, kid: k.KeyID()})
		return nil
	})
}

// WithKeySet verifies with the keys of set, chosen for each signature by
// its "kid" and "alg" through [jwk.KeySet] Select (a key's type, curve,
// size, alg, use and key_ops must fit), for the algorithms algs only. algs
// is required: the token's "alg" never chooses by itself. Every key that
// fits is tried. A nil set, or a nil *jwk.Set or *jwk.Remote in it, is
// refused, as is a second WithKeySet.
func WithKeySet(set jwk.KeySet, algs ...jwa.SignatureAlgorithm) VerifyOption {
	return verifyOption(func(c *config) error {
		if nilcheck.IsNil(set) {
			return optionError("WithKeySet: the key set is nil (did jwk.Discover or jwk.NewRemote return an error?)")
		}
		if c.set != nil {
			return optionError("WithKeySet given twice: merge the keys into one set")
		}
		algs, err := checkAlgs("WithKeySet", algs)
		if err != nil {
			return err
		}
		c.set, c.setAlgs = set, algs
		return nil
	})
}

func checkAlgs(name string, algs []jwa.SignatureAlgorithm) ([]jwa.SignatureAlgorithm, error) {
	if len(algs) == 0 {
		return nil, optionError("%s needs the list of accepted algorithms: %w", name, jwa.ErrAlgorithmNotAllowed)
	}
	for _, a := range algs {
		if a == jwa.NoSignature {
			return nil, optionError(`%s: "none" is accepted only through WithUnsafeNone: %w`, name, jwa.ErrAlgorithmNotAllowed)
		}
		if err := a.CheckFIPS(); err != nil {
			return nil, optionError("%s: %w", name, err)
		}
		if _, err := a.Scheme(); err != nil {
			return nil, optionError("%s: %w", name, err)
		}
	}
	return slices.Clone(algs), nil
}

// WithEmbeddedKey lets a signature be verified with the public key in its
// own protected "jwk" member (RFC 7515 §4.1.3), as DPoP (RFC 9449) needs.
// approve must accept the key (return nil), for example by comparing its
// thumbprint with one the application knows; a key that approve refuses is
// not used. Only algs are accepted, and the key must fit them. A "jwk" in an
// unprotected header, or one holding private or secret members, is never
// used. Without this option the member is ignored. A nil approve is
// refused, as is a second WithEmbeddedKey.
//
// Before approve sees it, the key must be within [jwk.EmbeddedKeyLimits]:
// by default an RSA key has at most 4096 bits and the exponent 65537, so
// that an unauthenticated token cannot make its verifier pay for a huge key
// (T06). [WithEmbeddedKeyLimits] widens them.
func WithEmbeddedKey(approve func(*jwk.Key) error, algs ...jwa.SignatureAlgorithm) VerifyOption {
	return verifyOption(func(c *config) error {
		if approve == nil {
			return optionError("WithEmbeddedKey: the approve function is nil: give one that accepts only the keys the application knows")
		}
		if c.embedded != nil {
			return optionError("WithEmbeddedKey given twice")
		}
		algs, err := checkAlgs("WithEmbeddedKey", algs)
		if err != nil {
			return err
		}
		c.embedded, c.embeddedAlgs = approve, algs
		return nil
	})
}

// WithEmbeddedKeyLimits replaces the default limits on the keys a token
// brings: the key of [WithEmbeddedKey] and the key of every certificate of
// the "x5c" chain of [WithX509], one of which it requires. For example
// jwk.EmbeddedKeyLimits{MaxRSABits: 8192} for clients with larger RSA keys.
// A key outside the limits is not used, and the error wraps
// [jwa.ErrInvalidKey] and [jwa.ErrLimitExceeded].
func WithEmbeddedKeyLimits(l jwk.EmbeddedKeyLimits) VerifyOption {
	return verifyOption(func(c *config) error {
		if c.limitsGiven {
			return optionError("WithEmbeddedKeyLimits given twice")
		}
		c.embeddedLimits, c.limitsGiven = l, true
		return nil
	})
}

// WithX509 lets a signature be verified with the leaf key of its own
// protected "x5c" chain (RFC 7515 §4.1.6), after the chain verified with
// opts (x509.Certificate.Verify; the other certificates of x5c are the
// intermediates). opts.Roots is required, so the system roots are never
// trusted by default; opts.KeyUsages defaults to any. Only algs are
// accepted. "x5u" is never fetched. Before the chain is verified, the key
// of each of its certificates is held to the limits of
// [WithEmbeddedKeyLimits] (by default an RSA modulus of at most 4096 bits
// and the exponent 65537): the intermediates' keys check signatures
// before anything vouches for them.
func WithX509(opts x509.VerifyOptions, algs ...jwa.SignatureAlgorithm) VerifyOption {
	return verifyOption(func(c *config) error {
		if opts.Roots == nil {
			return optionError("WithX509: opts.Roots is nil: give the trusted roots (the system roots are never trusted by default)")
		}
		if c.x509 != nil {
			return optionError("WithX509 given twice")
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
	})
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
func WithProtectedHeader(name string, value any) SignOption {
	return headerOption("WithProtectedHeader", name, value, true)
}

// WithUnprotectedHeader sets a member of the unprotected header ("header" in
// the JSON serializations) with the same rules as [WithProtectedHeader].
// The compact serialization has no unprotected header, so Sign then needs
// [WithJSON] or [WithFlattened]. Nothing in it is integrity protected.
func WithUnprotectedHeader(name string, value any) SignOption {
	return headerOption("WithUnprotectedHeader", name, value, false)
}

// WithKeyID sets the protected "kid"; see [WithProtectedHeader].
func WithKeyID(kid string) SignOption { return headerOption("WithKeyID", "kid", kid, true) }

// WithType sets the protected "typ"; see [WithProtectedHeader].
func WithType(typ string) SignOption { return headerOption("WithType", "typ", typ, true) }

// WithContentType sets the protected "cty"; see [WithProtectedHeader].
func WithContentType(cty string) SignOption {
	return headerOption("WithContentType", "cty", cty, true)
}

func headerOption(opt, name string, value any, protected bool) SignOption {
	return signOption(func(c *config) error {
		switch name {
		case "alg", "b64", "crit", "zip":
			return optionError("%s cannot set %q", opt, name)
		}
		m := member{name: name}
		if s, ok := value.(string); ok && protected && plainString(name, s) {
			m.str = s // written by appendObject as it is, between quotes
		} else {
			raw, err := encodeMember(name, value)
			if err != nil {
				return optionError("%s(%q): %w", opt, name, err)
			}
			m.value = raw
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
			return optionError("%s: header member %q is set twice", opt, name)
		}
		if *list == nil && c.roomUsed < len(c.memberRoom) {
			// The first member of a list goes into the config's room: the
			// usual WithType or WithKeyID then costs no allocation.
			*list = c.memberRoom[c.roomUsed : c.roomUsed : c.roomUsed+1]
			c.roomUsed++
		}
		*list = append(*list, m)
		return nil
	})
}

// WithJSON makes [Sign] write the general JSON serialization (RFC 7515
// §7.2.1), which holds any number of signatures.
func WithJSON() SignOption {
	return signOption(func(c *config) error { c.json = true; return nil })
}

// WithFlattened makes [Sign] write the flattened JSON serialization (RFC
// 7515 §7.2.2), with one signature.
func WithFlattened() SignOption {
	return signOption(func(c *config) error { c.flattened = true; return nil })
}

// WithDetachedPayload makes [Sign] leave the payload out of the token (RFC
// 7515 Appendix F); the verifier gives it with [WithPayload].
func WithDetachedPayload() SignOption {
	return signOption(func(c *config) error { c.detached = true; return nil })
}

// WithPayload gives [Verify] or [Parse] the detached payload. The token must
// then have an empty (compact) or absent (JSON) payload; a token that has a
// payload of its own is refused rather than silently ignored.
func WithPayload(payload []byte) ParseOption {
	return parseOption(func(c *config) error {
		if c.hasPayload {
			return optionError("WithPayload given twice")
		}
		c.payload, c.hasPayload = payload, true
		return nil
	})
}

// WithUnencodedPayload makes [Sign] use the unencoded payload option of RFC
// 7797: every protected header gets "b64":false, listed in "crit" (RFC 7797
// §6), and the payload is written as it is. The compact serialization then
// refuses a payload with a '.' (RFC 7797 §5.2), and the JSON ones a payload
// that is not valid UTF-8.
func WithUnencodedPayload() SignOption {
	return signOption(func(c *config) error { c.unencoded = true; return nil })
}

// WithCritical makes [Sign] list names in the protected "crit" (RFC 7515
// §4.1.11): extension members that a verifier must understand. Each must be
// set with [WithProtectedHeader] on every signature. A verifier accepts
// them with [WithKnownCritical].
func WithCritical(names ...string) SignOption {
	return signOption(func(c *config) error {
		if len(names) == 0 {
			return optionError("WithCritical without a name")
		}
		c.critical = append(c.critical, names...)
		return nil
	})
}

// WithKnownCritical names the extension header members that the caller
// understands and processes itself, so that [Verify] and [Parse] accept a
// token whose "crit" lists them (RFC 7515 §4.1.11). A token whose "crit"
// lists anything else is refused. "b64" is always understood.
func WithKnownCritical(names ...string) ParseOption {
	return parseOption(func(c *config) error {
		if len(names) == 0 {
			return optionError("WithKnownCritical without a name")
		}
		c.known = append(c.known, names...)
		return nil
	})
}

// WithRequireAll makes [Verify] succeed only when every signature of the
// token verifies. By default one is enough.
func WithRequireAll() VerifyOption {
	return verifyOption(func(c *config) error { c.requireAll = true; return nil })
}

// WithUnsafeNone allows "none", the unsecured JWS (RFC 7518 §3.6), which
// anyone can forge. Sign then accepts WithKey(jwa.NoSignature, nil); Verify
// accepts a signature with "alg":"none" only when it is empty. Never use it
// for tokens from an untrusted source.
//
// In FIPS 140-3 mode (jwa.FIPSMode) it fails with jwa.ErrNotApproved.
func WithUnsafeNone() KeyOption {
	return keyOption(func(c *config) error {
		if err := jwa.NoSignature.CheckFIPS(); err != nil {
			return optionError("WithUnsafeNone: %w", err)
		}
		c.unsafeNone = true
		return nil
	})
}

// WithUnprotectedAlgorithm lets [Verify] take a signature's "alg" from its
// unprotected header when its protected header has none (RFC 7520 §4.7).
// The algorithm is still checked against the allow-list, but nothing binds
// it to the signature, so prefer tokens with a protected "alg" (RFC 8725
// §3.1).
func WithUnprotectedAlgorithm() ParseOption {
	return parseOption(func(c *config) error { c.unprotectedAlg = true; return nil })
}

// WithContext gives the context passed to the key set's Select (a remote
// key set may fetch keys). The default is context.Background(); a nil
// context is refused.
func WithContext(ctx context.Context) VerifyOption {
	return verifyOption(func(c *config) error {
		if ctx == nil {
			return optionError("WithContext: the context is nil (give context.Background() or the request's)")
		}
		c.ctx = ctx
		return nil
	})
}

// WithMaxSize bounds the token's size in bytes (default [DefaultMaxSize]).
// A larger token fails with [jwa.ErrLimitExceeded] before it is decoded.
func WithMaxSize(n int) ParseOption {
	return parseOption(func(c *config) error {
		if n <= 0 {
			return optionError("WithMaxSize(%d): want a positive size", n)
		}
		c.maxSize = n
		return nil
	})
}

// WithMaxSignatures bounds the number of signatures of a general JSON token
// (default [DefaultMaxSignatures]). More fail with [jwa.ErrLimitExceeded]
// before any signature is decoded.
func WithMaxSignatures(n int) ParseOption {
	return parseOption(func(c *config) error {
		if n <= 0 {
			return optionError("WithMaxSignatures(%d): want a positive count", n)
		}
		c.maxSignatures = n
		return nil
	})
}
