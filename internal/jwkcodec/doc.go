// Package jwkcodec is the one reader and the one writer of JWK members
// (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2): package jwk builds every key,
// its JSON and its thumbprint input with it, and package jwe reads and
// writes the ephemeral public key of ECDH-ES ("epk", RFC 7518 §4.6.1.1: a
// public JWK) with the same functions.
//
// [Members] reads member values of an object that internal/strictjson
// checked: strings, base64url values of a bounded or exact length. [Member]
// and [AppendObject] write members. [Curve] holds the facts of each
// built-in curve of kty EC and OKP, [Curve.Public] reads a key's public
// members into its standard encoding and [Curve.Members] writes them from
// it. Errors start with "jwk: " (they reach callers through jwk.Parse) and
// wrap [jwa.ErrMalformed] for members of the wrong shape and
// [jwa.ErrInvalidKey] for values of the wrong size.
package jwkcodec
