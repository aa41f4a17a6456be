// Package jwk handles JSON Web Keys ([RFC 7517]): keys and key sets in JSON,
// conversions to and from standard library keys and PEM, thumbprints, key
// generation, remote key sets, and the rules that bind a key to the
// algorithms it may serve.
//
// Most programs make a [Key] with [FromKey] from a key they already hold,
// [Generate] one for an algorithm, read one from a file with [ParsePEM]
// or [Parse] (a set with [ParseSet]), or read an identity provider's key
// set with [NewRemote] or [Discover], and pass it to jws, jwe or jwt.
// Check the error of NewRemote and Discover: the key set options of jws,
// jwe and jwt refuse a nil set.
//
// Options come in three kinds, each an interface only this package
// implements: an [Option] sets a member of a new key (and is a
// [GenerateOption] too), a GenerateOption shapes a generated key
// ([WithBits], [WithCurve]), a [RemoteOption] configures a [Remote]. A
// misused one (nil, an invalid value, a size or curve the key cannot have)
// fails the call with an error wrapping [ErrInvalidOption].
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
// # Weak RSA keys
//
// An RSA modulus over 16384 bits, an even modulus and a public exponent
// that is even or under 3 are refused everywhere. So is a modulus with the
// fingerprint of the ROCA key generator (CVE-2017-15361, a smart-card and
// TPM library whose primes can be recovered from the modulus), in [Parse],
// [ParseSet], [ParsePEM], [FromKey] and certificate chains, with
// [ErrVulnerableKey]: modulo each of 17 small primes, n is a power of
// 65537, which a modulus of random primes is by chance with probability
// about 2^-27.8. The check costs well under a microsecond for a 2048-bit
// key. A jwa.WeakRSAPublicKey is the caller's acceptance of a legacy key
// and is not checked for it.
//
// A key that arrives inside the token it verifies (a JWS "jwk" header, a
// DPoP proof, each certificate of an "x5c" chain) is held to tighter bounds by its users, through
// [EmbeddedKeyLimits]: by default an RSA modulus of at most 4096 bits and
// the exponent 65537, checked before any RSA arithmetic, since anyone can
// send such a key and its verification cost grows with its size.
//
// # Sets and selection
//
// A [Set] skips keys of a kty, crv or use this package does not implement
// (RFC 7517 §5), so one new key type at a provider never breaks
// verification. [Set.Select] picks the keys for a token: by kid, then by the
// algorithm, which the key must fit; a kid that names two keys of the same
// type is refused as ambiguous ([ErrAmbiguousKey]), and a set that mixes
// secret and public keys is refused for verification ([ErrMixedKeySet]).
// A miss ([ErrKeyNotFound]) names the kid, the algorithm and the keys tried.
// [KeySet] is what jws, jwe and jwt take; a *Set and a *[Remote] are both.
// Each instance of a service keeps its own [Remote]; see the README,
// "Running several instances", for what instances share.
//
// # Remote key sets
//
// [NewRemote] (a jwks_uri) and [Discover] (an issuer, through OpenID Connect
// Discovery) make a [Remote]: a key set fetched over https, cached, and
// refreshed. Its rules, each with a default and an option:
//
//   - Lifetime. A Remote is made once, at start-up, and lives until
//     [Remote.Close], which stops its background refresh; later calls
//     return an error wrapping [ErrClosed]. No context is its lifetime: the
//     context given to Select, [Remote.Refresh] or [Discover] bounds that
//     one call, as the context package asks, so the end of the request that
//     happened to use a Remote first does not break later verifications.
//   - Refresh. The set is cached for the provider's Cache-Control max-age
//     or Expires, clamped to 1 minute … 24 hours ([WithRefreshInterval]),
//     and refreshed in the background at a random point between 80% and
//     90% of that interval: before it goes stale, and not in lockstep with
//     the other servers of a fleet started together. A token with an
//     unknown kid refreshes the set once; the next such refresh waits at
//     least the minimum interval plus a random part of up to 20%, so that
//     random kids cannot turn the verifier into a flood against the
//     provider, and the refused token's error says when the set was
//     fetched and when it may be fetched again.
//   - Failures. A failed fetch (an error, a status other than 200 or 304,
//     a body over 1 MiB, a malformed or empty set, a refused set) keeps the
//     last good set serving, goes to [WithErrorHandler] and
//     [Remote.LastError], and leaves the provider alone for a backoff: the
//     minimum interval, doubled on each failure in a row up to the
//     maximum, each plus up to 20%. Before any set was fetched, callers get
//     the last error, with the time of the next attempt, without a
//     request. Every fetch error wraps [ErrFetch] beside its cause.
//   - Refusals. Only https URLs are fetched ([WithInsecureHTTP] allows
//     http for tests); a redirect is followed only to the same host
//     ([WithRedirectHosts] names others) and never to another scheme
//     ([ErrRefusedURL]): another host's keys would be trusted as the
//     provider's. A set that publishes a private key or a secret ("d",
//     "p", "priv", … or an "oct" key, even one of a kind this package
//     skips) is refused whole ([ErrPublishedSecret]): anyone who read it
//     could sign.
//   - Time. Every time decision above (caching, refresh, backoff, jitter)
//     is made on the Remote's [Clock], which tests replace with
//     [WithClock]; only the fetch timeout ([WithFetchTimeout], 10 seconds)
//     runs on the system clock.
//
// A nil *Remote or *Set, the result of an unchecked error, returns errors
// wrapping [jwa.ErrInvalidKey] from every method, never panics.
//
// # FIPS 140-3 mode
//
// In FIPS 140-3 mode ([jwa.FIPSMode]) a key on a curve that mode does not
// approve (X25519, X448, Ed448, secp256k1; see [jwa.Curve.FIPS]) is refused
// by [Parse], [FromKey], [Generate] and [GenerateKey] with
// [jwa.ErrNotApproved], as are [Generate] for an algorithm that is not
// approved; [ParseSet], and so a [Remote] set, skips such keys and the RSA
// keys no approved algorithm may use ([jwa.CheckFIPSKey]) instead of failing
// the set. Binding a key to an algorithm applies jwa's rules. Go's module
// refuses SHA-1, so a key's "x5t" is kept as given there (its "x5t#S256"
// is checked) and [Key.Thumbprint] refuses SHA-1.
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
