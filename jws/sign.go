package jws

import (
	"fmt"
	"slices"
	"sync"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
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
func Sign(payload []byte, opts ...SignOption) (_ string, err error) {
	defer errwrap.Own(&err, "jws")
	c, err := configure(opSign, opts)
	defer c.release() // the token is a new string: nothing refers to c
	if err != nil {
		return "", err
	}
	m := &Message{payload: payload, detached: c.detached, b64: !c.unencoded, format: Compact}
	switch {
	case c.json:
		m.format = General
	case c.flattened:
		m.format = Flattened
	}
	if !m.b64 {
		m.segment = payload
	}
	m.sigs, m.pooled = m.oneList[:0], m.onePooled[:0]
	for i := range c.signers {
		// A header that the options make and Verify would refuse is an
		// option's fault: both errors wrap ErrInvalidOption.
		s, err := c.signature(&c.signers[i], m, i == 0)
		if err != nil {
			return "", fmt.Errorf("%w: %w", err, ErrInvalidOption)
		}
		if _, err := checkSignatureHeaders(s, c.critical); err != nil {
			return "", fmt.Errorf("%w: %w", err, ErrInvalidOption)
		}
		if s.sig, err = m.sign(s, c.signers[i]); err != nil {
			return "", err
		}
		m.sigs = append(m.sigs, s)
	}
	tok, err := m.encode(m.format)
	m.release()
	return tok, err
}

// maxPooledInput is the largest scratch buffer Sign keeps for reuse.
const maxPooledInput = 1 << 20

// inputPool holds the buffers in which Sign writes the protected header and
// the signing input. Both are published in the token; nothing secret is
// ever left in them.
var inputPool sync.Pool // of *[]byte

// scratch returns an empty buffer of capacity n or more for m, which keeps
// it until release.
func (m *Message) scratch(n int) []byte {
	p, _ := inputPool.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	if cap(*p) < n {
		*p = make([]byte, 0, n)
	}
	m.pooled = append(m.pooled, p)
	return (*p)[:0]
}

// release gives the buffers of scratch back to the pool, once the token is
// written and nothing refers to them any more.
func (m *Message) release() {
	for i, p := range m.pooled {
		if cap(*p) <= maxPooledInput {
			inputPool.Put(p)
		}
		m.pooled[i] = nil
	}
}

// sign computes one signature over s.input.
func (m *Message) sign(s *signature, spec signerSpec) ([]byte, error) {
	if spec.signer == nil { // "none", allowed by WithUnsafeNone
		return []byte{}, nil
	}
	sig, err := spec.signer.Sign(s.input)
	if err != nil {
		return nil, fmt.Errorf("jws: %s signature: %w", spec.alg, err)
	}
	return sig, nil
}

// signature builds the headers of one signature to make and its signing
// input. One scratch buffer holds the header JSON and the signing input:
// the base64url protected header, '.', the payload segment. The first
// signature encodes the payload into its buffer; m.segment is then that
// slice, which later signatures copy. The buffers are pooled (see
// [Message.scratch]): the token is written from them into a string.
func (c *config) signature(spec *signerSpec, m *Message, first bool) (*signature, error) {
	has := func(name string, lists ...[]member) bool {
		for _, list := range lists {
			if slices.ContainsFunc(list, func(m member) bool { return m.name == name }) {
				return true
			}
		}
		return false
	}
	var arr [8]member
	prot := append(arr[:0], member{name: "alg", str: string(spec.alg)})
	if spec.kid != "" && !has("kid", c.common, spec.protected, c.commonUnprotected, spec.unprotected) {
		prot = append(prot, member{name: "kid", str: spec.kid})
	}
	prot = append(prot, c.common...)
	prot = append(prot, spec.protected...)
	crit := c.critical
	if c.unencoded {
		prot = append(prot, member{name: "b64", value: []byte("false")})
		crit = append(slices.Clip(crit), "b64")
	}
	if len(crit) > 0 {
		raw, err := marshal(crit)
		if err != nil {
			return nil, err
		}
		prot = append(prot, member{name: "crit", value: raw})
	}

	segLen := len(m.segment)
	if m.b64 && m.segment == nil {
		segLen = base64url.EncodedLen(len(m.payload))
	}
	rawLen := 2
	for _, m := range prot {
		rawLen += len(m.name) + len(m.str) + len(m.value) + 6 // quotes, colon, comma
	}
	var pm header.Members
	var err error
	raw := spec.rawHeader
	if raw != nil {
		rawLen = len(raw)
	}
	inLen := base64url.EncodedLen(rawLen) + 1 + segLen
	buf := m.scratch(rawLen + inLen)
	if raw == nil {
		pm = make(header.Members, len(prot))
		// Capped: a header longer than estimated (escapes) moves out
		// rather than into the signing input's room.
		if raw, err = appendObject(buf[:0:rawLen], pm, prot); err != nil {
			return nil, err
		}
	} else if pm, err = header.Parse(raw, "protected header"); err != nil {
		return nil, fmt.Errorf("jws: %w", err)
	}

	var s *signature
	if first {
		s = &m.one // no allocation for the common single signature
	} else {
		s = new(signature)
	}
	s.protected, s.unprotected = &s.prot, &s.unprot
	if err = s.prot.init(pm); err != nil {
		return nil, err
	}
	if unprot := slices.Concat(c.commonUnprotected, spec.unprotected); len(unprot) > 0 {
		um := header.Members{}
		for _, m := range unprot {
			if _, dup := um[m.name]; dup {
				return nil, fmt.Errorf("jws: unprotected header member %q is set twice", m.name)
			}
			um[m.name] = m.value
		}
		if err := s.unprot.init(um); err != nil {
			return nil, err
		}
	}
	if s.protected.Algorithm() != spec.alg {
		return nil, malformed("protected header names %q, not the key's algorithm %s", s.protected.Algorithm(), spec.alg)
	}

	pn := base64url.EncodedLen(len(raw))
	in := base64url.AppendEncode(buf[rawLen:rawLen], raw)
	s.protectedB64 = in[:pn:pn]
	in = append(in, '.')
	if m.b64 && m.segment == nil {
		in = base64url.AppendEncode(in, m.payload)
		m.segment = in[pn+1 : len(in) : len(in)]
	} else {
		in = append(in, m.segment...)
	}
	s.input = in
	return s, nil
}

// appendObject appends members as a JSON object, in order, and records each
// member's value in pm as a capped slice of the result. A name given twice
// is an error.
func appendObject(dst []byte, pm header.Members, members []member) ([]byte, error) {
	dst = append(dst, '{')
	for i, m := range members {
		if _, dup := pm[m.name]; dup {
			return nil, fmt.Errorf("jws: protected header member %q is set twice", m.name)
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, m.name)
		dst = append(dst, ':')
		start := len(dst)
		if m.value != nil {
			dst = append(dst, m.value...)
		} else {
			dst = appendString(dst, m.str)
		}
		pm[m.name] = dst[start:len(dst):len(dst)]
	}
	return append(dst, '}'), nil
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
