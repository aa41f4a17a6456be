package jwt

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// Sign returns claims as a signed JWT: a JWS in the compact serialization
// (RFC 7519 §7.1) with "typ" "JWT" (or [WithType]), signed with key under
// alg. The key is anything jws.Sign accepts for alg: a [jwk.Key], a
// crypto.Signer, or a []byte secret for HMAC; its "kid" goes in the header
// unless [WithKeyID] says otherwise.
//
// claims is marshalled with encoding/json: a struct (typically embedding
// [Claims]), a pointer to one, a map[string]any or a json.RawMessage. It
// must give a JSON object whose registered claims have their registered
// types; Sign checks this and fails with [ErrInvalidClaims] otherwise. Sign
// adds nothing to the claims: set "exp" (which [Verify] requires by
// default) and "iat" yourself.
//
// Options: [WithType], [WithKeyID], [WithAudienceArray].
func Sign(claims any, alg jwa.SignatureAlgorithm, key any, opts ...SignOption) (_ string, err error) {
	defer errwrap.Own(&err, "jwt")
	c, err := configure(callSign, opts)
	defer c.release() // the token is a new string: nothing refers to c
	if err != nil {
		return "", err
	}
	bp := payloadBuffers.Get().(*[]byte)
	defer payloadBuffers.Put(bp)
	payload, err := c.marshalTo(claims, (*bp)[:0])
	if err != nil {
		return "", err
	}
	if cap(payload) <= maxPooledPayload {
		*bp = payload[:0] // jws.Sign keeps no reference to it
	}
	if key, err = signingKey("Sign", alg, key); err != nil {
		return "", err
	}
	return c.sign(payload, alg, key)
}

// payloadBuffers hold the claim sets Sign writes, which jws.Sign encodes
// into the token and drops: a buffer per call would be garbage at once.
var payloadBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledPayload is the largest buffer kept for another call.
const maxPooledPayload = 16 << 10

// Encrypt returns claims as an encrypted JWT without a signature: a JWE in
// the compact serialization (RFC 7519 §7.1) with "typ" "JWT" (or
// [WithType]), encrypted to key under the key management algorithm alg and
// the content encryption given by [WithEncryption] (required). Anyone who
// holds the recipient's public key can make such a token: its claims are
// confidential but their origin is unproven, so [Verify] accepts it only
// under [WithEncryptedOnly]. Prefer [SignAndEncrypt].
//
// claims is as for [Sign]. Options: [WithEncryption], [WithType],
// [WithKeyID], [WithAudienceArray].
func Encrypt(claims any, alg jwa.KeyAlgorithm, key any, opts ...EncryptOption) (_ string, err error) {
	defer errwrap.Own(&err, "jwt")
	c, err := configure(callEncrypt, opts)
	if err != nil {
		return "", err
	}
	if c.encryption == "" {
		return "", optionError("Encrypt needs the content encryption: give WithEncryption")
	}
	payload, err := c.marshal(claims)
	if err != nil {
		return "", err
	}
	if key, err = encryptionKey("Encrypt", alg, key); err != nil {
		return "", err
	}
	var buf [4]jwe.EncryptOption
	jopts := append(buf[:0], jwe.WithRecipient(alg, key))
	if c.kid != "" {
		jopts = append(jopts, jwe.WithKeyID(c.kid))
	}
	jopts = append(jopts, jwe.WithEncryption(c.encryption), jwe.WithType(c.typ))
	tok, err := jwe.Encrypt(payload, jopts...)
	if err != nil {
		return "", err
	}
	return tok, nil
}

// SignAndEncrypt returns claims as a nested JWT (RFC 7519 §5.2, §7.1 step
// 5): signed as by [Sign] with key under alg, then the signed token
// encrypted to the key of [WithRecipient] with the content encryption of
// [WithEncryption] (both required), in a JWE whose "cty" is "JWT".
//
// claims is as for [Sign]. Options: [WithRecipient], [WithEncryption],
// [WithType] and [WithKeyID] (both for the inner, signed token),
// [WithAudienceArray].
func SignAndEncrypt(claims any, alg jwa.SignatureAlgorithm, key any, opts ...SignAndEncryptOption) (_ string, err error) {
	defer errwrap.Own(&err, "jwt")
	c, err := configure(callSignAndEncrypt, opts)
	if err != nil {
		return "", err
	}
	switch {
	case c.recipient == nil:
		return "", optionError("SignAndEncrypt needs the recipient's key: give WithRecipient")
	case c.encryption == "":
		return "", optionError("SignAndEncrypt needs the content encryption: give WithEncryption")
	}
	payload, err := c.marshal(claims)
	if err != nil {
		return "", err
	}
	if key, err = signingKey("SignAndEncrypt", alg, key); err != nil {
		return "", err
	}
	inner, err := c.sign(payload, alg, key)
	if err != nil {
		return "", err
	}
	tok, err := jwe.Encrypt([]byte(inner),
		jwe.WithRecipient(c.recipient.alg, c.recipient.key),
		jwe.WithEncryption(c.encryption),
		jwe.WithContentType("JWT")) // RFC 7519 §5.2
	if err != nil {
		return "", err
	}
	return tok, nil
}

// marshal turns the caller's claims into a checked claim set.
func (c *config) marshal(claims any) ([]byte, error) { return c.marshalTo(claims, nil) }

// marshalTo is marshal appending to dst when it can.
func (c *config) marshalTo(claims any, dst []byte) ([]byte, error) {
	if claims == nil {
		return nil, fmt.Errorf("jwt: nil claims: %w", ErrInvalidClaims)
	}
	e, fast := marshalsClaims(claims)
	fast = fast && !c.audArray
	var payload []byte
	ok, checked := false, false
	if fast {
		payload, checked, ok = appendClaimsOf(claims, e, dst)
	}
	if !ok {
		var err error
		if payload, err = json.Marshal(claims); err != nil {
			return nil, fmt.Errorf("jwt: claims do not marshal: %w", errwrap.Beside(err, ErrInvalidClaims))
		}
	}
	if fast {
		// The registered claims come from Claims' own fields, which write
		// only well-typed values, and no other field can be named like
		// one: the strictjson rules are all that is left to check, unless
		// the plan of the type shows they hold for every value of it.
		if checked {
			return payload, nil
		}
		if err := strictjson.Check(payload); err != nil {
			return nil, fmt.Errorf("jwt: claim set: %w: %w", err, ErrInvalidClaims)
		}
		return payload, nil
	}
	s, err := parseClaims(payload)
	if err != nil {
		return nil, err
	}
	if c.audArray {
		if aud, ok := s.members["aud"]; ok && aud[0] == '"' {
			s.members["aud"] = json.RawMessage("[" + string(aud) + "]")
			if payload, err = json.Marshal(s.members); err != nil {
				return nil, fmt.Errorf("jwt: claims: %w: %w", err, ErrInvalidClaims)
			}
		}
	}
	return payload, nil
}

// typJWT is the "typ" option of the usual token, made once: an option is
// a pure function of its arguments, and one made per call would cost two
// allocations.
var typJWT = jws.WithType("JWT")

func (c *config) sign(payload []byte, alg jwa.SignatureAlgorithm, key any) (string, error) {
	var buf [3]jws.SignOption
	jopts := append(buf[:0], jws.WithKey(alg, key))
	if c.kid != "" {
		jopts = append(jopts, jws.WithKeyID(c.kid))
	}
	if c.typ == "JWT" {
		jopts = append(jopts, typJWT)
	} else {
		jopts = append(jopts, jws.WithType(c.typ))
	}
	tok, err := jws.Sign(payload, jopts...)
	if err != nil {
		return "", err
	}
	return tok, nil
}

// Verify checks a JWT and returns its claims decoded into T: a struct of
// the application's (typically embedding [Claims]), a pointer to one,
// [Claims] itself, or map[string]any (which keeps every claim). A struct
// keeps the claims it has fields for; others are ignored. Names are matched
// exactly: a claim whose name differs from a field's only in case, at any
// depth, refuses the token ([ErrInvalidClaims]; see the package
// documentation). The claims are returned only when every check passed,
// never with an error.
//
// White space (SP, HT, CR, LF) around the token, such as the newline of a
// file it was read from, is ignored; white space inside it is an error
// ([jwa.ErrMalformed]).
//
// The token must be in the form the options ask for (else
// [ErrUnexpectedForm]; JWTs use the compact serializations only):
//   - a signed JWT (a JWS) with [WithKey], [WithKeySet] or [WithEmbeddedKey];
//   - a nested JWT (a JWE whose "cty" is "JWT", holding a JWS) when
//     [WithDecryptionKey] or [WithDecryptionKeySet] and
//     [WithAllowedEncryptions] are given too: it is decrypted, within the
//     limits of jwe or of [WithDecryptLimits], then its signature is
//     verified ([WithTypeAsContentType] also accepts an outer "cty" that
//     is the expected type, as some providers write);
//   - an encrypted JWT without a signature only with the decryption options
//     and [WithEncryptedOnly] (and no verification key).
//
// Then, in this order: the signature (or decryption) is checked before any
// claim is read; the "typ" header if [WithExpectedType] is given (for a
// nested token, the inner signed header); the claim set must be a JSON object
// with well-typed registered claims ([ErrInvalidClaims]); then the rules:
//   - "exp" is required unless [WithAllowNoExpiry] ([ErrMissingClaim]), and
//     the current time must be before it ([ErrExpired]);
//   - "nbf", if present, must not be after the current time
//     ([ErrNotValidYet]); [WithRequiredClaims]("nbf") requires it;
//   - "iat", if present, must not be in the future ([ErrIssuedInFuture]),
//     nor older than [WithMaxAge] ([ErrTooOld]);
//   - [WithIssuer], [WithSubject], [WithAudience]; a token with "aud" is
//     refused when the caller accepts no audience ([ErrInvalidAudience]);
//   - [WithRequiredClaims]; then the [WithValidator] functions and the
//     [WithJTIValidator] ([ErrRejected]), which refuses a token without
//     "jti" or with an empty one ([ErrMissingClaim]).
//
// With [WithClaimsTransform], the claim set read and checked is the one the
// transform returns from the authenticated payload.
//
// Every time comparison allows the [WithLeeway] (default zero) and reads
// the time once from [WithClock] (default time.Now).
func Verify[T any](token string, opts ...VerifyOption) (_ T, err error) {
	defer errwrap.Own(&err, "jwt")
	var zero T
	c, err := configure(callVerify, opts)
	defer c.release() // the claims and errors refer to nothing in c
	if err != nil {
		return zero, err
	}
	if err := c.checkVerify(); err != nil {
		return zero, err
	}
	if err := checkValidators[T](c); err != nil {
		return zero, err
	}
	e := embeddingOf(reflect.TypeFor[T]())
	if e.notObject != nil {
		return zero, e.notObject
	}
	payload, err := c.open(header.TrimSpace(token))
	if err != nil {
		return zero, err
	}
	if c.transform != nil {
		if payload, err = c.transform(payload); err != nil {
			return zero, fmt.Errorf("jwt: claims transform: %w", err)
		}
	}
	return claimsOf[T](c, payload, e)
}

// checkVerify checks that the options of Verify ask for one form of token.
func (c *config) checkVerify() error {
	switch {
	case c.encryptOnly && c.verifying():
		return optionError("WithEncryptedOnly excludes WithKey, WithKeySet and WithEmbeddedKey: an encrypted-only token has no signature")
	case c.encryptOnly && !c.decrypting():
		return optionError("WithEncryptedOnly needs WithDecryptionKey or WithDecryptionKeySet")
	case !c.encryptOnly && !c.verifying():
		return optionError("Verify needs WithKey, WithKeySet or WithEmbeddedKey")
	case c.limitsGiven && c.embedded == nil:
		return optionError("WithEmbeddedKeyLimits without WithEmbeddedKey")
	case c.decrypting() && len(c.allowedEncs) == 0:
		return optionError("decryption needs WithAllowedEncryptions, the content encryptions it accepts")
	case !c.decrypting() && len(c.allowedEncs) > 0:
		return optionError("WithAllowedEncryptions without a decryption key")
	case !c.decrypting() && len(c.decLimits) > 0:
		return optionError("WithDecryptLimits without a decryption key")
	case c.typAsCty && c.expectedTyp == "":
		return optionError("WithTypeAsContentType needs WithExpectedType, the type to accept as \"cty\"")
	case c.typAsCty && (!c.decrypting() || c.encryptOnly):
		return optionError("WithTypeAsContentType needs the decryption keys of a nested token, and excludes WithEncryptedOnly")
	}
	return nil
}

// open checks the token's form, signature and decryption, and returns the
// authenticated claim set.
//
// Only the dots and the first byte are looked at first: jws and jwe
// decode every part strictly, so a byte outside base64url fails there.
// When anything fails, compactParts looks at every byte, so that such a
// byte is reported as it always was, before any other error.
func (c *config) open(token string) ([]byte, error) {
	dots := strings.Count(token, ".")
	if (dots != 2 && dots != 4) || compactClass[token[0]] == 0 {
		_, err := compactParts(token) // an error: the dots, or a byte
		return nil, err
	}
	payload, err := c.openParts(token, dots+1)
	if err != nil {
		if _, perr := compactParts(token); perr != nil {
			return nil, perr
		}
		return nil, err
	}
	return payload, nil
}

// openParts is open for a token of parts parts, whose bytes are not
// checked yet.
func (c *config) openParts(token string, parts int) ([]byte, error) {
	if parts == 3 {
		if c.decrypting() {
			return nil, fmt.Errorf("jwt: the token is signed but not encrypted, and decryption keys were given: %w", ErrUnexpectedForm)
		}
		return c.verifyJWS(token, false)
	}
	if !c.decrypting() {
		// T37: never treat a JWE as a JWS, whatever its header says.
		return nil, fmt.Errorf("jwt: the token is encrypted (JWE) and no decryption key was given: %w", ErrUnexpectedForm)
	}
	var buf [6]jwe.DecryptOption // enough for the usual options, on the stack
	jopts := buf[:0]
	for _, k := range c.decKeys {
		jopts = append(jopts, jwe.WithKey(k.alg, k.key))
	}
	if c.decSet != nil {
		jopts = append(jopts, jwe.WithKeySet(c.decSet, c.decSetAlgs...))
	}
	jopts = append(jopts, jwe.WithAllowedEncryptions(c.allowedEncs...), jwe.WithContext(c.ctx))
	for _, l := range c.decLimits {
		jopts = append(jopts, l)
	}
	r, err := jwe.DecryptMessage(token, jopts...)
	if err != nil {
		return nil, err
	}
	cty, hasCty := r.Protected.Get("cty")
	nested := hasCty && (typeMatches(r.Protected.ContentType(), "JWT") ||
		c.typAsCty && typeMatches(r.Protected.ContentType(), c.expectedTyp))
	if c.encryptOnly {
		if hasCty {
			return nil, fmt.Errorf("jwt: the encrypted token has \"cty\" %.40s, and WithEncryptedOnly expects claims: %w", cty, ErrUnexpectedForm)
		}
		if err := c.checkType(r.Protected.Type(), r.Protected.Get); err != nil {
			return nil, err
		}
		return r.Plaintext, nil
	}
	if !nested {
		if !hasCty {
			// T38: claims that are encrypted but not signed.
			return nil, fmt.Errorf("jwt: the encrypted token holds unsigned claims (no \"cty\": \"JWT\"), and WithEncryptedOnly was not given: %w", ErrUnexpectedForm)
		}
		// RFC 7519 §5.2: a nested JWT's "cty" MUST be "JWT".
		return nil, fmt.Errorf("jwt: the encrypted token has \"cty\" %.40s, not \"JWT\" (WithTypeAsContentType with WithExpectedType accepts the inner token's type there): %w: %w", cty, ErrUnexpectedForm, ErrInvalidType)
	}
	inner := string(r.Plaintext)
	n, err := compactParts(inner)
	if err != nil {
		return nil, fmt.Errorf("jwt: the nested token does not hold a compact JWS: %w", errwrap.Beside(err, ErrUnexpectedForm))
	}
	if n != 3 {
		return nil, fmt.Errorf("jwt: the nested token has %d parts, not the 3 of a compact JWS: %w", n, ErrUnexpectedForm)
	}
	return c.verifyJWS(inner, true)
}

// verifyJWS verifies a compact JWS with the caller's keys and checks its
// signed header.
func (c *config) verifyJWS(token string, nested bool) ([]byte, error) {
	var buf [4]jws.VerifyOption // enough for the usual options, on the stack
	jopts := buf[:0]
	jopts = append(jopts, c.sigKeys...)
	if c.sigSet != nil {
		jopts = append(jopts, c.sigSetOpt)
		if c.ctx != context.Background() {
			jopts = append(jopts, jws.WithContext(c.ctx))
		}
	}
	if c.embedded != nil {
		jopts = append(jopts, jws.WithEmbeddedKey(c.embedded, c.embeddedAlgs...))
		if c.limits != (jwk.EmbeddedKeyLimits{}) { // the zero limits are jws's default
			jopts = append(jopts, jws.WithEmbeddedKeyLimits(c.limits))
		}
	}
	r, err := jws.VerifyMessage(token, jopts...)
	if err != nil {
		if nested {
			return nil, fmt.Errorf("jwt: nested token: %w", err)
		}
		return nil, err
	}
	if len(r.Signatures) != 1 {
		return nil, fmt.Errorf("jwt: %d verified signatures in a compact JWS: %w", len(r.Signatures), ErrUnexpectedForm)
	}
	h := r.Signatures[0].Protected
	if cty, ok := h.Get("cty"); ok && typeMatches(h.ContentType(), "JWT") {
		// RFC 7519 §7.2 step 8 would nest again; this package signs claims once.
		return nil, fmt.Errorf("jwt: the signed token has \"cty\" %.40s: a JWT nested in a JWS is not supported: %w", cty, ErrUnexpectedForm)
	}
	if err := c.checkType(h.Type(), h.Get); err != nil {
		return nil, err
	}
	return r.Payload, nil
}

// checkType checks the authenticated "typ" against WithExpectedType (RFC
// 8725 §3.11).
func (c *config) checkType(typ string, get func(string) (json.RawMessage, bool)) error {
	if c.expectedTyp == "" {
		return nil
	}
	if _, ok := get("typ"); !ok {
		return fmt.Errorf("jwt: header \"typ\" is missing, want %q: %w", c.expectedTyp, ErrInvalidType)
	}
	if !typeMatches(typ, c.expectedTyp) {
		return fmt.Errorf("jwt: header \"typ\" is %q, want %q: %w", clip(typ), c.expectedTyp, ErrInvalidType)
	}
	return nil
}

// compactClass sorts the bytes of a compact serialization: the base64url
// alphabet (RFC 4648 §5), the '.' between parts, and everything else
// (zero), so that compactParts makes one table lookup per byte.
var compactClass = func() (t [256]uint8) {
	for b := range 256 {
		switch {
		case b == '.':
			t[b] = compactDot
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9', b == '-', b == '_':
			t[b] = compactBase64
		}
	}
	return t
}()

const (
	compactBase64 = 1
	compactDot    = 2
)

// compactParts checks that token is a compact serialization: base64url
// characters and dots only (so no JSON serialization, T25), in 3 parts
// (a JWS) or 5 (a JWE). It returns the number of parts.
func compactParts(token string) (int, error) {
	if token == "" {
		return 0, fmt.Errorf("jwt: the token is empty: %w", jwa.ErrMalformed)
	}
	dots := 0
	for i := 0; i < len(token); i++ {
		switch compactClass[token[i]] {
		case compactDot:
			dots++
		case compactBase64:
		default:
			if strings.HasPrefix(token, "{") {
				return 0, fmt.Errorf("jwt: a JSON serialization is not a JWT (RFC 7519 §1): %w", ErrUnexpectedForm)
			}
			return 0, fmt.Errorf("jwt: byte %d of the token is not base64url or '.': %w", i, jwa.ErrMalformed)
		}
	}
	if dots != 2 && dots != 4 {
		return 0, fmt.Errorf("jwt: the token has %d parts, want 3 (JWS) or 5 (JWE): %w", dots+1, jwa.ErrMalformed)
	}
	return dots + 1, nil
}
