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

// jwsNames are the members of the JWS JSON serializations (RFC 7515
// §7.2.1), and headerNames those SD-JWT reads in an unprotected header (RFC
// 9901 §8.1).
var (
	jwsNames    = strictjson.NewNames("payload", "protected", "header", "signature", "signatures")
	headerNames = strictjson.NewNames("disclosures", "kb_jwt")
)

// splitJSON reads the flattened or general JWS JSON serialization of RFC 9901
// §8. Disclosures and the Key Binding JWT come from the unprotected header of
// the first signature only (RFC 9901 §8.3); the issuer-signed JWT is that
// signature in compact form, the one sd_hash covers (RFC 9901 §8.1).
//
// Member names are matched exactly, and a member whose name differs from
// one of these only in case ("PAYLOAD", "Disclosures") is refused: a
// parser that folds case would read it (T70).
func splitJSON(data []byte) (*token, error) {
	top, err := jwsNames.ObjectExact(data)
	if err != nil {
		return nil, malformed("JSON serialization: %w", err)
	}
	payload, ok, err := jsonString(top, "payload")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("JSON serialization without a payload")
	}
	sigs, err := jsonSignatures(top)
	if err != nil {
		return nil, err
	}
	t := &token{}
	for i, sig := range sigs {
		var h map[string]json.RawMessage
		if raw, ok := sig["header"]; ok {
			if h, err = headerNames.ObjectExact(raw); err != nil {
				return nil, malformed("JSON serialization: unprotected header %d: %w", i+1, err)
			}
		}
		rawDisclosures, hasDisclosures := h["disclosures"]
		kb, hasKB, err := jsonString(h, "kb_jwt")
		if err != nil {
			return nil, err
		}
		if i > 0 {
			if hasDisclosures || hasKB {
				// RFC 9901 §8.3
				return nil, malformed("\"disclosures\" or \"kb_jwt\" in the header of signature %d, not the first", i+1)
			}
			continue
		}
		protected, _, err := jsonString(sig, "protected")
		if err != nil {
			return nil, err
		}
		signature, _, err := jsonString(sig, "signature")
		if err != nil {
			return nil, err
		}
		if protected == "" || signature == "" {
			return nil, malformed("JSON serialization: first signature has no protected header or signature")
		}
		t.jwt = protected + "." + payload + "." + signature
		if hasDisclosures {
			if t.disclosures, err = strictjson.StringArray(rawDisclosures); err != nil {
				return nil, malformed("JSON serialization: \"disclosures\" is not an array of strings")
			}
		}
		if hasKB {
			if kb == "" {
				return nil, malformed("empty \"kb_jwt\"")
			}
			t.kb = kb
		}
	}
	if err := t.checkParts(); err != nil {
		return nil, err
	}
	return t, nil
}

// jsonSignatures returns the signature objects of a JSON serialization: the
// top level itself when flattened, the elements of "signatures" when
// general.
func jsonSignatures(top map[string]json.RawMessage) ([]map[string]json.RawMessage, error) {
	raw, general := top["signatures"]
	if !general {
		if _, ok := top["signature"]; !ok {
			return nil, malformed("JSON serialization is neither flattened nor general")
		}
		return []map[string]json.RawMessage{top}, nil
	}
	for _, name := range []string{"protected", "header", "signature"} {
		if _, ok := top[name]; ok {
			return nil, malformed("JSON serialization is neither flattened nor general")
		}
	}
	var sigs []map[string]json.RawMessage
	if len(raw) == 0 || raw[0] != '[' {
		return nil, malformed("JSON serialization: \"signatures\" is not an array")
	}
	err := strictjson.EachElement(raw, func(v []byte) error {
		o, err := jwsNames.ObjectExact(v)
		if err != nil {
			return malformed("JSON serialization: signature %d: %w", len(sigs)+1, err)
		}
		sigs = append(sigs, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(sigs) == 0 {
		return nil, malformed("JSON serialization is neither flattened nor general")
	}
	return sigs, nil
}

// jsonString reads a member that must be a string when present.
func jsonString(o map[string]json.RawMessage, name string) (string, bool, error) {
	s, ok, err := strictjson.StringMember(o, name)
	if err != nil {
		return "", false, malformed("JSON serialization: %w", err)
	}
	return s, ok, nil
}
