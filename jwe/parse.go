package jwe

import (
	"encoding/json"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// Serialization is the form a JWE was read in or is written in.
type Serialization int

// Serializations (RFC 7516 §7).
const (
	Compact   Serialization = iota // five base64url parts joined by dots, §7.1
	General                        // JSON with "recipients", §7.2.1
	Flattened                      // JSON with one recipient at top level, §7.2.2
)

// String returns "compact", "general JSON" or "flattened JSON".
func (s Serialization) String() string {
	switch s {
	case Compact:
		return "compact"
	case General:
		return "general JSON"
	case Flattened:
		return "flattened JSON"
	}
	return "unknown"
}

// Message is a parsed JWE: its structure, checked, but nothing decrypted or
// authenticated. The protected header is as the token says; it is only
// authenticated once [DecryptMessage] succeeded.
type Message struct {
	// Serialization is the form the token was in.
	Serialization Serialization
	// Protected is the integrity-protected header; empty (not nil) when
	// the token has none.
	Protected *Header
	// Shared is the shared unprotected header ("unprotected"); empty when
	// absent.
	Shared *Header
	// Recipients has one entry per recipient: one for the compact and
	// flattened forms.
	Recipients []Recipient
	// AAD is the external additional authenticated data ("aad"), decoded;
	// nil when absent.
	AAD []byte
	// IV, Ciphertext and Tag are the decoded content parts.
	IV, Ciphertext, Tag []byte

	rawProtected []byte // the base64url of the protected header, as given
	rawAAD       []byte // the base64url of aad, as given
	hasAAD       bool
	// ctTag is Ciphertext followed by Tag in one buffer that only this
	// Message holds, which an AEAD can open in place; nil when the parts
	// are apart.
	ctTag []byte
}

// Recipient is one recipient of a [Message].
type Recipient struct {
	// Header is the per-recipient unprotected header ("header"); empty
	// when absent.
	Header *Header
	// EncryptedKey is the JWE Encrypted Key, decoded; empty for dir and
	// ECDH-ES.
	EncryptedKey []byte
}

// JOSEHeader returns the JOSE Header of recipient i: the union of the
// protected, shared and per-recipient headers (disjoint, RFC 7516 §7.2.1).
// It returns nil when i is out of range. Nothing in it is authenticated,
// and the union no longer says which header each member came from: after
// [DecryptMessage], act on [Result.Protected] only (see [Result.Source]).
func (m *Message) JOSEHeader(i int) *Header {
	if i < 0 || i >= len(m.Recipients) {
		return nil
	}
	return merge(m.Protected, m.Shared, m.Recipients[i].Header)
}

// jsonJWE is both JSON serializations, for writing.
type jsonJWE struct {
	Protected    string          `json:"protected,omitempty"`
	Unprotected  json.RawMessage `json:"unprotected,omitempty"`
	Header       json.RawMessage `json:"header,omitempty"`
	EncryptedKey *string         `json:"encrypted_key,omitempty"`
	Recipients   []jsonRecipient `json:"recipients,omitempty"`
	AAD          *string         `json:"aad,omitempty"`
	IV           string          `json:"iv,omitempty"`
	Ciphertext   *string         `json:"ciphertext,omitempty"`
	Tag          string          `json:"tag,omitempty"`
}

type jsonRecipient struct {
	Header       json.RawMessage `json:"header,omitempty"`
	EncryptedKey string          `json:"encrypted_key,omitempty"`
}

// Parse reads a JWE in any of the three serializations: compact when the
// first byte is not "{", JSON otherwise (general when it has "recipients",
// flattened when not). White space (SP, HT, CR, LF) around the token is
// ignored, and [WithMaxSize] does not count it; white space inside it is an
// error. It checks the structure
// only: strict base64url (T20), strict JSON without duplicate or case-folded
// member names (T21), the JSON types of the registered header members (T22),
// headers pairwise disjoint (T27), "zip" only in the protected header (T45),
// "crit" only there, and the limits of [WithMaxSize], [WithMaxRecipients]
// and [WithMaxHeaderSize]. Nothing is decrypted or authenticated.
//
// Errors wrap [jwa.ErrMalformed] or [jwa.ErrLimitExceeded].
func Parse(token string, opts ...ParseOption) (_ *Message, err error) {
	defer errwrap.Own(&err, "jwe")
	c, err := configure(callParse, opts)
	if err != nil {
		return nil, err
	}
	return c.parse(token)
}

func (c *config) parse(token string) (*Message, error) {
	maxSize, maxRecips, maxHeader := c.limits()
	token = header.TrimSpace(token)
	if len(token) > maxSize {
		return nil, limit("token of %d bytes is over the limit of %d", len(token), maxSize)
	}
	var m *Message
	var err error
	if len(token) > 0 && token[0] == '{' {
		m, err = parseJSON(token, maxRecips, maxHeader)
	} else {
		m, err = parseCompact(token, maxHeader)
	}
	if err != nil {
		return nil, err
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	return m, nil
}

// compactParts names the five parts of RFC 7516 §7.1 in errors.
var compactParts = [5]string{"protected header", "encrypted key", "iv", "ciphertext", "tag"}

// parseCompact decodes the five parts into one buffer, the ciphertext and
// the tag side by side so that decryption can work in place, after a copy
// of the encoded protected header, the AAD (RFC 7516 §5.1 step 14). The
// parts decode from the token itself.
func parseCompact(token string, maxHeader int) (*Message, error) {
	if token == "" {
		return nil, malformed("the token is empty")
	}
	// T19: count the dots before anything is allocated.
	if n := strings.Count(token, "."); n != 4 {
		return nil, malformed("compact serialization has %d parts, want 5", n+1)
	}
	var parts [5]string
	rest := token
	for i := range 4 {
		j := strings.IndexByte(rest, '.')
		parts[i], rest = rest[:j], rest[j+1:]
	}
	parts[4] = rest
	if len(parts[0]) == 0 {
		return nil, malformed("compact serialization needs a protected header")
	}
	if base64url.DecodedLen(len(parts[0])) > maxHeader {
		return nil, limit("protected header over the limit of %d bytes", maxHeader)
	}
	size := len(parts[0])
	for _, p := range parts {
		size += max(base64url.DecodedLen(len(p)), 0)
	}
	buf := append(make([]byte, 0, size), parts[0]...)
	rawProtected := buf[:len(buf):len(buf)]
	start := len(buf)
	var ends [5]int
	var m *Message
	for i, p := range parts {
		var err error
		if buf, err = base64url.AppendDecodeString(buf, p); err != nil {
			return nil, malformed("%s is not base64url: %w", compactParts[i], err)
		}
		ends[i] = len(buf)
		if i == 0 {
			// The members are slices of the header's part of buf, which
			// nothing writes to again.
			h, err := header.ObjectAliased(buf[start:ends[0]:ends[0]])
			if err != nil {
				return nil, malformed("protected header: %w", err)
			}
			m = &Message{Serialization: Compact, Protected: newHeader(h), Shared: newHeader(nil), rawProtected: rawProtected}
		}
	}
	m.Recipients = []Recipient{{Header: newHeader(nil), EncryptedKey: buf[ends[0]:ends[1]:ends[1]]}}
	m.IV = buf[ends[1]:ends[2]:ends[2]]
	m.Ciphertext = buf[ends[2]:ends[3]:ends[3]]
	m.Tag = buf[ends[3]:ends[4]:ends[4]]
	m.ctTag = buf[ends[2]:ends[4]:ends[4]]
	return m, nil
}

func decodePart(what, s string) ([]byte, error) {
	b, err := base64url.DecodeString(s)
	if err != nil {
		return nil, malformed("%s is not base64url: %w", what, err)
	}
	return b, nil
}

func decodeProtected(b64 string, maxHeader int) (*Header, error) {
	if base64url.DecodedLen(len(b64)) > maxHeader {
		return nil, limit("protected header over the limit of %d bytes", maxHeader)
	}
	m, err := header.DecodeProtected(b64)
	if err != nil {
		return nil, err
	}
	return newHeader(m), nil
}

func parseUnprotected(raw json.RawMessage, what string, maxHeader int) (*Header, error) {
	if raw == nil {
		return newHeader(nil), nil
	}
	if len(raw) > maxHeader {
		return nil, limit("%s over the limit of %d bytes", what, maxHeader)
	}
	m, err := header.Parse(raw, what)
	if err != nil {
		return nil, err
	}
	return newHeader(m), nil
}

// jsonNames are the members of the JSON serializations (RFC 7516 §7.2.1),
// and recipientNames those of a "recipients" element.
var (
	jsonNames = strictjson.NewNames("protected", "unprotected", "header", "encrypted_key",
		"recipients", "aad", "iv", "ciphertext", "tag")
	recipientNames = strictjson.NewNames("header", "encrypted_key")
)

// parseJSON reads the general or flattened JSON serialization. Member names
// are matched exactly, and a member whose name differs from one of RFC 7516
// §7.2.1 only in case ("PROTECTED") is refused rather than ignored, since a
// parser that folds case, as encoding/json does, would read it (T70).
func parseJSON(token string, maxRecips, maxHeader int) (*Message, error) {
	top, err := jsonNames.ObjectAliasedExact([]byte(token)) // the conversion is the copy
	if err != nil {
		return nil, malformed("JSON serialization: %w", err)
	}
	_, general := top["recipients"]
	m := &Message{Serialization: Flattened}
	var recipients []map[string]json.RawMessage
	if general {
		m.Serialization = General
		// RFC 7516 §7.2.2: the flattened members are not used alongside
		// "recipients"; a token with both could be read two ways (T25).
		for _, name := range []string{"header", "encrypted_key"} {
			if _, ok := top[name]; ok {
				return nil, malformed("JSON serialization has both \"recipients\" and %q", name)
			}
		}
		if recipients, err = parseRecipients(top["recipients"], maxRecips); err != nil {
			return nil, err
		}
	} else {
		recipients = []map[string]json.RawMessage{top}
	}
	if _, ok := top["ciphertext"]; !ok {
		return nil, malformed(`JSON serialization has no "ciphertext"`)
	}
	protected, _, err := jsonString(top, "protected")
	if err != nil {
		return nil, err
	}
	if m.Protected, err = newHeader(nil), nil; protected != "" {
		if m.Protected, err = decodeProtected(protected, maxHeader); err != nil {
			return nil, err
		}
	}
	m.rawProtected = []byte(protected)
	if m.Shared, err = parseUnprotected(top["unprotected"], "shared unprotected header", maxHeader); err != nil {
		return nil, err
	}
	for _, r := range recipients {
		h, err := parseUnprotected(r["header"], "per-recipient header", maxHeader)
		if err != nil {
			return nil, err
		}
		ek, err := decodeMember(r, "encrypted_key")
		if err != nil {
			return nil, err
		}
		m.Recipients = append(m.Recipients, Recipient{Header: h, EncryptedKey: ek})
	}
	aad, hasAAD, err := jsonString(top, "aad")
	if err != nil {
		return nil, err
	}
	if hasAAD {
		if m.AAD, err = decodePart("aad", aad); err != nil {
			return nil, err
		}
		m.rawAAD, m.hasAAD = []byte(aad), true
	}
	if m.IV, err = decodeMember(top, "iv"); err != nil {
		return nil, err
	}
	if m.Ciphertext, err = decodeMember(top, "ciphertext"); err != nil {
		return nil, err
	}
	if m.Tag, err = decodeMember(top, "tag"); err != nil {
		return nil, err
	}
	return m, nil
}

// parseRecipients reads "recipients": a non-empty array of at most
// maxRecips objects, each read as the top level is. raw is a slice of
// parseJSON's copy of the token, which nothing else holds or writes.
func parseRecipients(raw json.RawMessage, maxRecips int) ([]map[string]json.RawMessage, error) {
	if len(raw) == 0 || raw[0] != '[' {
		return nil, malformed(`"recipients" must be a non-empty array`)
	}
	var out []map[string]json.RawMessage
	err := strictjson.EachElement(raw, func(v []byte) error {
		if len(out) == maxRecips {
			return limit("more than %d recipients, over the limit", maxRecips)
		}
		r, err := recipientNames.ObjectAliasedExact(v) // v aliases parseJSON's own copy of the token
		if err != nil {
			return malformed("recipient %d: %v", len(out), err)
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, malformed(`"recipients" must be a non-empty array`)
	}
	return out, nil
}

// jsonString reads a member of a JSON serialization that must be a string
// when present.
func jsonString(o map[string]json.RawMessage, name string) (string, bool, error) {
	s, ok, err := strictjson.StringMember(o, name)
	if err != nil {
		return "", false, malformed("JSON serialization: %v", err)
	}
	return s, ok, nil
}

// decodeMember reads a base64url member of a JSON serialization; an absent
// one is empty.
func decodeMember(o map[string]json.RawMessage, name string) ([]byte, error) {
	s, _, err := jsonString(o, name)
	if err != nil {
		return nil, err
	}
	return decodePart(name, s)
}

// check applies the header rules that do not depend on the caller's keys.
func (m *Message) check() error {
	for _, h := range append([]*Header{m.Protected, m.Shared}, recipientHeaders(m)...) {
		if err := checkMembers(h.m); err != nil {
			return err
		}
	}
	// T45: "zip" changes how the plaintext is read, so it must be
	// integrity protected (RFC 7516 §4.1.3 wants it in the protected header).
	if _, ok := m.Shared.m["zip"]; ok {
		return malformed(`"zip" must be in the protected header`)
	}
	for i, r := range m.Recipients {
		if _, ok := r.Header.m["zip"]; ok {
			return malformed(`"zip" must be in the protected header`)
		}
		// RFC 7516 §7.2.1: the protected, shared and per-recipient headers
		// must be disjoint (T27).
		if err := header.Disjoint(m.Protected.m, m.Shared.m, r.Header.m); err != nil {
			return err
		}
		h := m.JOSEHeader(i)
		// RFC 7516 §4.1.1, §4.1.2: "alg" and "enc" are required.
		if h.Algorithm() == "" {
			return malformed("recipient %d has no \"alg\"", i)
		}
		if h.Algorithm().IsIntegrated() {
			if err := m.checkIntegrated(h); err != nil {
				return err
			}
			continue
		}
		if h.Encryption() == "" {
			return malformed("recipient %d has no \"enc\"", i)
		}
		// RFC 7516 §7.2.1: one content encryption for all recipients.
		if h.Encryption() != m.JOSEHeader(0).Encryption() {
			return malformed(`recipients disagree on "enc"`)
		}
	}
	return nil
}

func recipientHeaders(m *Message) []*Header {
	hs := make([]*Header, len(m.Recipients))
	for i, r := range m.Recipients {
		hs[i] = r.Header
	}
	return hs
}

// aadInput is the Additional Authenticated Data of RFC 7516 §5.1 step 14:
// ASCII(BASE64URL(protected)), then "." and BASE64URL(aad) when "aad" is
// present.
func aadInput(rawProtected, rawAAD []byte, hasAAD bool) []byte {
	if !hasAAD {
		return rawProtected
	}
	b := make([]byte, 0, len(rawProtected)+1+len(rawAAD))
	b = append(b, rawProtected...)
	return append(append(b, '.'), rawAAD...)
}

var _ = jwa.ErrMalformed
