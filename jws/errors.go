package jws

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// ErrInvalidSignature is returned (wrapped) when a signature does not
// verify, including a signature of the wrong length or encoding. It is
// [jwa.ErrInvalidSignature] itself, so one errors.Is works in every package.
//
// Other failures wrap the jwa sentinels: [jwa.ErrMalformed] for a token that
// is not well formed, [jwa.ErrAlgorithmNotAllowed] for an algorithm the
// caller did not accept, [jwa.ErrLimitExceeded] for a token over a bound,
// [jwa.ErrInvalidKey] for an unusable key, and [jwk.ErrKeyNotFound] when no
// key fits a signature.
var ErrInvalidSignature = jwa.ErrInvalidSignature

func malformed(format string, args ...any) error {
	return fmt.Errorf("jws: "+format+": %w", append(args, jwa.ErrMalformed)...)
}

func notAllowed(format string, args ...any) error {
	return fmt.Errorf("jws: "+format+": %w", append(args, jwa.ErrAlgorithmNotAllowed)...)
}

// optionError is the error of a misused option: it wraps ErrInvalidOption.
func optionError(format string, args ...any) error {
	return fmt.Errorf("jws: "+format+": %w", append(args, ErrInvalidOption)...)
}
