package jws

import (
	"crypto/x509"
	"errors"
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Result is what [VerifyMessage] returns: the payload and the signatures
// that verified, nothing else.
type Result struct {
	// Payload is the verified payload (the detached one given with
	// [WithPayload], if any).
	Payload []byte
	// Signatures are the signatures that verified, in token order. A
	// signature that did not verify is never listed.
	Signatures []Signature
}

// Signature is one verified signature.
type Signature struct {
	// Index is the signature's position in the token's "signatures" (0 in
	// the compact and flattened serializations).
	Index int
	// Algorithm is the algorithm it verified with.
	Algorithm jwa.SignatureAlgorithm
	// Key is the key that verified it; nil for "none" ([WithUnsafeNone]).
	Key *jwk.Key
	// Protected is its protected header, covered by the signature.
	// Unprotected is its unprotected header, which nothing protects. Both
	// are non-nil, possibly empty.
	Protected, Unprotected *Header
}

// Verify parses token (any serialization, see [Parse]), verifies it and
// returns its payload. A key source is required: [WithKey], [WithKeySet],
// [WithEmbeddedKey] or [WithX509]. By default one signature that verifies
// is enough; [WithRequireAll] requires every one. The payload is returned
// only when verification succeeded, never with an error. Use
// [VerifyMessage] to read the verified headers.
func Verify(token string, opts ...VerifyOption) (_ []byte, err error) {
	defer errwrap.Own(&err, "jws")
	c, err := configure(opVerify, opts)
	defer c.release() // the payload and errors refer to nothing in c
	if err != nil {
		return nil, err
	}
	m, err := parse(token, c)
	if err != nil {
		return nil, err
	}
	err = m.verify(c, nil)
	m.release() // nothing returned refers to the signing input
	if err != nil {
		return nil, err
	}
	return m.payload, nil
}

// VerifyMessage is [Verify] that also returns which signatures verified,
// with which key, and their headers.
//
// For each signature, in order: its "alg" must stand in the protected header
// (unless [WithUnprotectedAlgorithm]) and be on the caller's allow-list
// (the algorithms of the key options; "none" only with [WithUnsafeNone])
// before any key is touched; the candidate keys are the [WithKey] keys for
// that algorithm, the key set's keys chosen by "kid" and "alg", and the
// token's own "jwk" or "x5c" only under [WithEmbeddedKey] or [WithX509];
// each candidate must fit the algorithm (type, size, its own alg, use and
// key_ops). An error names the signature index when there are several, and
// wraps every signature's failure (errors.Is finds each).
func VerifyMessage(token string, opts ...VerifyOption) (_ *Result, err error) {
	defer errwrap.Own(&err, "jws")
	c, err := configure(opVerify, opts)
	defer c.release() // the result holds keys and headers, none of them in c
	if err != nil {
		return nil, err
	}
	m, err := parse(token, c)
	if err != nil {
		return nil, err
	}
	r := &m.res // no allocation of its own
	r.Signatures = r.one[:0]
	err = m.verify(c, &r.Result)
	m.release() // nothing returned refers to the signing input
	if err != nil {
		return nil, err
	}
	return &r.Result, nil
}

// verified is a Result with room for one signature, held in the Message
// (Message.res), so that the common case costs no allocation of its own.
type verified struct {
	Result
	one [1]Signature
}

// verify checks the signatures and fills res, whose Signatures is empty,
// or returns the error. A nil res ([Verify]) records nothing.
func (m *Message) verify(c *config, res *Result) error {
	var errs []error
	ok := 0
	for i, s := range m.sigs {
		key, err := m.verifyOne(c, s)
		if err != nil {
			if len(m.sigs) > 1 {
				err = fmt.Errorf("jws: signature %d: %w", i, err)
			}
			errs = append(errs, err)
			continue
		}
		ok++
		if res != nil {
			res.Signatures = append(res.Signatures, Signature{
				Index: i, Algorithm: s.alg, Key: key, Protected: s.protected, Unprotected: s.unprotected,
			})
		}
	}
	if ok == 0 || (c.requireAll && len(errs) > 0) {
		if len(errs) == 1 {
			return errs[0]
		}
		return errors.Join(errs...)
	}
	if res != nil {
		res.Payload = m.payload
	}
	return nil
}

// verifyOne verifies one signature and returns the key that verified it.
func (m *Message) verifyOne(c *config, s *signature) (*jwk.Key, error) {
	if !s.algProtected && !c.unprotectedAlg { // docs/DESIGN.md, T04
		return nil, notAllowed(`"alg" %q is not in the protected header (WithUnprotectedAlgorithm accepts it)`, s.alg)
	}
	if !c.allowed(s.alg) { // checked before any key work (T01, T02)
		// The name is clipped: the token chose it, and may make it long.
		return nil, notAllowed("algorithm %.64q is not allowed: accepted are %s", s.alg, c.allowList())
	}
	if s.alg == jwa.NoSignature {
		if len(s.sig) != 0 { // RFC 7518 §3.6: the signature is empty
			return nil, fmt.Errorf(`jws: "none" with a non-empty signature: %w`, ErrInvalidSignature)
		}
		return nil, nil
	}
	var buf [4]*jwk.Key
	keys, err := c.candidates(buf[:0], s)
	if err != nil {
		return nil, err
	}
	input := m.signingInput(s)
	var last error
	for _, k := range keys {
		v, err := k.Verifier(s.alg)
		if err != nil {
			last = err
			continue
		}
		if err := v.Verify(input, s.sig); err != nil {
			last = err
			continue
		}
		return k, nil
	}
	if errors.Is(last, ErrInvalidSignature) {
		return nil, last // a Verifier's error names its algorithm (jwa.Verifier)
	}
	return nil, fmt.Errorf("jws: %s: no key fits (%w): %w", s.alg, last, jwk.ErrKeyNotFound)
}

// candidates lists the keys that may verify s, in order: WithKey, the key
// set, the token's "jwk", its "x5c" leaf. They are appended to keys.
func (c *config) candidates(keys []*jwk.Key, s *signature) ([]*jwk.Key, error) {
	for _, k := range c.keys {
		if k.alg == s.alg {
			keys = append(keys, k.key)
		}
	}
	var errs []error
	if c.set != nil && slices.Contains(c.setAlgs, s.alg) {
		kid := s.protected.KeyID()
		if kid == "" {
			kid = s.unprotected.KeyID() // selects among the caller's keys only
		}
		found, err := c.set.Select(c.ctx, jwk.Query{KeyID: kid, Signature: s.alg})
		if err != nil {
			errs = append(errs, fmt.Errorf("jws: %w", err))
		}
		keys = append(keys, found...)
	}
	if k := s.protected.JWK(); k != nil && c.embedded != nil && slices.Contains(c.embeddedAlgs, s.alg) {
		if err := c.embeddedLimits.Check(k); err != nil { // T06: bounded before any RSA arithmetic
			errs = append(errs, fmt.Errorf(`jws: the token's "jwk": %w`, err))
		} else if err := c.embedded(k); err != nil {
			errs = append(errs, fmt.Errorf(`jws: the token's "jwk" was not approved: %w: %w`, err, jwk.ErrKeyNotFound))
		} else {
			keys = append(keys, k)
		}
	}
	if chain := s.protected.x5c; chain != nil && c.x509 != nil && slices.Contains(c.x509Algs, s.alg) {
		k, err := c.x509Key(chain)
		if err != nil {
			errs = append(errs, err)
		} else {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		if len(errs) == 0 {
			return nil, fmt.Errorf("jws: no key for %s: %w", s.alg, jwk.ErrKeyNotFound)
		}
		return nil, errors.Join(errs...)
	}
	return keys, nil
}

// x509Key verifies an "x5c" chain with the caller's options and returns
// its leaf's key. Every certificate's key is held to the embedded-key
// limits first: the chain's signatures are checked with keys the token
// brought, before anything vouches for them (T06).
func (c *config) x509Key(chain []*x509.Certificate) (*jwk.Key, error) {
	if err := c.embeddedLimits.CheckCertificates(chain); err != nil {
		return nil, fmt.Errorf(`jws: the token's "x5c": %w`, err)
	}
	k, err := jwk.FromCertificates(chain)
	if err != nil {
		return nil, fmt.Errorf(`jws: the token's "x5c" leaf key: %w`, err)
	}
	if _, err := k.VerifyCertificates(*c.x509); err != nil {
		return nil, fmt.Errorf(`jws: the token's "x5c" chain does not verify: %w: %w`, err, jwk.ErrKeyNotFound)
	}
	return k, nil
}
