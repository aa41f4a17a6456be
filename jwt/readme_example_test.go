package jwt_test

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/joseproject/jose/internal/fakeweb"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// The functions marked "README: name" are the Go blocks of README.md
// (TestREADME in the repository's root checks them); the Examples run them.

// README: jwt-issue-verify
func issueAndVerify() error {
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	token, err := jwt.Sign(jwt.Claims{
		Issuer:    "https://issuer.example.com",
		Subject:   "alice",
		Audience:  jwt.Audience{"https://api.example.com"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute)),
	}, jwa.ES256, key)
	if err != nil {
		return err
	}

	claims, err := jwt.Verify[jwt.Claims](token,
		jwt.WithKey(jwa.ES256, key.Public()),
		jwt.WithIssuer("https://issuer.example.com"),
		jwt.WithAudience("https://api.example.com"))
	if err != nil {
		return err
	}
	fmt.Println(claims.Subject)
	return nil
}

func Example_readmeIssueAndVerify() {
	if err := issueAndVerify(); err != nil {
		fmt.Println(err)
	}
	// Output: alice
}

// README: jwt-own-claims
func ownClaims(token string, pub *jwk.Key) error {
	type AppClaims struct {
		jwt.Claims
		Scope string `json:"scope"`
	}
	c, err := jwt.Verify[AppClaims](token,
		jwt.WithKey(jwa.ES256, pub),
		jwt.WithIssuer("https://issuer.example.com"),
		jwt.WithAudience("https://api.example.com"))
	if err != nil {
		return err
	}
	fmt.Println(c.Subject, c.Scope)
	return nil
}

func Example_readmeOwnClaims() {
	// A token as the README's first block makes, with a scope.
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	token, err := jwt.Sign(map[string]any{
		"iss": "https://issuer.example.com", "sub": "alice", "aud": "https://api.example.com",
		"exp": time.Now().Add(15 * time.Minute).Unix(), "scope": "orders:read",
	}, jwa.ES256, key)
	if err != nil {
		panic(err)
	}
	if err := ownClaims(token, key.Public()); err != nil {
		fmt.Println(err)
	}
	// Output: alice orders:read
}

// README: jwt-discover
func verifyWithProvider(ctx context.Context, token string) error {
	// Once, at start-up. ctx bounds the discovery request only: keys lives,
	// refreshing itself in the background, until it is closed.
	keys, err := jwk.Discover(ctx, "https://accounts.example.com") // or jwk.NewRemote(jwksURL)
	if err != nil {
		return err
	}
	defer keys.Close()

	// For each token:
	claims, err := jwt.Verify[jwt.Claims](token,
		jwt.WithKeySet(keys, jwa.RS256, jwa.ES256),
		jwt.WithIssuer("https://accounts.example.com"),
		jwt.WithAudience("my-client-id"))
	if err != nil {
		return err // errors.Is(err, jwk.ErrFetch): the provider is unreachable, not the token bad
	}
	fmt.Println(claims.Subject)
	return nil
}

func Example_readmeDiscover() {
	// accounts.example.com, on loopback.
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("2026-01"))
	if err != nil {
		panic(err)
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		panic(err)
	}
	jwks, err := json.Marshal(set.Public())
	if err != nil {
		panic(err)
	}
	idp := fakeweb.Start(fakeweb.Provider("https://accounts.example.com", jwks), "accounts.example.com")
	defer idp.Close()
	defer idp.Install()()

	token, err := jwt.Sign(jwt.Claims{
		Issuer: "https://accounts.example.com", Subject: "alice", Audience: jwt.Audience{"my-client-id"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}, jwa.ES256, key)
	if err != nil {
		panic(err)
	}
	if err := verifyWithProvider(context.Background(), token); err != nil {
		fmt.Println(err)
	}
	// Output: alice
}

// README: jwt-nested
func signAndEncrypt(claims jwt.Claims, signingKey, signingPub, audiencePub, audiencePriv *jwk.Key) error {
	token, err := jwt.SignAndEncrypt(claims, jwa.EdDSA, signingKey,
		jwt.WithRecipient(jwa.ECDH_ES_A256KW, audiencePub), jwt.WithEncryption(jwa.A256GCM))
	if err != nil {
		return err
	}
	c, err := jwt.Verify[jwt.Claims](token,
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, audiencePriv), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(jwa.EdDSA, signingPub))
	if err != nil {
		return err
	}
	fmt.Println(c.Subject)
	return nil
}

func Example_readmeNested() {
	signing, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		panic(err)
	}
	audience, err := jwk.Generate(jwa.ECDH_ES_A256KW)
	if err != nil {
		panic(err)
	}
	claims := jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	if err := signAndEncrypt(claims, signing, signing.Public(), audience.Public(), audience); err != nil {
		fmt.Println(err)
	}
	// Output: alice
}
