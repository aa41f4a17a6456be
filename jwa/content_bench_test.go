package jwa

import (
	"crypto/aes"
	"crypto/cipher"
	"strings"
	"testing"
)

var benchSizes = []struct {
	name string
	n    int
}{{"1KiB", 1 << 10}, {"64KiB", 64 << 10}}

// BenchmarkContent compares Seal and Open of the JWE schemes with a raw
// cipher.NewGCM Seal/Open on the same data: the difference is what the JWE
// form (separate IV and tag, length checks, fresh IV) costs. The
// A256GCM-moduleIV rows are the AES-GCM of FIPS 140-3 mode.
func BenchmarkContent(b *testing.B) {
	aad := []byte("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0")
	for _, size := range benchSizes {
		pt := make([]byte, size.n)
		for _, enc := range []ContentEncryption{A256GCM, A128CBC_HS256} {
			c := newTestCipher(b, enc, testKey(enc, 1))
			b.Run(string(enc)+"/Seal/"+size.name, func(b *testing.B) {
				benchLoop(b, size.n, func() error { _, err := c.Seal(pt, aad); return err })
			})
			s, err := c.Seal(pt, aad)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(string(enc)+"/Open/"+size.name, func(b *testing.B) {
				benchLoop(b, size.n, func() error { _, err := c.Open(s, aad); return err })
			})
		}

		block, _ := aes.NewCipher(testKey(A256GCM, 1))
		// The FIPS 140-3 path (IV drawn inside Go's module), in any mode.
		fips, _ := newGCMRandomIV(block, openError(A256GCM))
		b.Run("A256GCM-moduleIV/Seal/"+size.name, func(b *testing.B) {
			benchLoop(b, size.n, func() error { _, err := fips.Seal(pt, aad); return err })
		})
		fs, _ := fips.Seal(pt, aad)
		b.Run("A256GCM-moduleIV/Open/"+size.name, func(b *testing.B) {
			benchLoop(b, size.n, func() error { _, err := fips.Open(fs, aad); return err })
		})
		ctTag := append(append([]byte{}, fs.Ciphertext...), fs.Tag...)
		b.Run("A256GCM-moduleIV/OpenInPlace/"+size.name, func(b *testing.B) {
			buf := make([]byte, len(ctTag))
			benchLoop(b, size.n, func() error { copy(buf, ctTag); _, err := fips.OpenInPlace(fs.IV, buf, aad); return err })
		})

		gcm, _ := cipher.NewGCM(block)
		nonce := make([]byte, gcm.NonceSize())
		b.Run("raw-AES-256-GCM/Seal/"+size.name, func(b *testing.B) {
			benchLoop(b, size.n, func() error { gcm.Seal(nil, nonce, pt, aad); return nil })
		})
		sealed := gcm.Seal(nil, nonce, pt, aad)
		b.Run("raw-AES-256-GCM/Open/"+size.name, func(b *testing.B) {
			benchLoop(b, size.n, func() error { _, err := gcm.Open(nil, nonce, sealed, aad); return err })
		})
	}
}

// BenchmarkDecompress inflates a typical JWT-sized payload and a 64 KiB
// one, next to the raw flate reader.
func BenchmarkDecompress(b *testing.B) {
	for _, size := range benchSizes {
		const claims = `{"sub":"1234567890","name":"John Doe","iat":1516239022}`
		plain := []byte(strings.Repeat(claims, size.n/len(claims)+1)[:size.n])
		z, err := Deflate.Compress(plain)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("DEF/"+size.name, func(b *testing.B) {
			benchLoop(b, size.n, func() error { _, err := Deflate.Decompress(z, 0); return err })
		})
	}
}

func BenchmarkCompress(b *testing.B) {
	plain := []byte(strings.Repeat(`{"sub":"1234567890","name":"John Doe","iat":1516239022}`, 20))
	benchLoop(b, len(plain), func() error { _, err := Deflate.Compress(plain); return err })
}

// benchLoop runs op b.N times over n bytes of input, reporting allocations.
func benchLoop(b *testing.B, n int, op func() error) {
	b.ReportAllocs()
	b.SetBytes(int64(n))
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
}
