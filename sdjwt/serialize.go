package sdjwt

import (
	"encoding/json"
	"strings"

	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/internal/strictjson"
)

// DefaultMaxSize is the largest SD-JWT or presentation, in bytes, that
// [Parse], [ParseUnverified] and [Verify] read unless [WithMaxSize] says
// otherwise.
const DefaultMaxSize = 1 << 20

// token is an SD-JWT or SD-JWT+KB split into its parts.
type token struct {
	jwt         string   // the issuer-signed JWT, compact
	disclosures []string // as received
	kb          string   // the Key Binding JWT, "" if none
}

// sdHashInput returns the string "sd_hash" covers: the issuer-signed JWT and
// the disclosures, each followed by "~" (RFC 9901 §4.3.1). For a JSON
// serialization it is built from the JSON parts (RFC 9901 §8.1).
func (t *token) sdHashInput() string {
	var b strings.Builder
	b.WriteString(t.jwt)
	b.WriteByte('~')
	for _, d := range t.disclosures {
		b.WriteString(d)
		b.WriteByte('~')
	}
	return b.String()
}

// compact returns the "~"-separated form (RFC 9901 §4).
func (t *token) compact() string { return t.sdHashInput() + t.kb }

// flattened returns the flattened JWS JSON serialization (RFC 9901 §8.2).
func (t *token) flattened() (string, error) {
	parts := strings.Split(t.jwt, ".")
	if len(parts) != 3 {
		return "", malformed("the issuer-signed JWT is not a compact JWS")
	}
	header := map[string]any{"disclosures": t.disclosures}
	if t.disclosures == nil {
		header["disclosures"] = []string{}
	}
	if t.kb != "" {
		header["kb_jwt"] = t.kb
	}
	out, err := json.Marshal(map[string]any{
		"header":    header,
		"protected": parts[0],
		"payload":   parts[1],
		"signature": parts[2],
	})
	return string(out), err
}

// split reads an SD-JWT or SD-JWT+KB in the compact form or in a JWS JSON
// serialization (flattened or general, RFC 9901 §8), by its first byte.
func split(s string, maxSize int) (*token, error) {
	s = header.TrimSpace(s)
	if len(s) > maxSize {
		return nil, malformed("the SD-JWT is %d bytes, more than the limit of %d (WithMaxSize)", len(s), maxSize)
	}
	if strings.HasPrefix(s, "{") {
		return splitJSON([]byte(s))
	}
	return splitCompact(s)
}

// splitCompact reads <JWT>~<D1>~...~<Dn>~[<KB-JWT>] (RFC 9901 §4).
func splitCompact(s string) (*token, error) {
	first := strings.IndexByte(s, '~')
	if first < 0 {
		// RFC 9901 §4: the last "~" must not be omitted.
		return nil, malformed("no '~' after the issuer-signed JWT: not an SD-JWT")
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == '~', b == '.', b == '-', b == '_',
			b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9':
		default:
			return nil, malformed("byte %d of the SD-JWT is not base64url, '.' or '~'", i)
		}
	}
	parts := strings.Split(s, "~")
	t := &token{jwt: parts[0], kb: parts[len(parts)-1]}
	if n := len(parts) - 2; n > 0 {
		t.disclosures = parts[1 : len(parts)-1]
	}
	if err := t.checkParts(); err != nil {
		return nil, err
	}
	return t, nil
}

// checkParts checks the shape of each part: a JWT with three parts, and
// disclosures that are not empty.
func (t *token) checkParts() error {
	if strings.Count(t.jwt, ".") != 2 {
		return malformed("the issuer-signed JWT is not a compact JWS")
	}
	for i, d := range t.disclosures {
		if d == "" || strings.Contains(d, ".") {
			return malformed("disclosure %d is empty or not base64url", i+1)
		}
	}
	if t.kb != "" && strings.Count(t.kb, ".") != 2 {
		return malformed("the Key Binding JWT is not a compact JWS")
	}
	return nil
}

// jsonHeader is the unprotected header of RFC 9901 §8.1.
type jsonHeader struct {
	Disclosures []string `json:"disclosures"`
	KB          *string  `json:"kb_jwt"`
}

type jsonSignature struct {
	Protected string          `json:"protected"`
	Header    json.RawMessage `json:"header"`
	Signature string          `json:"signature"`
}

// splitJSON reads the flattened or general JWS JSON serialization of RFC 9901
// §8. Disclosures and the Key Binding JWT come from the unprotected header of
// the first signature only (RFC 9901 §8.3); the issuer-signed JWT is that
// signature in compact form, the one sd_hash covers (RFC 9901 §8.1).
func splitJSON(data []byte) (*token, error) {
	if err := strictjson.Check(data); err != nil {
		return nil, malformed("JSON serialization: %w", err)
	}
	var m struct {
		jsonSignature
		Payload    *string         `json:"payload"`
		Signatures []jsonSignature `json:"signatures"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, malformed("JSON serialization: %w", err)
	}
	if m.Payload == nil {
		return nil, malformed("JSON serialization without a payload")
	}
	sigs := m.Signatures
	switch {
	case sigs == nil && m.Signature != "":
		sigs = []jsonSignature{m.jsonSignature}
	case len(sigs) == 0 || m.Signature != "" || m.Protected != "" || m.Header != nil:
		return nil, malformed("JSON serialization is neither flattened nor general")
	}
	t := &token{}
	for i, sig := range sigs {
		var h jsonHeader
		if sig.Header != nil {
			if err := json.Unmarshal(sig.Header, &h); err != nil {
				return nil, malformed("JSON serialization: unprotected header %d: %w", i+1, err)
			}
		}
		if i > 0 {
			if h.Disclosures != nil || h.KB != nil {
				// RFC 9901 §8.3
				return nil, malformed("\"disclosures\" or \"kb_jwt\" in the header of signature %d, not the first", i+1)
			}
			continue
		}
		if sig.Protected == "" || sig.Signature == "" {
			return nil, malformed("JSON serialization: first signature has no protected header or signature")
		}
		t.jwt = sig.Protected + "." + *m.Payload + "." + sig.Signature
		t.disclosures = h.Disclosures
		if h.KB != nil {
			if *h.KB == "" {
				return nil, malformed("empty \"kb_jwt\"")
			}
			t.kb = *h.KB
		}
	}
	if err := t.checkParts(); err != nil {
		return nil, err
	}
	return t, nil
}
