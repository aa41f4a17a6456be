//go:build go1.27

package jws_test

import (
	"testing"

	"github.com/joseproject/jose/jwa"
)

// fipsMLDSAKeys adds the ML-DSA keys to the FIPS 140-3 tests (FIPS 204).
func fipsMLDSAKeys(t *testing.T) map[jwa.SignatureAlgorithm]any {
	keys := map[jwa.SignatureAlgorithm]any{}
	for i, alg := range mldsaAlgs {
		keys[alg] = mldsaKey(t, alg, byte(i+1))
	}
	return keys
}
