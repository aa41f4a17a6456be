package jwa

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
)

// Helpers shared by the tests of this package.

// b64 decodes strict base64url or fails the test.
func b64(t testing.TB, s string) []byte {
	t.Helper()
	b, err := base64url.DecodeString(s)
	if err != nil {
		t.Fatalf("base64url %q: %v", s, err)
	}
	return b
}

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
