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
//	if err != nil {
//		return err
//	}
//
//	// Holder: check what was received, choose, present.
//	tok, err := sdjwt.Parse(sd, sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerPublicKey)))
//	if err != nil {
//		return err
//	}
//	vp, err := tok.Present(chosen, sdjwt.WithHolderKey(jwa.ES256, holderKey),
//		sdjwt.WithKeyBinding("https://verifier.example.org", nonce))
//	if err != nil {
//		return err
//	}
//
//	// Verifier: check everything, get the claims revealed.
//	c, err := sdjwt.Verify[map[string]any](vp,
//		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerPublicKey), jwt.WithIssuer("https://issuer.example.com")),
//		sdjwt.WithRequiredKeyBinding("https://verifier.example.org", nonce))
//	if err != nil {
//		return err
//	}
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
// What is refused, and why:
//   - member names are matched exactly: in the JSON serialization, a member
//     whose name differs from one of RFC 7515 §7.2.1 or RFC 9901 §8.1 only in
//     case ("PAYLOAD", "Disclosures", "KB_JWT") is refused
//     ([jwa.ErrMalformed]), because encoding/json, and libraries built on it,
//     would read it as the registered one; the processed claims are decoded
//     into T by [jwt.Verify], which refuses a claim whose name differs from
//     a field's only in case;
//   - [Issue] does not make selectively disclosable the claims RFC 9901
//     §9.7 lists as security critical: "iss", "aud", "exp", "nbf", "cnf",
//     nor anything inside "aud" or "cnf" ([WithDisclosable]). A holder who
//     may withhold "aud" can hide the audience from a verifier that refuses
//     tokens meant for another, and the verifier cannot tell: a digest
//     without a disclosure may be any claim, or a decoy. An SD-JWT from
//     another issuer may still hide them, so a verifier requires the claims
//     it depends on ([jwt.WithRequiredClaims], [jwt.WithAudience],
//     [jwt.WithIssuer]), as RFC 9901 §9.7 asks; one that accepts no
//     audience cannot see a hidden one, and should name its audience or
//     trust only issuers that keep "aud" visible;
//   - the "cnf" key that checks a Key Binding JWT is the holder's choice,
//     which the issuer only copied, so [Verify] holds it to
//     [jwk.EmbeddedKeyLimits] as every key that arrives inside a token (by
//     default an RSA modulus of at most 4096 bits and the exponent 65537,
//     checked before any RSA arithmetic; [WithKeyBindingKeyLimits] widens
//     them), since its size decides what checking a presentation costs
//     ([ErrKeyBinding], [jwa.ErrLimitExceeded]).
//
// [RFC 9901]: https://www.rfc-editor.org/rfc/rfc9901
package sdjwt
