package jws

import (
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// BenchmarkCompact measures compact Sign and Verify next to the raw jwa
// call on the same signing input, so the JOSE layer's cost shows.
func BenchmarkCompact(b *testing.B) {
	keys := testKeys(b)
	payload := []byte(`{"iss":"https://issuer.example","sub":"1234567890","exp":1900000000}`)
	for _, alg := range []jwa.SignatureAlgorithm{jwa.HS256, jwa.ES256, jwa.EdDSA, jwa.RS256} {
		// Keys made once, as a program holds them (jwk.FromKey checks a key,
		// which for Ed25519 costs a scalar multiplication).
		priv, err := jwk.FromKey(keys[alg])
		if err != nil {
			b.Fatal(err)
		}
		pub := verifyingKey(priv)
		tok, err := Sign(payload, WithKey(alg, priv))
		if err != nil {
			b.Fatal(err)
		}
		m, _ := Parse(tok)
		input, sig := m.signingInput(m.sigs[0]), m.sigs[0].sig
		// The raw calls use the same jwa bindings the JWS layer uses.
		signer, err := priv.Signer(alg)
		if err != nil {
			b.Fatal(err)
		}
		verifier, err := pub.Verifier(alg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(alg)+"/Sign", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Sign(payload, WithKey(alg, priv)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(alg)+"/jwa.Sign", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := signer.Sign(input); err != nil {
					b.Fatal(err)
				}
			}
		})
		vopt := WithKey(alg, pub)
		b.Run(string(alg)+"/Verify", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Verify(tok, vopt); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(alg)+"/jwa.Verify", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := verifier.Verify(input, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
