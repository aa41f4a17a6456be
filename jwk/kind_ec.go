package jwk

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/subtle"
	"fmt"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// ecKind is a key of kty "EC" on P-256, P-384 or P-521 (RFC 7518 §6.2).
type ecKind struct {
	pair[*ecdsa.PublicKey] // priv: *ecdsa.PrivateKey, or a crypto.Signer
	c                      *jwkcodec.Curve
	point                  []byte // the uncompressed point, kept from its check (read-only)
	ms                     [3]member
	buf                    [jwkcodec.MaxEncodedSize]byte // holds point when Parse read it
}

func (k *ecKind) keyType() jwa.KeyType { return jwa.KeyTypeEC }
func (k *ecKind) curve() jwa.Curve     { return k.c.Name }

// newEC makes the kind of a checked key; point is its uncompressed point,
// or nil for setPoint to set.
func newEC(c *jwkcodec.Curve, pub *ecdsa.PublicKey, priv any, point []byte) *ecKind {
	k := &ecKind{pair: pair[*ecdsa.PublicKey]{pub, priv}, c: c}
	if point != nil {
		k.setPoint(point)
	}
	return k
}

// setPoint keeps the key's uncompressed point and its members.
func (k *ecKind) setPoint(point []byte) {
	k.point = point
	k.ms, _ = k.c.Members(point)
}

// curveOf returns the built-in curve of an elliptic.Curve.
func curveOf(e elliptic.Curve) (*jwkcodec.Curve, error) {
	for _, c := range jwkcodec.Curves {
		if c.Elliptic == e && e != nil {
			return c, nil
		}
	}
	return nil, invalid("unsupported elliptic curve")
}

// ecFromGo checks an EC key: the point must be on its curve (T10), a
// private scalar must be valid and give that point. An *ecdh key on a NIST
// curve is taken as the ECDSA key of the same point and scalar.
func ecFromGo(raw any) (keyKind, bool, error) {
	switch key := raw.(type) {
	case *ecdsa.PrivateKey:
		kind, err := ecPrivate(key)
		return kind, true, err
	case *ecdsa.PublicKey:
		kind, err := ecPublic(key)
		return kind, true, err
	case *ecdh.PrivateKey:
		if key != nil && key.Curve() != ecdh.X25519() { // okpFromGo takes X25519 and nil
			return viaECDSA(key.Curve(), key.Bytes(), ecdsa.ParseRawPrivateKey, "EC private key")
		}
	case *ecdh.PublicKey:
		if key != nil && key.Curve() != ecdh.X25519() {
			return viaECDSA(key.Curve(), key.Bytes(), ecdsa.ParseUncompressedPublicKey, "EC public key")
		}
	}
	return nil, false, nil
}

// viaECDSA makes the kind of an ecdh key on a NIST curve from its ECDSA
// form, which parse makes of the key's bytes.
func viaECDSA[K *ecdsa.PrivateKey | *ecdsa.PublicKey](e ecdh.Curve, b []byte, parse func(elliptic.Curve, []byte) (K, error), what string) (keyKind, bool, error) {
	c := jwkcodec.CurveOf(e)
	if c == nil || c.Elliptic == nil {
		return nil, true, invalid("unsupported ECDH curve")
	}
	key, err := parse(c.Elliptic, b)
	if err != nil {
		return nil, true, invalid("%s: %w", what, err)
	}
	return ecFromGo(key)
}

func ecPrivate(key *ecdsa.PrivateKey) (keyKind, error) {
	if key == nil {
		return nil, invalid("nil EC private key")
	}
	c, err := curveOf(key.Curve)
	if err != nil {
		return nil, err
	}
	// ECDH checks the point (it must be on the curve) and the scalar, and
	// computes the scalar's point; Bytes encodes the given point (checked
	// already) for the comparison, without a second ecdh conversion.
	d, err := key.ECDH()
	if err != nil {
		return nil, invalid("EC private key: %w", err)
	}
	q, err := key.PublicKey.Bytes()
	if err != nil {
		return nil, invalid("EC public key: %w", err)
	}
	if subtle.ConstantTimeCompare(d.PublicKey().Bytes(), q) != 1 {
		return nil, invalid("EC private key does not match its public key")
	}
	return newEC(c, &key.PublicKey, key, q), nil
}

func ecPublic(key *ecdsa.PublicKey) (keyKind, error) {
	if key == nil {
		return nil, invalid("nil EC public key")
	}
	c, err := curveOf(key.Curve)
	if err != nil {
		return nil, err
	}
	p, err := key.ECDH() // T10: the point must be on the curve
	if err != nil {
		return nil, invalid("EC public key: %w", err)
	}
	k := newEC(c, key, nil, nil)
	k.setPoint(append(k.buf[:0], p.Bytes()...)) // no allocation of its own
	return k, nil
}

func (k *ecKind) public() keyKind { return publicOf(k) }

// required: crv, x, y are in order already.
func (k *ecKind) required() ([]member, error) { return k.ms[:], nil }

func (k *ecKind) members(private bool) ([]member, error) {
	priv, ok, err := privateAs[*ecdsa.PrivateKey](private, k.priv)
	if !ok {
		return publicOnly(k.ms[:], err)
	}
	d, err := priv.Bytes()
	if err != nil {
		return nil, invalid("EC private key: %w", err)
	}
	return append(k.ms[:], jwkcodec.Data("d", d)), nil
}

func (k *ecKind) equal(o keyKind) bool {
	e, ok := o.(*ecKind)
	return ok && samePair(&k.pair, &e.pair)
}

// parseEC reads an EC key (RFC 7518 §6.2) with the checks of ecFromGo:
// the point is on the curve, and d gives that point.
func parseEC(m members) (keyKind, error) {
	const kty = jwa.KeyTypeEC
	c, err := builtinCurve(m, kty)
	if err != nil {
		return nil, err
	}
	crv := c.Name
	k := &ecKind{c: c}
	point, err := c.Public(k.buf[:0], m) // x and y of the full coordinate size (RFC 7518 §6.2.1.2)
	if err != nil {
		return nil, err
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c.Elliptic, point)
	if err != nil { // T10
		return nil, invalid("EC point (x, y) is not on %s: %w", crv, err)
	}
	k.pub = pub
	k.setPoint(point)
	d, ok, err := m.Fixed(kty, "d", c.Size) // RFC 7518 §6.2.2.1: the full order size
	if err != nil {
		return nil, err
	}
	if !ok {
		return k, nil
	}
	priv, err := ecdsa.ParseRawPrivateKey(c.Elliptic, d) // checks the scalar, computes its point
	if err != nil {
		return nil, invalid("EC member \"d\" is not a valid %s scalar: %w", crv, err)
	}
	if !priv.PublicKey.Equal(pub) {
		return nil, invalid("EC private key does not match its public key")
	}
	k.pub, k.priv = &priv.PublicKey, priv
	return k, nil
}

// builtinCurve reads "crv" and returns its built-in curve of kty; a curve
// this package does not implement is a key ParseSet skips.
func builtinCurve(m members, kty jwa.KeyType) (*jwkcodec.Curve, error) {
	crv, ok, err := m.String("crv")
	if err == nil && !ok {
		err = malformed("%s key without \"crv\"", kty)
	}
	if err != nil {
		return nil, err
	}
	c := jwkcodec.LookupCurve(kty, crv)
	if c == nil {
		return nil, fmt.Errorf("jwk: unsupported %s crv %q: %w (%w)", kty, crv, jwa.ErrInvalidKey, errSkippable)
	}
	return c, nil
}
