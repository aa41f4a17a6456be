package jwkcodec

import (
	"crypto/ecdh"
	"crypto/elliptic"

	"github.com/joseproject/jose/jwa"
)

// Curve is a curve of kty EC (RFC 7518 §6.2) or OKP (RFC 8037 §2) that the
// standard library implements.
type Curve struct {
	Name    jwa.Curve
	KeyType jwa.KeyType
	// Size is the length in bytes of x (and y): the field size, in full
	// (RFC 7518 §6.2.1.2), and of d, the order size (§6.2.2.1).
	Size int
	// ECDH is the curve's key agreement, nil for Ed25519.
	ECDH ecdh.Curve
	// Elliptic is the curve of an EC key, nil for OKP.
	Elliptic elliptic.Curve
}

// Curves are the built-in curves.
var Curves = []*Curve{
	{Name: jwa.P256, KeyType: jwa.KeyTypeEC, Size: 32, ECDH: ecdh.P256(), Elliptic: elliptic.P256()},
	{Name: jwa.P384, KeyType: jwa.KeyTypeEC, Size: 48, ECDH: ecdh.P384(), Elliptic: elliptic.P384()},
	{Name: jwa.P521, KeyType: jwa.KeyTypeEC, Size: 66, ECDH: ecdh.P521(), Elliptic: elliptic.P521()},
	{Name: jwa.CurveEd25519, KeyType: jwa.KeyTypeOKP, Size: 32},
	{Name: jwa.X25519, KeyType: jwa.KeyTypeOKP, Size: 32, ECDH: ecdh.X25519()},
}

// LookupCurve returns the built-in curve of kty and crv, or nil.
func LookupCurve[K, C ~string | ~[]byte](kty K, crv C) *Curve {
	for _, c := range Curves {
		if string(c.KeyType) == string(kty) && string(c.Name) == string(crv) {
			return c
		}
	}
	return nil
}

// CurveOf returns the built-in curve of an ecdh curve, or nil.
func CurveOf(e ecdh.Curve) *Curve {
	for _, c := range Curves {
		if c.ECDH == e && e != nil {
			return c
		}
	}
	return nil
}

// MaxEncodedSize is the length of the longest public key encoding of a
// built-in curve: an uncompressed P-521 point.
const MaxEncodedSize = 1 + 2*66

// EncodedSize is the length of the curve's public key encoding: 0x04, x
// and y for EC (SEC 1 §2.3.3, uncompressed), x for OKP.
func (c *Curve) EncodedSize() int {
	if c.KeyType == jwa.KeyTypeEC {
		return 1 + 2*c.Size
	}
	return c.Size
}

// NumMembers is the number of members of a public key on the curve, kty
// included: kty, crv, x and, for EC, y.
func (c *Curve) NumMembers() int {
	if c.KeyType == jwa.KeyTypeEC {
		return 4
	}
	return 3
}

// Public reads the public members of a key on the curve, x and for EC y,
// each of exactly Size bytes, and appends the key's encoding to dst: 0x04,
// x and y for EC; x for OKP. Whether the point is on the curve is the
// caller's check, with the standard library (T10).
func (c *Curve) Public(dst []byte, m Members) ([]byte, error) {
	start := len(dst)
	names := []string{"x"}
	if c.KeyType == jwa.KeyTypeEC {
		dst = append(dst, 4)
		names = []string{"x", "y"}
	}
	for _, name := range names {
		var ok bool
		var err error
		if dst, ok, err = m.AppendFixed(dst, c.KeyType, name, c.Size); err != nil {
			return dst[:start], err
		} else if !ok {
			return dst[:start], Malformed("%s key without %q", c.KeyType, name)
		}
	}
	return dst, nil
}

// Members returns the public members of a key on the curve, crv, x and
// for EC y, in that order (which is also RFC 7638's), from the key's
// encoding, and their number (2 or 3); x and y alias enc. They come as an
// array, by value, so that a caller's copy stays on its stack.
func (c *Curve) Members(enc []byte) (ms [3]Member, n int) {
	ms[0] = Text("crv", string(c.Name))
	if c.KeyType != jwa.KeyTypeEC {
		ms[1] = Data("x", enc)
		return ms, 2
	}
	ms[1] = Data("x", enc[1:1+c.Size])
	ms[2] = Data("y", enc[1+c.Size:])
	return ms, 3
}

// AppendJWK appends the public JWK of a key on the curve, {"kty", "crv",
// "x"[, "y"]} (the member order of RFC 7520), from its encoding.
func (c *Curve) AppendJWK(b []byte, enc []byte) []byte {
	pub, n := c.Members(enc)
	ms := [4]Member{*KeyType(c.KeyType), pub[0], pub[1], pub[2]}
	return AppendObject(b, ms[:1+n]...)
}
