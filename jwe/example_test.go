package jwe_test

import (
	"crypto/ecdh"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

func loadRSA() *rsa.PrivateKey {
	data, _ := os.ReadFile("../testdata/keys/rsa2048.pem")
	block, _ := pem.Decode(data)
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		panic(err)
	}
	return k.(*rsa.PrivateKey)
}

// Compact serialization with RSA-OAEP-256 and A256GCM.
func Example() {
	priv := loadRSA()
	tok, err := jwe.Encrypt([]byte("a secret message"),
		jwe.WithRecipient(jwa.RSA_OAEP_256, &priv.PublicKey), jwe.WithEncryption(jwa.A256GCM))
	if err != nil {
		panic(err)
	}
	plain, err := jwe.Decrypt(tok, jwe.WithKey(jwa.RSA_OAEP_256, priv), jwe.WithAllowedEncryptions(jwa.A256GCM))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(plain))
	// Output: a secret message
}

// ECDH-ES+A256KW to two recipients in the general JSON serialization; each
// decrypts with its own key, and the result says which recipient it was.
// Each recipient's "kid" is in its unprotected header, which nothing
// authenticates: Source says so.
func Example_multipleRecipients() {
	alice, _ := ecdh.P256().GenerateKey(rand.Reader)
	bob, _ := ecdh.P384().GenerateKey(rand.Reader)
	tok, err := jwe.Encrypt([]byte("for Alice and Bob"),
		jwe.WithRecipient(jwa.ECDH_ES_A256KW, alice.PublicKey()), jwe.WithKeyID("alice"),
		jwe.WithRecipient(jwa.ECDH_ES_A256KW, bob.PublicKey()), jwe.WithKeyID("bob"),
		jwe.WithEncryption(jwa.A256GCM), jwe.WithJSON())
	if err != nil {
		panic(err)
	}
	r, err := jwe.DecryptMessage(tok, jwe.WithKey(jwa.ECDH_ES_A256KW, bob), jwe.WithAllowedEncryptions(jwa.A256GCM))
	if err != nil {
		panic(err)
	}
	kid, from := r.Source("kid")
	fmt.Println(string(r.Plaintext), r.Recipient, string(kid), from, from.Authenticated())
	// Output: for Alice and Bob 1 "bob" per-recipient unprotected false
}

// Password-based encryption with PBES2. The iteration count is lowered here
// to keep the example quick; see the package documentation for the choice.
func Example_password() {
	password := []byte("correct horse battery staple")
	tok, err := jwe.Encrypt([]byte("locked with a password"),
		jwe.WithRecipient(jwa.PBES2_HS256_A128KW, password), jwe.WithEncryption(jwa.A128GCM),
		jwe.WithP2C(10_000))
	if err != nil {
		panic(err)
	}
	plain, err := jwe.Decrypt(tok, jwe.WithKey(jwa.PBES2_HS256_A128KW, password),
		jwe.WithAllowedEncryptions(jwa.A128GCM), jwe.WithMaxP2C(10_000))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(plain))
	// Output: locked with a password
}

// A reader that tries two passwords on a token pays two PBKDF2
// derivations. By default one token may cost the work of one derivation at
// the largest count accepted (WithMaxP2C); WithPBES2Budget allows more.
func ExampleWithPBES2Budget() {
	previous, current := []byte("last year's passphrase"), []byte("this year's passphrase")
	tok, err := jwe.Encrypt([]byte("rotated"),
		jwe.WithRecipient(jwa.PBES2_HS256_A128KW, current), jwe.WithEncryption(jwa.A128GCM),
		jwe.WithP2C(10_000))
	if err != nil {
		panic(err)
	}
	opts := []jwe.DecryptOption{
		jwe.WithKey(jwa.PBES2_HS256_A128KW, previous), jwe.WithKey(jwa.PBES2_HS256_A128KW, current),
		jwe.WithAllowedEncryptions(jwa.A128GCM), jwe.WithMaxP2C(10_000),
	}
	_, err = jwe.Decrypt(tok, opts...)
	fmt.Println(errors.Is(err, jwa.ErrLimitExceeded))

	plain, err := jwe.Decrypt(tok, append(opts, jwe.WithPBES2Budget(20_000))...)
	fmt.Println(string(plain), err)
	// Output:
	// true
	// rotated <nil>
}
