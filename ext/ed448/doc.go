// Package ed448 adds Ed448 signatures and X448 key agreement to the jose
// library: the fully-specified JWS algorithm "Ed448" (RFC 9864 §2.3), OKP
// JWKs with crv "Ed448" and "X448" (RFC 8037 §2), and ECDH-ES (with and
// without AES key wrap) over X448 keys (RFC 8037 §3.2, RFC 7518 §4.6).
//
// It is a module of its own, github.com/joseproject/jose/ext/ed448, so that
// the library's go.mod does not depend on the curves' implementation,
// github.com/cloudflare/circl. Importing the package registers everything:
//
//	import _ "github.com/joseproject/jose/ext/ed448"
//
// Ed448 keys are circl's ed448.PrivateKey and ed448.PublicKey; X448 keys
// are this package's [X448PrivateKey] and [X448PublicKey].
//
// The polymorphic "EdDSA" of RFC 8037 §3.1 stays Ed25519-only in this
// library: an Ed448 key is refused for "EdDSA" and for "Ed25519", and an
// Ed25519 key for "Ed448". Ed448 signatures use the name "Ed448", as RFC
// 9864 recommends, so that the algorithm never depends on the key.
//
// Checks: an Ed448 public key of 57 bytes must decode to a point and is
// refused when the point has small order; an Ed448 private key must be 57
// bytes of seed whose public key matches "x". Signatures are pure Ed448
// with an empty context (RFC 8037 §3.1), 114 bytes, S below the group order.
// X448 keys are 56 bytes; an agreement whose shared secret is all zeros (a
// small-order peer, T34) fails, and an "epk" of another curve is refused
// (T33).
//
// [RFC 8037]: https://www.rfc-editor.org/rfc/rfc8037
package ed448
