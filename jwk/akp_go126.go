//go:build !go1.27

package jwk

import (
	"crypto"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Before Go 1.27 the standard library has no ML-DSA, so no AKP key can be
// made: Parse refuses one with an error wrapping
// [jwa.ErrUnsupportedAlgorithm], and ParseSet skips it as a kind of key this
// build does not implement (RFC 7517 §5).

func parseAKP(m members) (keyKind, error) {
	alg, _, _ := m.String("alg")
	switch jwa.SignatureAlgorithm(alg) {
	case jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87:
		return nil, fmt.Errorf("jwk: AKP key for %s needs Go 1.27 or later (crypto/mldsa): %w (%w)", alg, jwa.ErrUnsupportedAlgorithm, errSkippable)
	}
	return nil, fmt.Errorf("jwk: AKP key for alg %q: %w (%w)", alg, jwa.ErrUnsupportedAlgorithm, errSkippable)
}

func akpFromGo(any) (keyKind, bool, error) { return nil, false, nil }

func isAKPPublic(crypto.PublicKey) bool { return false }
