// Package secp256k1 adds ES256K, ECDSA over the secp256k1 curve with
// SHA-256 ([RFC 8812]), to the jose library, and JWKs of kty "EC" with crv
// "secp256k1" (RFC 8812 §3.1).
//
// It is a module of its own, github.com/joseproject/jose/ext/secp256k1, so
// that the library's go.mod does not depend on the curve's implementation,
// github.com/decred/dcrd/dcrec/secp256k1/v4. Importing the package
// registers the algorithm with jwa and the key type with jwk:
//
//	import _ "github.com/joseproject/jose/ext/secp256k1"
//
// after which jwk.Parse reads secp256k1 JWKs, jwk.GenerateKey(jwa.KeyTypeEC,
// jwk.WithCurve(jwa.Secp256k1)) makes one, and jws.Sign and jws.Verify
// accept jwa.ES256K with such keys (or with the decred library's
// *secp256k1.PrivateKey and *secp256k1.PublicKey directly).
//
// Checks: a public key must be a point on the curve, given by x and y of
// exactly 32 bytes (RFC 8812 §3.1, uncompressed only); a private key's d
// must be in [1, n-1] and match x and y. A signature is the 64-byte R||S of
// RFC 7518 §3.4 with r and s in [1, n-1] (T12, T13); both s and n-s verify,
// as RFC 8812 requires nothing else (T14). Signatures are deterministic
// (RFC 6979) and low-S. A secp256k1 key never serves ES256, and a P-256
// key never serves ES256K (RFC 8812 §5.4 warns of the confusion).
//
// RFC 8812 registers secp256k1 as "not recommended" for general use; use it
// where a protocol needs it (blockchain identities, DIDs).
//
// [RFC 8812]: https://www.rfc-editor.org/rfc/rfc8812
package secp256k1
