// Command signer signs JWTs with a key the program never holds: a
// crypto.Signer, as a cloud KMS or an HSM client provides. Here the
// "KMS" is a small type that keeps its private key to itself and counts
// the signatures it makes.
//
//	go run ./examples/signer
package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"io"
	"log"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// kms stands for a remote signing service: callers see only the public key
// and ask it to sign digests.
type kms struct {
	key   *ecdsa.PrivateKey // in a real KMS this never leaves the service
	signs int
}

func (k *kms) Public() crypto.PublicKey { return &k.key.PublicKey }

func (k *kms) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	k.signs++
	return k.key.Sign(rand, digest, opts) // ASN.1 DER, as KMS APIs return
}

func main() {
	log.SetFlags(0)
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check(err)
	service := &kms{key: priv}

	// A jwk.Key over the crypto.Signer: private operations go to the
	// service; the public key is published as usual.
	key, err := jwk.FromKey(service, jwk.WithKeyID("kms-key-1"))
	check(err)
	pub, err := key.Public().MarshalJSON()
	check(err)
	fmt.Printf("published key: %s\n", pub)

	token, err := jwt.Sign(jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))},
		jwa.ES256, key)
	check(err)
	fmt.Printf("signed by the KMS (%d signature): %.50s...\n", service.signs, token)

	// The library turned the KMS's DER signature into the fixed-length
	// R||S form JWS requires, so any verifier accepts it.
	claims, err := jwt.Verify[jwt.Claims](token, jwt.WithKey(jwa.ES256, key.Public()))
	check(err)
	fmt.Printf("verified with the public key: sub=%s\n", claims.Subject)

	// The private part cannot be exported.
	if _, err := key.MarshalJSON(); err == nil {
		log.Fatal("a KMS-held key was exported")
	}
	fmt.Println("exporting the private key is refused")
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
