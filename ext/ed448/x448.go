package ed448

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"

	"github.com/cloudflare/circl/dh/x448"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// X448Size is the length in bytes of X448 keys and shared secrets (RFC 7748
// §5).
const X448Size = x448.Size

// X448PublicKey is an X448 public key (RFC 7748 §5): the u-coordinate,
// little-endian. It is a [jwa.ECDHPublicKey], so ECDH-ES takes it as a
// recipient's key.
type X448PublicKey struct{ u x448.Key }

// X448PrivateKey is an X448 private key with its public key.
type X448PrivateKey struct {
	d   x448.Key
	pub X448PublicKey
}

// NewX448PublicKey makes a public key of 56 bytes. Any 56 bytes are a
// u-coordinate (RFC 7748 §5); a point of small order is refused when used.
func NewX448PublicKey(u []byte) (*X448PublicKey, error) {
	if len(u) != X448Size {
		return nil, fmt.Errorf("ed448: X448 public key of %d bytes, want %d: %w", len(u), X448Size, jwa.ErrInvalidKey)
	}
	return &X448PublicKey{u: x448.Key(u)}, nil
}

// NewX448PrivateKey makes a private key of 56 bytes (clamped when used,
// RFC 7748 §5) and computes its public key.
func NewX448PrivateKey(d []byte) (*X448PrivateKey, error) {
	if len(d) != X448Size {
		return nil, fmt.Errorf("ed448: X448 private key of %d bytes, want %d: %w", len(d), X448Size, jwa.ErrInvalidKey)
	}
	k := &X448PrivateKey{d: x448.Key(d)}
	x448.KeyGen(&k.pub.u, &k.d)
	return k, nil
}

// GenerateX448Key makes a private key from random (crypto/rand when nil).
func GenerateX448Key(random io.Reader) (*X448PrivateKey, error) {
	if random == nil {
		random = rand.Reader
	}
	var d [X448Size]byte
	if _, err := io.ReadFull(random, d[:]); err != nil {
		return nil, err
	}
	return NewX448PrivateKey(d[:])
}

// Bytes returns a copy of the u-coordinate.
func (k *X448PublicKey) Bytes() []byte { b := k.u; return b[:] }

// Equal reports whether x is an *X448PublicKey with the same bytes.
func (k *X448PublicKey) Equal(x any) bool {
	o, ok := x.(*X448PublicKey)
	return ok && o != nil && k.u == o.u
}

// Curve is "X448": ECDH-ES takes an ephemeral key only on its recipient's
// curve.
func (k *X448PublicKey) Curve() jwa.Curve { return jwa.X448 }

// GenerateEphemeral draws a fresh X448 private key from random, for
// ECDH-ES.
func (k *X448PublicKey) GenerateEphemeral(random io.Reader) (jwa.ECDHPrivateKey, error) {
	return GenerateX448Key(random)
}

// Bytes returns a copy of the private scalar as given (before clamping).
func (k *X448PrivateKey) Bytes() []byte { b := k.d; return b[:] }

// Public returns the public key as a crypto.PublicKey.
func (k *X448PrivateKey) Public() any { return &k.pub }

// PublicKey returns the public key, for ECDH-ES.
func (k *X448PrivateKey) PublicKey() jwa.ECDHPublicKey { p := k.pub; return &p }

// Equal reports whether x is an *X448PrivateKey with the same scalar,
// compared in constant time.
func (k *X448PrivateKey) Equal(x any) bool {
	o, ok := x.(*X448PrivateKey)
	return ok && o != nil && subtle.ConstantTimeCompare(k.d[:], o.d[:]) == 1
}

var errX448 = errors.New("ed448: X448 agreement failed")

// ECDH returns the X448 shared secret with peer, an *X448PublicKey. A peer
// point of small order, whose secret is all zeros, fails (RFC 7748 §6.2,
// RFC 8037 §3.2, T34).
func (k *X448PrivateKey) ECDH(peer jwa.ECDHPublicKey) ([]byte, error) {
	p, ok := peer.(*X448PublicKey)
	if !ok || p == nil {
		return nil, fmt.Errorf("ed448: X448 agreement with a %T: %w", peer, jwa.ErrInvalidKey)
	}
	var z x448.Key
	if !x448.Shared(&z, &k.d, &p.u) {
		return nil, errX448
	}
	var zero x448.Key
	if subtle.ConstantTimeCompare(z[:], zero[:]) == 1 {
		return nil, errX448
	}
	return z[:], nil
}

// X448Codec is the [jwk.KeyCodec] of kty "OKP", crv "X448" (RFC 8037 §2):
// x is the 56-byte public key, d the 56-byte private key. Importing the
// package registers it.
type X448Codec struct{}

// KeyType is "OKP".
func (X448Codec) KeyType() jwa.KeyType { return jwa.KeyTypeOKP }

// Curve is "X448".
func (X448Codec) Curve() jwa.Curve { return jwa.X448 }

// Members are x and the private d, 56 bytes each.
func (X448Codec) Members() []jwk.KeyMember {
	return []jwk.KeyMember{{Name: "x", Size: X448Size}, {Name: "d", Size: X448Size, Private: true}}
}

// Decode makes the key and checks that d, when present, gives x.
func (X448Codec) Decode(m map[string][]byte) (any, error) {
	pub, err := NewX448PublicKey(m["x"])
	if err != nil {
		return nil, err
	}
	d, ok := m["d"]
	if !ok {
		return pub, nil
	}
	priv, err := NewX448PrivateKey(d)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(priv.pub.u[:], pub.u[:]) != 1 {
		return nil, fmt.Errorf("ed448: X448 \"d\" does not match \"x\": %w", jwa.ErrInvalidKey)
	}
	return priv, nil
}

// Encode writes x, and d for a private key when private is set.
func (X448Codec) Encode(key any, private bool) (map[string][]byte, error) {
	switch k := key.(type) {
	case *X448PublicKey:
		return map[string][]byte{"x": k.Bytes()}, nil
	case *X448PrivateKey:
		out := map[string][]byte{"x": k.pub.Bytes()}
		if private {
			out["d"] = k.Bytes()
		}
		return out, nil
	}
	return nil, fmt.Errorf("ed448: cannot encode %T as X448: %w", key, jwa.ErrInvalidKey)
}

// FromKey accepts *X448PrivateKey and *X448PublicKey; typed nils are
// refused.
func (X448Codec) FromKey(key any) (pub any, private, ok bool, err error) {
	switch k := key.(type) {
	case *X448PrivateKey:
		if k == nil {
			return nil, false, true, fmt.Errorf("ed448: nil X448 key: %w", jwa.ErrInvalidKey)
		}
		return k.PublicKey(), true, true, nil
	case *X448PublicKey:
		if k == nil {
			return nil, false, true, fmt.Errorf("ed448: nil X448 key: %w", jwa.ErrInvalidKey)
		}
		return k, false, true, nil
	}
	return nil, false, false, nil
}

// GenerateKey makes an X448 key from crypto/rand, for
// jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.X448)).
func (X448Codec) GenerateKey() (any, error) { return GenerateX448Key(nil) }
