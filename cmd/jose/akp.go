//go:build go1.27

package main

import (
	"crypto/mldsa"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// mldsaParams are the ML-DSA parameter sets by their JOSE "alg".
var mldsaParams = map[jwa.SignatureAlgorithm]func() mldsa.Parameters{
	jwa.ML_DSA_44: mldsa.MLDSA44,
	jwa.ML_DSA_65: mldsa.MLDSA65,
	jwa.ML_DSA_87: mldsa.MLDSA87,
}

// generateAKP makes an AKP key for an ML-DSA algorithm with Go 1.27's
// crypto/mldsa; jwk gives it its parameter set as "alg".
func generateAKP(alg jwa.SignatureAlgorithm, members []jwk.Option) (*jwk.Key, error) {
	params, ok := mldsaParams[alg]
	if !ok {
		return nil, usagef("--kty AKP: --alg %s is no ML-DSA algorithm (ML-DSA-44, ML-DSA-65 or ML-DSA-87)", alg)
	}
	priv, err := mldsa.GenerateKey(params())
	if err != nil {
		return nil, asUsage(err)
	}
	return jwk.FromKey(priv, members...)
}

// unavailable says why an algorithm this project names is missing from
// this build; with Go 1.27 every one is built in.
func unavailable(string) string { return "" }
