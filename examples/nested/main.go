// Command nested issues a nested JWT (RFC 7519 §5.2): the claims are signed
// by the issuer, then encrypted to the audience, so only the audience can
// read them and it can tell who wrote them. The verifier decrypts, then
// checks the inner signature, then the claims.
//
//	go run ./examples/nested
package main

import (
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

func main() {
	log.SetFlags(0)
	issuer, err := jwk.Generate(jwa.EdDSA)
	check(err)
	audience, err := jwk.Generate(jwa.ECDH_ES_A256KW, jwk.WithCurve(jwa.X25519))
	check(err)

	token, err := jwt.SignAndEncrypt(jwt.Claims{
		Issuer:    "https://issuer.example.com",
		Subject:   "alice",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}, jwa.EdDSA, issuer,
		jwt.WithRecipient(jwa.ECDH_ES_A256KW, audience.Public()),
		jwt.WithEncryption(jwa.A256GCM))
	check(err)
	fmt.Printf("nested token (a JWE with cty JWT): %.50s...\n", token)

	claims, err := jwt.Verify[jwt.Claims](token,
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, audience),
		jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(jwa.EdDSA, issuer.Public()),
		jwt.WithIssuer("https://issuer.example.com"))
	check(err)
	fmt.Printf("decrypted and verified: sub=%s\n", claims.Subject)

	// Without decryption keys, a verifier expecting a plain JWS refuses it.
	_, err = jwt.Verify[jwt.Claims](token, jwt.WithKey(jwa.EdDSA, issuer.Public()))
	if !errors.Is(err, jwt.ErrUnexpectedForm) {
		log.Fatalf("a JWE where a JWS was expected: got %v", err)
	}
	fmt.Println("a JWS verifier refuses it:", err)

	// An encrypted token whose inner JWT is signed by someone else fails.
	mallory, err := jwk.Generate(jwa.EdDSA)
	check(err)
	forged, err := jwt.SignAndEncrypt(jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))},
		jwa.EdDSA, mallory,
		jwt.WithRecipient(jwa.ECDH_ES_A256KW, audience.Public()), jwt.WithEncryption(jwa.A256GCM))
	check(err)
	_, err = jwt.Verify[jwt.Claims](forged,
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, audience), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(jwa.EdDSA, issuer.Public()))
	if err == nil {
		log.Fatal("a token signed by another key was accepted")
	}
	fmt.Println("signed by another key: refused:", err)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
