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

// refusedInFIPS reports whether err is FIPS 140-3 mode's refusal
// (jwa.ErrNotApproved). A rejection test accepts it in place of the
// sentinel it expects: that mode refuses the curve or the algorithm before
// anything else is looked at (fips_test.go checks those refusals).
func refusedInFIPS(err error) bool { return jwa.FIPSMode() && errors.Is(err, jwa.ErrNotApproved) }

// skipCurveInFIPS skips t in FIPS 140-3 mode for a key on a curve that
// mode refuses.
func skipCurveInFIPS(t testing.TB, crv jwa.Curve) {
	t.Helper()
	fipstest.SkipUnapproved(t, "curve "+string(crv), crv.CheckFIPS() == nil)
}

func sha1Of(b []byte) []byte   { s := sha1.Sum(b); return s[:] }
func sha256Of(b []byte) []byte { s := sha256.Sum256(b); return s[:] }
