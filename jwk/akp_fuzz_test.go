//go:build go1.27

package jwk

import (
	"bytes"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// FuzzParseAKP parses AKP JWKs, seeded with valid ML-DSA keys of each
// parameter set (private and public) and near misses. Beyond FuzzParse's
// checks: a key parsed from an AKP JWK always has the alg of its parameter
// set, its public JWK never carries "priv", and the public and private
// halves have one thumbprint.
func FuzzParseAKP(f *testing.F) {
	for i, alg := range []jwa.SignatureAlgorithm{jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87} {
		o := akpObj(alg, mldsaKey(f, alg, byte(i)))
		f.Add(o.json(f))
		f.Add(o.with("priv", nil).json(f))
		f.Add(o.with("alg", nil).json(f))
		f.Add(o.with("kid", "k", "use", "sig", "key_ops", []string{"sign"}).json(f))
	}
	f.Add([]byte(`{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA","priv":"AAAA"}`))
	f.Add([]byte(`{"kty":"AKP","alg":"ML-DSA-87"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k := parseStable(t, data)
		if k == nil {
			return
		}
		if k.KeyType() != jwa.KeyTypeAKP {
			return
		}
		if _, ok := akpParams[k.Algorithm()]; !ok {
			t.Fatalf("AKP key with alg %q", k.Algorithm())
		}
		pub, err := k.Public().MarshalJSON()
		if err != nil || bytes.Contains(pub, []byte(`"priv"`)) {
			t.Fatalf("public JWK: %v\n%s", err, pub)
		}
		a, errA := k.Thumbprint(0)
		b, errB := k.Public().Thumbprint(0)
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Fatalf("thumbprints: %v, %v", errA, errB)
		}
	})
}
