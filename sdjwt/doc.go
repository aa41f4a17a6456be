// Package sdjwt issues, holds, presents and verifies Selective Disclosure
// JWTs (SD-JWT, [RFC 9901]): a JWT whose issuer replaced chosen claims by
// salted digests, so that the holder can reveal each claim, or not, to each
// verifier, optionally proving possession of a key with a Key Binding JWT.
//
// The three roles each have one entry point:
//
//	// Issuer: sign the claims, hiding the named ones.
//	sd, err := sdjwt.Issue(claims, jwa.ES256, issuerKey,
//		sdjwt.WithDisclosable("/given_name", "/address", "/nationalities/0"),
//		sdjwt.WithConfirmationKey(holderPublicKey))
//
//	// Holder: check what was received, choose, present.
//	tok, err := sdjwt.Parse(sd, sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerPublicKey)))
//	vp, err := tok.Present(chosen, sdjwt.WithHolderKey(jwa.ES256, holderKey),
//		sdjwt.WithKeyBinding("https://verifier.example.org", nonce))
//
//	// Verifier: check everything, get the claims revealed.
//	c, err := sdjwt.Verify[map[string]any](vp,
//		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerPublicKey), jwt.WithIssuer("https://issuer.example.com")),
//		sdjwt.WithRequiredKeyBinding("https://verifier.example.org", nonce))
//
// The package is a layer over package jwt: the issuer-signed JWT is signed
// and verified by [jwt.Sign] and [jwt.Verify], with their allow-lists and
// claim checks, and the Key Binding JWT is a JWT too. Both serializations of
// RFC 9901 are read and written: the "~"-separated compact one and the JWS
// JSON one (§8, [WithJSON]). Every JSON input (payload, disclosures, JSON
// serialization) is read strictly: no duplicate or case-folded duplicate
// member names, valid UTF-8, nothing after the value.
//
// Each call takes options of its own type ([IssueOption], [PresentOption],
// [VerifyOption], [ParseOption], [ReadOption]), so that an option given to
// the wrong call does not compile. What the issuer and the holder write
// and what the verifier accepts are named apart: [WithHashAlgorithm] and
// [WithAllowedHashAlgorithms], [WithKeyBinding] and
// [WithRequiredKeyBinding], [WithSignOptions] and [WithVerifyOptions]. A
// misused option fails the call with an error wrapping [ErrInvalidOption]
// that names it.
//
// [RFC 9901]: https://www.rfc-editor.org/rfc/rfc9901
package sdjwt
