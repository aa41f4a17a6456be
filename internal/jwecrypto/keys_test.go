package jwecrypto_test

import (
	"crypto/ecdh"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// hpkeKeys returns a key pair for the DHKEM suites (HPKE-0 to HPKE-7), nil
// for the others.
func hpkeKeys(t *testing.T, alg jwa.KeyAlgorithm) (pub, priv any) {
	t.Helper()
	var curve ecdh.Curve
	switch alg {
	case jwa.HPKE_0, jwa.HPKE_0_KE, jwa.HPKE_7, jwa.HPKE_7_KE:
		curve = ecdh.P256()
	case jwa.HPKE_1, jwa.HPKE_1_KE:
		curve = ecdh.P384()
	case jwa.HPKE_2, jwa.HPKE_2_KE:
		curve = ecdh.P521()
	case jwa.HPKE_3, jwa.HPKE_3_KE, jwa.HPKE_4, jwa.HPKE_4_KE:
		curve = ecdh.X25519()
	default:
		return nil, nil
	}
	k, err := curve.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return k.PublicKey(), k
}
