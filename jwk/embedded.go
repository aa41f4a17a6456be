package jwk

import (
	"crypto/rsa"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// DefaultEmbeddedRSABits is the largest RSA modulus, in bits, that
// [EmbeddedKeyLimits] accept unless told otherwise.
const DefaultEmbeddedRSABits = 4096

// EmbeddedKeyLimits bound a key that arrives inside the token it is to
// verify: the "jwk" header of a JWS (jws.WithEmbeddedKey,
// jwt.WithEmbeddedKey), which is how every DPoP proof carries its key.
// Anyone can send such a token, and its key is used before anything in it
// is authenticated, so the key's size decides what one unauthenticated
// request costs the verifier. An RSA check costs about the square of the
// modulus size times the bits of the exponent: a random 16384-bit modulus
// with e = 2^31−1 and a garbage signature costs some 300 times a 2048-bit
// check with e = 65537 (T06), while a key refused by these limits costs
// less than that one check.
//
// The zero value is the default: an RSA modulus of at most
// [DefaultEmbeddedRSABits] bits and the public exponent 65537 (the only
// one in common use; RFC 7518 §6.3.1 allows others). Keys of other types
// have fixed sizes and are not bounded further. The limits are checked on
// the parsed key, before any RSA arithmetic; every key is also held to the
// checks of [FromKey] (16384 bits at most, an odd exponent from 3 to
// 2^31−1, no ROCA fingerprint).
type EmbeddedKeyLimits struct {
	// MaxRSABits is the largest RSA modulus accepted, in bits. Zero or
	// less means DefaultEmbeddedRSABits.
	MaxRSABits int
	// AnyRSAExponent accepts every public exponent FromKey accepts, not
	// only 65537.
	AnyRSAExponent bool
}

// Check returns nil when k is within the limits. Otherwise the error wraps
// [jwa.ErrInvalidKey] and [jwa.ErrLimitExceeded] and names the bound.
func (l EmbeddedKeyLimits) Check(k *Key) error {
	if k == nil {
		return invalid("no key")
	}
	pub, ok := k.PublicKey().(*rsa.PublicKey)
	if !ok {
		return nil
	}
	limit := l.MaxRSABits
	if limit <= 0 {
		limit = DefaultEmbeddedRSABits
	}
	if bits := pub.N.BitLen(); bits > limit {
		return fmt.Errorf("jwk: a key embedded in a token has a %d-bit RSA modulus, over the %d bits allowed: %w: %w",
			bits, limit, jwa.ErrInvalidKey, jwa.ErrLimitExceeded)
	}
	if pub.E != 65537 && !l.AnyRSAExponent {
		return fmt.Errorf("jwk: a key embedded in a token has the RSA public exponent %d, and only 65537 is allowed: %w: %w",
			pub.E, jwa.ErrInvalidKey, jwa.ErrLimitExceeded)
	}
	return nil
}
