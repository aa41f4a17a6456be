// Package jwk handles JSON Web Keys ([RFC 7517]): keys and key sets in JSON,
// conversions to and from standard library keys, and the rules that bind a
// key to the algorithms it may serve.
//
// Most programs make a [Key] with [FromKey] from a key they already hold, or
// read an identity provider's [Set], and pass it to jws, jwe or jwt.
//
// [Parse] and [ParseSet] read the JSON form strictly (no duplicate members,
// typed members, canonical base64url) and check the key as [FromKey] does;
// a set skips keys of a kty, crv or use this package does not implement
// (RFC 7517 §5). [Key.MarshalJSON] writes the canonical form, and
// [Key.Thumbprint] and [Key.ThumbprintURI] compute [RFC 7638] and
// [RFC 9278] thumbprints.
//
// [RFC 7517]: https://www.rfc-editor.org/rfc/rfc7517
// [RFC 7638]: https://www.rfc-editor.org/rfc/rfc7638
// [RFC 9278]: https://www.rfc-editor.org/rfc/rfc9278
package jwk
