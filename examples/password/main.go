// Command password encrypts with a password (PBES2, RFC 7518 §4.8) and
// decrypts with it, and shows the iteration-count bound a decrypter applies
// to tokens it receives.
//
//	go run ./examples/password
package main

import (
	"errors"
	"fmt"
	"log"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

func main() {
	log.SetFlags(0)
	password := []byte("correct horse battery staple")

	// The default count (jwe.DefaultEncryptP2C) makes each guess at the
	// password costly; this example uses a smaller one to run quickly.
	token, err := jwe.Encrypt([]byte("the launch codes"),
		jwe.WithRecipient(jwa.PBES2_HS256_A128KW, password),
		jwe.WithEncryption(jwa.A128CBC_HS256),
		jwe.WithP2C(100_000))
	check(err)
	fmt.Printf("encrypted with a password: %.60s...\n", token)

	plaintext, err := jwe.Decrypt(token,
		jwe.WithKey(jwa.PBES2_HS256_A128KW, password),
		jwe.WithAllowedEncryptions(jwa.A128CBC_HS256))
	check(err)
	fmt.Printf("decrypted: %q\n", plaintext)

	_, err = jwe.Decrypt(token,
		jwe.WithKey(jwa.PBES2_HS256_A128KW, []byte("wrong password")),
		jwe.WithAllowedEncryptions(jwa.A128CBC_HS256))
	if !errors.Is(err, jwe.ErrDecryption) {
		log.Fatalf("wrong password: got %v", err)
	}
	fmt.Println("wrong password:", err)

	// A service that reads tokens from strangers caps the count it is
	// willing to pay for before doing any work.
	_, err = jwe.Decrypt(token,
		jwe.WithKey(jwa.PBES2_HS256_A128KW, password),
		jwe.WithAllowedEncryptions(jwa.A128CBC_HS256),
		jwe.WithMaxP2C(10_000))
	if !errors.Is(err, jwa.ErrLimitExceeded) {
		log.Fatalf("count over the cap: got %v", err)
	}
	fmt.Println("count over the reader's cap:", err)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
