//go:build go1.27

package jws_test

import (
	"bytes"
	"crypto/mldsa"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// jws needs no code for ML-DSA: these tests show that the jwa registry and
// jwk's AKP keys are enough.

var mldsaAlgs = []jwa.SignatureAlgorithm{jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87}

var mldsaParams = map[jwa.SignatureAlgorithm]mldsa.Parameters{
	jwa.ML_DSA_44: mldsa.MLDSA44(), jwa.ML_DSA_65: mldsa.MLDSA65(), jwa.ML_DSA_87: mldsa.MLDSA87(),
}

func mldsaKey(t *testing.T, alg jwa.SignatureAlgorithm, b byte) *mldsa.PrivateKey {
	t.Helper()
	sk, err := mldsa.NewPrivateKey(mldsaParams[alg], bytes.Repeat([]byte{b}, mldsa.PrivateKeySize))
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

// TestMLDSADraftJWS verifies the compact JWS of draft-ietf-cose-dilithium-11
// Appendix A.1 with the key of its all-zero seed, and refuses it with a key
// of another parameter set.
func TestMLDSADraftJWS(t *testing.T) {
	data, err := os.ReadFile("../testdata/mldsa/draft-ietf-cose-dilithium-11_A.1.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []struct{ Alg, Priv, JWS string }
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Run(v.Alg, func(t *testing.T) {
			alg := jwa.SignatureAlgorithm(v.Alg)
			seed, _ := base64url.DecodeString(v.Priv)
			sk, err := mldsa.NewPrivateKey(mldsaParams[alg], seed)
			if err != nil {
				t.Fatal(err)
			}
			payload, err := jws.Verify(v.JWS, jws.WithKey(alg, sk.PublicKey()))
			if err != nil {
				t.Fatal(err)
			}
			if want := "It’s a dangerous business, Frodo, going out your door."; string(payload) != want {
				t.Fatalf("payload %q", payload)
			}
			for _, other := range mldsaAlgs {
				if other == alg {
					continue
				}
				// A key of another set, bound to its own algorithm: the
				// token's alg is not one the caller accepts.
				_, err := jws.Verify(v.JWS, jws.WithKey(other, mldsaKey(t, other, 0).PublicKey()))
				if err == nil {
					t.Fatalf("verified with a %s key", other)
				}
				// The right key bound to the wrong algorithm is refused
				// before any token is read: as a JWK, an ML-DSA key carries
				// its parameter set as its alg.
				_, err = jws.Verify(v.JWS, jws.WithKey(other, sk.PublicKey()))
				if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
					t.Fatalf("WithKey(%s, %s key) = %v, want ErrAlgorithmNotAllowed", other, alg, err)
				}
			}
		})
	}
}

// TestMLDSARoundTrip signs and verifies with each parameter set, compact
// and JSON, with a crypto/mldsa key and with a JWK in a key set.
func TestMLDSARoundTrip(t *testing.T) {
	payload := []byte(`{"sub":"post-quantum"}`)
	for _, alg := range mldsaAlgs {
		t.Run(string(alg), func(t *testing.T) {
			sk := mldsaKey(t, alg, 1)
			jk, err := jwk.FromKey(sk, jwk.WithThumbprintKeyID())
			if err != nil {
				t.Fatal(err)
			}
			set, err := jwk.NewSet(jk.Public())
			if err != nil {
				t.Fatal(err)
			}
			for name, form := range map[string][]jws.SignOption{"compact": nil, "JSON": {jws.WithJSON()}} {
				tok, err := jws.Sign(payload, append([]jws.SignOption{jws.WithKey(alg, jk)}, form...)...)
				if err != nil {
					t.Fatalf("%s: Sign: %v", name, err)
				}
				for _, opt := range []jws.VerifyOption{jws.WithKey(alg, sk.PublicKey()), jws.WithKeySet(set, alg)} {
					got, err := jws.Verify(tok, opt)
					if err != nil || !bytes.Equal(got, payload) {
						t.Fatalf("%s: Verify: %v", name, err)
					}
				}
				if _, err := jws.Verify(tok, jws.WithKey(alg, mldsaKey(t, alg, 2).PublicKey())); !errors.Is(err, jws.ErrInvalidSignature) {
					t.Fatalf("%s: another key: %v", name, err)
				}
			}
		})
	}
}
