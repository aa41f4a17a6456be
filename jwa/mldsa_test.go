//go:build go1.27

package jwa

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/mldsa"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// mldsaBuiltin adds the ML-DSA algorithms to allBuiltin, so that the
// table, round-trip, registry and fuzz tests cover them too.
var mldsaBuiltin = []SignatureAlgorithm{ML_DSA_44, ML_DSA_65, ML_DSA_87}

var mldsaParamsOf = map[SignatureAlgorithm]mldsa.Parameters{
	ML_DSA_44: mldsa.MLDSA44(),
	ML_DSA_65: mldsa.MLDSA65(),
	ML_DSA_87: mldsa.MLDSA87(),
}

// mldsaKey derives a key of alg's parameter set from a seed of 32 copies of
// b: deterministic, and far quicker than any RSA key.
func mldsaKey(t testing.TB, alg SignatureAlgorithm, b byte) *mldsa.PrivateKey {
	t.Helper()
	sk, err := mldsa.NewPrivateKey(mldsaParamsOf[alg], bytes.Repeat([]byte{b}, mldsa.PrivateKeySize))
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

// mldsaPair gives keys.pair its ML-DSA keys.
func mldsaPair(alg SignatureAlgorithm) (priv, pub any, ok bool) {
	p, ok := mldsaParamsOf[alg]
	if !ok {
		return nil, nil, false
	}
	sk, err := mldsa.NewPrivateKey(p, bytes.Repeat([]byte{1}, mldsa.PrivateKeySize))
	if err != nil {
		panic(err)
	}
	return sk, sk.PublicKey(), true
}

// draftVector is one JOSE example of draft-ietf-cose-dilithium-11
// Appendix A.1 (see testdata/mldsa/README.md).
type draftVector struct {
	Name, Alg, Kid, Priv, JWS string
}

func draftVectors(t testing.TB) []draftVector {
	var vs []draftVector
	readJSON(t, "../testdata/mldsa/draft-ietf-cose-dilithium-11_A.1.json", &vs)
	if len(vs) != 3 {
		t.Fatalf("%d vectors, want 3", len(vs))
	}
	return vs
}

// TestMLDSADraftVectors verifies the draft's JWS with the key its seed
// gives, and checks that the signature is the deterministic ML-DSA
// signature of that key, so the vector pins down the signing input too.
func TestMLDSADraftVectors(t *testing.T) {
	for _, v := range draftVectors(t) {
		t.Run(v.Alg, func(t *testing.T) {
			alg := SignatureAlgorithm(v.Alg)
			sk, err := mldsa.NewPrivateKey(mldsaParamsOf[alg], b64(t, v.Priv))
			if err != nil {
				t.Fatal(err)
			}
			dot := strings.LastIndexByte(v.JWS, '.')
			input, sig := []byte(v.JWS[:dot]), b64(t, v.JWS[dot+1:])
			var header struct{ Alg, Kid string }
			if err := json.Unmarshal(b64(t, v.JWS[:strings.IndexByte(v.JWS, '.')]), &header); err != nil {
				t.Fatal(err)
			}
			if header.Alg != v.Alg || header.Kid != v.Kid {
				t.Fatalf("header %+v", header)
			}
			ver, err := alg.NewVerifier(sk.PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			if err := ver.Verify(input, sig); err != nil {
				t.Fatalf("Verify: %v", err)
			}
			det, err := sk.SignDeterministic(input, nil)
			if err != nil || !bytes.Equal(det, sig) {
				t.Fatalf("the draft's signature is not the deterministic one (%v)", err)
			}
			input[len(input)-1] ^= 1
			if err := ver.Verify(input, sig); !errors.Is(err, ErrInvalidSignature) {
				t.Fatalf("Verify(changed input) = %v", err)
			}
		})
	}
}

// TestMLDSAHedged checks that signing is randomized (FIPS 204's hedged
// variant): two signatures of one input differ and both verify.
func TestMLDSAHedged(t *testing.T) {
	sk := mldsaKey(t, ML_DSA_44, 2)
	s, err := ML_DSA_44.NewSigner(sk)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ML_DSA_44.NewVerifier(sk.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	a, errA := s.Sign(benchInput)
	b, errB := s.Sign(benchInput)
	if errA != nil || errB != nil || bytes.Equal(a, b) {
		t.Fatalf("two signatures: equal=%v, %v, %v", bytes.Equal(a, b), errA, errB)
	}
	for _, sig := range [][]byte{a, b} {
		if err := v.Verify(benchInput, sig); err != nil {
			t.Fatal(err)
		}
	}
}

// mldsaSignerFunc is a crypto.Signer whose Sign the test chooses.
type mldsaSignerFunc struct {
	pub  crypto.PublicKey
	sign func([]byte) ([]byte, error)
}

func (s mldsaSignerFunc) Public() crypto.PublicKey { return s.pub }
func (s mldsaSignerFunc) Sign(_ io.Reader, m []byte, _ crypto.SignerOpts) ([]byte, error) {
	return s.sign(m)
}

// TestMLDSAKeyRejections: every key NewSigner or NewVerifier must refuse,
// each wrapping ErrInvalidKey. The parameter set is bound to the algorithm
// (T03), and no other family takes an ML-DSA key.
func TestMLDSAKeyRejections(t *testing.T) {
	k44, k65, k87 := mldsaKey(t, ML_DSA_44, 3), mldsaKey(t, ML_DSA_65, 3), mldsaKey(t, ML_DSA_87, 3)
	_, edPriv, _ := ed25519.GenerateKey(nil)
	var nilPriv *mldsa.PrivateKey
	var nilPub *mldsa.PublicKey
	type op int
	const (
		sign op = iota
		verify
	)
	for _, tt := range []struct {
		name string
		alg  SignatureAlgorithm
		op   op
		key  any
	}{
		{"ML-DSA-44 key signs ML-DSA-65", ML_DSA_65, sign, k44},
		{"ML-DSA-44 key verifies ML-DSA-65", ML_DSA_65, verify, k44.PublicKey()},
		{"ML-DSA-87 key signs ML-DSA-44", ML_DSA_44, sign, k87},
		{"ML-DSA-65 key verifies ML-DSA-87", ML_DSA_87, verify, k65.PublicKey()},
		{"signer with an ML-DSA-44 key for ML-DSA-65", ML_DSA_65, sign, opaqueSigner{k44}},
		{"typed nil private key", ML_DSA_44, sign, nilPriv},
		{"typed nil public key", ML_DSA_44, verify, nilPub},
		{"zero private key", ML_DSA_44, sign, &mldsa.PrivateKey{}},
		{"zero public key", ML_DSA_44, verify, &mldsa.PublicKey{}},
		{"signer with a zero public key", ML_DSA_44, sign, mldsaSignerFunc{pub: &mldsa.PublicKey{}}},
		{"signer with a nil public key", ML_DSA_44, sign, mldsaSignerFunc{pub: nilPub}},
		{"signer with an Ed25519 key", ML_DSA_44, sign, opaqueSigner{edPriv}},
		{"private key to verify", ML_DSA_44, verify, k44},
		{"Ed25519 private key", ML_DSA_44, sign, edPriv},
		{"Ed25519 public key", ML_DSA_44, verify, edPriv.Public()},
		{"secret", ML_DSA_44, sign, make([]byte, 64)},
		{"no key", ML_DSA_44, sign, nil},
		{"no key to verify", ML_DSA_44, verify, nil},
		{"seed bytes", ML_DSA_44, sign, k44.Bytes()},
		{"public key bytes", ML_DSA_44, verify, k44.PublicKey().Bytes()},
		{"ML-DSA key for Ed25519", Ed25519, sign, k44},
		{"ML-DSA key for ES256", ES256, verify, k44.PublicKey()},
		{"ML-DSA key for HS256", HS256, sign, k44},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.op == sign {
				_, err = tt.alg.NewSigner(tt.key)
			} else {
				_, err = tt.alg.NewVerifier(tt.key)
			}
			if !errors.Is(err, ErrInvalidKey) {
				t.Fatalf("got %v, want ErrInvalidKey", err)
			}
		})
	}
}

// TestMLDSASignatureRejections: signatures of the wrong length, by another
// key, or made with a context string (the draft requires the empty one) all
// wrap ErrInvalidSignature.
func TestMLDSASignatureRejections(t *testing.T) {
	sk, other := mldsaKey(t, ML_DSA_65, 4), mldsaKey(t, ML_DSA_65, 5)
	v, err := ML_DSA_65.NewVerifier(sk.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	good, err := sk.Sign(nil, benchInput, nil)
	if err != nil {
		t.Fatal(err)
	}
	byOther, _ := other.Sign(nil, benchInput, nil)
	withContext, _ := sk.Sign(nil, benchInput, &mldsa.Options{Context: "jose"})
	by44, _ := mldsaKey(t, ML_DSA_44, 4).Sign(nil, benchInput, nil)
	for _, tt := range []struct {
		name string
		sig  []byte
	}{
		{"empty", nil},
		{"one byte short", good[:len(good)-1]},
		{"one byte long", append(bytes.Clone(good), 0)},
		{"all zero", make([]byte, len(good))},
		{"by another key", byOther},
		{"with a context string", withContext},
		{"an ML-DSA-44 signature", by44},
		{"huge", make([]byte, 1<<20)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := v.Verify(benchInput, tt.sig); !errors.Is(err, ErrInvalidSignature) {
				t.Fatalf("got %v, want ErrInvalidSignature", err)
			}
		})
	}
	if err := v.Verify(benchInput, good); err != nil {
		t.Fatalf("the good signature: %v", err)
	}
}

// TestMLDSASignerFailures: a crypto.Signer that fails, or returns a
// signature of the wrong size, makes Sign fail without a signature.
func TestMLDSASignerFailures(t *testing.T) {
	pub := mldsaKey(t, ML_DSA_44, 6).PublicKey()
	for name, f := range map[string]func([]byte) ([]byte, error){
		"error":      func([]byte) ([]byte, error) { return nil, errors.New("HSM offline") },
		"short":      func([]byte) ([]byte, error) { return make([]byte, 64), nil },
		"empty":      func([]byte) ([]byte, error) { return nil, nil },
		"other size": func([]byte) ([]byte, error) { return make([]byte, mldsa.MLDSA65SignatureSize), nil },
	} {
		t.Run(name, func(t *testing.T) {
			s, err := ML_DSA_44.NewSigner(mldsaSignerFunc{pub: pub, sign: f})
			if err != nil {
				t.Fatal(err)
			}
			if sig, err := s.Sign(benchInput); err == nil || sig != nil {
				t.Fatalf("Sign = %d bytes, %v; want an error", len(sig), err)
			}
		})
	}
}

func TestMLDSAKeyType(t *testing.T) {
	for _, alg := range mldsaBuiltin {
		if !alg.Available() || alg.KeyType() != KeyTypeAKP {
			t.Errorf("%s: available %v, key type %q", alg, alg.Available(), alg.KeyType())
		}
	}
}
