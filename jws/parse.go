package jws

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// Serialization is the form a JWS was read in or is written in.
type Serialization int

// Serializations (RFC 7515 §7).
const (
	Compact   Serialization = iota // three base64url parts joined by dots, §7.1
	Flattened                      // JSON with one signature at top level, §7.2.2
	General                        // JSON with "signatures", §7.2.1
)

// String returns "compact", "flattened JSON" or "general JSON".
func (s Serialization) String() string {
	switch s {
	case Compact:
		return "compact"
	case Flattened:
		return "flattened JSON"
	case General:
		return "general JSON"
	}
	return "unknown"
}

// Message is a parsed JWS whose signatures have not been verified. Use
// [Verify] or [VerifyMessage] to get a payload you can trust.
type Message struct {
	format  Serialization
	payload []byte // decoded, or the detached payload
	// segment is the payload as it enters the JWS Signing Input: its
	// base64url, or the payload itself when "b64" is false (RFC 7797 §3).
	segment  []byte
	detached bool
	b64      bool
	sigs     []*signature
	// payloadBuf is where a compact token's payload decodes: a capped
	// region of the buffer that also holds the decoded protected header
	// and signature, so one allocation serves all three (nil otherwise).
	payloadBuf []byte
	// one and oneList hold the signature of a compact token, so that the
	// Message, its signature and its headers are one allocation.
	one     signature
	oneList [1]*signature
	// pooled are the scratch buffers taken from the pool (see
	// Message.scratch) by Sign, or by Verify for a compact token's signing
	// input, with room for one; inPool says the latter, so that nothing
	// the caller keeps may alias the input.
	pooled    []*[]byte
	onePooled [1]*[]byte
	inPool    bool
	// res is what VerifyMessage returns, in the same allocation: its
	// headers point into the Message anyway, so it keeps nothing alive
	// that it did not before.
	res verified
}

// signature is one signature of a Message, with its headers checked.
type signature struct {
	protectedB64 []byte
	protected    *Header // empty when absent
	unprotected  *Header // empty when absent
	// prot and unprot are the storage protected and unprotected point to.
	prot, unprot Header
	alg          jwa.SignatureAlgorithm
	algProtected bool
	sig          []byte
	input        []byte // the JWS Signing Input, when the token holds it as one piece (compact)
}

// UnverifiedPayload returns the payload without any signature checked. Do
// not act on it; use [Verify].
func (m *Message) UnverifiedPayload() []byte { return slices.Clone(m.payload) }

// Serialization returns the form the token was in.
func (m *Message) Serialization() Serialization { return m.format }

// SignatureCount returns the number of signatures in the token.
func (m *Message) SignatureCount() int { return len(m.sigs) }

// UnverifiedHeaders returns the protected and unprotected headers of
// signature i (from 0), neither of them authenticated: use them to inspect
// a token, never to act on it. Both are empty, never nil, when absent; i out
// of range gives two empty headers.
func (m *Message) UnverifiedHeaders(i int) (protected, unprotected *Header) {
	if i < 0 || i >= len(m.sigs) {
		return &Header{}, &Header{}
	}
	return m.sigs[i].protected, m.sigs[i].unprotected
}

// Parse reads a JWS in any of the three serializations, told apart by the
// input: a JSON object (first byte '{') with "signatures" is the general
// JSON serialization, another JSON object the flattened one, and anything
// else the compact one (RFC 7515 §7). White space (SP, HT, CR, LF) around
// the token is ignored, and [WithMaxSize] does not count it; white space
// inside it is an error ([jwa.ErrMalformed]). It checks the structure and
// the header rules that [Verify] applies (see the package overview) but no
// signature. Options: [WithPayload], [WithKnownCritical],
// [WithUnprotectedAlgorithm], [WithMaxSize], [WithMaxSignatures].
func Parse(token string, opts ...ParseOption) (_ *Message, err error) {
	defer errwrap.Own(&err, "jws")
	c, err := configure(opParse, opts)
	if err != nil {
		return nil, err
	}
	return parse(token, c)
}

func parse(token string, c *config) (*Message, error) {
	token = header.TrimSpace(token)
	if len(token) > c.maxSize {
		return nil, fmt.Errorf("jws: token of %d bytes is over the limit of %d (WithMaxSize): %w", len(token), c.maxSize, jwa.ErrLimitExceeded)
	}
	var m *Message
	var err error
	if len(token) > 0 && token[0] == '{' {
		m, err = parseJSON(token, c)
	} else {
		// Verify releases the signing input's scratch buffer; Parse
		// returns a Message that keeps it.
		m, err = parseCompact(token, c.op == opVerify)
	}
	if err != nil {
		return nil, err
	}
	if err := m.checkHeaders(c); err != nil {
		return nil, err
	}
	if err := m.setPayload(c); err != nil {
		return nil, err
	}
	return m, nil
}

// parseCompact splits header.payload.signature (RFC 7515 §7.1). The
// signing input (the token up to its second '.') is copied once, since a
// verifier takes bytes: for Verify into a pooled scratch buffer that the
// caller releases once the signature is checked (nothing it returns refers
// to it), for Parse into the Message's own buffer. The protected header,
// the signature and (later, in setPayload) the payload decode, straight
// from the token, into capped regions of one buffer, so that appending to
// one never writes into another.
func parseCompact(token string, pooled bool) (*Message, error) {
	if strings.Count(token, ".") != 2 { // counted before any allocation (T19)
		_, err := header.SplitCompact(token, 3)
		return nil, fmt.Errorf("jws: %w", err)
	}
	d1 := strings.IndexByte(token, '.')
	d2 := d1 + 1 + strings.IndexByte(token[d1+1:], '.')
	sig := token[d2+1:]
	pn, sn, yn := decodedLen(d1), decodedLen(len(sig)), decodedLen(d2-d1-1)

	m := &Message{format: Compact}
	m.pooled = m.onePooled[:0]
	var input, dec []byte
	if pooled {
		dec = make([]byte, pn+sn+yn)
		input = m.scratch(d2)[:d2:d2]
	} else {
		buf := make([]byte, d2+pn+sn+yn)
		input, dec = buf[:d2:d2], buf[d2:]
	}
	copy(input, token)
	m.inPool = pooled
	prot, seg := input[:d1:d1], input[d1+1:]
	m.segment, m.payloadBuf = seg, dec[pn+sn:pn+sn:pn+sn+yn]
	s := &m.one
	m.oneList[0] = s
	m.sigs = m.oneList[:]
	s.protectedB64, s.protected, s.unprotected = prot, &s.prot, &s.unprot
	raw, err := base64url.AppendDecode(dec[:0:pn], prot)
	if err != nil {
		return nil, malformed("protected header is not base64url: %w", err)
	}
	pm, err := header.ObjectAliased(raw)
	if err != nil {
		return nil, malformed("protected header: %w", err)
	}
	if err := s.prot.init(pm); err != nil {
		return nil, fmt.Errorf("jws: protected header: %w", err)
	}
	if s.sig, err = base64url.AppendDecodeString(dec[pn:pn:pn+sn], sig); err != nil {
		return nil, fmt.Errorf("jws: signature is not base64url: %w: %w (%w)", err, ErrInvalidSignature, jwa.ErrMalformed)
	}
	s.input = input
	return m, nil
}

// decodedLen is the decoded size of a base64url part of n characters, 0 for
// a length no valid encoding has (its decoding then fails).
func decodedLen(n int) int { return max(base64url.DecodedLen(n), 0) }

// jsonNames are the members of the JSON serializations (RFC 7515 §7.2.1).
var jsonNames = strictjson.NewNames("payload", "protected", "header", "signature", "signatures")

// parseJSON reads the general or the flattened JSON serialization (RFC 7515
// §7.2) under the strictjson rules: no duplicate members, nothing after the
// object (T21, T25). Member names are matched exactly, and a member whose
// name differs from one of RFC 7515 §7.2 only in case ("PROTECTED") is
// refused, not ignored: a parser that folds case would read it (T70).
func parseJSON(token string, c *config) (*Message, error) {
	top, err := jsonNames.ObjectAliasedExact([]byte(token)) // the conversion is the copy
	if err != nil {
		return nil, malformed("JSON serialization: %w", err)
	}
	m := &Message{format: Flattened}
	if raw, ok := top["payload"]; ok {
		p, err := jsonValue(raw, "payload")
		if err != nil {
			return nil, err
		}
		m.segment = p // a slice of this call's copy of the token; see setPayload
	} else {
		m.detached = true
	}
	objs := []map[string]json.RawMessage{top}
	if raw, ok := top["signatures"]; ok {
		m.format = General
		for _, name := range []string{"protected", "header", "signature"} {
			if _, ok := top[name]; ok {
				return nil, malformed("JSON serialization has both \"signatures\" and %q", name)
			}
		}
		if len(raw) == 0 || raw[0] != '[' {
			return nil, malformed(`"signatures" must be an array`)
		}
		// The elements are slices of top's buffer, this call's own copy
		// of the token: read in place, not through encoding/json.
		var list [][]byte
		if err := strictjson.EachElement(raw, func(v []byte) error {
			list = append(list, v)
			return nil
		}); err != nil {
			return nil, malformed(`"signatures" must be an array: %w`, err)
		}
		if len(list) == 0 {
			return nil, malformed(`"signatures" is empty`)
		}
		if len(list) > c.maxSignatures {
			return nil, fmt.Errorf("jws: %d signatures, over the limit of %d (WithMaxSignatures): %w", len(list), c.maxSignatures, jwa.ErrLimitExceeded)
		}
		objs = objs[:0]
		for i, r := range list {
			o, err := jsonNames.ObjectAliasedExact(r)
			if errors.Is(err, strictjson.ErrNameCase) {
				return nil, malformed("signature %d: %v", i, err)
			}
			if err != nil {
				return nil, malformed("signature %d is not a JSON object: %w", i, err)
			}
			objs = append(objs, o)
		}
	}
	for i, o := range objs {
		s, err := jsonSignature(o)
		if err != nil && len(objs) > 1 {
			return nil, fmt.Errorf("jws: signature %d: %w", i, err)
		}
		if err != nil {
			return nil, err
		}
		m.sigs = append(m.sigs, s)
	}
	return m, nil
}

// jsonSignature reads "protected", "header" and "signature" of one
// signature object.
func jsonSignature(o map[string]json.RawMessage) (*signature, error) {
	var prot, sig string
	var err error
	_, hasProt := o["protected"]
	if hasProt {
		if prot, err = jsonString(o["protected"], "protected"); err != nil {
			return nil, err
		}
		if prot == "" { // RFC 7515 §7.2.1: absent when the header is empty
			return nil, malformed(`"protected" is empty`)
		}
	}
	var unprot header.Members
	if raw, ok := o["header"]; ok {
		if unprot, err = header.Parse(raw, "unprotected header"); err != nil {
			return nil, fmt.Errorf("jws: %w", err)
		}
	}
	if !hasProt && unprot == nil { // RFC 7515 §7.2.1
		return nil, malformed("signature has neither a protected nor an unprotected header")
	}
	raw, ok := o["signature"]
	if !ok {
		return nil, malformed(`"signature" is missing`)
	}
	if sig, err = jsonString(raw, "signature"); err != nil {
		return nil, err
	}
	return newSignature(prot, hasProt, unprot, sig)
}

// newSignature decodes a signature's protected header and signature value.
func newSignature(protB64 string, hasProt bool, unprot header.Members, sig string) (*signature, error) {
	s := &signature{}
	s.protected, s.unprotected = &s.prot, &s.unprot
	if hasProt {
		s.protectedB64 = []byte(protB64)
		m, err := header.DecodeProtected(protB64)
		if err != nil {
			return nil, fmt.Errorf("jws: %w", err)
		}
		if err := s.prot.init(m); err != nil {
			return nil, fmt.Errorf("jws: protected header: %w", err)
		}
	}
	if unprot != nil {
		if err := s.unprot.init(unprot); err != nil {
			return nil, fmt.Errorf("jws: unprotected header: %w", err)
		}
	}
	var err error
	if s.sig, err = base64url.DecodeString(sig); err != nil {
		return nil, fmt.Errorf("jws: signature is not base64url: %w: %w (%w)", err, ErrInvalidSignature, jwa.ErrMalformed)
	}
	return s, nil
}

// jsonString reads the member name of a JSON serialization, which must be
// a string.
func jsonString(raw json.RawMessage, name string) (string, error) {
	s, err := jsonValue(raw, name)
	return string(s), err
}

// jsonValue is [jsonString] without the copy: the contents of the string,
// a slice of raw when nothing is escaped. raw is a value of an object
// strictjson checked, so Unquote refuses nothing that encoding/json would
// accept there.
func jsonValue(raw json.RawMessage, name string) ([]byte, error) {
	if len(raw) == 0 || raw[0] != '"' {
		return nil, malformed("%q must be a string", name)
	}
	s, err := strictjson.Unquote(raw)
	if err != nil {
		return nil, malformed("%q must be a string: %w", name, err)
	}
	return s, nil
}

// checkHeaders applies the header rules to every signature and reads the
// common "b64".
func (m *Message) checkHeaders(c *config) error {
	for i, s := range m.sigs {
		b64, err := checkSignatureHeaders(s, c.known)
		if err != nil && len(m.sigs) > 1 {
			return fmt.Errorf("jws: signature %d: %w", i, err)
		}
		if err != nil {
			return err
		}
		// RFC 7797 §3: every signature must agree on "b64".
		if i > 0 && b64 != m.b64 {
			return malformed(`signatures disagree on "b64"`)
		}
		m.b64 = b64
	}
	return nil
}

// checkSignatureHeaders applies to one signature the rules of RFC 7515 §4,
// RFC 7797 and docs/DESIGN.md, and returns its "b64" value; critical are the
// extension members "crit" may list. Sign runs it too, so it never writes a
// token that Verify refuses.
func checkSignatureHeaders(s *signature, critical []string) (bool, error) {
	p, u := s.protected, s.unprotected
	if err := header.Disjoint(p.m, u.m); err != nil { // RFC 7515 §7.2.1, T27
		return false, fmt.Errorf("jws: %w", err)
	}
	if _, err := header.CheckCrit(p.m, []header.Members{u.m}, registered, append([]string{"b64"}, critical...)); err != nil {
		return false, fmt.Errorf("jws: %w", err) // RFC 7515 §4.1.11, T23
	}
	if _, ok := p.m["zip"]; ok { // T45: compression is a JWE feature (RFC 7515 §4.1 has no "zip")
		return false, malformed(`"zip" has no meaning in a JWS`)
	}
	if _, ok := u.m["zip"]; ok {
		return false, malformed(`"zip" has no meaning in a JWS`)
	}
	if _, ok := u.m["b64"]; ok {
		return false, malformed(`"b64" must be in the protected header`) // RFC 7797 §3
	}
	if _, ok := p.m["b64"]; ok && !slices.Contains(p.Critical(), "b64") {
		return false, malformed(`"b64" must be listed in "crit"`) // RFC 7797 §6, T24
	}
	switch {
	case p.Algorithm() != "":
		s.alg, s.algProtected = p.Algorithm(), true
	case u.Algorithm() != "":
		s.alg = u.Algorithm()
	default:
		return false, malformed(`no "alg" header member`) // RFC 7515 §4.1.1
	}
	return p.Base64Payload(), nil
}

// setPayload decodes the payload, or takes the detached one.
func (m *Message) setPayload(c *config) error {
	if c.hasPayload {
		if len(m.segment) > 0 {
			return malformed("WithPayload was given but the token has a payload of its own") // T28
		}
		m.detached, m.payload = true, c.payload
		for _, s := range m.sigs {
			s.input = nil // the token's own input lacks the payload
		}
		if m.b64 {
			m.segment = base64url.AppendEncode(nil, c.payload)
		} else {
			m.segment = c.payload
		}
		return nil
	}
	if m.detached {
		return malformed("the payload is detached: give it with WithPayload")
	}
	if !m.b64 {
		// The segment is this package's own copy: a capped slice of the
		// compact token's buffer, or a slice of the JSON serialization's.
		// It is copied when that buffer is pooled, or holds the whole JSON
		// token, which the payload should not keep alive.
		m.payload = m.segment
		if m.inPool || m.format != Compact {
			m.payload = slices.Clone(m.segment)
		}
		return nil
	}
	var err error
	if m.payloadBuf != nil {
		m.payload, err = base64url.AppendDecode(m.payloadBuf, m.segment)
	} else {
		m.payload, err = base64url.Decode(m.segment)
	}
	if err != nil {
		return malformed("payload is not base64url: %w", err)
	}
	return nil
}

// signingInput returns the JWS Signing Input of s (RFC 7515 §5.1 step 5,
// RFC 7797 §3).
func (m *Message) signingInput(s *signature) []byte {
	if s.input != nil {
		return s.input
	}
	return appendSigningInput(nil, s.protectedB64, m.segment)
}

// appendSigningInput appends ASCII(protected) '.' segment, the input that
// Sign and Verify share.
func appendSigningInput(dst, protectedB64, segment []byte) []byte {
	dst = append(dst, protectedB64...)
	dst = append(dst, '.')
	return append(dst, segment...)
}

// jsonSig is one signature in the JSON serializations.
type jsonSig struct {
	Protected string         `json:"protected,omitempty"`
	Header    header.Members `json:"header,omitempty"`
	Signature string         `json:"signature"`
}

// encode writes m in the serialization f. The payload is left out when it is
// detached.
func (m *Message) encode(f Serialization) (string, error) {
	if f == Compact {
		s := m.sigs[0]
		seg := m.compactSegment()
		if !m.b64 && bytes.IndexByte(seg, '.') >= 0 {
			return "", malformed("an unencoded payload with a '.' cannot be compact (RFC 7797 §5.2): use a JSON serialization")
		}
		var b strings.Builder
		b.Grow(len(s.protectedB64) + 2 + len(seg) + base64url.EncodedLen(len(s.sig)))
		if s.input != nil && !m.detached {
			b.Write(s.input)
		} else {
			b.Write(s.protectedB64)
			b.WriteByte('.')
			b.Write(seg)
		}
		b.WriteByte('.')
		base64url.WriteEncode(&b, s.sig)
		return b.String(), nil
	}
	sigs := make([]jsonSig, len(m.sigs))
	for i, s := range m.sigs {
		sigs[i] = jsonSig{string(s.protectedB64), s.unprotected.m, base64url.EncodeToString(s.sig)}
	}
	var payload *string
	if !m.detached {
		if !m.b64 && !utf8.Valid(m.segment) {
			return "", malformed("an unencoded payload must be valid UTF-8 in a JSON serialization")
		}
		p := string(m.segment)
		payload = &p
	}
	var raw json.RawMessage
	var err error
	if f == General {
		raw, err = marshal(struct {
			Payload    *string   `json:"payload,omitempty"`
			Signatures []jsonSig `json:"signatures"`
		}{payload, sigs})
	} else {
		raw, err = marshal(struct {
			Payload *string `json:"payload,omitempty"`
			jsonSig
		}{payload, sigs[0]})
	}
	return string(raw), err
}

func (m *Message) compactSegment() []byte {
	if m.detached {
		return nil
	}
	return m.segment
}
