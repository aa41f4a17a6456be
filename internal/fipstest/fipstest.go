// Package fipstest is what the tests of every package of the module share
// to run in FIPS 140-3 mode (GODEBUG=fips140=on or only): `make test` runs
// the suite a second time with fips140=on, and the FIPS tests with
// fips140=only.
//
// A test of FIPS 140-3 mode itself calls [Require] (or [RequireOnly]): it
// skips in a normal run, but when the environment variable [EnvVar] says
// the run is meant to be in FIPS 140-3 mode it fails instead, so that a
// target whose GODEBUG was lost cannot pass by skipping everything. A test
// of an algorithm that FIPS 140-3 mode refuses calls [SkipUnapproved]; the
// refusal itself is what the FIPS tests check.
//
// The package imports nothing of the module, so that every package's
// internal tests may use it.
package fipstest

import (
	"crypto/fips140"
	"os"
	"testing"
)

// EnvVar names the environment variable that the FIPS targets of the
// Makefile set: "on" with GODEBUG=fips140=on, "only" with
// GODEBUG=fips140=only.
const EnvVar = "JOSE_FIPS_TEST"

// Require skips t unless the program runs in FIPS 140-3 mode, and fails it
// instead when EnvVar is set.
func Require(t testing.TB) {
	t.Helper()
	if fips140.Enabled() {
		return
	}
	if v := os.Getenv(EnvVar); v != "" {
		t.Fatalf("%s=%s but FIPS 140-3 mode is off: run with GODEBUG=fips140=%s", EnvVar, v, v)
	}
	t.Skip("needs FIPS 140-3 mode (GODEBUG=fips140=on or only)")
}

// RequireOnly is Require for the tests that need strict enforcement
// (GODEBUG=fips140=only): it fails t when EnvVar is "only" and enforcement
// is off, and skips it otherwise.
func RequireOnly(t testing.TB) {
	t.Helper()
	if fips140.Enforced() {
		return
	}
	if os.Getenv(EnvVar) == "only" {
		t.Fatalf("%s=only but FIPS 140-3 enforcement is off: run with GODEBUG=fips140=only", EnvVar)
	}
	t.Skip("needs GODEBUG=fips140=only")
}

// SkipUnapproved skips t in FIPS 140-3 mode when what it tests is not
// approved there (approved is false): an algorithm's FIPSStatus().Approved,
// or false for a key that FIPS 140-3 mode refuses (X25519, RSA under 2048
// bits).
func SkipUnapproved(t testing.TB, what string, approved bool) {
	t.Helper()
	if fips140.Enabled() && !approved {
		t.Skipf("%s is refused in FIPS 140-3 mode (tested by the FIPS tests)", what)
	}
}

// Mode reports whether the program runs in FIPS 140-3 mode.
func Mode() bool { return fips140.Enabled() }
