// Package hostile builds attack inputs for the tests of several packages:
// tokens that anyone can make, with no key of the victim's.
package hostile

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"math/big"
)

// RSAJWK returns the JSON of an RSA public JWK with a random odd modulus of
// exactly bits bits and the public exponent e. It has no private half:
// nothing can sign for it, but a verifier that uses it does the RSA
// arithmetic all the same.
func RSAJWK(bits, e int) string {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(bits)))
	if err != nil {
		panic(err)
	}
	n.SetBit(n, bits-1, 1).SetBit(n, 0, 1)
	b64 := base64.RawURLEncoding.EncodeToString
	return fmt.Sprintf(`{"kty":"RSA","n":"%s","e":"%s"}`, b64(n.Bytes()), b64(big.NewInt(int64(e)).Bytes()))
}

// Token returns a compact JWS of the protected header's JSON and the
// payload, with sigLen random bytes as its signature (the first below 0x80,
// so that an RSA "signature" is below the modulus).
func Token(header, payload string, sigLen int) string {
	sig := make([]byte, sigLen)
	_, _ = rand.Read(sig)
	if sigLen > 0 {
		sig[0] &= 0x7f
	}
	b64 := base64.RawURLEncoding.EncodeToString
	return b64([]byte(header)) + "." + b64([]byte(payload)) + "." + b64(sig)
}

// OffCurveP256JWK is the JSON of an EC public JWK on P-256 whose point is
// not on the curve: RFC 7515 Appendix A.3's key with the first character of
// "y" changed. A token carries it as its "jwk", "epk" or "cnf" key.
const OffCurveP256JWK = `{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"y_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}`
