// Package jwk handles JSON Web Keys ([RFC 7517]): keys and key sets in JSON,
// conversions to and from standard library keys, and the rules that bind a
// key to the algorithms it may serve.
//
// Most programs make a [Key] with [FromKey] from a key they already hold, or
// read an identity provider's [Set], and pass it to jws, jwe or jwt.
//
// [RFC 7517]: https://www.rfc-editor.org/rfc/rfc7517
package jwk
