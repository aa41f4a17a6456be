package sdjwt

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Sentinel errors. Every error of this package wraps one of these, a jwt
// sentinel (claim validation, such as [jwt.ErrExpired]) or a jwa, jwk or jws
// sentinel (the signature layers, such as [jwa.ErrInvalidSignature]), and
// its message says what is wrong. The malformed-input ones also wrap
// [jwa.ErrMalformed].
var (
	// ErrInvalidDisclosure: a disclosure is not the base64url of a JSON
	// array [salt, name, value] or [salt, value] with a string salt and name
	// (RFC 9901 §4.2), its kind does not fit where its digest is (a
	// name/value disclosure for an array element or the other way round,
	// RFC 9901 §7.1 step 3.3), or it discloses a claim named "_sd" or "...".
	ErrInvalidDisclosure = fmt.Errorf("invalid disclosure: %w", jwa.ErrMalformed)

	// ErrDuplicateDigest: a digest appears more than once in the
	// issuer-signed JWT, directly or through disclosures, or the same
	// disclosure is given twice (RFC 9901 §7.1 step 4, §4).
	ErrDuplicateDigest = fmt.Errorf("digest appears more than once: %w", jwa.ErrMalformed)

	// ErrUnreferencedDisclosure: a disclosure's digest appears nowhere in the
	// issuer-signed JWT nor in the other disclosures (RFC 9901 §7.1 step 5).
	ErrUnreferencedDisclosure = fmt.Errorf("disclosure not referenced: %w", jwa.ErrMalformed)

	// ErrClaimExists: a disclosure names a claim that its object already has
	// (RFC 9901 §7.1 step 3.3.2.3).
	ErrClaimExists = fmt.Errorf("disclosed claim already exists: %w", jwa.ErrMalformed)

	// ErrHashAlgorithm: the "_sd_alg" of the token is not a string, is not
	// implemented, or is not one the caller accepts
	// ([WithAllowedHashAlgorithms]); or an option names a hash that is not
	// implemented.
	ErrHashAlgorithm = errors.New("hash algorithm not accepted")

	// ErrKeyBinding: key binding was required and the presentation has no
	// Key Binding JWT, or it failed a check of RFC 9901 §7.3 step 5: the
	// SD-JWT has no usable "cnf" key, or the KB-JWT's signature, "typ",
	// "iat", "aud", "nonce" or "sd_hash" is wrong. The cause (a jwt or jwa
	// sentinel) is wrapped as well.
	ErrKeyBinding = errors.New("key binding failed")

	// ErrInvalidOption is [jwa.ErrInvalidOption]: an option is nil or has an
	// invalid argument, the options contradict each other or miss a required
	// input (a selectively disclosable path that names no claim, for
	// example).
	ErrInvalidOption = jwa.ErrInvalidOption
)

// malformed returns an error about the structure of the input.
func malformed(format string, args ...any) error {
	return fmt.Errorf("sdjwt: "+format+": %w", append(args, jwa.ErrMalformed)...)
}

func optionError(format string, args ...any) error {
	return fmt.Errorf("sdjwt: "+format+": %w", append(args, ErrInvalidOption)...)
}
