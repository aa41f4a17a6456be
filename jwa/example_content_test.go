package jwa_test

import (
	"crypto/rand"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Content encryption as jwe uses it: a random CEK of the algorithm's size,
// a cipher bound to it, and the protected header's base64url as AAD.
func ExampleContentEncryption_NewCipher() {
	cek := make([]byte, jwa.A256GCM.KeySize())
	rand.Read(cek)

	c, err := jwa.A256GCM.NewCipher(cek)
	if err != nil {
		panic(err)
	}
	aad := []byte("eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0")
	sealed, err := c.Seal([]byte("Live long and prosper."), aad)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(sealed.IV), len(sealed.Ciphertext), len(sealed.Tag))

	plain, err := c.Open(sealed, aad)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s\n", plain)
	// Output:
	// 12 22 16
	// Live long and prosper.
}

// Decompress bounds its output: a payload larger than the limit is refused
// without being inflated whole.
func ExampleCompressionAlgorithm_Decompress() {
	z, err := jwa.Deflate.Compress(make([]byte, 10_000))
	if err != nil {
		panic(err)
	}
	out, err := jwa.Deflate.Decompress(z, 0) // DefaultMaxDecompressedSize
	fmt.Println(len(out), err)

	_, err = jwa.Deflate.Decompress(z, 1000)
	fmt.Println(err)
	// Output:
	// 10000 <nil>
	// jwa: DEF decompression: output over 1000 bytes: limit exceeded
}
