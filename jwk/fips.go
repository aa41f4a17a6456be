package jwk

import (
	"crypto"
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// FIPS 140-3 mode (jwa.FIPSMode): keys on a curve that mode does not
// approve (X25519, X448, Ed448, secp256k1) are neither
// parsed, nor wrapped by FromKey, nor generated, and ParseSet leaves them
// out, with the keys that no approved algorithm may use. The algorithms
// themselves are refused by jwa when a key is bound to them.

// fipsCurve refuses, in FIPS 140-3 mode, a key on a curve that is not
// approved (jwa.Curve.CheckFIPS). It runs before a key's material is
// decoded: under GODEBUG=fips140=only crypto/ecdh would refuse an X25519
// key deep inside.
func fipsCurve(crv jwa.Curve) error {
	if err := crv.CheckFIPS(); err != nil {
		return fmt.Errorf("jwk: key on curve %s: %w", crv, err)
	}
	return nil
}

// fipsSkip reports whether ParseSet leaves out a key in FIPS 140-3 mode:
// one that Parse refused for its curve (err wraps jwa.ErrNotApproved), or
// one that no approved algorithm may use (jwa.CheckFIPSKey: an RSA key of
// under 2048 bits or with a public exponent of at most 2^16).
func fipsSkip(k *Key, err error) bool {
	if !jwa.FIPSMode() {
		return false
	}
	if err != nil {
		return errors.Is(err, jwa.ErrNotApproved)
	}
	return jwa.CheckFIPSKey(k.km().goKey()) != nil
}

// fipsHash refuses, in FIPS 140-3 mode, a hash outside SHA-2 (FIPS 180-4)
// and SHA-3 (FIPS 202): Go's module refuses SHA-1 (fips140=only panics on
// it) and never offered MD5.
func fipsHash(h crypto.Hash) error {
	if !jwa.FIPSMode() {
		return nil
	}
	switch h {
	case crypto.SHA224, crypto.SHA256, crypto.SHA384, crypto.SHA512, crypto.SHA512_224, crypto.SHA512_256,
		crypto.SHA3_224, crypto.SHA3_256, crypto.SHA3_384, crypto.SHA3_512:
		return nil
	}
	return fmt.Errorf("jwk: thumbprint hash %v is neither SHA-2 nor SHA-3: %w", h, jwa.ErrNotApproved)
}
