package jws

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Header is one JOSE header of a signature: its protected or its
// unprotected part. Its registered members were type-checked when the token
// was parsed. A Header is never nil in a [Signature]; an absent header has
// no members. The zero value and a nil *Header are empty headers.
type Header struct {
	m    header.Members
	alg  jwa.SignatureAlgorithm // "alg", read once by init
	jwk  *jwk.Key
	x5c  []*x509.Certificate
	x5t  []byte
	x5tS []byte
}

// registered are the header members RFC 7515 §4.1 and RFC 7518 §4.1 define
// (the JWE ones too: "crit" must not list any of them, RFC 7515 §4.1.11).
var registered = []string{
	"alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
	"enc", "zip", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
}

// knownAlgs maps the JSON string of each JWS algorithm name, quotes
// included, to the name, so that reading "alg" allocates nothing.
var knownAlgs = func() map[string]jwa.SignatureAlgorithm {
	out := map[string]jwa.SignatureAlgorithm{}
	for _, a := range []jwa.SignatureAlgorithm{
		jwa.HS256, jwa.HS384, jwa.HS512, jwa.RS256, jwa.RS384, jwa.RS512,
		jwa.PS256, jwa.PS384, jwa.PS512, jwa.ES256, jwa.ES384, jwa.ES512,
		jwa.EdDSA, jwa.Ed25519, jwa.NoSignature,
	} {
		out[`"`+string(a)+`"`] = a
	}
	return out
}()

// MarshalJSON writes the header's members as they stood in the token.
func (h *Header) MarshalJSON() ([]byte, error) { return h.members().MarshalJSON() }

// str returns a string member that was checked when the header was made.
func (h *Header) str(name string) string {
	if h == nil {
		return ""
	}
	s, _, _ := h.m.String(name)
	return s
}

// Algorithm returns "alg", or "".
func (h *Header) Algorithm() jwa.SignatureAlgorithm {
	if h == nil {
		return ""
	}
	return h.alg
}

// KeyID returns "kid", or "".
func (h *Header) KeyID() string { return h.str("kid") }

// Type returns "typ", or "".
func (h *Header) Type() string { return h.str("typ") }

// ContentType returns "cty", or "".
func (h *Header) ContentType() string { return h.str("cty") }

// JWKSetURL returns "jku", or "". The package never fetches it.
func (h *Header) JWKSetURL() string { return h.str("jku") }

// X509URL returns "x5u", or "". The package never fetches it.
func (h *Header) X509URL() string { return h.str("x5u") }

// Critical returns "crit", or nil.
func (h *Header) Critical() []string { return h.members().Critical() }

// Base64Payload returns "b64" (RFC 7797 §3): false when the payload is
// unencoded, true when the member is absent.
func (h *Header) Base64Payload() bool {
	if h == nil {
		return true
	}
	b, ok, _ := h.m.Bool("b64")
	return b || !ok
}

// JWK returns the public key of "jwk", or nil. It is what the token says,
// not a key to trust; see [WithEmbeddedKey].
func (h *Header) JWK() *jwk.Key {
	if h == nil {
		return nil
	}
	return h.jwk
}

// X509Chain returns the parsed "x5c" chain, leaf first, or nil. Nothing in
// it is verified; see [WithX509].
func (h *Header) X509Chain() []*x509.Certificate {
	if h == nil {
		return nil
	}
	return slices.Clone(h.x5c)
}

// X509Thumbprint returns "x5t" decoded (a SHA-1 certificate digest), or nil.
func (h *Header) X509Thumbprint() []byte {
	if h == nil {
		return nil
	}
	return slices.Clone(h.x5t)
}

// X509ThumbprintSHA256 returns "x5t#S256" decoded, or nil.
func (h *Header) X509ThumbprintSHA256() []byte {
	if h == nil {
		return nil
	}
	return slices.Clone(h.x5tS)
}

// Get returns the JSON value of any member, registered or not.
func (h *Header) Get(name string) (json.RawMessage, bool) { return h.members().Get(name) }

// Names returns the member names, sorted.
func (h *Header) Names() []string { return h.members().Names() }

// Len returns the number of members.
func (h *Header) Len() int { return len(h.members()) }

// members returns the members; none for a nil header.
func (h *Header) members() header.Members {
	if h == nil {
		return nil
	}
	return h.m
}

// newHeader checks the types of the registered members of m (T22) and
// decodes the ones that need it.
func newHeader(m header.Members) (*Header, error) {
	h := &Header{}
	if err := h.init(m); err != nil {
		return nil, err
	}
	return h, nil
}

// init is newHeader that fills h in place.
func (h *Header) init(m header.Members) error {
	*h = Header{m: m}
	if raw, ok := m["alg"]; ok {
		if alg, known := knownAlgs[string(raw)]; known { // the quoted name: no escapes to decode
			h.alg = alg
		} else {
			s, _, err := m.String("alg")
			if err != nil {
				return err
			}
			h.alg = jwa.SignatureAlgorithm(s)
		}
	}
	for _, name := range []string{"kid", "typ", "cty", "jku", "x5u"} {
		if _, _, err := m.String(name); err != nil {
			return err
		}
	}
	if _, _, err := m.Strings("crit"); err != nil {
		return err
	}
	if _, _, err := m.Bool("b64"); err != nil {
		return err
	}
	var err error
	if h.x5t, _, err = m.Bytes("x5t"); err != nil {
		return err
	}
	if h.x5tS, _, err = m.Bytes("x5t#S256"); err != nil {
		return err
	}
	if h.x5c, err = parseX5C(m); err != nil {
		return err
	}
	if raw, ok := m["jwk"]; ok {
		if h.jwk, err = parseJWK(raw); err != nil {
			return err
		}
	}
	return nil
}

// parseX5C decodes "x5c" (RFC 7515 §4.1.6) as jwk does for a JWK.
func parseX5C(m header.Members) ([]*x509.Certificate, error) {
	list, ok, err := m.Strings("x5c")
	if !ok || err != nil {
		return nil, err
	}
	certs, err := jwk.ParseCertificates(list)
	if err != nil {
		return nil, fmt.Errorf("jws: %w", err)
	}
	return certs, nil
}

// parseJWK reads the "jwk" member: a public, non-secret key (RFC 7515
// §4.1.3: the key the token was signed with, so a public key).
func parseJWK(raw json.RawMessage) (*jwk.Key, error) {
	k, err := jwk.Parse(raw)
	if err != nil {
		// The cause stays visible to errors.Is (a ROCA key is
		// jwk.ErrVulnerableKey); jwk.ErrInvalidKeyData, which names a key
		// the caller gave, does not.
		return nil, malformed(`"jwk": %w`, header.TokenKeyError(err, jwk.ErrInvalidKeyData))
	}
	if k.IsPrivate() || k.IsSymmetric() {
		// RFC 7515 §4.1.3 and RFC 9449 §4.3 step 7: a header key is public.
		return nil, fmt.Errorf(`jws: "jwk" holds a private or secret key: %w: %w`, jwa.ErrMalformed, jwa.ErrInvalidKey)
	}
	return k, nil
}

// plainString reports that s, as the value of member name, needs no check
// but being a string, and nothing escaped: the "kid", "typ" or "cty" of
// the common case.
func plainString(name, s string) bool {
	return (name == "kid" || name == "typ" || name == "cty") && plainJSON(s)
}

// encodeMember marshals a header value given to Sign and checks that a
// registered member has its registered type.
func encodeMember(name string, value any) (json.RawMessage, error) {
	if s, ok := value.(string); ok && plainString(name, s) {
		// The common case, written directly: a string member whose only
		// type rule is being a string, with nothing to escape.
		return json.RawMessage(`"` + s + `"`), nil
	}
	switch name {
	case "jwk":
		k, err := jwk.FromKey(value)
		if err != nil {
			return nil, err
		}
		if k.IsSymmetric() {
			return nil, fmt.Errorf("a secret key cannot be written in a header: %w", jwa.ErrInvalidKey)
		}
		value = k.Public()
	case "x5c":
		if certs, ok := value.([]*x509.Certificate); ok {
			list := make([]string, len(certs))
			for i, c := range certs {
				if c == nil {
					return nil, malformed("nil certificate")
				}
				list[i] = base64.StdEncoding.EncodeToString(c.Raw)
			}
			value = list
		}
	case "x5t", "x5t#S256":
		if b, ok := value.([]byte); ok {
			value = base64url.EncodeToString(b)
		}
	}
	raw, err := marshal(value)
	if err != nil {
		return nil, err
	}
	// The same type checks as a verifier's, so Sign never writes a header
	// that Verify refuses.
	if _, err := newHeader(header.Members{name: raw}); err != nil {
		return nil, err
	}
	return raw, nil
}

// plainJSON reports whether s is printable ASCII that JSON writes as it is
// (no quote, backslash or control character).
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// marshal encodes v as JSON without HTML escaping.
func marshal(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
