package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"reflect"
	"slices"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// member is one JSON string member: a name and its (unencoded) string value.
type member struct{ name, value string }

func b64(b []byte) string { return base64url.EncodeToString(b) }

// material lists the key material members in the RFC's order: the public
// ones, then the private ones when withPrivate is set and the key has them
// (RFC 7518 §6, RFC 8037 §2). Integers are minimal big-endian (RFC 7518
// §2 Base64urlUInt); EC coordinates and d have the full field or order size
// (RFC 7518 §6.2.1.2, §6.2.2.1).
func (k *Key) material(withPrivate bool) ([]member, error) {
	withPrivate = withPrivate && k.private
	if k.kem {
		return nil, invalid("%v: HPKE KEM keys have no JSON form here yet (draft-skokan-jose-hpke-pq-pqt)", k)
	}
	if k.kty == jwa.KeyTypeAKP {
		return k.akpMaterial(withPrivate) // akp.go
	}
	if k.codec != nil {
		return k.extMaterial(withPrivate)
	}
	switch pub := k.pub.(type) {
	case *rsa.PublicKey:
		out := []member{{"n", b64(pub.N.Bytes())}, {"e", b64(big.NewInt(int64(pub.E)).Bytes())}}
		if !withPrivate {
			return out, nil
		}
		priv, ok := k.raw.(*rsa.PrivateKey)
		if !ok {
			return nil, notExportable(k)
		}
		pre := priv.Precomputed
		if pre.Dp == nil || pre.Dq == nil || pre.Qinv == nil {
			c := *priv // fromRaw validated the key; compute the CRT values on a copy
			c.Precompute()
			pre = c.Precomputed
		}
		return append(out,
			member{"d", b64(priv.D.Bytes())},
			member{"p", b64(priv.Primes[0].Bytes())},
			member{"q", b64(priv.Primes[1].Bytes())},
			member{"dp", b64(pre.Dp.Bytes())},
			member{"dq", b64(pre.Dq.Bytes())},
			member{"qi", b64(pre.Qinv.Bytes())},
		), nil
	case *ecdsa.PublicKey:
		point := k.ecPoint
		if point == nil {
			var err error
			if point, err = pub.Bytes(); err != nil {
				return nil, invalid("EC public key: %w", err)
			}
		}
		size := (len(point) - 1) / 2
		out := []member{{"crv", string(k.crv)}, {"x", b64(point[1 : 1+size])}, {"y", b64(point[1+size:])}}
		if !withPrivate {
			return out, nil
		}
		priv, ok := k.raw.(*ecdsa.PrivateKey)
		if !ok {
			return nil, notExportable(k)
		}
		d, err := priv.Bytes()
		if err != nil {
			return nil, invalid("EC private key: %w", err)
		}
		return append(out, member{"d", b64(d)}), nil
	case ed25519.PublicKey:
		out := []member{{"crv", string(k.crv)}, {"x", b64(pub)}}
		if !withPrivate {
			return out, nil
		}
		priv, ok := k.raw.(ed25519.PrivateKey)
		if !ok {
			return nil, notExportable(k)
		}
		return append(out, member{"d", b64(priv.Seed())}), nil
	case *ecdh.PublicKey:
		out := []member{{"crv", string(k.crv)}, {"x", b64(pub.Bytes())}}
		if withPrivate {
			out = append(out, member{"d", b64(k.raw.(*ecdh.PrivateKey).Bytes())})
		}
		return out, nil
	case nil:
		if secret, ok := k.raw.([]byte); ok && k.kty == jwa.KeyTypeOct {
			return []member{{"k", b64(secret)}}, nil
		}
	}
	return nil, invalid("key of type %T has no JSON form", k.pub)
}

func notExportable(k *Key) error {
	return invalid("%v is held by a %T and cannot be exported; marshal its Public() instead", k, k.raw)
}

// appendMember appends a member whose value is a string or a []string,
// which json.Marshal cannot fail on.
func appendMember(b []byte, name string, value any) []byte {
	if s, ok := value.(string); ok && plainASCII(s) {
		b = appendName(b, name)
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	v, _ := json.Marshal(value)
	return appendRaw(b, name, v)
}

// appendRaw appends a member whose value is already JSON.
func appendRaw(b []byte, name string, value []byte) []byte {
	return append(appendName(b, name), value...)
}

// appendName appends a comma unless the member is the object's first, and
// the member's name and colon.
func appendName(b []byte, name string) []byte {
	if len(b) > 1 {
		b = append(b, ',')
	}
	if plainASCII(name) {
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
		return b
	}
	n, _ := json.Marshal(name)
	b = append(b, n...)
	return append(b, ':')
}

// plainASCII reports whether s is printable ASCII that encoding/json writes
// as it is between quotes (it escapes ", \, <, > and &).
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
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
	b = appendMember(b, "kty", string(k.kty))
	for _, m := range []member{{"kid", k.kid}, {"use", k.use}} {
		if m.value != "" {
			b = appendMember(b, m.name, m.value)
		}
	}
	if k.ops != nil {
		b = appendMember(b, "key_ops", k.ops)
	}
	if k.alg != "" {
		b = appendMember(b, "alg", k.alg)
	}
	for _, m := range mat {
		b = appendMember(b, m.name, m.value)
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
		b = appendRaw(b, name, v.Bytes())
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
	if k.kty != o.kty || k.crv != o.crv {
		return false
	}
	if k.codec != nil || o.codec != nil {
		// kty and crv are equal, so both keys have the same codec.
		return k.codec != nil && o.codec != nil && k.extEqual(o)
	}
	if k.kty == jwa.KeyTypeOct {
		a, _ := k.raw.([]byte)
		b, _ := o.raw.([]byte)
		return subtle.ConstantTimeCompare(a, b) == 1
	}
	if k.kem || o.kem {
		return k.kem && o.kem && kemEqual(k.pub, o.pub) && (!k.private || !o.private || k.raw == o.raw)
	}
	pub, ok := k.pub.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(o.pub) {
		return false
	}
	if !k.private || !o.private {
		return true
	}
	if priv, ok := k.raw.(interface{ Equal(crypto.PrivateKey) bool }); ok {
		return priv.Equal(o.raw)
	}
	// An opaque signer: only the same one is equal (and == must not panic).
	return reflect.TypeOf(k.raw).Comparable() && reflect.TypeOf(k.raw) == reflect.TypeOf(o.raw) && k.raw == o.raw
}
