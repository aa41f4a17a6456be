package jwt

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Sentinel errors. Every error of [Verify] wraps one or more of these (or a
// jwa, jwk, jws or jwe sentinel for failures of the signature or
// encryption layers, such as [jwa.ErrInvalidSignature]), and its message
// names the claim and says why it failed.
var (
	// ErrInvalidClaims: the claim set is not one JSON object, has duplicate
	// members, or a registered claim has the wrong type or an out-of-range
	// value. It wraps [jwa.ErrMalformed].
	ErrInvalidClaims = fmt.Errorf("invalid claims: %w", jwa.ErrMalformed)

	// ErrExpired: the current time is at or after "exp" plus the leeway.
	ErrExpired = errors.New("token expired")

	// ErrNotValidYet: the current time is before "nbf" minus the leeway.
	ErrNotValidYet = errors.New("token not valid yet")

	// ErrIssuedInFuture: "iat" is later than the current time plus the leeway.
	ErrIssuedInFuture = errors.New("token issued in the future")

	// ErrTooOld: "iat" is older than the maximum age ([WithMaxAge]) plus the
	// leeway.
	ErrTooOld = errors.New("token too old")

	// ErrMissingClaim: a claim the caller requires is absent (or null). It is
	// returned together with the claim's own sentinel where there is one
	// (a missing "iss" when [WithIssuer] was given wraps both this and
	// [ErrInvalidIssuer]).
	ErrMissingClaim = errors.New("required claim missing")

	// ErrInvalidIssuer: "iss" is not one of the issuers the caller accepts.
	ErrInvalidIssuer = errors.New("issuer not accepted")

	// ErrInvalidAudience: "aud" holds none of the audiences the caller
	// accepts, or the token has "aud" and the caller accepts none.
	ErrInvalidAudience = errors.New("audience not accepted")

	// ErrInvalidSubject: "sub" is not the subject the caller expects.
	ErrInvalidSubject = errors.New("subject not accepted")

	// ErrInvalidType: the "typ" header is not the type the caller expects
	// ([WithExpectedType]), or a nested token's "cty" is not "JWT" (nor,
	// with [WithTypeAsContentType], the expected type).
	ErrInvalidType = errors.New("token type not accepted")

	// ErrRejected: a callback of the caller ([WithValidator],
	// [WithJTIValidator]) refused the token. The callback's own error is
	// wrapped too.
	ErrRejected = errors.New("token rejected by a validator")

	// ErrStoreUnavailable: a store that a check of the token depends on
	// could not answer: the replay store of a DPoP validator, the
	// revocation list or one-time-use store behind [WithJTIValidator], a
	// database behind a [WithValidator]. The token was neither accepted nor
	// found bad, and asking again later may succeed. A store wraps it in the
	// errors of such failures (ext/redisstore's ErrUnavailable does), and
	// [Verify] then returns the store's error without [ErrRejected];
	// jwthttp answers it with 503 Service Unavailable, not 401. A store
	// still fails closed: the token is never accepted unchecked.
	ErrStoreUnavailable = errors.New("the store a check needs is unavailable")

	// ErrUnexpectedForm: the token is not in the form the caller asked for:
	// a JWE where a JWS is expected (T37), a JWS where decryption options
	// ask for a JWE, an encrypted token without a signature inside when
	// [WithEncryptedOnly] was not given (T38), a JSON serialization
	// (JWTs are compact only, RFC 7519 §1).
	ErrUnexpectedForm = errors.New("token not in the expected form")

	// ErrInvalidOption is [jwa.ErrInvalidOption]: an option is nil or has
	// an invalid argument, the options contradict each other, or a required
	// one is missing (Verify without a key).
	ErrInvalidOption = jwa.ErrInvalidOption

	// ErrInvalidSignature is [jwa.ErrInvalidSignature] (and
	// jws.ErrInvalidSignature): no key the caller gave verified the
	// token's signature. It is here so that a jwt caller finds it beside
	// the claim sentinels; one errors.Is works in every package.
	ErrInvalidSignature = jwa.ErrInvalidSignature
)

// invalidClaims makes an error wrapping ErrInvalidClaims, without the
// package prefix: callers add the context.
func invalidClaims(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrInvalidClaims)...)
}

// claimError puts the name of the claim in front of err.
func claimError(name string, err error) error {
	return fmt.Errorf("jwt: claim %q: %w", name, err)
}

// optionError makes an error wrapping ErrInvalidOption.
func optionError(format string, args ...any) error {
	return fmt.Errorf("jwt: "+format+": %w", append(args, ErrInvalidOption)...)
}
