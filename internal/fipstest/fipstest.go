// Package fipstest is what the tests of every package of the module share
// to run in FIPS 140-3 mode (GODEBUG=fips140=on or only): `make test` runs
// the suite a second time with fips140=on, and the FIPS tests with
// fips140=only.
//
// A test of FIPS 140-3 mode itself calls [Require]: it
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
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"strings"
	"testing"
)

// EnvVar names the environment variable that the FIPS targets of the
// Makefile set: "on" with GODEBUG=fips140=on, "only" with
// GODEBUG=fips140=only. The tests that need FIPS 140-3 mode fail when it
// is set and the mode is off.
const EnvVar = "JOSE_FIPS_TEST"

// Require skips t unless the program runs in FIPS 140-3 mode, and fails it
// instead when EnvVar is set; with EnvVar "only" it fails t unless
// enforcement (GODEBUG=fips140=only) is on too.
func Require(t testing.TB) {
	t.Helper()
	v := os.Getenv(EnvVar)
	if v == "only" && !fips140.Enforced() {
		t.Fatalf("%s=only but FIPS 140-3 enforcement is off: run with GODEBUG=fips140=only", EnvVar)
	}
	if fips140.Enabled() {
		return
	}
	if v != "" {
		t.Fatalf("%s=%s but FIPS 140-3 mode is off: run with GODEBUG=fips140=%s", EnvVar, v, v)
	}
	t.Skip("needs FIPS 140-3 mode (GODEBUG=fips140=on or only)")
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

// Refused reports whether err is FIPS 140-3 mode's refusal: the program
// runs in that mode and err wraps notApproved (jwa.ErrNotApproved). A
// rejection test accepts it in place of the sentinel it expects, since that
// mode refuses the algorithm, the curve or the key before anything else is
// looked at; the FIPS tests check those refusals themselves.
func Refused(err, notApproved error) bool { return fips140.Enabled() && errors.Is(err, notApproved) }

// CheckRefusal fails t unless err is a FIPS 140-3 refusal: it wraps
// notApproved (jwa.ErrNotApproved, passed in so that this package imports
// nothing of the module), its message names FIPS 140-3 and holds each of
// parts (the option, the algorithm, the reason), and it does not come from
// deep inside crypto/.
func CheckRefusal(t testing.TB, err, notApproved error, parts ...string) {
	t.Helper()
	if !errors.Is(err, notApproved) {
		t.Fatalf("err = %v, want %v", err, notApproved)
	}
	msg := err.Error()
	for _, p := range append(parts, "FIPS 140-3") {
		if !strings.Contains(msg, p) {
			t.Errorf("message %q lacks %q", msg, p)
		}
	}
	if strings.Contains(msg, "crypto/") {
		t.Errorf("message %q comes from deep inside crypto/", msg)
	}
}

// RSAKey reads the PKCS #8 RSA key testdata/keys/file of the module (the
// FIPS tests use rsa2048.pem, and rsa1024.pem as a key FIPS 140-3 refuses;
// jws's x5c tests rsa4160.pem, over the embedded-key limit) from a package
// directory just below the module's root.
func RSAKey(t testing.TB, file string) *rsa.PrivateKey {
	t.Helper()
	data, err := os.ReadFile("../testdata/keys/" + file)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatalf("no PEM block in %s", file)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		t.Fatalf("%s holds a %T", file, k)
	}
	return rk
}
