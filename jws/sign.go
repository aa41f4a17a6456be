package jws

import (
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/header"
)

// Sign signs payload and returns the token: compact by default (one
// signature, protected header only), flattened JSON with [WithFlattened],
// general JSON with [WithJSON] (any number of signatures).
//
// Each [WithKey] adds a signature. Its protected header holds "alg", the
// key's "kid" (unless [WithKeyID] or a "kid" header is given), the members of
// [WithProtectedHeader], [WithType], [WithContentType], and with
// [WithUnencodedPayload] "b64":false and "crit":["b64"]. Headers are
// checked with the rules [Verify] applies, so Sign never writes a token
// that Verify would refuse for its form. [WithDetachedPayload] leaves the
// payload out.
func Sign(payload []byte, opts ...Option) ([]byte, error) {
	c, err := newConfig(opSign, opts)
	if err != nil {
		return nil, err
	}
	m := &Message{payload: payload, detached: c.detached, b64: !c.unencoded, format: Compact}
	switch {
	case c.json:
		m.format = General
	case c.flattened:
		m.format = Flattened
	}
	if m.b64 {
		m.segment = base64url.AppendEncode(nil, payload)
	} else {
		m.segment = payload
	}
	for i := range c.signers {
		s, err := c.signature(&c.signers[i])
		if err != nil {
			return nil, err
		}
		if _, err := checkSignatureHeaders(s, c.critical); err != nil {
			return nil, err
		}
		if s.sig, err = m.sign(s, c.signers[i]); err != nil {
			return nil, err
		}
		m.sigs = append(m.sigs, s)
	}
	return m.encode(m.format)
}

// sign computes one signature.
func (m *Message) sign(s *signature, spec signerSpec) ([]byte, error) {
	if spec.signer == nil { // "none", allowed by WithUnsafeNone
		return []byte{}, nil
	}
	// One buffer holds the signing input and, for the compact form, the
	// whole token.
	s.input = make([]byte, 0, len(s.protectedB64)+len(m.segment)+2+base64url.EncodedLen(512))
	s.input = appendSigningInput(s.input, s.protectedB64, m.segment)
	sig, err := spec.signer.Sign(s.input)
	if err != nil {
		return nil, fmt.Errorf("jws: %s signature: %w", spec.alg, err)
	}
	return sig, nil
}

// signature builds the headers of one signature to make.
func (c *config) signature(spec *signerSpec) (*signature, error) {
	prot := slices.Concat(c.common, spec.protected)
	unprot := slices.Concat(c.commonUnprotected, spec.unprotected)
	has := func(list []member, name string) bool {
		return slices.ContainsFunc(list, func(m member) bool { return m.name == name })
	}
	if spec.kid != "" && !has(prot, "kid") && !has(unprot, "kid") {
		prot = append([]member{{"kid", appendString(nil, spec.kid)}}, prot...)
	}
	crit := slices.Clone(c.critical)
	if c.unencoded {
		prot = append(prot, member{"b64", []byte("false")})
		crit = append(crit, "b64")
	}
	if len(crit) > 0 {
		raw, err := marshal(crit)
		if err != nil {
			return nil, err
		}
		prot = append(prot, member{"crit", raw})
	}
	prot = append([]member{{"alg", appendString(nil, string(spec.alg))}}, prot...)

	var pm header.Members
	var err error
	raw := spec.rawHeader
	if raw == nil {
		raw = appendObject(make([]byte, 0, 64), prot)
		pm = make(header.Members, len(prot))
		for _, m := range prot {
			if _, dup := pm[m.name]; dup {
				return nil, fmt.Errorf("jws: protected header member %q is set twice", m.name)
			}
			pm[m.name] = m.value
		}
	} else if pm, err = header.Parse(raw, "protected header"); err != nil {
		return nil, fmt.Errorf("jws: %w", err)
	}
	s := &signature{protectedB64: base64url.EncodeToString(raw), unprotected: &Header{}}
	if s.protected, err = newHeader(pm); err != nil {
		return nil, err
	}
	if len(unprot) > 0 {
		um := header.Members{}
		for _, m := range unprot {
			if _, dup := um[m.name]; dup {
				return nil, fmt.Errorf("jws: unprotected header member %q is set twice", m.name)
			}
			um[m.name] = m.value
		}
		s.unprotected = &Header{m: um}
	}
	if s.protected.Algorithm() != spec.alg {
		return nil, malformed("protected header names %q, not the key's algorithm %s", s.protected.Algorithm(), spec.alg)
	}
	return s, nil
}

// appendObject writes members as a JSON object, in order.
func appendObject(dst []byte, members []member) []byte {
	dst = append(dst, '{')
	for i, m := range members {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, m.name)
		dst = append(dst, ':')
		dst = append(dst, m.value...)
	}
	return append(dst, '}')
}

// appendString appends s as a JSON string; plain ASCII, the common case,
// without encoding/json.
func appendString(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			raw, _ := marshal(s) // a string always marshals
			return append(dst, raw...)
		}
	}
	dst = append(dst, '"')
	dst = append(dst, s...)
	return append(dst, '"')
}
