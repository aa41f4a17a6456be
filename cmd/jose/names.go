package main

import (
	"slices"

	"github.com/joseproject/jose/jwa"
)

// The names of everything the project implements, built in or in an ext
// module, for completion, for the flag help and for jwk gen. The command
// offers only those available in this build (Available), so ML-DSA appears
// with Go 1.27 only.

// signatureAlgs are the JWS "alg" values, "none" left out.
var signatureAlgs = available([]jwa.SignatureAlgorithm{
	jwa.HS256, jwa.HS384, jwa.HS512,
	jwa.RS256, jwa.RS384, jwa.RS512,
	jwa.PS256, jwa.PS384, jwa.PS512,
	jwa.ES256, jwa.ES384, jwa.ES512, jwa.ES256K,
	jwa.EdDSA, jwa.Ed25519, jwa.Ed448,
	jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87,
})

// keyAlgs are the JWE "alg" values.
var keyAlgs = available(append([]jwa.KeyAlgorithm{
	jwa.RSA1_5, jwa.RSA_OAEP, jwa.RSA_OAEP_256, jwa.RSA_OAEP_384, jwa.RSA_OAEP_512,
	jwa.A128KW, jwa.A192KW, jwa.A256KW,
	jwa.Direct,
	jwa.ECDH_ES, jwa.ECDH_ES_A128KW, jwa.ECDH_ES_A192KW, jwa.ECDH_ES_A256KW,
	jwa.A128GCMKW, jwa.A192GCMKW, jwa.A256GCMKW,
	jwa.PBES2_HS256_A128KW, jwa.PBES2_HS384_A192KW, jwa.PBES2_HS512_A256KW,
}, jwa.HPKEAlgorithms()...))

// contentEncs are the JWE "enc" values.
var contentEncs = available([]jwa.ContentEncryption{
	jwa.A128CBC_HS256, jwa.A192CBC_HS384, jwa.A256CBC_HS512,
	jwa.A128GCM, jwa.A192GCM, jwa.A256GCM,
	jwa.C20P, jwa.XC20P,
})

// keyTypes and curves are the "kty" and "crv" values of jwk gen.
var (
	keyTypes = []string{string(jwa.KeyTypeRSA), string(jwa.KeyTypeEC), string(jwa.KeyTypeOKP), string(jwa.KeyTypeOct), string(jwa.KeyTypeAKP)}
	curves   = []string{
		string(jwa.P256), string(jwa.P384), string(jwa.P521), string(jwa.Secp256k1),
		string(jwa.CurveEd25519), string(jwa.X25519), string(jwa.CurveEd448), string(jwa.X448),
	}
)

// available keeps the names this build implements, as strings.
func available[T interface {
	~string
	Available() bool
}](names []T) []string {
	var out []string
	for _, n := range names {
		if n.Available() {
			out = append(out, string(n))
		}
	}
	return out
}

// allAlgs is every "alg" value, for jwk gen --alg.
func allAlgs() []string {
	return slices.Concat(signatureAlgs, keyAlgs)
}
