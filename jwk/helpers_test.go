package jwk

import (
	"crypto/sha1"
	"crypto/sha256"
	"errors"
)

func errorsIs(err, target error) bool { return errors.Is(err, target) }

func sha1Of(b []byte) []byte   { s := sha1.Sum(b); return s[:] }
func sha256Of(b []byte) []byte { s := sha256.Sum256(b); return s[:] }

func asError(err error, target any) bool { return errors.As(err, target) }
