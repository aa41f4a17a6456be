//go:build !go1.27

package jws_test

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jws"
)

// Before Go 1.27, ML-DSA is a name only: signing with it fails with
// ErrUnsupportedAlgorithm.
func TestMLDSANeedsGo127(t *testing.T) {
	_, err := jws.Sign([]byte("x"), jws.WithKey(jwa.ML_DSA_44, make([]byte, 32)))
	if !errors.Is(err, jwa.ErrUnsupportedAlgorithm) {
		t.Fatalf("Sign = %v, want ErrUnsupportedAlgorithm", err)
	}
}
