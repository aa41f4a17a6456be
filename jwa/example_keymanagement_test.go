package jwa_test

import (
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Wrapping a content encryption key with A256KW (AES Key Wrap, RFC 3394).
// The key is bound to the algorithm once; AES-KW is deterministic, so the
// output is always the same for the same key and CEK.
func ExampleKeyAlgorithm_NewKeyEncrypter_aesKeyWrap() {
	kek, _ := hex.DecodeString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
	cek, _ := hex.DecodeString("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f")

	e, err := jwa.A256KW.NewKeyEncrypter(kek)
	if err != nil {
		panic(err)
	}
	_, wrapped, err := e.EncryptKey(cek, &jwa.KeyParams{Enc: jwa.A256GCM})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%x\n", wrapped)

	d, _ := jwa.A256KW.NewKeyDecrypter(kek)
	got, err := d.DecryptKey(wrapped, &jwa.KeyParams{Enc: jwa.A256GCM})
	fmt.Println(bytes.Equal(got, cek), err)
	// Output:
	// 28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21
	// true <nil>
}

// ECDH-ES+A256KW: the sender needs only the recipient's public key. The
// encrypter writes the ephemeral public key to KeyParams.EPK, which travels
// in the JWE header as "epk"; the recipient reads it back.
func ExampleKeyAlgorithm_NewKeyDecrypter_ecdhES() {
	recipient, _ := ecdh.P256().GenerateKey(rand.Reader)

	e, _ := jwa.ECDH_ES_A256KW.NewKeyEncrypter(recipient.PublicKey())
	cek := make([]byte, 32)
	rand.Read(cek)
	sent := &jwa.KeyParams{Enc: jwa.A256GCM, APU: []byte("Alice"), APV: []byte("Bob")}
	_, encryptedKey, err := e.EncryptKey(cek, sent)
	if err != nil {
		panic(err)
	}

	d, _ := jwa.ECDH_ES_A256KW.NewKeyDecrypter(recipient)
	received := &jwa.KeyParams{Enc: jwa.A256GCM, EPK: sent.EPK, APU: sent.APU, APV: sent.APV}
	got, err := d.DecryptKey(encryptedKey, received)
	fmt.Println(len(encryptedKey), bytes.Equal(got, cek), err)
	// Output: 40 true <nil>
}

// PBES2 refuses an iteration count over the cap before doing any work.
func ExampleKeyParams_maxP2C() {
	d, _ := jwa.PBES2_HS256_A128KW.NewKeyDecrypter([]byte("a long passphrase"))
	_, err := d.DecryptKey(make([]byte, 24), &jwa.KeyParams{
		Enc: jwa.A128GCM, P2S: make([]byte, 16), P2C: 50_000_000,
	})
	fmt.Println(err)
	// Output: jwa: PBES2-HS256+A128KW: p2c 50000000 is over the limit of 1000000: limit exceeded
}

// Two PBES2 DecryptKey calls share one budget of PBKDF2 iterations, as the
// recipients of one JWE do: the second does not fit and derives nothing.
func ExamplePBKDF2Budget() {
	d, _ := jwa.PBES2_HS256_A128KW.NewKeyDecrypter([]byte("a long passphrase"))
	budget := &jwa.PBKDF2Budget{Limit: 5000}
	for range 2 {
		_, err := d.DecryptKey(make([]byte, 24), &jwa.KeyParams{
			Enc: jwa.A128GCM, P2S: make([]byte, 16), P2C: 3000, Limits: jwa.KeyLimits{PBKDF2: budget},
		})
		fmt.Println(err)
	}
	fmt.Println(budget.Spent, budget.Refused)
	// Output:
	// jwa: PBES2-HS256+A128KW: decryption failed
	// jwa: PBES2-HS256+A128KW: p2c 3000 would bring the PBKDF2 work to 6000 iterations, over the budget of 5000: limit exceeded
	// 3000 1
}
