// Package jws signs and verifies JSON Web Signatures ([RFC 7515]) in the
// compact, flattened JSON and general JSON serializations, with several
// signatures, detached payloads (RFC 7515 Appendix F) and unencoded payloads
// ([RFC 7797]).
//
// Most callers want [Sign] with [WithKey], and [Verify] with [WithKey] (one
// key bound to one algorithm) or [WithKeySet] (a set of keys and the list of
// algorithms accepted):
//
//	tok, err := jws.Sign(payload, jws.WithKey(jwa.ES256, priv))
//	if err != nil {
//		return err
//	}
//	verified, err := jws.Verify(tok, jws.WithKey(jwa.ES256, pub))
//	if err != nil {
//		return err
//	}
//
// [VerifyMessage] also tells which signature verified, with which key, and
// gives that signature's headers; read headers only from its [Result], never
// from the unverified token. [Parse] reads a token without verifying it,
// for a look at its headers and payload before choosing how to verify it
// (its "kid", its issuer): nothing it returns is authenticated.
//
// A token is a string, in and out, in every serialization (compact and
// JSON alike); a payload is a []byte. Verify reads the token in place and
// copies only its signing input, which a verifier takes as bytes.
//
// Each call takes options of its own type: [SignOption], [VerifyOption],
// [ParseOption] (each also a VerifyOption), and [KeyOption] for [WithKey]
// and [WithUnsafeNone], which both Sign and Verify take. An option given to
// a call it means nothing for does not compile. A misused option (nil, out
// of range, contradicting another, a required one missing) fails the call
// with an error wrapping [ErrInvalidOption] that names it.
//
// Verification is strict by default (RFC 8725): the caller always states the
// algorithms it accepts; "none" needs [WithUnsafeNone]; "alg" must be in the
// protected header unless [WithUnprotectedAlgorithm] is given; keys named by
// the token ("jwk", "x5c") are used only through [WithEmbeddedKey] and
// [WithX509], and a "jwk", or the key of each certificate of an "x5c",
// only within [jwk.EmbeddedKeyLimits] (RSA of at most 4096 bits with
// e = 65537 by default, checked before any RSA arithmetic;
// [WithEmbeddedKeyLimits]); "jku" and "x5u" are never fetched;
// "crit" may list only the members of [WithKnownCritical]; protected
// headers with duplicate members, non-canonical base64url and trailing data
// are refused; member names are matched exactly (RFC 7515 §5.3), and a JSON
// serialization member whose name differs from one of RFC 7515 §7.2.1 only
// in case ("PAYLOAD"), which a parser that folds case would read, is refused
// ([jwa.ErrMalformed]); tokens are bounded in size ([DefaultMaxSize]) and in
// signatures ([DefaultMaxSignatures]).
//
// In FIPS 140-3 mode ([jwa.FIPSMode]) an option that names a signature
// algorithm that is not approved (ES256K, Ed448, "none" through
// [WithUnsafeNone]), or binds a key that mode refuses, fails with
// [jwa.ErrNotApproved] before anything is signed or verified.
//
// [RFC 7515]: https://www.rfc-editor.org/rfc/rfc7515
// [RFC 7797]: https://www.rfc-editor.org/rfc/rfc7797
package jws
