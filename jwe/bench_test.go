package jwe

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// BenchmarkEncrypt and BenchmarkDecrypt measure whole JWEs (compact, A256GCM)
// next to raw AES-GCM on the same data, so the JOSE overhead shows.
func BenchmarkEncrypt(b *testing.B) {
	for _, size := range []int{1 << 10, 64 << 10} {
		plaintext := make([]byte, size)
		for _, c := range benchCases(b) {
			b.Run(fmt.Sprintf("%s/%dKiB", c.alg, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := Encrypt(plaintext, WithRecipient(c.alg, c.enc), WithEncryption(jwa.A256GCM)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("raw-AES-GCM/%dKiB", size>>10), func(b *testing.B) {
			g := rawGCM(b)
			nonce := make([]byte, 12)
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				rand.Read(nonce)
				_ = g.Seal(nil, nonce, plaintext, nil)
			}
		})
	}
}

func BenchmarkDecrypt(b *testing.B) {
	for _, size := range []int{1 << 10, 64 << 10} {
		plaintext := make([]byte, size)
		for _, c := range benchCases(b) {
			tok, err := Encrypt(plaintext, WithRecipient(c.alg, c.enc), WithEncryption(jwa.A256GCM))
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/%dKiB", c.alg, size>>10), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(size))
				for b.Loop() {
					if _, err := Decrypt(tok, WithKey(c.alg, c.dec), WithAllowedEncryptions(jwa.A256GCM)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run(fmt.Sprintf("raw-AES-GCM/%dKiB", size>>10), func(b *testing.B) {
			g := rawGCM(b)
			nonce := make([]byte, 12)
			sealed := g.Seal(nil, nonce, plaintext, nil)
			b.ReportAllocs()
			b.SetBytes(int64(size))
			for b.Loop() {
				if _, err := g.Open(nil, nonce, sealed, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

type benchCase struct {
	alg      jwa.KeyAlgorithm
	enc, dec any
}

func benchCases(b *testing.B) []benchCase {
	k32 := make([]byte, 32)
	rsaPriv := rsaKey(b)
	ec, _ := ecdh.P256().GenerateKey(rand.Reader)
	return []benchCase{
		{jwa.Direct, k32, k32},
		{jwa.A256KW, k32, k32},
		{jwa.RSA_OAEP_256, &rsaPriv.PublicKey, rsaPriv},
		{jwa.ECDH_ES_A256KW, ec.PublicKey(), ec},
	}
}

func rawGCM(b *testing.B) cipher.AEAD {
	block, err := aes.NewCipher(make([]byte, 32))
	if err != nil {
		b.Fatal(err)
	}
	g, _ := cipher.NewGCM(block)
	return g
}
