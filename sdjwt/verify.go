package sdjwt

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwt"
)

// Verify checks a presentation, an SD-JWT or SD-JWT+KB in the compact or a
// JSON serialization, and returns its Processed SD-JWT Payload decoded into
// T (as [jwt.Verify] decodes: a struct embedding [jwt.Claims], or
// map[string]any). The claims are returned only when every check passed.
// White space (SP, HT, CR, LF) around the presentation is ignored and not
// counted by [WithMaxSize]; inside it, it is an error ([jwa.ErrMalformed]),
// as for [Parse] and [ParseUnverified].
//
// In order (RFC 9901 §7.1, §7.3):
//   - if [WithRequiredKeyBinding] requires key binding, the presentation
//     must have a Key Binding JWT ([ErrKeyBinding]);
//   - the issuer-signed JWT is verified by [jwt.Verify] with the
//     [WithVerifyOptions] (the issuer's keys and allowed algorithms are required there;
//     a JWE or "none" is never accepted), "typ" included;
//   - "_sd_alg" must be one of [WithAllowedHashAlgorithms] ([ErrHashAlgorithm]);
//   - every disclosure is well formed ([ErrInvalidDisclosure]), given once,
//     and its digest appears exactly once, directly or in another disclosure
//     ([ErrDuplicateDigest], [ErrUnreferencedDisclosure]); a disclosure of a
//     claim named "_sd" or "..." ([ErrInvalidDisclosure]) or of a claim its
//     object already has ([ErrClaimExists]) is refused; digests without a
//     disclosure (undisclosed claims, decoys) are dropped, as are "_sd" and
//     "_sd_alg";
//   - with key binding required, the Key Binding JWT must verify with the
//     "cnf" key of the issuer-signed claims, which must fit
//     [WithKeyBindingKeyLimits] (by default [jwk.EmbeddedKeyLimits]: RSA
//     of at most 4096 bits with e = 65537), under one of
//     [WithAllowedKeyBindingAlgorithms], have "typ" "kb+jwt", the expected "aud"
//     and "nonce", an "iat" not in the future and not older than
//     [WithKeyBindingMaxAge], and an "sd_hash" over this presentation
//     ([ErrKeyBinding], wrapping the jwt or jwa cause);
//   - last, the processed claims are validated as [jwt.Verify] does ("exp"
//     required by default, "nbf", "iat", issuer, audience and the
//     validators of [WithVerifyOptions]), with jwt's errors.
//
// The JSON serializations give the disclosures and Key Binding JWT in the
// unprotected header of the first signature (RFC 9901 §8); only that
// signature is verified.
//
// Options: [WithVerifyOptions], [WithRequiredKeyBinding],
// [WithAllowedKeyBindingAlgorithms], [WithKeyBindingMaxAge],
// [WithAllowedHashAlgorithms], [WithClock], [WithLeeway], [WithMaxSize].
func Verify[T any](presentation string, opts ...VerifyOption) (_ T, err error) {
	defer errwrap.Own(&err, "sdjwt")
	var zero T
	c, err := configure(callVerify, opts)
	if err != nil {
		return zero, err
	}
	t, err := split(presentation, c.maxSize)
	if err != nil {
		return zero, err
	}
	if c.kb && t.kb == "" {
		// RFC 9901 §7.3 step 2
		return zero, fmt.Errorf("sdjwt: key binding is required and the presentation has no Key Binding JWT: %w", ErrKeyBinding)
	}
	transform := func(payload []byte) ([]byte, error) {
		p, err := process(payload, t.disclosures, c.hashes)
		if err != nil {
			return nil, err
		}
		if c.kb {
			if err := c.verifyKeyBinding(t, p); err != nil {
				return nil, err
			}
		}
		return json.Marshal(p.claims)
	}
	claims, err := jwt.Verify[T](t.jwt, c.issuerJWTOptions(transform)...)
	if err != nil {
		return zero, fmt.Errorf("sdjwt: %w", err)
	}
	return claims, nil
}

// verifyKeyBinding applies RFC 9901 §7.3 step 5.
func (c *config) verifyKeyBinding(t *token, p *processed) error {
	key, err := confirmationKey(marshalCnf(p.claims))
	if err != nil {
		return err
	}
	if err := c.kbLimits.Check(key); err != nil { // T06: before any RSA arithmetic
		return fmt.Errorf("sdjwt: \"cnf\" key: %w: %w", ErrKeyBinding, err)
	}
	opts := []jwt.VerifyOption{
		jwt.WithExpectedType(kbType), // RFC 9901 §7.3 step 5.4
		jwt.WithAudience(c.audience),
		jwt.WithAllowNoExpiry(),
		jwt.WithMaxAge(c.kbMaxAge), // RFC 9901 §7.3 step 5.5; requires "iat"
		jwt.WithRequiredClaims("nonce", "sd_hash"),
		jwt.WithClock(c.clock),
		jwt.WithLeeway(c.leeway),
	}
	fits := 0
	for _, alg := range c.kbAlgs {
		if _, err := key.Verifier(alg); err == nil {
			opts = append(opts, jwt.WithKey(alg, key))
			fits++
		}
	}
	if fits == 0 {
		return fmt.Errorf("sdjwt: the \"cnf\" key fits none of the key binding algorithms accepted: %w", ErrKeyBinding)
	}
	kb, err := jwt.Verify[kbClaims](t.kb, opts...)
	if err != nil {
		return fmt.Errorf("sdjwt: key binding JWT: %w: %w", ErrKeyBinding, err)
	}
	if subtle.ConstantTimeCompare([]byte(kb.Nonce), []byte(c.nonce)) != 1 {
		// RFC 9901 §7.3 step 5.6
		return fmt.Errorf("sdjwt: key binding JWT: \"nonce\" is not the expected one: %w", ErrKeyBinding)
	}
	want, err := p.hash.Digest(t.sdHashInput())
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(kb.SDHash), []byte(want)) != 1 {
		// RFC 9901 §7.3 step 5.7
		return fmt.Errorf("sdjwt: key binding JWT: \"sd_hash\" does not cover this presentation: %w", ErrKeyBinding)
	}
	return nil
}
