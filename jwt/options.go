package jwt

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/joseproject/jose/internal/nilcheck"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// The options of each call have their own type, so that an option given to
// a call it means nothing for does not compile: [SignOption] for [Sign],
// [EncryptOption] for [Encrypt], [SignAndEncryptOption] for
// [SignAndEncrypt] (which takes every SignOption and EncryptOption too),
// [VerifyOption] for [Verify]. The options of every call that issues a
// token are [IssueOption]s, each both a SignOption and an EncryptOption.
// The types are interfaces that only this package implements.
//
// A misused option (a nil option, key, key set or function, an argument out
// of range, an option given twice where it may be given once, contradicting
// options, a required option missing) fails the call with an error that
// wraps [ErrInvalidOption] and names the option.

// SignAndEncryptOption configures [SignAndEncrypt]. Every [SignOption]
// (for the inner, signed token) and every [EncryptOption] (for the outer,
// encrypted one) is one too; [WithRecipient] is one of its own.
type SignAndEncryptOption interface {
	isSignAndEncryptOption()
}

// SignOption configures [Sign]. Each is a [SignAndEncryptOption] too. The
// signing options are the [IssueOption]s, which [Encrypt] takes as well.
type SignOption interface {
	SignAndEncryptOption
	isSignOption()
}

// EncryptOption configures [Encrypt]: [WithEncryption] and the
// [IssueOption]s. Each is a [SignAndEncryptOption] too.
type EncryptOption interface {
	SignAndEncryptOption
	isEncryptOption()
}

// IssueOption is an option of every call that issues a token ([Sign],
// [Encrypt], [SignAndEncrypt]): the header's "typ" and "kid", and how
// "aud" is written.
type IssueOption interface {
	SignOption
	EncryptOption
}

// VerifyOption configures [Verify]: the keys and algorithms accepted, the
// claims required and how they are checked.
type VerifyOption interface {
	isVerifyOption()
}

// The implementations: one function type per set of calls an option takes.
// The interfaces' methods only mark which calls take an option; config.apply
// calls the function itself, by its concrete type, so that an option made
// in the argument list of a call does not escape to the heap.
type (
	issueOption          func(*config) error // an IssueOption
	encryptOption        func(*config) error // an EncryptOption
	signAndEncryptOption func(*config) error // a SignAndEncryptOption only
	verifyOption         func(*config) error // a VerifyOption
)

func (issueOption) isSignAndEncryptOption()          {}
func (issueOption) isSignOption()                    {}
func (issueOption) isEncryptOption()                 {}
func (encryptOption) isSignAndEncryptOption()        {}
func (encryptOption) isEncryptOption()               {}
func (signAndEncryptOption) isSignAndEncryptOption() {}
func (verifyOption) isVerifyOption()                 {}

// call is the function an option is given to.
type call uint8

const (
	callSign call = iota
	callEncrypt
	callSignAndEncrypt
	callVerify
)

func (c call) String() string {
	switch c {
	case callSign:
		return "Sign"
	case callEncrypt:
		return "Encrypt"
	case callSignAndEncrypt:
		return "SignAndEncrypt"
	}
	return "Verify"
}

// validator is a function of WithValidator, over a pointer to the claims.
// accepts reports whether a pointer is to the function's claims type; run
// must only be given such a pointer.
type validator struct {
	claimsType string
	accepts    func(claims any) bool
	run        func(claims any) error
}

// encKey is a key management algorithm bound to a key.
type encKey struct {
	alg jwa.KeyAlgorithm
	key any
}

type config struct {
	call call

	// Issuing.
	typ        string // "JWT" unless WithType
	typSet     bool
	kid        string
	audArray   bool
	recipient  *encKey
	encryption jwa.ContentEncryption // WithEncryption

	// Verify.
	expectedTyp  string // WithExpectedType
	typAsCty     bool   // WithTypeAsContentType
	allowedEncs  []jwa.ContentEncryption
	decLimits    []jwe.LimitOption
	encryptOnly  bool
	sigKeys      []jws.VerifyOption  // the jws.WithKey of each WithKey
	sigKeysBuf   [1]jws.VerifyOption // sigKeys' first backing array: one key costs no allocation
	sigSet       jwk.KeySet
	sigSetOpt    jws.VerifyOption // jws.WithKeySet of WithKeySet, made with the option
	embedded     func(*jwk.Key) error
	embeddedAlgs []jwa.SignatureAlgorithm
	limits       jwk.EmbeddedKeyLimits // for the key of WithEmbeddedKey
	limitsGiven  bool
	decKeys      []encKey
	decSet       jwk.KeySet
	decSetAlgs   []jwa.KeyAlgorithm
	issuers      []string
	audiences    []string
	subject      *string
	required     []string
	leeway       time.Duration
	clock        func() time.Time
	maxAge       time.Duration
	allowNoExp   bool
	jtiValidator func(context.Context, TokenID) error
	validators   []validator
	transform    func([]byte) ([]byte, error)
	ctx          context.Context
}

// configs holds the configs of finished Sign and Verify calls, zeroed,
// for the next call (per P: no lock is shared between calls).
var configs = sync.Pool{New: func() any { return new(config) }}

// configure applies opts, the options of one call, in order.
func configure[O any](cl call, opts []O) (*config, error) {
	c := configs.Get().(*config) // zero: new, or zeroed by release
	c.call, c.typ = cl, "JWT"
	c.sigKeys = c.sigKeysBuf[:0]
	for i, o := range opts {
		if err := c.apply(i, any(o)); err != nil {
			return nil, err
		}
	}
	if c.ctx == nil {
		c.ctx = context.Background()
	}
	if c.clock == nil {
		c.clock = time.Now
	}
	return c, nil
}

// release zeroes c, so that it keeps nothing of the call alive (keys,
// callbacks, context), and gives it back for reuse. Only a call that keeps
// nothing of c once it returns releases it (Sign, Verify); a nil c is
// ignored.
func (c *config) release() {
	if c == nil {
		return
	}
	*c = config{}
	configs.Put(c)
}

// apply applies option i, o, which the call's signature typed.
func (c *config) apply(i int, o any) error {
	switch f := o.(type) {
	case issueOption:
		return f(c)
	case encryptOption:
		return f(c)
	case signAndEncryptOption:
		return f(c)
	case verifyOption:
		return f(c)
	}
	return optionError("option %d of %s is nil", i+1, c.call)
}

// noEmpty refuses an empty string among the values of opt: an empty
// issuer or audience would match a token that states an empty one, and
// an empty claim name is a mistake (an unset setting, most likely).
func noEmpty(opt, what string, values []string) error {
	for i, v := range values {
		if v == "" {
			return optionError("%s: %s %d of %d is empty", opt, what, i+1, len(values))
		}
	}
	return nil
}

// appendStrings appends more to list. A first list is kept as given, with
// its capacity clipped so that a later append copies it rather than write
// into the caller's array; Verify only reads it, during the call.
func appendStrings(list, more []string) []string {
	if list == nil {
		return slices.Clip(more)
	}
	return append(list, more...)
}

// decrypting reports whether Verify was given decryption keys.
func (c *config) decrypting() bool { return len(c.decKeys) > 0 || c.decSet != nil }

// verifying reports whether Verify was given verification keys.
func (c *config) verifying() bool {
	return len(c.sigKeys) > 0 || c.sigSet != nil || c.embedded != nil
}

// WithType sets the "typ" header of the token issued, in place of the
// default "JWT" (RFC 7519 §5.1), with a more explicit type such as
// "at+jwt" for an OAuth access token (RFC 9068 §2.1, RFC 8725 §3.11). In a
// nested token it types the inner, signed JWT. [Verify] checks a type with
// [WithExpectedType].
func WithType(typ string) IssueOption {
	return issueOption(func(c *config) error {
		if typ == "" {
			return optionError("WithType: empty type")
		}
		if c.typSet {
			return optionError("WithType given twice")
		}
		c.typ, c.typSet = typ, true
		return nil
	})
}

// WithKeyID sets the "kid" header of the signature ([Sign],
// [SignAndEncrypt]) or of the JWE ([Encrypt]). Without it, the key's own
// key ID is used if it is a [jwk.Key] that has one.
func WithKeyID(kid string) IssueOption {
	return issueOption(func(c *config) error {
		c.kid = kid
		return nil
	})
}

// WithAudienceArray writes "aud" as a JSON array even when it holds a single
// value, for verifiers that read only arrays. By default one audience is
// written as a string ([Audience]).
func WithAudienceArray() IssueOption {
	return issueOption(func(c *config) error {
		c.audArray = true
		return nil
	})
}

// WithRecipient gives [SignAndEncrypt] the key the nested token is
// encrypted to, with its key management algorithm. It is required there,
// once; a nil key, or a nil pointer in key, is refused.
func WithRecipient(alg jwa.KeyAlgorithm, key any) SignAndEncryptOption {
	return signAndEncryptOption(func(c *config) error {
		if c.recipient != nil {
			return optionError("WithRecipient given twice")
		}
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithRecipient: %w", err)
		}
		if nilcheck.IsNil(key) {
			return optionError("WithRecipient(%s): the key is nil", alg)
		}
		c.recipient = &encKey{alg, key}
		return nil
	})
}

// WithEncryption names the one content encryption of the token [Encrypt]
// or [SignAndEncrypt] makes, such as [jwa.A256GCM]; both need it. [Verify]
// takes the encryptions it accepts with [WithAllowedEncryptions].
func WithEncryption(enc jwa.ContentEncryption) EncryptOption {
	return encryptOption(func(c *config) error {
		if c.encryption != "" {
			return optionError("WithEncryption given twice")
		}
		if enc == "" {
			return optionError("WithEncryption: empty algorithm name")
		}
		if err := enc.CheckFIPS(); err != nil {
			return optionError("WithEncryption: %w", err)
		}
		c.encryption = enc
		return nil
	})
}

// WithKey gives [Verify] a key to check signatures with, bound to the one
// algorithm it is used with. The key may be a [jwk.Key] or a standard
// library public key (or a []byte secret for HMAC), as jws accepts. Give
// several WithKey to accept several keys. A nil key, or a nil pointer in
// key, is refused, and so is a string (a secret is a []byte; a PEM key is
// read with [jwk.ParsePEM]), an algorithm jwa does not know or a key alg
// cannot use: the key is bound to alg when the option is made.
func WithKey(alg jwa.SignatureAlgorithm, key any) VerifyOption {
	key, err := bindOptionKey("WithKey", alg, key, verificationKey)
	// The jws option is made here, once, rather than on every Verify that
	// reuses this option; it checks nothing until it is applied.
	var jopt jws.VerifyOption
	if err == nil {
		jopt = jws.WithKey(alg, key)
	}
	return verifyOption(func(c *config) error {
		if err != nil {
			return err
		}
		c.sigKeys = append(c.sigKeys, jopt)
		return nil
	})
}

// bindOptionKey checks the arguments of the key option opt (WithKey,
// WithDecryptionKey) and binds key to alg with bind when the option is
// made, so that the library below receives a bound key, and an algorithm
// jwa does not know or a key alg cannot use fails the option, named as the
// caller wrote it, rather than each token (jwthttp.Middleware checks its
// options with an empty token).
func bindOptionKey[A interface {
	~string
	CheckFIPS() error
}](opt string, alg A, key any, bind func(A, any) (any, error)) (any, error) {
	if err := alg.CheckFIPS(); err != nil {
		return nil, optionError("%s: %w", opt, err)
	}
	if nilcheck.IsNil(key) {
		return nil, optionError("%s(%s): the key is nil", opt, alg)
	}
	key, err := bind(alg, key)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", err, ErrInvalidOption)
	}
	return key, nil
}

// WithKeySet gives [Verify] a set of keys to check signatures with, and the
// signature algorithms accepted (at least one). Keys are chosen by the
// token's "kid" and "alg" as jws does. A nil set, or a nil *jwk.Set or
// *jwk.Remote in it, is refused: check the error of [jwk.Discover] or
// [jwk.NewRemote] before making the option.
func WithKeySet(set jwk.KeySet, algs ...jwa.SignatureAlgorithm) VerifyOption {
	jopt := jws.WithKeySet(set, algs...) // made once, as for WithKey
	return verifyOption(func(c *config) error {
		if nilcheck.IsNil(set) {
			return optionError("WithKeySet: the key set is nil (did jwk.Discover or jwk.NewRemote return an error?)")
		}
		if len(algs) == 0 {
			return optionError("WithKeySet needs the list of accepted algorithms: %w", jwa.ErrAlgorithmNotAllowed)
		}
		if c.sigSet != nil {
			return optionError("WithKeySet given twice")
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithKeySet: %w", err)
			}
		}
		c.sigSet, c.sigSetOpt = set, jopt
		return nil
	})
}

// WithEmbeddedKey lets [Verify] check the signature with the public key
// the token carries in its protected "jwk" header (RFC 7515 §4.1.3), as a
// DPoP proof does (RFC 9449 §4.2); it delegates to [jws.WithEmbeddedKey].
// Such a token proves only that its signer holds the private half of the
// key it shows, so approve must decide whether that key is acceptable (for
// example by its thumbprint) and return nil to accept it; its error is
// wrapped in Verify's. Only algs (at least one) are accepted, and the key
// must fit them. A "jwk" holding private or secret members is refused, and
// so is one outside [jwk.EmbeddedKeyLimits], before approve sees it: by
// default an RSA key of more than 4096 bits or with an exponent other than
// 65537 ([WithEmbeddedKeyLimits] widens them; T06). It may be combined with
// [WithKey] and [WithKeySet]; it may be given once. A nil approve is
// refused.
func WithEmbeddedKey(approve func(*jwk.Key) error, algs ...jwa.SignatureAlgorithm) VerifyOption {
	return verifyOption(func(c *config) error {
		if approve == nil {
			return optionError("WithEmbeddedKey: the approve function is nil: give one that accepts only the keys the application knows")
		}
		if len(algs) == 0 {
			return optionError("WithEmbeddedKey needs the list of accepted algorithms: %w", jwa.ErrAlgorithmNotAllowed)
		}
		if c.embedded != nil {
			return optionError("WithEmbeddedKey given twice")
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithEmbeddedKey: %w", err)
			}
		}
		c.embedded, c.embeddedAlgs = approve, algs
		return nil
	})
}

// WithEmbeddedKeyLimits replaces the default limits on the key of
// [WithEmbeddedKey], which it requires; it delegates to
// [jws.WithEmbeddedKeyLimits]. It may be given once.
func WithEmbeddedKeyLimits(l jwk.EmbeddedKeyLimits) VerifyOption {
	return verifyOption(func(c *config) error {
		if c.limitsGiven {
			return optionError("WithEmbeddedKeyLimits given twice")
		}
		c.limits, c.limitsGiven = l, true
		return nil
	})
}

// WithDecryptionKey gives [Verify] a key to decrypt an encrypted or nested
// token with, bound to its key management algorithm. With it, Verify
// accepts only encrypted tokens; [WithAllowedEncryptions] is required too.
// A nil key, or a nil pointer in key, is refused, and so is a key alg
// cannot use; the key is bound to alg when the option is made.
func WithDecryptionKey(alg jwa.KeyAlgorithm, key any) VerifyOption {
	key, err := bindOptionKey("WithDecryptionKey", alg, key, decryptionKey)
	return verifyOption(func(c *config) error {
		if err != nil {
			return err
		}
		c.decKeys = append(c.decKeys, encKey{alg, key})
		return nil
	})
}

// WithDecryptionKeySet gives [Verify] a set of decryption keys and the key
// management algorithms accepted (at least one). As with
// [WithDecryptionKey], Verify then accepts only encrypted tokens. A nil
// set, or a nil *jwk.Set or *jwk.Remote in it, is refused.
func WithDecryptionKeySet(set jwk.KeySet, algs ...jwa.KeyAlgorithm) VerifyOption {
	return verifyOption(func(c *config) error {
		if nilcheck.IsNil(set) {
			return optionError("WithDecryptionKeySet: the key set is nil (did jwk.Discover or jwk.NewRemote return an error?)")
		}
		if len(algs) == 0 {
			return optionError("WithDecryptionKeySet needs the list of accepted algorithms: %w", jwa.ErrAlgorithmNotAllowed)
		}
		if c.decSet != nil {
			return optionError("WithDecryptionKeySet given twice")
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithDecryptionKeySet: %w", err)
			}
		}
		c.decSet, c.decSetAlgs = set, algs
		return nil
	})
}

// WithAllowedEncryptions lists the content encryptions [Verify] accepts in
// an encrypted or nested token (at least one); it is required with the
// decryption keys, and means nothing without them.
func WithAllowedEncryptions(encs ...jwa.ContentEncryption) VerifyOption {
	return verifyOption(func(c *config) error {
		if len(encs) == 0 {
			return optionError("WithAllowedEncryptions lists no content encryption: %w", jwa.ErrAlgorithmNotAllowed)
		}
		if c.allowedEncs != nil {
			return optionError("WithAllowedEncryptions given twice")
		}
		for _, a := range encs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithAllowedEncryptions: %w", err)
			}
		}
		c.allowedEncs = encs
		return nil
	})
}

// WithDecryptLimits gives the decryption of an encrypted or nested token
// the limits of package jwe in place of its defaults: [jwe.WithMaxSize],
// [jwe.WithMaxHeaderSize], [jwe.WithMaxP2C], [jwe.WithMinP2C],
// [jwe.WithPBES2Budget], [jwe.WithMaxDecompressedSize] and the other
// [jwe.LimitOption]s. The keys and algorithms stay this package's options.
// It needs the decryption keys; a nil limit, or one jwe refuses, is an
// error here.
func WithDecryptLimits(limits ...jwe.LimitOption) VerifyOption {
	limits = slices.Clone(limits)
	err := checkLimits(limits)
	return verifyOption(func(c *config) error {
		if err != nil {
			return err
		}
		c.decLimits = append(c.decLimits, limits...)
		return nil
	})
}

// checkLimits checks the limits of WithDecryptLimits once, when the option
// is made: a nil one is refused here, and jwe checks the others' arguments
// when it applies them, which a decryption of nothing does before it reads
// the token.
func checkLimits(limits []jwe.LimitOption) error {
	if len(limits) == 0 {
		return optionError("WithDecryptLimits without a limit")
	}
	for i, l := range limits {
		if l == nil {
			return optionError("WithDecryptLimits: limit %d is nil", i+1)
		}
	}
	opts := append([]jwe.DecryptOption{jwe.WithKey(jwa.A128KW, make([]byte, 16)), jwe.WithAllowedEncryptions(jwa.A128GCM)}, toDecrypt(limits)...)
	if _, err := jwe.Decrypt("", opts...); errors.Is(err, ErrInvalidOption) {
		return fmt.Errorf("jwt: WithDecryptLimits: %w", err) // err wraps ErrInvalidOption
	}
	return nil
}

// toDecrypt returns limits as the options of jwe.Decrypt they are.
func toDecrypt(limits []jwe.LimitOption) []jwe.DecryptOption {
	out := make([]jwe.DecryptOption, len(limits))
	for i, l := range limits {
		out[i] = l
	}
	return out
}

// WithEncryptedOnly makes [Verify] accept an encrypted token whose claims
// are not signed (what [Encrypt] makes), and only that. Anyone who holds
// the recipient's public key can make such a token, so its claims are
// confidential but their origin is not proven (T38). It excludes [WithKey]
// and [WithKeySet].
func WithEncryptedOnly() VerifyOption {
	return verifyOption(func(c *config) error {
		c.encryptOnly = true
		return nil
	})
}

// WithExpectedType makes [Verify] require the token's authenticated header
// (the signed header of a JWS or nested token, the protected header of an
// encrypted-only token) to carry "typ" typ. The comparison ignores case,
// and an "application/" prefix on either side is ignored when the rest
// holds no "/" (RFC 7515 §4.1.9), so "at+jwt" accepts "application/AT+JWT".
// Without it, Verify does not look at "typ". It may be given once.
func WithExpectedType(typ string) VerifyOption {
	return verifyOption(func(c *config) error {
		if typ == "" {
			return optionError("WithExpectedType: empty type")
		}
		if c.expectedTyp != "" {
			return optionError("WithExpectedType given twice")
		}
		c.expectedTyp = typ
		return nil
	})
}

// WithTypeAsContentType makes [Verify] accept a nested token whose outer
// "cty" is the type of [WithExpectedType] (compared the same way) where RFC
// 7519 §5.2 requires "JWT". Some identity providers write it so: panva's
// oidc-provider encrypts its signed access tokens with "cty":"at+jwt". The
// inner token is verified in full all the same, its "typ" included, which
// must be the expected type. Without this option such a token is refused
// with [ErrUnexpectedForm] and [ErrInvalidType]. It needs WithExpectedType
// and the decryption keys, and excludes [WithEncryptedOnly].
func WithTypeAsContentType() VerifyOption {
	return verifyOption(func(c *config) error {
		c.typAsCty = true
		return nil
	})
}

// WithIssuer makes [Verify] require "iss" to be exactly one of issuers:
// at least one, none of them empty.
func WithIssuer(issuers ...string) VerifyOption {
	return verifyOption(func(c *config) error {
		if len(issuers) == 0 {
			return optionError("WithIssuer without an issuer")
		}
		if err := noEmpty("WithIssuer", "issuer", issuers); err != nil {
			return err
		}
		c.issuers = appendStrings(c.issuers, issuers)
		return nil
	})
}

// WithAudience lists the audiences the caller identifies itself with:
// [Verify] then requires "aud" (a string or an array) to hold at least one
// of them, compared exactly. Without WithAudience, a token that has an
// "aud" claim is refused (RFC 7519 §4.1.3). At least one audience is
// needed, and none may be empty.
func WithAudience(audiences ...string) VerifyOption {
	return verifyOption(func(c *config) error {
		if len(audiences) == 0 {
			return optionError("WithAudience without an audience")
		}
		if err := noEmpty("WithAudience", "audience", audiences); err != nil {
			return err
		}
		c.audiences = appendStrings(c.audiences, audiences)
		return nil
	})
}

// WithSubject makes [Verify] require "sub" to be exactly sub.
func WithSubject(sub string) VerifyOption {
	return verifyOption(func(c *config) error {
		if c.subject != nil {
			return optionError("WithSubject given twice")
		}
		c.subject = &sub
		return nil
	})
}

// WithRequiredClaims makes [Verify] require each named claim to be present
// with a value other than null. Registered claims named here are checked
// as usual too (a required "nbf" must also have passed). At least one name
// is needed, and none may be empty.
func WithRequiredClaims(names ...string) VerifyOption {
	return verifyOption(func(c *config) error {
		if len(names) == 0 {
			return optionError("WithRequiredClaims without a claim name")
		}
		if err := noEmpty("WithRequiredClaims", "claim name", names); err != nil {
			return err
		}
		c.required = append(c.required, names...)
		return nil
	})
}

// WithLeeway allows for clock skew between the issuer and the verifier in
// the checks of "exp", "nbf", "iat" and [WithMaxAge]. The default is zero;
// a negative leeway is an error.
func WithLeeway(d time.Duration) VerifyOption {
	return verifyOption(func(c *config) error {
		if d < 0 {
			return optionError("WithLeeway: negative leeway %v", d)
		}
		c.leeway = d
		return nil
	})
}

// WithClock sets the function [Verify] reads the current time from, once
// per call. The default is [time.Now].
func WithClock(now func() time.Time) VerifyOption {
	return verifyOption(func(c *config) error {
		if now == nil {
			return optionError("WithClock: the clock function is nil (give time.Now or a test clock)")
		}
		c.clock = now
		return nil
	})
}

// WithMaxAge makes [Verify] require "iat" and refuse a token issued more
// than d (plus the leeway) ago. d must be positive.
func WithMaxAge(d time.Duration) VerifyOption {
	return verifyOption(func(c *config) error {
		if d <= 0 {
			return optionError("WithMaxAge: %v is not positive", d)
		}
		c.maxAge = d
		return nil
	})
}

// WithAllowNoExpiry lets [Verify] accept a token without "exp". By default
// "exp" is required, so that no token is valid forever by mistake. An "exp"
// that is present is checked all the same.
func WithAllowNoExpiry() VerifyOption {
	return verifyOption(func(c *config) error {
		c.allowNoExp = true
		return nil
	})
}

// WithJTIValidator gives [Verify] a function that checks the token's "jti",
// typically against a revocation list or a store of the IDs already used
// (one-time tokens, replay detection). With it, "jti" is required and must
// not be empty ([ErrMissingClaim]). The function is called last, once every
// other check has passed, so that it can record the ID of a token that is
// about to be accepted; it is given the ID with the claims that bound the
// token's use ([TokenID]), and an error it returns is wrapped with
// [ErrRejected], unless it wraps [ErrStoreUnavailable]. A function that records IDs should keep each until strictly
// after its [TokenID.AcceptedUntil], and refuse a token whose
// AcceptedUntil is zero (no "exp" and no [WithMaxAge]) rather than keep its
// ID for ever.
func WithJTIValidator(fn func(ctx context.Context, id TokenID) error) VerifyOption {
	return verifyOption(func(c *config) error {
		if fn == nil {
			return optionError("WithJTIValidator: the function is nil")
		}
		if c.jtiValidator != nil {
			return optionError("WithJTIValidator given twice")
		}
		c.jtiValidator = fn
		return nil
	})
}

// WithValidator gives [Verify] a check of its own over the decoded claims,
// called after the built-in checks and before the [WithJTIValidator]. T must
// be the type argument of the Verify call; any other type is an error
// wrapping [ErrInvalidOption]. An error the function returns is wrapped
// with [ErrRejected], unless it wraps [ErrStoreUnavailable].
func WithValidator[T any](fn func(claims T) error) VerifyOption {
	return verifyOption(func(c *config) error {
		if fn == nil {
			return optionError("WithValidator: the function is nil")
		}
		c.validators = append(c.validators, validator{
			claimsType: fmt.Sprintf("%T", new(T))[1:],
			accepts: func(p any) bool {
				_, ok := p.(*T)
				return ok
			},
			run: func(p any) error { return fn(*p.(*T)) },
		})
		return nil
	})
}

// WithClaimsTransform gives [Verify] a function that turns the
// authenticated claim set into the one that is then parsed, validated and
// decoded, for token formats layered on JWT whose claims need processing
// first (an SD-JWT's disclosures, for example). fn is called once, after
// the signature (and decryption) and the "typ" check passed and before any
// claim is read; it receives the payload exactly as signed, which it must
// parse strictly itself, and returns a JSON object. An error it returns
// ends Verify, wrapped as it is. Only one WithClaimsTransform may be given.
func WithClaimsTransform(fn func(claims []byte) ([]byte, error)) VerifyOption {
	return verifyOption(func(c *config) error {
		if fn == nil {
			return optionError("WithClaimsTransform: the function is nil")
		}
		if c.transform != nil {
			return optionError("WithClaimsTransform given twice")
		}
		c.transform = fn
		return nil
	})
}

// WithContext gives [Verify] a context for key set look-ups and the
// [WithJTIValidator]. The default is [context.Background].
func WithContext(ctx context.Context) VerifyOption {
	return verifyOption(func(c *config) error {
		if ctx == nil {
			return optionError("WithContext: the context is nil (give context.Background() or the request's)")
		}
		c.ctx = ctx
		return nil
	})
}

// checkValidators checks, before anything is verified, that every
// WithValidator function takes the claims type T of the Verify call.
func checkValidators[T any](c *config) error {
	if len(c.validators) == 0 {
		return nil
	}
	var t T
	for _, v := range c.validators {
		if !v.accepts(&t) {
			return optionError("WithValidator for %s given to Verify[%s]", v.claimsType, fmt.Sprintf("%T", &t)[1:])
		}
	}
	return nil
}
