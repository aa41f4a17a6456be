package jwa

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/internal/josetest"
)

// Helpers shared by the tests of this package.

// b64 decodes strict base64url or fails the test.
var b64 = josetest.B64

// unhex decodes hex or fails the test.
func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("hex %q: %v", s, err)
	}
	return b
}

// readJSON decodes a test data file into v.
func readJSON(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// fipsAlgorithm is any of the three kinds of algorithm name.
type fipsAlgorithm interface {
	~string
	FIPS() FIPSStatus
}

// refused reports whether FIPS 140-3 mode refuses a, so that a loop over
// every algorithm leaves it out there (fips_test.go checks the refusal).
func refused[A fipsAlgorithm](a A) bool { return fipsMode && !a.FIPS().Approved }

// skipRefused skips t in FIPS 140-3 mode when a is refused there.
func skipRefused[A fipsAlgorithm](t testing.TB, a A) {
	t.Helper()
	fipstest.SkipUnapproved(t, string(a), a.FIPS().Approved)
}

// keyRefused reports whether err refuses a key: ErrInvalidKey, or in FIPS
// 140-3 mode ErrNotApproved for a key that mode refuses (an X25519 key
// given to an algorithm that wants another curve).
func keyRefused(err error) bool {
	return errors.Is(err, ErrInvalidKey) || fipsMode && errors.Is(err, ErrNotApproved)
}

// The interfaces of internal/jwecrypto, which this package's tests cannot
// import (it imports jwa); internal/jwecrypto's own tests check that jwa's
// types implement those.
type (
	inPlaceOpener interface {
		OpenInPlace(iv, ciphertextAndTag, aad []byte) ([]byte, error)
	}
	integratedEncrypter interface {
		Seal(plaintext, aad []byte) (encapsulated, ciphertext []byte, err error)
	}
	integratedDecrypter interface {
		Open(encapsulated, ciphertext, aad []byte) ([]byte, error)
	}
)
