package jwt_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// README: jwt-key-files
func keysFromFiles(dir string) error {
	// The issuer's private key, as PEM (PKCS #8, PKCS #1 or SEC 1).
	pemBytes, err := os.ReadFile(filepath.Join(dir, "signing-key.pem"))
	if err != nil {
		return err
	}
	signingKey, err := jwk.ParsePEM(pemBytes, jwk.WithKeyID("2025-01"))
	if err != nil {
		return err // errors.Is(err, jwk.ErrInvalidKeyData): the file, not a token
	}
	token, err := jwt.Sign(jwt.Claims{Subject: "alice", Audience: jwt.Audience{"api"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}, jwa.RS256, signingKey)
	if err != nil {
		return err
	}

	// The verifier's keys, as a JWK Set file: the token's kid picks one.
	setJSON, err := os.ReadFile(filepath.Join(dir, "keys.json"))
	if err != nil {
		return err
	}
	keys, err := jwk.ParseSet(setJSON)
	if err != nil {
		return err
	}
	claims, err := jwt.Verify[jwt.Claims](token, jwt.WithKeySet(keys, jwa.RS256), jwt.WithAudience("api"))
	if err != nil {
		return err
	}
	fmt.Println(claims.Subject)
	return nil
}

func Example_readmeKeyFiles() {
	// The files the block reads: the repository's test RSA key, and a set
	// of its public half with the same kid.
	dir, err := os.MkdirTemp("", "jwt-readme")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	pemBytes, err := os.ReadFile("../testdata/keys/rsa2048.pem")
	if err != nil {
		panic(err)
	}
	key, err := jwk.ParsePEM(pemBytes, jwk.WithKeyID("2025-01"))
	if err != nil {
		panic(err)
	}
	set, err := jwk.NewSet(key.Public())
	if err != nil {
		panic(err)
	}
	setJSON, err := set.MarshalJSON()
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "signing-key.pem"), pemBytes, 0o600); err != nil {
		panic(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "keys.json"), setJSON, 0o600); err != nil {
		panic(err)
	}
	if err := keysFromFiles(dir); err != nil {
		fmt.Println(err)
	}
	// Output: alice
}
