package jws

import (
	"fmt"
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
		priv, pub, tok := benchToken(b, keys, alg, payload)
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

// BenchmarkSize measures compact Sign and Verify of 1 KiB and 64 KiB
// payloads, where copying and encoding the payload dominate.
func BenchmarkSize(b *testing.B) {
	keys := testKeys(b)
	for _, size := range []int{1 << 10, 64 << 10} {
		payload := make([]byte, size)
		for _, alg := range []jwa.SignatureAlgorithm{jwa.HS256, jwa.ES256} {
			priv, pub, tok := benchToken(b, keys, alg, payload)
			b.Run(fmt.Sprintf("%s/%dKiB/Sign", alg, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := Sign(payload, WithKey(alg, priv)); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("%s/%dKiB/Verify", alg, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := Verify(tok, WithKey(alg, pub)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// benchToken makes the keys of alg once, as a program holds them
// (jwk.FromKey checks a key, which for Ed25519 costs a scalar
// multiplication), and a token of payload signed with them.
func benchToken(b *testing.B, keys map[jwa.SignatureAlgorithm]any, alg jwa.SignatureAlgorithm, payload []byte) (priv, pub *jwk.Key, tok string) {
	b.Helper()
	priv, err := jwk.FromKey(keys[alg])
	if err != nil {
		b.Fatal(err)
	}
	if tok, err = Sign(payload, WithKey(alg, priv)); err != nil {
		b.Fatal(err)
	}
	return priv, verifyingKey(priv), tok
}
