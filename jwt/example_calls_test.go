package jwt_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// SessionClaims are the claims of ExampleSign: the registered ones and
// the application's own, each field tagged with its JSON name.
type SessionClaims struct {
	jwt.Claims
	Role  string   `json:"role"`
	Perms []string `json:"perms,omitempty"`
}

// Sign HS256 tokens with claims of the application's own. Sign adds
// nothing: set "exp" (which Verify requires by default) and "iat"
// yourself. A secret shorter than the hash is refused.
func ExampleSign() {
	secret := []byte("a secret of at least 32 bytes...")
	issued := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	token, err := jwt.Sign(SessionClaims{
		Claims: jwt.Claims{Subject: "bob", IssuedAt: jwt.NewNumericDate(issued),
			ExpiresAt: jwt.NewNumericDate(issued.Add(time.Hour))},
		Role:  "editor",
		Perms: []string{"posts:write"},
	}, jwa.HS256, secret)
	if err != nil {
		panic(err)
	}
	fmt.Println(token)

	_, err = jwt.Sign(jwt.Claims{Subject: "bob"}, jwa.HS256, []byte("too short"))
	fmt.Println(errors.Is(err, jwa.ErrInvalidKey))
	// Output:
	// eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJib2IiLCJleHAiOjE3MzU3OTA2NDUsImlhdCI6MTczNTc4NzA0NSwicm9sZSI6ImVkaXRvciIsInBlcm1zIjpbInBvc3RzOndyaXRlIl19.lfNCV8uc49CeUnZm24r723MnkBx2tH6MDA8mRa1hRds
	// true
}

// Each way a token can fail has a sentinel for errors.Is: the claim
// checks have jwt's own, and the signature layer's are jwa's
// (jwa.ErrInvalidSignature, jwa.ErrAlgorithmNotAllowed). The message
// says what was expected. The clock is fixed so that the output does not
// change; real code leaves WithClock out.
func ExampleVerify() {
	secret := []byte("a secret of at least 32 bytes...")
	issued := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	token, err := jwt.Sign(SessionClaims{
		Claims: jwt.Claims{Issuer: "https://issuer.example.com", Subject: "bob",
			Audience: jwt.Audience{"app"}, ExpiresAt: jwt.NewNumericDate(issued.Add(time.Hour))},
		Role: "editor",
	}, jwa.HS256, secret)
	if err != nil {
		panic(err)
	}
	at := func(t time.Time) jwt.VerifyOption { return jwt.WithClock(func() time.Time { return t }) }
	now := at(issued.Add(time.Minute))

	c, err := jwt.Verify[SessionClaims](token, jwt.WithKey(jwa.HS256, secret),
		jwt.WithIssuer("https://issuer.example.com"), jwt.WithAudience("app"), now)
	fmt.Println(c.Subject, c.Role, err)

	_, err = jwt.Verify[SessionClaims](token, jwt.WithKey(jwa.HS256, []byte("another secret of 32 bytes......")),
		jwt.WithAudience("app"), now)
	fmt.Println("another key:", errors.Is(err, jwt.ErrInvalidSignature))

	_, err = jwt.Verify[SessionClaims](token, jwt.WithKey(jwa.HS384, []byte("a secret of at least 48 bytes, for HS384........")),
		jwt.WithAudience("app"), now)
	fmt.Println("another algorithm:", errors.Is(err, jwa.ErrAlgorithmNotAllowed))

	_, err = jwt.Verify[SessionClaims](token, jwt.WithKey(jwa.HS256, secret),
		jwt.WithAudience("app"), at(issued.Add(2*time.Hour)))
	fmt.Println("later:", errors.Is(err, jwt.ErrExpired))

	_, err = jwt.Verify[SessionClaims](token, jwt.WithKey(jwa.HS256, secret), now)
	fmt.Println("no audience accepted:", errors.Is(err, jwt.ErrInvalidAudience))

	_, err = jwt.Verify[SessionClaims](token, jwt.WithKey(jwa.HS256, secret),
		jwt.WithIssuer("https://other.example.com"), jwt.WithAudience("app"), now)
	fmt.Println("another issuer:", errors.Is(err, jwt.ErrInvalidIssuer), err)
	// Output:
	// bob editor <nil>
	// another key: true
	// another algorithm: true
	// later: true
	// no audience accepted: true
	// another issuer: true jwt: claim "iss": "https://issuer.example.com" is not an accepted issuer: issuer not accepted
}

// Encrypt makes a JWT that is encrypted but not signed: its claims are
// confidential, but anyone holding the recipient's public key could have
// made it, so Verify accepts it only under WithEncryptedOnly (and refuses
// it as a signed token). SignAndEncrypt is usually what is wanted.
func ExampleEncrypt() {
	recipient, err := jwk.Generate(jwa.ECDH_ES_A256KW)
	if err != nil {
		panic(err)
	}
	token, err := jwt.Encrypt(jwt.Claims{Subject: "dave", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))},
		jwa.ECDH_ES_A256KW, recipient.Public(), jwt.WithEncryption(jwa.A256GCM))
	if err != nil {
		panic(err)
	}

	c, err := jwt.Verify[jwt.Claims](token, jwt.WithEncryptedOnly(),
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, recipient), jwt.WithAllowedEncryptions(jwa.A256GCM))
	fmt.Println(c.Subject, err)

	// A verifier that expects a signature refuses it.
	issuer, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	_, err = jwt.Verify[jwt.Claims](token,
		jwt.WithDecryptionKey(jwa.ECDH_ES_A256KW, recipient), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(jwa.ES256, issuer.Public()))
	fmt.Println(errors.Is(err, jwt.ErrUnexpectedForm), err)
	// Output:
	// dave <nil>
	// true jwt: the encrypted token holds unsigned claims (no "cty": "JWT"), and WithEncryptedOnly was not given: token not in the expected form
}
