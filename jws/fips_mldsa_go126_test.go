//go:build !go1.27

package jws_test

import (
	"testing"

	"github.com/joseproject/jose/jwa"
)

// fipsMLDSAKeys is empty before Go 1.27: ML-DSA is a name only.
func fipsMLDSAKeys(*testing.T) map[jwa.SignatureAlgorithm]any { return nil }
