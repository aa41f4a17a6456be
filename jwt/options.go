package jwt

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Option configures one call of [Sign], [Encrypt], [SignAndEncrypt] or
// [Verify]. Each option's doc says which calls take it; giving it to
// another call is an error wrapping [ErrInvalidOption], as are
// contradictions and invalid arguments.
type Option func(*config) error

// call is the function an option is given to, as a bit so that an option
// can list the calls it means something for.
type call uint8

const (
	callSign call = 1 << iota
	callEncrypt
	callSignAndEncrypt
	callVerify

	callsProducing = callSign | callEncrypt | callSignAndEncrypt
	callsSigning   = callSign | callSignAndEncrypt
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

// sigKey is a signature algorithm bound to a key.
type sigKey struct {
	alg jwa.SignatureAlgorithm
	key any
}

// encKey is a key management algorithm bound to a key.
type encKey struct {
	alg jwa.KeyAlgorithm
	key any
}

type config struct {
	call call

	// Producing.
	typ          string // also the expected type on Verify
	typSet       bool
	kid          string
	audArray     bool
	recipient    *encKey
	encryption   []jwa.ContentEncryption // Verify: the allowed list
	encryptOnly  bool
	sigKeys      []sigKey
	sigKeysBuf   [1]sigKey // sigKeys' first backing array: one key costs no allocation
	sigSet       jwk.KeySet
	sigSetAlgs   []jwa.SignatureAlgorithm
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

// allow checks that the option named name means something for the call.
func (c *config) allow(name string, calls call) error {
	if c.call&calls == 0 {
		return optionError("%s means nothing for %s", name, c.call)
	}
	return nil
}

// newConfig applies opts for the call.
func newConfig(cl call, opts []Option) (*config, error) {
	c := &config{call: cl, typ: "JWT"}
	c.sigKeys = c.sigKeysBuf[:0]
	for _, o := range opts {
		if o == nil {
			return nil, optionError("nil Option")
		}
		if err := o(c); err != nil {
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

// WithType sets the "typ" header. On [Sign], [Encrypt] and [SignAndEncrypt]
// it replaces the default "JWT" (RFC 7519 §5.1) with a more explicit type,
// such as "at+jwt" for an OAuth access token (RFC 9068 §2.1, RFC 8725
// §3.11); in a nested token it types the inner, signed JWT.
//
// On [Verify] it is the type the token must carry in its authenticated
// header (the signed header of a JWS or nested token, the protected header
// of an encrypted-only token). The comparison ignores case, and an
// "application/" prefix on either side is ignored when the rest holds no
// "/" (RFC 7515 §4.1.9), so "at+jwt" accepts "application/AT+JWT". Without
// WithType, Verify does not look at "typ".
func WithType(typ string) Option {
	return func(c *config) error {
		if err := c.allow("WithType", callsProducing|callVerify); err != nil {
			return err
		}
		if typ == "" {
			return optionError("WithType: empty type")
		}
		if c.typSet {
			return optionError("WithType given twice")
		}
		c.typ, c.typSet = typ, true
		return nil
	}
}

// WithKeyID sets the "kid" header of the signature ([Sign],
// [SignAndEncrypt]) or of the JWE ([Encrypt]). Without it, the key's own
// key ID is used if it is a [jwk.Key] that has one.
func WithKeyID(kid string) Option {
	return func(c *config) error {
		if err := c.allow("WithKeyID", callsProducing); err != nil {
			return err
		}
		c.kid = kid
		return nil
	}
}

// WithAudienceArray writes "aud" as a JSON array even when it holds a single
// value, for verifiers that read only arrays. By default one audience is
// written as a string ([Audience]). It applies to [Sign], [Encrypt] and
// [SignAndEncrypt].
func WithAudienceArray() Option {
	return func(c *config) error {
		if err := c.allow("WithAudienceArray", callsProducing); err != nil {
			return err
		}
		c.audArray = true
		return nil
	}
}

// WithRecipient gives [SignAndEncrypt] the key the nested token is
// encrypted to, with its key management algorithm. It is required there,
// once.
func WithRecipient(alg jwa.KeyAlgorithm, key any) Option {
	return func(c *config) error {
		if err := c.allow("WithRecipient", callSignAndEncrypt); err != nil {
			return err
		}
		if c.recipient != nil {
			return optionError("WithRecipient given twice")
		}
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithRecipient: %w", err)
		}
		c.recipient = &encKey{alg, key}
		return nil
	}
}

// WithEncryption names the content encryption. [Encrypt] and
// [SignAndEncrypt] take exactly one, and need it. On [Verify] it lists the
// content encryption algorithms accepted, and is required whenever
// decryption keys are given.
func WithEncryption(encs ...jwa.ContentEncryption) Option {
	return func(c *config) error {
		if err := c.allow("WithEncryption", callsProducing&^callSign|callVerify); err != nil {
			return err
		}
		if len(encs) == 0 {
			return optionError("WithEncryption without an algorithm")
		}
		for _, a := range encs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithEncryption: %w", err)
			}
		}
		if c.call != callVerify && len(encs)+len(c.encryption) > 1 {
			return optionError("%s takes one content encryption algorithm", c.call)
		}
		c.encryption = append(c.encryption, encs...)
		return nil
	}
}

// WithKey gives [Verify] a key to check signatures with, bound to the one
// algorithm it is used with. The key may be a [jwk.Key] or a standard
// library public key (or a []byte secret for HMAC), as jws accepts. Give
// several WithKey to accept several keys.
func WithKey(alg jwa.SignatureAlgorithm, key any) Option {
	return func(c *config) error {
		if err := c.allow("WithKey", callVerify); err != nil {
			return err
		}
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithKey: %w", err)
		}
		c.sigKeys = append(c.sigKeys, sigKey{alg, key})
		return nil
	}
}

// WithKeySet gives [Verify] a set of keys to check signatures with, and the
// signature algorithms accepted (at least one). Keys are chosen by the
// token's "kid" and "alg" as jws does.
func WithKeySet(set jwk.KeySet, algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.allow("WithKeySet", callVerify); err != nil {
			return err
		}
		if set == nil || len(algs) == 0 {
			return optionError("WithKeySet needs a set and at least one algorithm")
		}
		if c.sigSet != nil {
			return optionError("WithKeySet given twice")
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithKeySet: %w", err)
			}
		}
		c.sigSet, c.sigSetAlgs = set, algs
		return nil
	}
}

// WithEmbeddedKey lets [Verify] check the signature with the public key
// the token carries in its protected "jwk" header (RFC 7515 §4.1.3), as a
// DPoP proof does (RFC 9449 §4.2); it delegates to [jws.WithEmbeddedJWK].
// Such a token proves only that its signer holds the private half of the
// key it shows, so approve must decide whether that key is acceptable (for
// example by its thumbprint) and return nil to accept it; its error is
// wrapped in Verify's. Only algs (at least one) are accepted, and the key
// must fit them. A "jwk" holding private or secret members is refused, and
// so is one outside [jwk.EmbeddedKeyLimits], before approve sees it: by
// default an RSA key of more than 4096 bits or with an exponent other than
// 65537 ([WithEmbeddedKeyLimits] widens them; T06). It may be combined with
// [WithKey] and [WithKeySet]; it may be given once.
func WithEmbeddedKey(approve func(*jwk.Key) error, algs ...jwa.SignatureAlgorithm) Option {
	return func(c *config) error {
		if err := c.allow("WithEmbeddedKey", callVerify); err != nil {
			return err
		}
		if approve == nil || len(algs) == 0 {
			return optionError("WithEmbeddedKey needs an approve function and at least one algorithm")
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
	}
}

// WithEmbeddedKeyLimits replaces the default limits on the key of
// [WithEmbeddedKey], which it requires; it delegates to
// [jws.WithEmbeddedKeyLimits]. It may be given once.
func WithEmbeddedKeyLimits(l jwk.EmbeddedKeyLimits) Option {
	return func(c *config) error {
		if err := c.allow("WithEmbeddedKeyLimits", callVerify); err != nil {
			return err
		}
		if c.limitsGiven {
			return optionError("WithEmbeddedKeyLimits given twice")
		}
		c.limits, c.limitsGiven = l, true
		return nil
	}
}

// WithDecryptionKey gives [Verify] a key to decrypt an encrypted or nested
// token with, bound to its key management algorithm. With it, Verify
// accepts only encrypted tokens; [WithEncryption] is required too.
func WithDecryptionKey(alg jwa.KeyAlgorithm, key any) Option {
	return func(c *config) error {
		if err := c.allow("WithDecryptionKey", callVerify); err != nil {
			return err
		}
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithDecryptionKey: %w", err)
		}
		c.decKeys = append(c.decKeys, encKey{alg, key})
		return nil
	}
}

// WithDecryptionKeySet gives [Verify] a set of decryption keys and the key
// management algorithms accepted (at least one). As with
// [WithDecryptionKey], Verify then accepts only encrypted tokens.
func WithDecryptionKeySet(set jwk.KeySet, algs ...jwa.KeyAlgorithm) Option {
	return func(c *config) error {
		if err := c.allow("WithDecryptionKeySet", callVerify); err != nil {
			return err
		}
		if set == nil || len(algs) == 0 {
			return optionError("WithDecryptionKeySet needs a set and at least one algorithm")
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
	}
}

// WithEncryptedOnly makes [Verify] accept an encrypted token whose claims
// are not signed (what [Encrypt] makes), and only that. Anyone who holds
// the recipient's public key can make such a token, so its claims are
// confidential but their origin is not proven (T38). It excludes [WithKey]
// and [WithKeySet].
func WithEncryptedOnly() Option {
	return func(c *config) error {
		if err := c.allow("WithEncryptedOnly", callVerify); err != nil {
			return err
		}
		c.encryptOnly = true
		return nil
	}
}

// WithIssuer makes [Verify] require "iss" to be exactly one of issuers.
func WithIssuer(issuers ...string) Option {
	return func(c *config) error {
		if err := c.allow("WithIssuer", callVerify); err != nil {
			return err
		}
		if len(issuers) == 0 {
			return optionError("WithIssuer without an issuer")
		}
		c.issuers = appendStrings(c.issuers, issuers)
		return nil
	}
}

// WithAudience lists the audiences the caller identifies itself with:
// [Verify] then requires "aud" (a string or an array) to hold at least one
// of them, compared exactly. Without WithAudience, a token that has an
// "aud" claim is refused (RFC 7519 §4.1.3).
func WithAudience(audiences ...string) Option {
	return func(c *config) error {
		if err := c.allow("WithAudience", callVerify); err != nil {
			return err
		}
		if len(audiences) == 0 {
			return optionError("WithAudience without an audience")
		}
		c.audiences = appendStrings(c.audiences, audiences)
		return nil
	}
}

// WithSubject makes [Verify] require "sub" to be exactly sub.
func WithSubject(sub string) Option {
	return func(c *config) error {
		if err := c.allow("WithSubject", callVerify); err != nil {
			return err
		}
		if c.subject != nil {
			return optionError("WithSubject given twice")
		}
		c.subject = &sub
		return nil
	}
}

// WithRequiredClaims makes [Verify] require each named claim to be present
// with a value other than null. Registered claims named here are checked
// as usual too (a required "nbf" must also have passed).
func WithRequiredClaims(names ...string) Option {
	return func(c *config) error {
		if err := c.allow("WithRequiredClaims", callVerify); err != nil {
			return err
		}
		c.required = append(c.required, names...)
		return nil
	}
}

// WithLeeway allows for clock skew between the issuer and the verifier in
// the checks of "exp", "nbf", "iat" and [WithMaxAge]. The default is zero;
// a negative leeway is an error.
func WithLeeway(d time.Duration) Option {
	return func(c *config) error {
		if err := c.allow("WithLeeway", callVerify); err != nil {
			return err
		}
		if d < 0 {
			return optionError("WithLeeway: negative leeway %v", d)
		}
		c.leeway = d
		return nil
	}
}

// WithClock sets the function [Verify] reads the current time from, once
// per call. The default is [time.Now].
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if err := c.allow("WithClock", callVerify); err != nil {
			return err
		}
		if now == nil {
			return optionError("WithClock: nil clock")
		}
		c.clock = now
		return nil
	}
}

// WithMaxAge makes [Verify] require "iat" and refuse a token issued more
// than d (plus the leeway) ago. d must be positive.
func WithMaxAge(d time.Duration) Option {
	return func(c *config) error {
		if err := c.allow("WithMaxAge", callVerify); err != nil {
			return err
		}
		if d <= 0 {
			return optionError("WithMaxAge: %v is not positive", d)
		}
		c.maxAge = d
		return nil
	}
}

// WithAllowNoExpiry lets [Verify] accept a token without "exp". By default
// "exp" is required, so that no token is valid forever by mistake. An "exp"
// that is present is checked all the same.
func WithAllowNoExpiry() Option {
	return func(c *config) error {
		if err := c.allow("WithAllowNoExpiry", callVerify); err != nil {
			return err
		}
		c.allowNoExp = true
		return nil
	}
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
func WithJTIValidator(fn func(ctx context.Context, id TokenID) error) Option {
	return func(c *config) error {
		if err := c.allow("WithJTIValidator", callVerify); err != nil {
			return err
		}
		if fn == nil || c.jtiValidator != nil {
			return optionError("WithJTIValidator: nil or given twice")
		}
		c.jtiValidator = fn
		return nil
	}
}

// WithValidator gives [Verify] a check of its own over the decoded claims,
// called after the built-in checks and before the [WithJTIValidator]. T must
// be the type argument of the Verify call; any other type is an error
// wrapping [ErrInvalidOption]. An error the function returns is wrapped
// with [ErrRejected], unless it wraps [ErrStoreUnavailable].
func WithValidator[T any](fn func(claims T) error) Option {
	return func(c *config) error {
		if err := c.allow("WithValidator", callVerify); err != nil {
			return err
		}
		if fn == nil {
			return optionError("WithValidator: nil function")
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
	}
}

// WithClaimsTransform gives [Verify] a function that turns the
// authenticated claim set into the one that is then parsed, validated and
// decoded, for token formats layered on JWT whose claims need processing
// first (an SD-JWT's disclosures, for example). fn is called once, after
// the signature (and decryption) and the "typ" check passed and before any
// claim is read; it receives the payload exactly as signed, which it must
// parse strictly itself, and returns a JSON object. An error it returns
// ends Verify, wrapped as it is. Only one WithClaimsTransform may be given.
func WithClaimsTransform(fn func(claims []byte) ([]byte, error)) Option {
	return func(c *config) error {
		if err := c.allow("WithClaimsTransform", callVerify); err != nil {
			return err
		}
		if fn == nil {
			return optionError("WithClaimsTransform: nil function")
		}
		if c.transform != nil {
			return optionError("WithClaimsTransform given twice")
		}
		c.transform = fn
		return nil
	}
}

// WithContext gives [Verify] a context for key set look-ups and the
// [WithJTIValidator]. The default is [context.Background].
func WithContext(ctx context.Context) Option {
	return func(c *config) error {
		if err := c.allow("WithContext", callVerify); err != nil {
			return err
		}
		if ctx == nil {
			return optionError("WithContext: nil context")
		}
		c.ctx = ctx
		return nil
	}
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
