package jwk

import (
	"crypto"
	"crypto/subtle"
	"slices"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// maxOctBytes bounds the secret of an oct key read from JSON.
const maxOctBytes = 1 << 20

// octKind is a secret (kty "oct", RFC 7518 §6.4): always private, with no
// public part. Its one member, k, is also its thumbprint's (RFC 7638
// §3.2).
type octKind struct {
	ms [1]member // k
}

func newOct(secret []byte) *octKind { return &octKind{ms: [1]member{jwkcodec.Data("k", secret)}} }

func (*octKind) keyType() jwa.KeyType        { return jwa.KeyTypeOct }
func (*octKind) curve() jwa.Curve            { return "" }
func (*octKind) isPrivate() bool             { return true }
func (*octKind) publicKey() crypto.PublicKey { return nil }
func (*octKind) fixedAlg() string            { return "" }
func (k *octKind) goKey() any                { return k.ms[0].Data }
func (k *octKind) public() keyKind           { return nil }
func (k *octKind) bindKey(operation) any     { return k.ms[0].Data }

func (k *octKind) members(bool) ([]member, error) { return k.ms[:], nil }
func (k *octKind) required() ([]member, error)    { return k.ms[:], nil }

func (k *octKind) equal(o keyKind) bool {
	s, ok := o.(*octKind)
	return ok && subtle.ConstantTimeCompare(k.ms[0].Data, s.ms[0].Data) == 1
}

// octFromGo takes a secret, copied: it must not be empty.
func octFromGo(raw any) (keyKind, bool, error) {
	secret, ok := raw.([]byte)
	if !ok {
		return nil, false, nil
	}
	if len(secret) == 0 {
		return nil, true, invalid("empty secret")
	}
	return newOct(slices.Clone(secret)), true, nil
}

// parseOct reads an oct key: a non-empty k.
func parseOct(m members) (keyKind, error) {
	k, err := m.Need(jwa.KeyTypeOct, "k", maxOctBytes)
	if err != nil {
		return nil, err
	}
	kind, _, err := octFromGo(k)
	return kind, err
}
