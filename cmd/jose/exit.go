package main

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Exit statuses, as the package documentation (doc.go) states them.
const (
	exitOK     = 0 // success
	exitFailed = 1 // the token failed: anything wrong with the token itself
	exitUsage  = 2 // usage: flags, key files, algorithm names the person typed
)

// errUsage marks an error of what the person typed or gave as a key, found
// by the command's own checks: a bad flag, an algorithm name that does not
// exist, a key that cannot do the algorithm asked of it. Every command
// makes those checks before it reads the token, so that whatever the
// library reports later is about the token.
var errUsage = errors.New("usage error")

// usageError wraps an error as a usage error without printing "usage
// error" in its message.
type usageError struct{ err error }

func (u usageError) Error() string   { return u.err.Error() }
func (u usageError) Unwrap() []error { return []error{u.err, errUsage} }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// asUsage marks err as a usage error whatever it wraps: the error of a
// check the command makes on the person's own input before any token is
// read (binding --key to --alg, or signing and encrypting, where there is
// no token yet).
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// usageFailures are the errors of the person's input, whatever else they
// wrap: the command's own checks, a key file or key set the library cannot
// read (jwk marks those), options that contradict each other, and in FIPS
// 140-3 mode an algorithm, curve or key that mode does not approve
// (jwa.ErrNotApproved), even one a token names: the refusal is of the
// deployment's mode, not of the token.
var usageFailures = []error{errUsage, jwk.ErrInvalidKeyData, jwt.ErrInvalidOption, jwa.ErrNotApproved}

// tokenFailures are the errors that mean the token failed. An unsupported
// algorithm is among them: the command checks every algorithm name the
// person typed before it reads the token, so one the library meets later
// is named by the token ("alg", "enc", "zip", "crit").
var tokenFailures = []error{
	jwa.ErrInvalidSignature,
	jwa.ErrDecryption,
	jwa.ErrMalformed,
	jwa.ErrLimitExceeded,
	jwa.ErrAlgorithmNotAllowed,
	jwa.ErrUnsupportedAlgorithm,
	jwk.ErrKeyNotFound,
	jwt.ErrInvalidClaims,
	jwt.ErrExpired,
	jwt.ErrNotValidYet,
	jwt.ErrIssuedInFuture,
	jwt.ErrTooOld,
	jwt.ErrMissingClaim,
	jwt.ErrInvalidIssuer,
	jwt.ErrInvalidAudience,
	jwt.ErrInvalidSubject,
	jwt.ErrInvalidType,
	jwt.ErrRejected,
	jwt.ErrUnexpectedForm,
}

// exitCode chooses the exit status of a failed command with errors.Is
// alone: the person's input first (usageFailures), then the sentinels that
// mean the token failed, and anything else is a usage error (a key the
// library refuses for the token's algorithm, a key set it refuses, a file
// that cannot be written).
func exitCode(err error) int {
	for _, s := range usageFailures {
		if errors.Is(err, s) {
			return exitUsage
		}
	}
	for _, s := range tokenFailures {
		if errors.Is(err, s) {
			return exitFailed
		}
	}
	return exitUsage
}
