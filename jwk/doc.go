// Package jwk handles JSON Web Keys ([RFC 7517]): keys and key sets in JSON,
// conversions to and from standard library keys and PEM, thumbprints, key
// generation, remote key sets, and the rules that bind a key to the
// algorithms it may serve.
//
// Most programs make a [Key] with [FromKey] from a key they already hold,
// [Generate] one for an algorithm, or read an identity provider's key set
// with [NewRemote] or [Discover], and pass it to jws, jwe or jwt.
//
// # Keys
//
// A [Key] is checked once, when it is made or parsed: RSA keys must be
// consistent and have two primes, EC points must be on their curve with a
// private scalar that matches, OKP keys must have the right lengths, and
// secrets must not be empty. [Parse] and [ParseSet] read the JSON form
// strictly (no duplicate members, typed members, canonical base64url) and
// then check the key as [FromKey] does. [ParsePEM] reads PKCS#8, PKCS#1,
// SEC 1, PKIX and X.509 certificates; [Key.PEM] writes PKCS#8 or PKIX.
// [Key.MarshalJSON] writes the canonical form, [Key.Public] drops every
// private member, and formatting a key never prints its secrets. Every
// error of Parse, ParseSet and ParsePEM wraps [ErrInvalidKeyData] beside
// its cause, so that a program tells a bad key file from a bad token with
// errors.Is alone.
//
// # Binding a key to an algorithm
//
// [Key.Signer], [Key.Verifier], [Key.KeyEncrypter] and [Key.KeyDecrypter]
// refuse an algorithm other than the key's own "alg" (wrapping
// [jwa.ErrAlgorithmNotAllowed]), an operation its "use" or "key_ops" forbid
// ([ErrKeyUsage]), and, through package jwa, a key of the wrong type, curve
// or size ([jwa.ErrInvalidKey]). A symmetric key whose "alg" names a
// content encryption (RFC 7520 §5.6: "alg":"A128GCM") serves key
// management "dir" with exactly that "enc": any other enc is refused on
// encrypt and on decrypt, before the key is used
// ([jwa.ErrAlgorithmNotAllowed]). RSA keys under 2048 bits are parsed but
// refused by every algorithm; wrap a public key in [jwa.WeakRSAPublicKey]
// to verify legacy tokens with it.
//
// # Sets and selection
//
// A [Set] skips keys of a kty, crv or use this package does not implement
// (RFC 7517 §5), so one new key type at a provider never breaks
// verification. [Set.Select] picks the keys for a token: by kid, then by the
// algorithm, which the key must fit; a kid that names two keys of the same
// type is refused as ambiguous ([ErrAmbiguousKey]), and a set that mixes
// secret and public keys is refused for verification ([ErrMixedKeySet]).
// [KeySet] is what jws, jwe and jwt take; a *Set and a *[Remote] are both.
//
// # Thumbprints and certificates
//
// [Key.Thumbprint] and [Key.ThumbprintURI] compute [RFC 7638] and [RFC 9278]
// thumbprints. An "x5c" chain is parsed and its leaf must hold the key, but
// nothing in it is trusted until [Key.VerifyCertificates] has checked it
// against the caller's roots.
//
// [RFC 7517]: https://www.rfc-editor.org/rfc/rfc7517
// [RFC 7638]: https://www.rfc-editor.org/rfc/rfc7638
// [RFC 9278]: https://www.rfc-editor.org/rfc/rfc9278
package jwk
