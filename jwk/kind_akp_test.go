//go:build go1.27

package jwk

import (
	"testing"

	"github.com/joseproject/jose/jwa"
)

// akpKindCases are the ML-DSA kinds of kindCases: the draft's examples,
// whose kid is their thumbprint (draft-ietf-cose-dilithium-11 A.1).
func akpKindCases(t *testing.T) []kindCase {
	var cases []kindCase
	for _, v := range draftVectors(t) {
		k := mustParse(t, akpObj(jwa.SignatureAlgorithm(v.Alg), v.key(t)).json(t))
		cases = append(cases, kindCase{name: v.Alg, key: k, thumbprint: v.Kid})
	}
	return cases
}
