package dpop

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// Sentinel errors. An error of [Validator.Validate] wraps one of these,
// and, for the steps the jwt layer checks, the sentinel of that layer too:
// [jwt.ErrInvalidType] ("typ"), [jwa.ErrAlgorithmNotAllowed] ("alg" not in
// the allow-list, "none", HMAC), [jwa.ErrInvalidSignature],
// [jwa.ErrInvalidKey] (a private or secret "jwk"), [jwt.ErrIssuedInFuture]
// and [jwt.ErrTooOld] ("iat" outside the window), [jwt.ErrMissingClaim],
// [jwt.ErrInvalidClaims] and [jwa.ErrMalformed].
var (
	// ErrInvalidProof: the proof is missing, malformed or fails a check of
	// RFC 9449 §4.3. A server answers it with the error code
	// "invalid_dpop_proof" (RFC 9449 §5, §7.1).
	ErrInvalidProof = errors.New("invalid DPoP proof")

	// ErrMissingProof: the request has no DPoP header.
	ErrMissingProof = fmt.Errorf("no DPoP proof: %w", ErrInvalidProof)

	// ErrMultipleProofs: the request has more than one DPoP header field
	// (RFC 9449 §4.3 step 1).
	ErrMultipleProofs = fmt.Errorf("more than one DPoP proof: %w", ErrInvalidProof)

	// ErrMethodMismatch: "htm" is not the method of the request (RFC 9449
	// §4.3 step 8).
	ErrMethodMismatch = fmt.Errorf(`"htm" does not match the request method: %w`, ErrInvalidProof)

	// ErrURIMismatch: "htu" is not the URI of the request, after
	// normalisation ([NormalizeURI], RFC 9449 §4.3 step 9).
	ErrURIMismatch = fmt.Errorf(`"htu" does not match the request URI: %w`, ErrInvalidProof)

	// ErrReplay: a proof with the same key and "jti" was already accepted
	// within the time window (RFC 9449 §11.1).
	ErrReplay = fmt.Errorf("DPoP proof replayed: %w", ErrInvalidProof)

	// ErrAccessTokenHash: "ath" is missing or is not the hash of the access
	// token presented with the proof (RFC 9449 §4.3 step 12, §7).
	ErrAccessTokenHash = fmt.Errorf(`"ath" does not match the access token: %w`, ErrInvalidProof)

	// ErrUseNonce: the server requires a nonce ([WithAllowedNonces]) and the proof
	// has none, or another one. The server answers with the error code
	// "use_dpop_nonce" and a fresh nonce in the DPoP-Nonce header (RFC 9449
	// §8, §9). It does not wrap ErrInvalidProof.
	ErrUseNonce = errors.New("DPoP nonce missing or not current")

	// ErrKeyMismatch: the proof was signed with a key other than the one
	// the access token is bound to ("cnf" "jkt", [WithThumbprint]; RFC 9449
	// §4.3 step 12, §6). A resource server answers it with "invalid_token"
	// (RFC 9449 §7.1). It does not wrap ErrInvalidProof.
	ErrKeyMismatch = errors.New("DPoP proof key does not match the token's binding")

	// ErrStoreFull: the in-memory replay store ([MemoryStore]) holds its
	// maximum number of unexpired proofs and refuses more rather than
	// forget one (which would allow its replay). It wraps
	// [jwa.ErrLimitExceeded] and [jwt.ErrStoreUnavailable]: it is the
	// server's condition, not the client's fault, and passes as entries
	// expire.
	ErrStoreFull = fmt.Errorf("replay store full: %w: %w", jwa.ErrLimitExceeded, jwt.ErrStoreUnavailable)

	// ErrInvalidOption is [jwa.ErrInvalidOption] (as [jwt.ErrInvalidOption]
	// is): an option is nil, has an invalid argument, or is given twice.
	ErrInvalidOption = jwt.ErrInvalidOption
)

func optionError(format string, args ...any) error {
	return fmt.Errorf("dpop: "+format+": %w", append(args, ErrInvalidOption)...)
}
