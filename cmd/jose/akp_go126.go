//go:build !go1.27

package main

import (
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// generateAKP refuses: before Go 1.27 the standard library has no ML-DSA.
func generateAKP(alg jwa.SignatureAlgorithm, _ []jwk.Option) (*jwk.Key, error) {
	return nil, usagef("--alg %s: %s", alg, unavailable(string(jwa.ML_DSA_44)))
}

// unavailable says why an algorithm this project names is missing from
// this build: ML-DSA (AKP keys) needs Go 1.27.
func unavailable(name string) string {
	switch jwa.SignatureAlgorithm(name) {
	case jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87:
		return "ML-DSA (AKP keys) needs a jose built with Go 1.27 or later (crypto/mldsa)"
	}
	return ""
}
