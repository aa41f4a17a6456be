// Package jwt issues and verifies JSON Web Tokens ([RFC 7519]): signed
// tokens (a JWS), encrypted tokens (a JWE) and nested sign-then-encrypt
// tokens, with the defaults of the JWT Best Current Practices ([RFC 8725]).
//
// Most callers want [Sign] and [Verify]:
//
//	token, err := jwt.Sign(claims, jwa.ES256, key, jwt.WithType("at+jwt"))
//	if err != nil {
//		return err
//	}
//	c, err := jwt.Verify[MyClaims](token,
//		jwt.WithKey(jwa.ES256, publicKey),
//		jwt.WithIssuer("https://issuer.example.com"),
//		jwt.WithAudience("https://api.example.com"))
//	if err != nil {
//		return err
//	}
//
// The claims are the registered ones ([Claims]) and the application's own:
// Verify decodes into any type T, typically a struct that embeds [Claims],
// or map[string]any.
//
// A token is a string, in and out, as in every package of the module.
//
// Each call takes options of its own type: [SignOption], [EncryptOption],
// [SignAndEncryptOption] (which takes the other two as well) and
// [VerifyOption]; [IssueOption]s ([WithType], [WithKeyID],
// [WithAudienceArray]) are options of every call that issues a token. An
// option given to a call it means nothing for does not compile. What an
// issuer writes and what a verifier accepts are named apart: [WithType]
// and [WithExpectedType], [WithEncryption] and [WithAllowedEncryptions]. A
// misused option (nil, out of range, given twice, contradicting another, a
// required one missing) fails the call with an error wrapping
// [ErrInvalidOption] that names it.
//
// What Verify does by default, and why:
//   - it accepts only the form of token its options ask for: a JWS with
//     verification keys; a nested token only with decryption keys as well;
//     an encrypted token without a signature only with [WithEncryptedOnly];
//     never a JSON serialization ([ErrUnexpectedForm]);
//   - it checks the signature (and decrypts) before it reads any claim, and
//     returns claims only when every check passed;
//   - "exp" is required ([WithAllowNoExpiry] opts out) and checked; "nbf"
//     and "iat" are checked when present; a token with "aud" is refused
//     unless the caller accepts one of its audiences ([WithAudience]);
//   - the claim set is parsed strictly: one JSON object, no duplicate or
//     case-folded duplicate members, registered claims of the right JSON
//     type, dates from 1970 to 9999 ([ErrInvalidClaims]);
//   - member names are matched exactly, as RFC 7519 §7.3 compares strings:
//     a claim, or a member of a claim at any depth, whose name differs from
//     the JSON name of a field of T only in case ("ADMIN" for a field tagged
//     `json:"admin"`, "EXP" for "exp", "JKT" inside "cnf") refuses the token
//     ([ErrInvalidClaims], naming the member and the field). encoding/json,
//     which decodes the application's claims, would take the one for the
//     other, while every reader of exact names (a middleware, another
//     library, the registered-claim checks) sees no such claim. A field
//     without a json tag is named by its Go name: "email" does not fill a
//     field Email, and refuses the token; tag the fields. A type whose JSON
//     names include two that differ only in case ("id" and "ID") receives
//     neither. Types with their own UnmarshalJSON (such as [jwk.Key]) read
//     their members themselves and are not looked into; a map keeps names
//     as they are.
//
// [WithJTIValidator] checks each token's "jti" with the caller's function,
// given the claims that bound the token's use ([TokenID]): a revocation
// list, or one-time tokens. A service of several instances needs a list
// they share: the nested module github.com/joseproject/jose/ext/redisstore
// keeps it in Redis (README, "Running several instances").
//
// Every failure wraps a sentinel of this package (or of jwa, jws, jwe for
// the cryptographic layers) for errors.Is, and names the claim at fault.
// A signature that does not verify is [ErrInvalidSignature] (the same
// error as jwa's and jws's); an algorithm the options do not accept is
// [jwa.ErrAlgorithmNotAllowed]; a token that is not a JWT at all is
// [jwa.ErrMalformed].
//
// There is no unverified parse of the claims. A service that must look
// inside a token before verifying it (to choose the key set by "iss", say)
// reads it with jws.Parse, whose headers and payload are marked
// unverified, and then verifies it with [Verify] and [WithIssuer] naming
// the issuer it chose, so that the choice is checked too (see the example
// of reading the issuer first).
//
// In FIPS 140-3 mode ([jwa.FIPSMode]) every option that names an algorithm
// ([WithKey], [WithKeySet], [WithEmbeddedKey], [WithRecipient],
// [WithDecryptionKey], [WithDecryptionKeySet], [WithEncryption],
// [WithAllowedEncryptions]) refuses
// one that is not approved, wrapping [jwa.ErrNotApproved] and
// [ErrInvalidOption]; [Sign], [Encrypt] and [SignAndEncrypt] refuse such an
// algorithm too, with [jwa.ErrNotApproved].
//
// [RFC 7519]: https://www.rfc-editor.org/rfc/rfc7519
// [RFC 8725]: https://www.rfc-editor.org/rfc/rfc8725
package jwt
