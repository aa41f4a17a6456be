package sdjwt

import (
	"bytes"
	"crypto"
	"crypto/rand"
	_ "crypto/sha256" // sha-256 digests
	_ "crypto/sha512" // sha-384 and sha-512 digests
	"encoding/json"
	"fmt"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
)

// HashAlgorithm names the hash function of the digests, as in the "_sd_alg"
// claim: a "Hash Name String" of the IANA Named Information Hash Algorithm
// registry (RFC 9901 §4.1.1).
type HashAlgorithm string

// The hash algorithms implemented. SHA256 is the default (RFC 9901 §4.1.1).
// Truncated hashes of the registry (sha-256-32 and the like) are not
// offered: they are unfit for digests (RFC 9901 §9.4).
const (
	SHA256 HashAlgorithm = "sha-256"
	SHA384 HashAlgorithm = "sha-384"
	SHA512 HashAlgorithm = "sha-512"
)

var hashes = map[HashAlgorithm]crypto.Hash{
	SHA256: crypto.SHA256,
	SHA384: crypto.SHA384,
	SHA512: crypto.SHA512,
}

// Digest returns the base64url-encoded digest of s, a disclosure or an
// SD-JWT as the Key Binding JWT's "sd_hash" covers it, taken over its ASCII
// bytes (RFC 9901 §4.2.3, §4.3.1). It fails with [ErrHashAlgorithm] for a
// name this package does not implement.
func (h HashAlgorithm) Digest(s string) (string, error) {
	ch, ok := hashes[h]
	if !ok {
		return "", fmt.Errorf("sdjwt: hash algorithm %.40q: %w", string(h), ErrHashAlgorithm)
	}
	w := ch.New()
	w.Write([]byte(s))
	return base64url.EncodeToString(w.Sum(nil)), nil
}

// A Disclosure reveals one selectively disclosable claim: an object member
// (salt, name and value) or an array element (salt and value), encoded as
// the base64url of a JSON array (RFC 9901 §4.2). Its digest is taken over
// that encoded string, so the string is kept exactly as received.
type Disclosure struct {
	encoded string
	salt    string
	name    string
	element bool
	value   json.RawMessage
	path    string
	parent  *Disclosure // the disclosure whose value holds this one's digest
	used    bool
}

// NewDisclosure makes the disclosure of an object member named name
// (RFC 9901 §4.2.1). The name must not be "_sd" or "...". value is
// marshalled with encoding/json, except that a json.RawMessage is used as
// it is (it must be valid JSON), so that a caller can reproduce an exact
// encoding. The array is written with ", " between its elements, as the RFC's
// examples are. salt should come from a secure random source and carry at
// least 128 bits (RFC 9901 §9.3); [Issue] makes its own.
func NewDisclosure(salt, name string, value any) (_ *Disclosure, err error) {
	defer errwrap.Own(&err, "sdjwt")
	if name == "_sd" || name == "..." {
		return nil, fmt.Errorf("sdjwt: a disclosure cannot name a claim %q (RFC 9901 §4.2.1): %w", name, ErrInvalidOption)
	}
	return newDisclosure(salt, &name, value)
}

// NewArrayDisclosure makes the disclosure of an array element
// (RFC 9901 §4.2.2). salt and value are as for [NewDisclosure].
func NewArrayDisclosure(salt string, value any) (_ *Disclosure, err error) {
	defer errwrap.Own(&err, "sdjwt")
	return newDisclosure(salt, nil, value)
}

func newDisclosure(salt string, name *string, value any) (*Disclosure, error) {
	var raw []byte
	if r, ok := value.(json.RawMessage); ok {
		if !json.Valid(r) {
			return nil, optionError("disclosure value is not valid JSON")
		}
		raw = r
	} else {
		var err error
		if raw, err = marshal(value); err != nil {
			return nil, optionError("disclosure value does not marshal: %w", err)
		}
	}
	var b bytes.Buffer
	b.WriteByte('[')
	s, _ := marshal(salt)
	b.Write(s)
	if name != nil {
		b.WriteString(", ")
		n, _ := marshal(*name)
		b.Write(n)
	}
	b.WriteString(", ")
	b.Write(raw)
	b.WriteByte(']')
	d := &Disclosure{encoded: base64url.EncodeToString(b.Bytes()), salt: salt, element: name == nil, value: raw}
	if name != nil {
		d.name = *name
	}
	return d, nil
}

// marshal is json.Marshal without HTML escaping, so that values are written
// the way they read.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// ParseDisclosure reads one disclosure: strict base64url of a JSON array
// of two or three elements, read with the strict JSON rules of this module
// (no duplicate or case-folded duplicate member names at any depth, valid
// UTF-8, nothing after the array), whose salt and name are strings. It
// fails with [ErrInvalidDisclosure]. Whether the disclosure belongs to a
// token is checked by [Verify] and [Parse], not here.
func ParseDisclosure(s string) (_ *Disclosure, err error) {
	defer errwrap.Own(&err, "sdjwt")
	raw, err := base64url.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("sdjwt: disclosure is not base64url: %w: %w", err, ErrInvalidDisclosure)
	}
	if err := strictjson.CheckValue(raw); err != nil {
		return nil, fmt.Errorf("sdjwt: disclosure: %w: %w", err, ErrInvalidDisclosure)
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(raw, &parts); err != nil {
		return nil, fmt.Errorf("sdjwt: disclosure is not a JSON array: %w: %w", err, ErrInvalidDisclosure)
	}
	d := &Disclosure{encoded: s}
	switch len(parts) {
	case 2:
		d.element = true
	case 3:
		if err := readString(parts[1], &d.name); err != nil {
			return nil, fmt.Errorf("sdjwt: disclosure claim name is not a string: %w", errwrap.Beside(err, ErrInvalidDisclosure))
		}
		if d.name == "_sd" || d.name == "..." {
			// RFC 9901 §7.1 step 3.3.2.2
			return nil, fmt.Errorf("sdjwt: disclosure of a claim named %q: %w", d.name, ErrInvalidDisclosure)
		}
	default:
		return nil, fmt.Errorf("sdjwt: disclosure array has %d elements, want 2 or 3: %w", len(parts), ErrInvalidDisclosure)
	}
	if err := readString(parts[0], &d.salt); err != nil {
		return nil, fmt.Errorf("sdjwt: disclosure salt is not a string: %w", errwrap.Beside(err, ErrInvalidDisclosure))
	}
	d.value = parts[len(parts)-1]
	return d, nil
}

func readString(raw json.RawMessage, s *string) error {
	if len(raw) == 0 || raw[0] != '"' {
		return ErrInvalidDisclosure
	}
	return json.Unmarshal(raw, s)
}

// String returns the disclosure as sent: the base64url string.
func (d *Disclosure) String() string { return d.encoded }

// Salt returns the disclosure's salt.
func (d *Disclosure) Salt() string { return d.salt }

// Name returns the name of the claim disclosed, and false for an array
// element, which has none.
func (d *Disclosure) Name() (string, bool) { return d.name, !d.element }

// Value returns the JSON value disclosed, as it stands in the disclosure.
func (d *Disclosure) Value() json.RawMessage { return d.value }

// Path returns where the disclosed claim goes in the processed claims, as a
// JSON Pointer (RFC 6901): "/given_name", "/address/street_address",
// "/nationalities/1". An array index counts the elements as the issuer wrote
// them, hidden ones and decoys included. It is empty for a disclosure that is
// not part of a parsed SD-JWT.
func (d *Disclosure) Path() string { return d.path }

// Digest returns the disclosure's digest under h (RFC 9901 §4.2.3).
func (d *Disclosure) Digest(h HashAlgorithm) (string, error) { return h.Digest(d.encoded) }

// newSalt returns 128 random bits, base64url-encoded (RFC 9901 §9.3).
func newSalt() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return base64url.EncodeToString(b[:])
}

// escapePointer escapes a member name as a JSON Pointer token (RFC 6901 §3).
func escapePointer(name string) string {
	return strings.ReplaceAll(strings.ReplaceAll(name, "~", "~0"), "/", "~1")
}
