package jwa

import (
	"errors"
	"testing"
)

// FuzzVerify feeds arbitrary signatures to every built-in verifier: none
// may panic, and every failure must wrap ErrInvalidSignature.
func FuzzVerify(f *testing.F) {
	k := testKeys(f)
	input := []byte("eyJhbGciOiJ4In0.cGF5bG9hZA")
	verifiers := make([]Verifier, len(allBuiltin))
	for i, alg := range allBuiltin {
		priv, pub := k.pair(alg)
		v, err := alg.NewVerifier(pub)
		if err != nil {
			f.Fatal(err)
		}
		verifiers[i] = v
		// Seeds: a valid signature, and simple edge shapes, per algorithm.
		s, err := alg.NewSigner(priv)
		if err != nil {
			f.Fatal(err)
		}
		sig, err := s.Sign(input)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), sig)
		f.Add(uint8(i), make([]byte, len(sig)))
		f.Add(uint8(i), sig[:len(sig)-1])
	}
	f.Add(uint8(0), []byte{})
	f.Add(uint8(9), []byte{0x30, 0x06, 2, 1, 1, 2, 1, 1})
	f.Fuzz(func(t *testing.T, which uint8, sig []byte) {
		v := verifiers[int(which)%len(verifiers)]
		if err := v.Verify(input, sig); err != nil && !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("%s: %v does not wrap ErrInvalidSignature", allBuiltin[int(which)%len(verifiers)], err)
		}
	})
}
