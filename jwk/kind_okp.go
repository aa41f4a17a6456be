package jwk

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/subtle"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// The keys of kty "OKP" (RFC 8037 §2): Ed25519 and X25519.
var (
	curveEd25519 = jwkcodec.LookupCurve(jwa.KeyTypeOKP, jwa.CurveEd25519)
	curveX25519  = jwkcodec.LookupCurve(jwa.KeyTypeOKP, jwa.X25519)
)

// ed25519Kind is an Ed25519 key.
type ed25519Kind struct {
	pair[ed25519.PublicKey]           // priv: ed25519.PrivateKey, or a crypto.Signer
	ms                      [3]member // crv, x (a third unused)
}

func newEd25519(pub ed25519.PublicKey, priv any) *ed25519Kind {
	k := &ed25519Kind{pair: pair[ed25519.PublicKey]{pub, priv}}
	k.ms, _ = curveEd25519.Members(pub)
	return k
}

func (*ed25519Kind) keyType() jwa.KeyType { return jwa.KeyTypeOKP }
func (*ed25519Kind) curve() jwa.Curve     { return jwa.CurveEd25519 }

func (k *ed25519Kind) public() keyKind { return publicOf(k) }

// required: crv, x are in order already.
func (k *ed25519Kind) required() ([]member, error) { return k.ms[:2:2], nil }

func (k *ed25519Kind) members(private bool) ([]member, error) {
	priv, ok, err := privateAs[ed25519.PrivateKey](private, k.priv)
	if !ok {
		return publicOnly(k.ms[:2:2], err)
	}
	return append(k.ms[:2:2], jwkcodec.Data("d", priv.Seed())), nil
}

func (k *ed25519Kind) equal(o keyKind) bool {
	e, ok := o.(*ed25519Kind)
	return ok && samePair(&k.pair, &e.pair)
}

// x25519Kind is an X25519 key, for ECDH-ES.
type x25519Kind struct {
	pair[*ecdh.PublicKey]           // priv: *ecdh.PrivateKey
	ms                    [3]member // crv, x (a third unused)
}

// newX25519 makes the kind of a key; x is the public key's bytes when the
// caller has them (Parse), else nil.
func newX25519(pub *ecdh.PublicKey, priv *ecdh.PrivateKey, x []byte) *x25519Kind {
	k := &x25519Kind{pair: pair[*ecdh.PublicKey]{pub: pub}}
	if priv != nil {
		k.priv = priv
	}
	if x == nil {
		x = pub.Bytes()
	}
	k.ms, _ = curveX25519.Members(x)
	return k
}

func (*x25519Kind) keyType() jwa.KeyType { return jwa.KeyTypeOKP }
func (*x25519Kind) curve() jwa.Curve     { return jwa.X25519 }

func (k *x25519Kind) public() keyKind { return publicOf(k) }

func (k *x25519Kind) required() ([]member, error) { return k.ms[:2:2], nil }

func (k *x25519Kind) members(private bool) ([]member, error) {
	priv, ok, err := privateAs[*ecdh.PrivateKey](private, k.priv)
	if !ok {
		return publicOnly(k.ms[:2:2], err)
	}
	return append(k.ms[:2:2], jwkcodec.Data("d", priv.Bytes())), nil
}

func (k *x25519Kind) equal(o keyKind) bool {
	x, ok := o.(*x25519Kind)
	return ok && samePair(&k.pair, &x.pair)
}

// okpFromGo checks an Ed25519 key (its size, and that the seed gives the
// public key) or an X25519 key of crypto/ecdh.
func okpFromGo(raw any) (keyKind, bool, error) {
	switch key := raw.(type) {
	case ed25519.PrivateKey:
		if len(key) != ed25519.PrivateKeySize {
			return nil, true, invalid("Ed25519 private key of %d bytes", len(key))
		}
		pub := ed25519.NewKeyFromSeed(key.Seed()).Public().(ed25519.PublicKey)
		if !pub.Equal(key.Public()) {
			return nil, true, invalid("Ed25519 private key does not match its public key")
		}
		return newEd25519(pub, key), true, nil
	case ed25519.PublicKey:
		if len(key) != ed25519.PublicKeySize {
			return nil, true, invalid("Ed25519 public key of %d bytes", len(key))
		}
		return newEd25519(key, nil), true, nil
	case *ecdh.PrivateKey:
		if key == nil {
			return nil, true, invalid("nil ECDH private key")
		}
		return newX25519(key.PublicKey(), key, nil), true, nil // ecFromGo took the NIST curves
	case *ecdh.PublicKey:
		if key == nil {
			return nil, true, invalid("nil ECDH public key")
		}
		return newX25519(key, nil, nil), true, nil
	}
	return nil, false, nil
}

// parseOKP reads an OKP key (RFC 8037 §2).
func parseOKP(m members) (keyKind, error) {
	const kty = jwa.KeyTypeOKP
	c, err := builtinCurve(m, kty)
	if err != nil {
		return nil, err
	}
	x, err := c.Public(nil, m)
	if err != nil {
		return nil, err
	}
	d, private, err := m.Fixed(kty, "d", c.Size)
	if err != nil {
		return nil, err
	}
	if c == curveEd25519 {
		if !private {
			return newEd25519(x, nil), nil
		}
		// okpFromGo checks that the seed d gives the public key x.
		kind, _, err := okpFromGo(ed25519.PrivateKey(append(d, x...)))
		return kind, err
	}
	if !private {
		pub, err := ecdh.X25519().NewPublicKey(x)
		if err != nil {
			return nil, invalid("X25519 member \"x\": %w", err)
		}
		return newX25519(pub, nil, x), nil
	}
	priv, err := ecdh.X25519().NewPrivateKey(d)
	if err != nil {
		return nil, invalid("X25519 member \"d\" is not a valid scalar: %w", err)
	}
	if subtle.ConstantTimeCompare(priv.PublicKey().Bytes(), x) != 1 {
		return nil, invalid("X25519 member \"d\" does not match \"x\"")
	}
	return newX25519(priv.PublicKey(), priv, x), nil
}
