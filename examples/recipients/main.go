// Command recipients encrypts a file for two recipients at once in the
// general JSON serialization: one holds an RSA key, the other an X25519
// key. Each decrypts with its own key alone.
//
//	go run ./examples/recipients [FILE]
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
)

func main() {
	log.SetFlags(0)
	file := "README.md"
	if len(os.Args) > 1 {
		file = os.Args[1]
	}
	plaintext, err := os.ReadFile(file)
	check(err)

	// Alice's RSA key comes from a PEM file; Bob's X25519 key is new.
	pem, err := os.ReadFile("testdata/keys/rsa2048.pem")
	check(err)
	alice, err := jwk.ParsePEM(pem, jwk.WithKeyID("alice"))
	check(err)
	bob, err := jwk.Generate(jwa.ECDH_ES_A256KW, jwk.WithCurve(jwa.X25519), jwk.WithKeyID("bob"))
	check(err)

	encrypted, err := jwe.Encrypt(plaintext,
		jwe.WithRecipient(jwa.RSA_OAEP_256, alice.Public()),
		jwe.WithRecipient(jwa.ECDH_ES_A256KW, bob.Public()),
		jwe.WithEncryption(jwa.A256GCM),
		jwe.WithCompression(jwa.Deflate),
		jwe.WithJSON())
	check(err)
	fmt.Printf("encrypted %s (%d bytes) for 2 recipients: %d bytes of general JSON\n", file, len(plaintext), len(encrypted))

	for _, r := range []struct {
		name string
		alg  jwa.KeyAlgorithm
		key  *jwk.Key
	}{{"alice", jwa.RSA_OAEP_256, alice}, {"bob", jwa.ECDH_ES_A256KW, bob}} {
		res, err := jwe.DecryptMessage(encrypted, jwe.WithKey(r.alg, r.key), jwe.WithAllowedEncryptions(jwa.A256GCM))
		check(err)
		if !bytes.Equal(res.Plaintext, plaintext) {
			log.Fatalf("%s decrypted something else", r.name)
		}
		fmt.Printf("%s decrypted it as recipient %d with %s\n", r.name, res.Recipient, r.alg)
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
