// Command quickstart shows the library's main jobs in one run, with no
// set-up: it issues and verifies a JWT, signs and verifies a JWS, and
// encrypts and decrypts a JWE, printing each step.
//
//	go run ./examples/quickstart
package main

import (
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

func main() {
	log.SetFlags(0)

	// 1. A key pair for ES256, with its RFC 7638 thumbprint as kid.
	key, err := jwk.Generate(jwa.ES256, jwk.WithThumbprintKeyID())
	check(err)
	fmt.Printf("1. generated %v\n", key)

	// 2. Issue a JWT and verify it. The verifier names the algorithm and
	//    key it accepts, and the issuer and audience it expects.
	token, err := jwt.Sign(jwt.Claims{
		Issuer:    "https://issuer.example.com",
		Subject:   "alice",
		Audience:  jwt.Audience{"https://api.example.com"},
		IssuedAt:  jwt.NewNumericDate(time.Now()),
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute)),
	}, jwa.ES256, key)
	check(err)
	fmt.Printf("2. issued a JWT: %.60s...\n", token)

	claims, err := jwt.Verify[jwt.Claims](token,
		jwt.WithKey(jwa.ES256, key.Public()),
		jwt.WithIssuer("https://issuer.example.com"),
		jwt.WithAudience("https://api.example.com"))
	check(err)
	fmt.Printf("   verified: sub=%s, expires %s\n", claims.Subject, claims.ExpiresAt.Format(time.RFC3339))

	//    A verifier that accepts another audience refuses the same token.
	_, err = jwt.Verify[jwt.Claims](token,
		jwt.WithKey(jwa.ES256, key.Public()),
		jwt.WithIssuer("https://issuer.example.com"),
		jwt.WithAudience("https://other.example.com"))
	if !errors.Is(err, jwt.ErrInvalidAudience) {
		log.Fatalf("expected an audience error, got %v", err)
	}
	fmt.Printf("   refused for another audience: %v\n", err)

	// 3. Sign any payload (a JWS) with Ed25519, and verify it.
	edKey, err := jwk.Generate(jwa.Ed25519)
	check(err)
	signed, err := jws.Sign([]byte("hello, JOSE"), jws.WithKey(jwa.Ed25519, edKey))
	check(err)
	fmt.Printf("3. signed a JWS: %s\n", signed)
	payload, err := jws.Verify(signed, jws.WithKey(jwa.Ed25519, edKey.Public()))
	check(err)
	fmt.Printf("   verified payload: %q\n", payload)

	// 4. Encrypt for a recipient's public key (ECDH-ES with AES key wrap and
	//    AES-GCM), and decrypt with the private key.
	recipient, err := jwk.Generate(jwa.ECDH_ES_A256KW)
	check(err)
	encrypted, err := jwe.Encrypt([]byte("a secret message"),
		jwe.WithRecipient(jwa.ECDH_ES_A256KW, recipient.Public()),
		jwe.WithEncryption(jwa.A256GCM))
	check(err)
	fmt.Printf("4. encrypted a JWE: %.60s...\n", encrypted)
	plaintext, err := jwe.Decrypt(encrypted,
		jwe.WithKey(jwa.ECDH_ES_A256KW, recipient),
		jwe.WithAllowedEncryptions(jwa.A256GCM))
	check(err)
	fmt.Printf("   decrypted: %q\n", plaintext)

	fmt.Println("done")
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
