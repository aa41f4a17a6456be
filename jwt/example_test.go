package jwt_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Issue an OAuth access token (RFC 9068) and verify it. The clock is fixed
// so that the output does not change; real code leaves WithClock out.
func Example() {
	secret := []byte("a secret of at least 32 bytes...")
	issued := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	token, err := jwt.Sign(jwt.Claims{
		Issuer:    "https://issuer.example.com",
		Subject:   "alice",
		Audience:  jwt.Audience{"https://api.example.com"},
		IssuedAt:  jwt.NewNumericDate(issued),
		ExpiresAt: jwt.NewNumericDate(issued.Add(15 * time.Minute)),
	}, jwa.HS256, secret, jwt.WithType("at+jwt"))
	if err != nil {
		panic(err)
	}

	verify := func(now time.Time) (jwt.Claims, error) {
		return jwt.Verify[jwt.Claims](token,
			jwt.WithKey(jwa.HS256, secret),
			jwt.WithExpectedType("at+jwt"),
			jwt.WithIssuer("https://issuer.example.com"),
			jwt.WithAudience("https://api.example.com"),
			jwt.WithClock(func() time.Time { return now }))
	}
	claims, err := verify(issued.Add(time.Minute))
	fmt.Println(claims.Subject, claims.ExpiresAt.UTC(), err)

	_, err = verify(issued.Add(15 * time.Minute))
	fmt.Println(errors.Is(err, jwt.ErrExpired))
	// Output:
	// alice 2025-01-02 03:19:05 +0000 UTC <nil>
	// true
}

// AppClaims are an application's claims: the registered ones, embedded,
// and its own.
type AppClaims struct {
	jwt.Claims
	Scope string `json:"scope"`
	Admin bool   `json:"admin,omitempty"`
}

// A struct of the application's own claims, with a check of its own.
func ExampleVerify_customClaims() {
	key, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		panic(err)
	}
	now := time.Now()
	token, err := jwt.Sign(AppClaims{
		Claims: jwt.Claims{Subject: "bob", ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))},
		Scope:  "read:reports",
	}, jwa.EdDSA, key)
	if err != nil {
		panic(err)
	}

	needsScope := func(scope string) jwt.VerifyOption {
		return jwt.WithValidator(func(c AppClaims) error {
			if c.Scope != scope {
				return fmt.Errorf("scope %q, need %q", c.Scope, scope)
			}
			return nil
		})
	}
	claims, err := jwt.Verify[AppClaims](token, jwt.WithKey(jwa.EdDSA, key.Public()), needsScope("read:reports"))
	fmt.Println(claims.Subject, claims.Scope, err)

	_, err = jwt.Verify[AppClaims](token, jwt.WithKey(jwa.EdDSA, key.Public()), needsScope("write:reports"))
	fmt.Println(errors.Is(err, jwt.ErrRejected))
	// Output:
	// bob read:reports <nil>
	// true
}

// A nested token: signed by the issuer, then encrypted to the recipient
// (RFC 7519 §5.2). The recipient decrypts with its own key and verifies
// with the issuer's public key.
func ExampleSignAndEncrypt() {
	issuerKey, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	recipientKey, err := jwk.Generate(jwa.ECDH_ES_A256KW)
	if err != nil {
		panic(err)
	}
	token, err := jwt.SignAndEncrypt(jwt.Claims{
		Subject:   "carol",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}, jwa.ES256, issuerKey,
		jwt.WithRecipient(jwa.ECDH_ES_A256KW, recipientKey.Public()),
		jwt.WithEncryption(jwa.A256GCM))
	if err != nil {
		panic(err)
	}

	claims, err := jwt.Verify[jwt.Claims](token,
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, recipientKey),
		jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(jwa.ES256, issuerKey.Public()))
	fmt.Println(claims.Subject, err)

	// The same token is refused by a verifier that expects a signed token.
	_, err = jwt.Verify[jwt.Claims](token, jwt.WithKey(jwa.ES256, issuerKey.Public()))
	fmt.Println(errors.Is(err, jwt.ErrUnexpectedForm))
	// Output:
	// carol <nil>
	// true
}
