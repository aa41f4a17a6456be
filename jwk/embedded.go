package jwk

import (
	"crypto/rsa"
	"crypto/x509"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// DefaultEmbeddedRSABits is the largest RSA modulus, in bits, that
// [EmbeddedKeyLimits] accept unless told otherwise.
const DefaultEmbeddedRSABits = 4096

// EmbeddedKeyLimits bound a key that arrives inside the token it is to
// verify: the "jwk" header of a JWS (jws.WithEmbeddedKey,
// jwt.WithEmbeddedKey), which is how every DPoP proof carries its key, and
// every certificate of its "x5c" chain (jws.WithX509), whose keys check
// the chain's signatures before the chain is trusted.
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
	return l.check(k.PublicKey(), "a key embedded in a token")
}

// CheckCertificates is [EmbeddedKeyLimits.Check] for the public key of
// every certificate of chain (an "x5c", leaf first), before any of their
// signatures is checked. The error names the certificate by its index.
func (l EmbeddedKeyLimits) CheckCertificates(chain []*x509.Certificate) error {
	for i, c := range chain {
		if c == nil {
			return invalid("x5c certificate %d is nil", i)
		}
		if err := l.check(c.PublicKey, fmt.Sprintf("x5c certificate %d of a token", i)); err != nil {
			return err
		}
	}
	return nil
}

// check bounds pub, an RSA key; what says where it came from.
func (l EmbeddedKeyLimits) check(pub any, what string) error {
	rsaPub, ok := pub.(*rsa.PublicKey)
	if !ok {
		return nil
	}
	limit := l.MaxRSABits
	if limit <= 0 {
		limit = DefaultEmbeddedRSABits
	}
	if bits := rsaPub.N.BitLen(); bits > limit {
		return fmt.Errorf("jwk: %s has a %d-bit RSA modulus, over the %d bits allowed: %w: %w",
			what, bits, limit, jwa.ErrInvalidKey, jwa.ErrLimitExceeded)
	}
	if rsaPub.E != 65537 && !l.AnyRSAExponent {
		return fmt.Errorf("jwk: %s has the RSA public exponent %d, and only 65537 is allowed: %w: %w",
			what, rsaPub.E, jwa.ErrInvalidKey, jwa.ErrLimitExceeded)
	}
	return nil
}
