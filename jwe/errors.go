package jwe

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// ErrDecryption is returned, wrapped, for every failure after the header
// was accepted: a wrong key, a failed unwrap, a CEK of the wrong length, a
// bad tag, bad padding, an IV of the wrong length. It is [jwa.ErrDecryption],
// so one errors.Is test works in every package.
var ErrDecryption = jwa.ErrDecryption

// errDecrypt is the one error value [Decrypt] returns once the header was
// accepted. It is built once so that it carries no cause and names no step.
var errDecrypt = fmt.Errorf("jwe: %w", ErrDecryption)

func malformed(format string, args ...any) error {
	return fmt.Errorf("jwe: "+format+": %w", append(args, jwa.ErrMalformed)...)
}

func notAllowed(format string, args ...any) error {
	return fmt.Errorf("jwe: "+format+": %w", append(args, jwa.ErrAlgorithmNotAllowed)...)
}

func limit(format string, args ...any) error {
	return fmt.Errorf("jwe: "+format+": %w", append(args, jwa.ErrLimitExceeded)...)
}

// optionError is the error of a misused option: it wraps ErrInvalidOption.
func optionError(format string, args ...any) error {
	return fmt.Errorf("jwe: "+format+": %w", append(args, ErrInvalidOption)...)
}
