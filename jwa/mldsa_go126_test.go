//go:build !go1.27

package jwa

import (
	"errors"
	"strings"
	"testing"
)

// Before Go 1.27 no ML-DSA algorithm is built in.
var mldsaBuiltin []SignatureAlgorithm

func mldsaPair(SignatureAlgorithm) (priv, pub any, ok bool) { return nil, nil, false }

// TestMLDSANeedsGo127: the names exist, but nothing implements them, and
// the error says which Go release does.
func TestMLDSANeedsGo127(t *testing.T) {
	for _, alg := range []SignatureAlgorithm{ML_DSA_44, ML_DSA_65, ML_DSA_87} {
		if alg.Available() || alg.KeyType() != "" {
			t.Errorf("%s is available", alg)
		}
		_, errS := alg.NewSigner(make([]byte, 32))
		_, errV := alg.NewVerifier(make([]byte, 32))
		for _, err := range []error{errS, errV} {
			if !errors.Is(err, ErrUnsupportedAlgorithm) || !strings.Contains(err.Error(), "Go 1.27") {
				t.Errorf("%s: %v, want ErrUnsupportedAlgorithm saying Go 1.27 is needed", alg, err)
			}
		}
	}
}
