package jwk

import (
	"bytes"
	"crypto/hpke"
	"crypto/mlkem"

	"github.com/joseproject/jose/jwa"
)

// fromKEM wraps the keys of HPKE's post-quantum and hybrid KEMs
// (ML-KEM-768, ML-KEM-1024, and any crypto/hpke key such as X-Wing), which
// draft-skokan-jose-hpke-pq-pqt §4 gives the key type "AKP". They serve the
// HPKE algorithms of package jwa through jwe like any other key. Their JSON
// form is not settled in that draft's published revision, so such a Key has
// none: marshalling and thumbprints refuse it.
func fromKEM(raw any) (k *Key, ok bool, err error) {
	nilKey := func() (*Key, bool, error) { return nil, true, invalid("nil %T", raw) }
	switch key := raw.(type) {
	case *mlkem.DecapsulationKey768:
		if key == nil {
			return nilKey()
		}
		return &Key{kty: jwa.KeyTypeAKP, raw: key, pub: key.EncapsulationKey(), private: true, kem: true}, true, nil
	case *mlkem.DecapsulationKey1024:
		if key == nil {
			return nilKey()
		}
		return &Key{kty: jwa.KeyTypeAKP, raw: key, pub: key.EncapsulationKey(), private: true, kem: true}, true, nil
	case *mlkem.EncapsulationKey768:
		if key == nil {
			return nilKey()
		}
		return &Key{kty: jwa.KeyTypeAKP, raw: key, pub: key, kem: true}, true, nil
	case *mlkem.EncapsulationKey1024:
		if key == nil {
			return nilKey()
		}
		return &Key{kty: jwa.KeyTypeAKP, raw: key, pub: key, kem: true}, true, nil
	case hpke.PrivateKey:
		if key == nil {
			return nilKey()
		}
		return &Key{kty: jwa.KeyTypeAKP, raw: key, pub: key.PublicKey(), private: true, kem: true}, true, nil
	case hpke.PublicKey:
		if key == nil {
			return nilKey()
		}
		return &Key{kty: jwa.KeyTypeAKP, raw: key, pub: key, kem: true}, true, nil
	}
	return nil, false, nil
}

// kemEqual compares the public keys of two KEM keys by their encodings.
func kemEqual(a, b any) bool {
	type encoder interface{ Bytes() []byte }
	x, ok1 := a.(encoder)
	y, ok2 := b.(encoder)
	return ok1 && ok2 && bytes.Equal(x.Bytes(), y.Bytes())
}
