// Command jwt issues and verifies a JWT twice: with a shared secret (HS256)
// and with an elliptic-curve key pair (ES256), and shows the errors a
// verifier returns for a token that is expired or signed with another key.
//
//	go run ./examples/jwt
package main

import (
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// Claims are the application's claims: the registered ones and its own.
type Claims struct {
	jwt.Claims
	Scope string `json:"scope"`
}

func main() {
	log.SetFlags(0)
	now := time.Now()
	claims := Claims{
		Claims: jwt.Claims{
			Issuer:    "https://issuer.example.com",
			Subject:   "alice",
			Audience:  jwt.Audience{"https://api.example.com"},
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute)),
		},
		Scope: "read:reports",
	}
	expect := []jwt.VerifyOption{
		jwt.WithIssuer("https://issuer.example.com"),
		jwt.WithAudience("https://api.example.com"),
	}

	// HS256: one secret of at least 32 bytes, shared by issuer and verifier.
	secret := []byte("0123456789abcdef0123456789abcdef")
	token, err := jwt.Sign(claims, jwa.HS256, secret)
	check(err)
	got, err := jwt.Verify[Claims](token, append(expect, jwt.WithKey(jwa.HS256, secret))...)
	check(err)
	fmt.Printf("HS256: sub=%s scope=%q\n", got.Subject, got.Scope)

	// ES256: the issuer signs with its private key; verifiers hold only the
	// public key.
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("issuer-key-1"))
	check(err)
	token, err = jwt.Sign(claims, jwa.ES256, key)
	check(err)
	got, err = jwt.Verify[Claims](token, append(expect, jwt.WithKey(jwa.ES256, key.Public()))...)
	check(err)
	fmt.Printf("ES256: sub=%s scope=%q kid=%s\n", got.Subject, got.Scope, key.KeyID())

	// A token signed by another key fails on its signature.
	other, err := jwk.Generate(jwa.ES256)
	check(err)
	forged, err := jwt.Sign(claims, jwa.ES256, other)
	check(err)
	_, err = jwt.Verify[Claims](forged, append(expect, jwt.WithKey(jwa.ES256, key.Public()))...)
	must(errors.Is(err, jws.ErrInvalidSignature), err)
	fmt.Println("another key: refused:", err)

	// An HS256 token is refused by a verifier that accepts ES256 only: the
	// token's own "alg" never chooses the algorithm.
	hsToken, err := jwt.Sign(claims, jwa.HS256, secret)
	check(err)
	_, err = jwt.Verify[Claims](hsToken, append(expect, jwt.WithKey(jwa.ES256, key.Public()))...)
	must(errors.Is(err, jwa.ErrAlgorithmNotAllowed), err)
	fmt.Println("HS256 token to an ES256 verifier: refused:", err)

	// An expired token.
	claims.ExpiresAt = jwt.NewNumericDate(now.Add(-time.Minute))
	expired, err := jwt.Sign(claims, jwa.ES256, key)
	check(err)
	_, err = jwt.Verify[Claims](expired, append(expect, jwt.WithKey(jwa.ES256, key.Public()))...)
	must(errors.Is(err, jwt.ErrExpired), err)
	fmt.Println("expired: refused:", err)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func must(ok bool, err error) {
	if !ok {
		log.Fatalf("unexpected result: %v", err)
	}
}
