//go:build go1.27

package jwk

import (
	"crypto"
	"crypto/mldsa"
	"fmt"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// AKP keys (draft-ietf-cose-dilithium-11 §3, since published as RFC 9964)
// holding ML-DSA keys of Go 1.27's crypto/mldsa. Before Go 1.27,
// akp_go126.go stands in for this file.

// akpParams are the ML-DSA parameter sets by their JOSE alg.
var akpParams = map[string]mldsa.Parameters{
	string(jwa.ML_DSA_44): mldsa.MLDSA44(),
	string(jwa.ML_DSA_65): mldsa.MLDSA65(),
	string(jwa.ML_DSA_87): mldsa.MLDSA87(),
}

// akpAlg returns the JOSE alg of pub's parameter set; ok is false for nil
// and for the zero key, whose Parameters method panics.
func akpAlg(pub *mldsa.PublicKey) (alg string, ok bool) {
	if pub == nil {
		return "", false
	}
	defer func() {
		if recover() != nil {
			alg, ok = "", false
		}
	}()
	p := pub.Parameters()
	for name, q := range akpParams {
		if p == q {
			return name, true
		}
	}
	return "", false
}

// akpKind is an AKP key holding an ML-DSA key: always bound to its
// parameter set's alg.
type akpKind struct {
	pair[*mldsa.PublicKey] // priv: *mldsa.PrivateKey, or a crypto.Signer
	alg                    string
	ms                     [1]member // pub
	req                    [2]member // alg, pub
}

func newAKP(pub *mldsa.PublicKey, priv any, alg string) *akpKind {
	k := &akpKind{pair: pair[*mldsa.PublicKey]{pub, priv}, alg: alg, ms: [1]member{jwkcodec.Data("pub", pub.Bytes())}}
	k.req = [2]member{jwkcodec.Text("alg", alg), k.ms[0]}
	return k
}

// required: alg, kty and pub (draft-ietf-cose-dilithium-11 §6).
func (k *akpKind) required() ([]member, error) { return k.req[:], nil }

func (*akpKind) keyType() jwa.KeyType { return jwa.KeyTypeAKP }
func (*akpKind) curve() jwa.Curve     { return "" }
func (k *akpKind) fixedAlg() string   { return k.alg }

func (k *akpKind) public() keyKind { return publicOf(k) }

// members lists pub and, for a private key held in memory, priv: the
// 32-byte seed, the only private form the draft defines (§4).
func (k *akpKind) members(private bool) ([]member, error) {
	sk, ok, err := privateAs[*mldsa.PrivateKey](private, k.priv)
	if !ok {
		return publicOnly(k.ms[:], err)
	}
	return append(k.ms[:], jwkcodec.Data("priv", sk.Bytes())), nil
}

func (k *akpKind) equal(o keyKind) bool {
	a, ok := o.(*akpKind)
	return ok && samePair(&k.pair, &a.pair)
}

// akpFromGo makes the kind of an ML-DSA key; ok is false for any other
// type.
func akpFromGo(raw any) (keyKind, bool, error) {
	switch key := raw.(type) {
	case *mldsa.PrivateKey:
		if key == nil {
			return nil, true, invalid("nil ML-DSA private key")
		}
		pub := key.PublicKey()
		alg, valid := akpAlg(pub)
		if !valid {
			return nil, true, invalid("zero ML-DSA private key")
		}
		return newAKP(pub, key, alg), true, nil
	case *mldsa.PublicKey:
		alg, valid := akpAlg(key)
		if !valid {
			return nil, true, invalid("nil or zero ML-DSA public key")
		}
		return newAKP(key, nil, alg), true, nil
	}
	return nil, false, nil
}

// isAKPPublic reports whether an opaque signer's public key is an AKP key.
func isAKPPublic(pub crypto.PublicKey) bool {
	_, ok := pub.(*mldsa.PublicKey)
	return ok
}

// parseAKP reads an AKP key holding an ML-DSA key.
func parseAKP(m members) (keyKind, error) {
	const kty = jwa.KeyTypeAKP
	alg, ok, err := m.String("alg")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("AKP key without \"alg\"") // draft §3: alg is REQUIRED
	}
	params, known := akpParams[alg]
	if !known {
		// An AKP key for an algorithm not implemented here is a kind of key
		// this package does not know: ParseSet skips it.
		return nil, fmt.Errorf("jwk: AKP key for alg %q: %w (%w)", alg, jwa.ErrUnsupportedAlgorithm, errSkippable)
	}
	pub, ok, err := m.Fixed(kty, "pub", params.PublicKeySize()) // FIPS 204 Table 2
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("AKP key without \"pub\"") // draft §3: pub is REQUIRED
	}
	pk, err := mldsa.NewPublicKey(params, pub)
	if err != nil {
		return nil, invalid("%s member \"pub\": %w", alg, err)
	}
	seed, private, err := m.Fixed(kty, "priv", mldsa.PrivateKeySize) // draft §4, §7.3: 32 bytes
	if err != nil {
		return nil, err
	}
	if !private {
		return newAKP(pk, nil, alg), nil
	}
	sk, err := mldsa.NewPrivateKey(params, seed)
	if err != nil {
		return nil, invalid("%s member \"priv\": %w", alg, err)
	}
	if !sk.PublicKey().Equal(pk) { // draft §7.4: mismatched parameters
		return nil, invalid("%s member \"priv\" does not give \"pub\"", alg)
	}
	return newAKP(sk.PublicKey(), sk, alg), nil
}
