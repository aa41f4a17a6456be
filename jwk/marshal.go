package jwk

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/jwkcodec"
)

func b64(b []byte) string { return base64url.EncodeToString(b) }

// material lists the key material members, the private ones too when
// withPrivate is set and the key has them (keyKind.members).
func (k *Key) material(withPrivate bool) ([]member, error) {
	ms, err := k.km().members(withPrivate)
	if err != nil {
		return nil, k.named(err)
	}
	return ms, nil
}

// named completes a kind's error with the key's description.
func (k *Key) named(err error) error {
	var e *kindError
	switch {
	case !errors.As(err, &e):
		return err
	case e.cause != nil:
		return invalid("%v %s (%w)", k, e.text, e.cause)
	}
	return invalid("%v %s", k, e.text)
}

// appendMember appends a member whose value is a string or a []string,
// which json.Marshal cannot fail on.
func appendMember(b []byte, name string, value any) []byte {
	if s, ok := value.(string); ok {
		return jwkcodec.AppendMember(b, member{Name: name, Text: s})
	}
	v, _ := json.Marshal(value)
	return append(jwkcodec.AppendName(b, name), v...)
}

// MarshalJSON writes the key as a JWK: kty, kid, use, key_ops, alg, the key
// material, the X.509 members, then the members this package does not know
// (sorted by name). A public key never carries private members; a private
// key carries them all, so the output is as secret as the key. A private
// key held by a crypto.Signer or crypto.Decrypter (an HSM, a KMS) cannot be
// exported: marshal [Key.Public] instead.
func (k *Key) MarshalJSON() ([]byte, error) {
	if k == nil {
		return []byte("null"), nil
	}
	mat, err := k.material(true)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, 256)
	b = append(b, '{')
	b = appendMember(b, "kty", string(k.KeyType()))
	for _, m := range []member{{Name: "kid", Text: k.kid}, {Name: "use", Text: k.use}} {
		if m.Text != "" {
			b = jwkcodec.AppendMember(b, m)
		}
	}
	if k.ops != nil {
		b = appendMember(b, "key_ops", k.ops)
	}
	if k.alg != "" {
		b = appendMember(b, "alg", k.alg)
	}
	for _, m := range mat {
		b = jwkcodec.AppendMember(b, m)
	}
	if k.x5u != "" {
		b = appendMember(b, "x5u", k.x5u)
	}
	if len(k.x5c) > 0 {
		ders := make([]string, len(k.x5c))
		for i, c := range k.x5c {
			ders[i] = base64.StdEncoding.EncodeToString(c.Raw) // RFC 7517 §4.7: not base64url
		}
		b = appendMember(b, "x5c", ders)
	}
	if k.x5t != nil {
		b = appendMember(b, "x5t", b64(k.x5t))
	}
	if k.x5tS256 != nil {
		b = appendMember(b, "x5t#S256", b64(k.x5tS256))
	}
	b, err = appendExtra(b, k.extra)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// appendExtra appends unknown members, sorted by name, compacted.
func appendExtra(b []byte, extra map[string]json.RawMessage) ([]byte, error) {
	names := make([]string, 0, len(extra))
	for name := range extra {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		var v bytes.Buffer
		if err := json.Compact(&v, extra[name]); err != nil {
			return nil, malformed("member %q: %w", name, err)
		}
		b = append(jwkcodec.AppendName(b, name), v.Bytes()...)
	}
	return b, nil
}

// Member returns a member this package does not know, as it was read (for
// example "x5t#S384" or an application's own), and whether it is present.
// Members the package knows (kty, kid, n, x5c...) are read through their
// accessors and are never returned here.
func (k *Key) Member(name string) (json.RawMessage, bool) {
	v, ok := k.extra[name]
	return slices.Clone(v), ok
}

// Equal reports whether k and o hold the same key: the same kty and crv and
// the same public material, and, when both are private, the same private
// material (compared in constant time). A private key is Equal to its own
// public half. Members (kid, alg, use, key_ops, the X.509 members) are not
// compared. Two keys held by a crypto.Signer compare equal when they are the
// same signer.
func (k *Key) Equal(o *Key) bool {
	if k == nil || o == nil {
		return k == o
	}
	return k.KeyType() == o.KeyType() && k.Curve() == o.Curve() && k.km().equal(o.km())
}
