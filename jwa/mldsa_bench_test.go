//go:build go1.27

package jwa

import (
	"crypto/mldsa"
	"testing"
)

// BenchmarkMLDSA puts the jwa Signer and Verifier next to the crypto/mldsa
// calls they wrap, on the same input.
func BenchmarkMLDSA(b *testing.B) {
	for _, alg := range mldsaBuiltin {
		sk := mldsaKey(b, alg, 7)
		s, err := alg.NewSigner(sk)
		if err != nil {
			b.Fatal(err)
		}
		v, err := alg.NewVerifier(sk.PublicKey())
		if err != nil {
			b.Fatal(err)
		}
		sig, err := s.Sign(benchInput)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(alg)+"/Sign/jwa", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Sign(benchInput); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(alg)+"/Sign/raw", func(b *testing.B) {
			for b.Loop() {
				if _, err := sk.Sign(nil, benchInput, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(alg)+"/Verify/jwa", func(b *testing.B) {
			for b.Loop() {
				if err := v.Verify(benchInput, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(alg)+"/Verify/raw", func(b *testing.B) {
			pub := sk.PublicKey()
			for b.Loop() {
				if err := mldsa.Verify(pub, benchInput, sig, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
