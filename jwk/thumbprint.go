package jwk

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"   // SHA-256, the default thumbprint hash
	_ "crypto/sha512" // SHA-384 and SHA-512 thumbprints
	"encoding/binary"
	"fmt"
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// thumbprintURIPrefix is the URN of RFC 9278 §3, followed by the hash name.
const thumbprintURIPrefix = "urn:ietf:params:oauth:jwk-thumbprint:"

// hashNames are the names of the IANA "Named Information Hash Algorithm"
// registry that RFC 9278 §3 uses in thumbprint URIs.
var hashNames = map[crypto.Hash]string{
	crypto.SHA256: "sha-256",
	crypto.SHA384: "sha-384",
	crypto.SHA512: "sha-512",
}

// thumbprintInput is the JSON that RFC 7638 §3 hashes: the required members
// only (kty and the public material; k for an oct key; alg too for AKP), in
// lexicographic order, without white space. No private member is ever part
// of it (T54).
func (k *Key) thumbprintInput() ([]byte, error) {
	if b, ok := k.appendThumbprintInput(make([]byte, 0, 128)); ok {
		return b, nil
	}
	return k.materialThumbprintInput()
}

// materialThumbprintInput writes the thumbprint input of any key from its
// material members.
func (k *Key) materialThumbprintInput() ([]byte, error) {
	mat, err := k.material(false)
	if err != nil {
		return nil, err
	}
	mat = append(mat, member{"kty", string(k.kty)})
	if k.kty == jwa.KeyTypeAKP {
		// draft-ietf-cose-dilithium-11 §6: alg, kty and pub are required.
		mat = append(mat, member{"alg", k.alg})
	}
	slices.SortFunc(mat, func(a, b member) int { return strings.Compare(a.name, b.name) })
	b := []byte{'{'}
	for _, m := range mat {
		b = appendMember(b, m.name, m.value)
	}
	return append(b, '}'), nil
}

// appendThumbprintInput appends the thumbprint input of the built-in key
// types, written directly in RFC 7638 §3's order (the members sorted by
// name; none of the names or values needs escaping). ok is false for the
// other keys (AKP, registered codecs), which thumbprintInput writes from
// their material.
func (k *Key) appendThumbprintInput(b []byte) (_ []byte, ok bool) {
	if k.codec != nil {
		return b, false
	}
	switch pub := k.pub.(type) {
	case *rsa.PublicKey:
		// RFC 7638 §3.2: e, kty, n, as Base64urlUInt (RFC 7518 §6.3.1).
		var scratch [512]byte // 4096-bit moduli without an allocation
		e := binary.BigEndian.AppendUint64(scratch[:0], uint64(pub.E))
		e = e[bits.LeadingZeros64(uint64(pub.E))/8:]
		b = append(b, `{"e":"`...)
		b = base64url.AppendEncode(b, e)
		b = append(b, `","kty":"RSA","n":"`...)
		n := appendNat(scratch[:0], pub.N)
		b = base64url.AppendEncode(b, n)
		return append(b, `"}`...), true
	case *ecdsa.PublicKey:
		// RFC 7638 §3.2: crv, kty, x, y, each coordinate of the full size.
		point := k.ecPoint
		if point == nil {
			var err error
			if point, err = pub.Bytes(); err != nil {
				return b, false // the error comes from material
			}
		}
		size := (len(point) - 1) / 2
		b = append(b, `{"crv":"`...)
		b = append(b, k.crv...)
		b = append(b, `","kty":"EC","x":"`...)
		b = base64url.AppendEncode(b, point[1:1+size])
		b = append(b, `","y":"`...)
		b = base64url.AppendEncode(b, point[1+size:])
		return append(b, `"}`...), true
	case ed25519.PublicKey:
		return appendOKPThumbprintInput(b, k.crv, pub), true
	case *ecdh.PublicKey:
		return appendOKPThumbprintInput(b, k.crv, pub.Bytes()), true
	case nil:
		if secret, ok := k.raw.([]byte); ok && k.kty == jwa.KeyTypeOct {
			b = append(b, `{"k":"`...)
			b = base64url.AppendEncode(b, secret)
			return append(b, `","kty":"oct"}`...), true
		}
	}
	return b, false
}

// appendNat appends the minimal big-endian bytes of x ≥ 0 (RFC 7518 §2
// Base64urlUInt), a word at a time: big.Int.FillBytes goes a byte at a
// time, and Bytes allocates.
func appendNat(b []byte, x *big.Int) []byte {
	words := x.Bits()
	start := len(b)
	for i := len(words) - 1; i >= 0; i-- {
		if bits.UintSize == 64 {
			b = binary.BigEndian.AppendUint64(b, uint64(words[i]))
		} else {
			b = binary.BigEndian.AppendUint32(b, uint32(words[i]))
		}
	}
	zeros := start
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	return append(b[:start], b[zeros:]...)
}

// appendOKPThumbprintInput appends the input of an OKP key (RFC 8037 §2):
// crv, kty, x.
func appendOKPThumbprintInput(b []byte, crv jwa.Curve, x []byte) []byte {
	b = append(b, `{"crv":"`...)
	b = append(b, crv...)
	b = append(b, `","kty":"OKP","x":"`...)
	b = base64url.AppendEncode(b, x)
	return append(b, `"}`...)
}

// Thumbprint returns the JWK thumbprint of RFC 7638: the digest, with h, of
// the key's required members. h = 0 means SHA-256. The thumbprint of an
// oct key is a digest of the secret: do not publish it for a secret that
// could be guessed (a password). In FIPS 140-3 mode a hash other than SHA-2
// and SHA-3 (SHA-1, MD5) wraps [jwa.ErrNotApproved].
func (k *Key) Thumbprint(h crypto.Hash) (_ []byte, err error) {
	defer errwrap.Own(&err, "jwk")
	if h == 0 {
		h = crypto.SHA256
	}
	if !h.Available() {
		return nil, fmt.Errorf("jwk: thumbprint hash %v is not linked into the program: %w", h, jwa.ErrUnsupportedAlgorithm)
	}
	if err := fipsHash(h); err != nil {
		return nil, err
	}
	if h == crypto.SHA256 {
		var buf [768]byte // the input of a key up to RSA 4096 fits
		if in, ok := k.appendThumbprintInput(buf[:0]); ok {
			d := sha256.Sum256(in)
			return d[:], nil
		}
	}
	in, err := k.thumbprintInput()
	if err != nil {
		return nil, err
	}
	d := h.New()
	d.Write(in)
	return d.Sum(nil), nil
}

// ThumbprintURI returns the JWK thumbprint URI of RFC 9278:
// "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" and the base64url of the
// thumbprint. h is SHA-256 (also when 0), SHA-384 or SHA-512; other hashes
// wrap [jwa.ErrUnsupportedAlgorithm].
func (k *Key) ThumbprintURI(h crypto.Hash) (_ string, err error) {
	defer errwrap.Own(&err, "jwk")
	if h == 0 {
		h = crypto.SHA256
	}
	name, ok := hashNames[h]
	if !ok {
		return "", fmt.Errorf("jwk: no thumbprint URI name for hash %v: %w", h, jwa.ErrUnsupportedAlgorithm)
	}
	tp, err := k.Thumbprint(h)
	if err != nil {
		return "", err
	}
	return thumbprintURIPrefix + name + ":" + b64(tp), nil
}

// WithThumbprintKeyID sets "kid" to the base64url of the key's SHA-256
// thumbprint (RFC 7638 §1), replacing any kid set before it.
func WithThumbprintKeyID() Option {
	return func(k *Key) error {
		tp, err := k.Thumbprint(crypto.SHA256)
		if err != nil {
			return err
		}
		k.kid = b64(tp)
		return nil
	}
}
