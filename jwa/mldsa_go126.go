//go:build !go1.27

package jwa

// Before Go 1.27 the standard library has no ML-DSA, so ML-DSA-44, -65 and
// -87 are names only: they are not built in, [SignatureAlgorithm.Scheme]
// says why, and an application may register its own implementation under
// these names.

// mldsaSignatures is empty before Go 1.27.
var mldsaSignatures map[SignatureAlgorithm]SignatureScheme

// unavailableSignatures gives the reason, for the error of
// [SignatureAlgorithm.Scheme], why a named algorithm is not built in.
var unavailableSignatures = map[SignatureAlgorithm]string{
	ML_DSA_44: mldsaNeedsGo127,
	ML_DSA_65: mldsaNeedsGo127,
	ML_DSA_87: mldsaNeedsGo127,
}

const mldsaNeedsGo127 = "needs Go 1.27 or later (crypto/mldsa); this program was built with an older Go"
