package jwa

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"testing"
)

// The benchmarks put each jwa call next to the standard library call it
// wraps, on the same input (hashing included on both sides), so that the
// cost of the jwa layer shows as the difference.

var benchInput = []byte("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ")

type benchCase struct {
	alg       SignatureAlgorithm
	rawSign   func() []byte
	rawVerify func(sig []byte) bool
}

func benchCases(b *testing.B) []benchCase {
	k := testKeys(b)
	sha256Of := func(m []byte) []byte { d := sha256.Sum256(m); return d[:] }
	sha384Of := func(m []byte) []byte { d := sha512.Sum384(m); return d[:] }
	pss := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}
	must := func(sig []byte, err error) []byte {
		if err != nil {
			b.Fatal(err)
		}
		return sig
	}
	return []benchCase{
		{alg: HS256,
			rawSign: func() []byte { m := hmac.New(sha256.New, k.hs256); m.Write(benchInput); return m.Sum(nil) },
			rawVerify: func(sig []byte) bool {
				m := hmac.New(sha256.New, k.hs256)
				m.Write(benchInput)
				return hmac.Equal(m.Sum(nil), sig)
			}},
		{alg: RS256,
			rawSign: func() []byte {
				return must(rsa.SignPKCS1v15(nil, k.rsa2048, crypto.SHA256, sha256Of(benchInput)))
			},
			rawVerify: func(sig []byte) bool {
				return rsa.VerifyPKCS1v15(&k.rsa2048.PublicKey, crypto.SHA256, sha256Of(benchInput), sig) == nil
			}},
		{alg: PS256,
			rawSign: func() []byte {
				return must(rsa.SignPSS(rand.Reader, k.rsa2048, crypto.SHA256, sha256Of(benchInput), pss))
			},
			rawVerify: func(sig []byte) bool {
				return rsa.VerifyPSS(&k.rsa2048.PublicKey, crypto.SHA256, sha256Of(benchInput), sig, pss) == nil
			}},
		{alg: ES256,
			rawSign: func() []byte { return must(ecdsa.SignASN1(rand.Reader, k.p256, sha256Of(benchInput))) },
			rawVerify: func(sig []byte) bool {
				return ecdsa.VerifyASN1(&k.p256.PublicKey, sha256Of(benchInput), sig)
			}},
		{alg: ES384,
			rawSign: func() []byte { return must(ecdsa.SignASN1(rand.Reader, k.p384, sha384Of(benchInput))) },
			rawVerify: func(sig []byte) bool {
				return ecdsa.VerifyASN1(&k.p384.PublicKey, sha384Of(benchInput), sig)
			}},
		{alg: EdDSA,
			rawSign: func() []byte { return ed25519.Sign(k.ed, benchInput) },
			rawVerify: func(sig []byte) bool {
				return ed25519.Verify(k.ed.Public().(ed25519.PublicKey), benchInput, sig)
			}},
	}
}

func BenchmarkSign(b *testing.B) {
	k := testKeys(b)
	for _, c := range benchCases(b) {
		priv, _ := k.pair(c.alg)
		s, err := c.alg.NewSigner(priv)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(c.alg)+"/jwa", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Sign(benchInput); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(c.alg)+"/raw", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.rawSign()
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	k := testKeys(b)
	for _, c := range benchCases(b) {
		priv, pub := k.pair(c.alg)
		s, _ := c.alg.NewSigner(priv)
		sig, err := s.Sign(benchInput)
		if err != nil {
			b.Fatal(err)
		}
		v, err := c.alg.NewVerifier(pub)
		if err != nil {
			b.Fatal(err)
		}
		rawSig := c.rawSign()
		b.Run(string(c.alg)+"/jwa", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := v.Verify(benchInput, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(c.alg)+"/raw", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !c.rawVerify(rawSig) {
					b.Fatal("raw verify failed")
				}
			}
		})
	}
}
