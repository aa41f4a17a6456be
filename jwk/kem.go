package jwk

import (
	"bytes"
	"crypto/hpke"
	"crypto/mlkem"

	"github.com/joseproject/jose/jwa"
)

// kemKind holds a key of HPKE's post-quantum and hybrid KEMs (ML-KEM-768,
// ML-KEM-1024, and any crypto/hpke key such as X-Wing), which
// draft-skokan-jose-hpke-pq-pqt §4 gives the key type "AKP". They serve the
// HPKE algorithms of package jwa through jwe like any other key. Their JSON
// form is not settled in that draft's published revision, so such a Key has
// none: marshalling and thumbprints refuse it.
type kemKind struct {
	pair[kemPublic] // priv: the decapsulation key or hpke.PrivateKey
}

// kemPublic is the public key of a KEM key: each has its encoding.
type kemPublic interface{ Bytes() []byte }

func (*kemKind) keyType() jwa.KeyType { return jwa.KeyTypeAKP }
func (*kemKind) curve() jwa.Curve     { return "" }

func (k *kemKind) public() keyKind { return publicOf(k) }

func (*kemKind) members(bool) ([]member, error) {
	return nil, &kindError{text: "is an HPKE KEM key, which has no JSON form here yet (draft-skokan-jose-hpke-pq-pqt)"}
}

func (k *kemKind) required() ([]member, error) { return k.members(false) }

// equal compares the public keys by their encodings; private keys are
// equal when they are the same value.
func (k *kemKind) equal(o keyKind) bool {
	x, ok := o.(*kemKind)
	return ok && bytes.Equal(k.pub.Bytes(), x.pub.Bytes()) && (k.priv == nil || x.priv == nil || sameValue(k.priv, x.priv))
}

// kemFromGo makes the kind of a KEM key; ok is false for any other type.
func kemFromGo(raw any) (kind keyKind, ok bool, err error) {
	nilKey := func() (keyKind, bool, error) { return nil, true, invalid("nil %T", raw) }
	switch key := raw.(type) {
	case *mlkem.DecapsulationKey768:
		if key == nil {
			return nilKey()
		}
		return &kemKind{pair[kemPublic]{key.EncapsulationKey(), key}}, true, nil
	case *mlkem.DecapsulationKey1024:
		if key == nil {
			return nilKey()
		}
		return &kemKind{pair[kemPublic]{key.EncapsulationKey(), key}}, true, nil
	case *mlkem.EncapsulationKey768:
		if key == nil {
			return nilKey()
		}
		return &kemKind{pair[kemPublic]{pub: key}}, true, nil
	case *mlkem.EncapsulationKey1024:
		if key == nil {
			return nilKey()
		}
		return &kemKind{pair[kemPublic]{pub: key}}, true, nil
	case hpke.PrivateKey:
		if key == nil {
			return nilKey()
		}
		return &kemKind{pair[kemPublic]{key.PublicKey(), key}}, true, nil
	case hpke.PublicKey:
		if key == nil {
			return nilKey()
		}
		return &kemKind{pair[kemPublic]{pub: key}}, true, nil
	}
	return nil, false, nil
}
