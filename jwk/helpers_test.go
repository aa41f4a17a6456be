package jwk

import (
	"crypto/sha1"
	"crypto/sha256"
	"errors"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
)

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// skipCurveInFIPS skips t in FIPS 140-3 mode for a key on a curve that
// mode refuses.
func skipCurveInFIPS(t testing.TB, crv jwa.Curve) {
	t.Helper()
	fipstest.SkipUnapproved(t, "curve "+string(crv), crv.CheckFIPS() == nil)
}

func sha1Of(b []byte) []byte   { s := sha1.Sum(b); return s[:] }
func sha256Of(b []byte) []byte { s := sha256.Sum256(b); return s[:] }

func asError(err error, target any) bool { return errors.As(err, target) }

// refusedInFIPS is fipstest.Refused for jwa.ErrNotApproved.
func refusedInFIPS(err error) bool { return fipstest.Refused(err, jwa.ErrNotApproved) }
