package jws_test

import (
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// Sign with an HMAC secret, naming the key in the protected header. Each
// SignOption after a WithKey (WithKeyID here) applies to that signature.
func ExampleSign() {
	secret := []byte("a 256-bit secret for the example")
	tok, err := jws.Sign([]byte(`{"amount":42}`), jws.WithKey(jwa.HS256, secret), jws.WithKeyID("mac-1"))
	if err != nil {
		panic(err)
	}
	fmt.Println(tok)
	// Output:
	// eyJhbGciOiJIUzI1NiIsImtpZCI6Im1hYy0xIn0.eyJhbW91bnQiOjQyfQ.HdkxtZ9aVXuxJr-nDQjU1cyTD7EE1TmKJzSJR9XvBB0
}

// Verify with a key set: the token's "kid" picks the key, and the
// algorithms after the set are the only ones accepted. A token signed
// with another algorithm is refused before any key is used.
func ExampleVerify() {
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // a fixed key, for the example only
	key, err := jwk.FromKey(priv.Public(), jwk.WithKeyID("ed-1"))
	if err != nil {
		panic(err)
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		panic(err)
	}
	tok, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.EdDSA, priv), jws.WithKeyID("ed-1"))
	if err != nil {
		panic(err)
	}

	payload, err := jws.Verify(tok, jws.WithKeySet(set, jwa.EdDSA, jwa.Ed25519))
	fmt.Printf("%s %v\n", payload, err)

	_, err = jws.Verify(tok, jws.WithKeySet(set, jwa.ES256))
	fmt.Println(errors.Is(err, jwa.ErrAlgorithmNotAllowed), err)

	_, err = jws.Verify(tok[:len(tok)-4]+"AAAA", jws.WithKeySet(set, jwa.EdDSA))
	fmt.Println(errors.Is(err, jws.ErrInvalidSignature))
	// Output:
	// hello <nil>
	// true jws: algorithm "EdDSA" is not allowed: accepted are ES256: algorithm not allowed
	// true
}

// Parse reads a token without verifying it, to look at its headers (to
// log a token's "kid", or to route it to the right verifier). Nothing it
// returns is authenticated: verify before acting on any of it.
func ExampleParse() {
	tok := "eyJhbGciOiJIUzI1NiIsImtpZCI6Im1hYy0xIn0.eyJhbW91bnQiOjQyfQ.HdkxtZ9aVXuxJr-nDQjU1cyTD7EE1TmKJzSJR9XvBB0"
	m, err := jws.Parse(tok)
	if err != nil {
		panic(err)
	}
	protected, _ := m.UnverifiedHeaders(0)
	fmt.Println(m.SignatureCount(), protected.Algorithm(), protected.KeyID(), string(m.UnverifiedPayload()))
	// Output: 1 HS256 mac-1 {"amount":42}
}
