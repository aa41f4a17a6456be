package jws_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jws"
)

// Sign and verify a compact JWS with Ed25519, whose signatures are
// deterministic.
func Example() {
	seed := make([]byte, ed25519.SeedSize) // a fixed key, for the example only
	priv := ed25519.NewKeyFromSeed(seed)

	tok, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.EdDSA, priv), jws.WithType("example"))
	if err != nil {
		panic(err)
	}
	fmt.Println(tok)

	payload, err := jws.Verify(tok, jws.WithKey(jwa.EdDSA, priv.Public()))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(payload))
	// Output:
	// eyJhbGciOiJFZERTQSIsInR5cCI6ImV4YW1wbGUifQ.aGVsbG8.sNbCr9F-Ul5JQpsfSmhbeLxEJDOahaYgZA1Ax3B0pB7N9o2iiRxDJdtphIuCXBjAlssDGdKM45NJUS4b1lsPDA
	// hello
}

// A general JSON JWS with two signatures; the verifier holds one of the
// keys and learns which signature it verified, with its headers.
func ExampleVerifyMessage() {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	secret := []byte("a 256-bit secret for the example")

	tok, err := jws.Sign([]byte("to both"), jws.WithJSON(),
		jws.WithKey(jwa.ES256, ec), jws.WithKeyID("ec-1"),
		jws.WithKey(jwa.HS256, secret), jws.WithKeyID("mac-1"))
	if err != nil {
		panic(err)
	}
	res, err := jws.VerifyMessage(tok, jws.WithKey(jwa.HS256, secret))
	if err != nil {
		panic(err)
	}
	for _, s := range res.Signatures {
		fmt.Println(s.Index, s.Algorithm, s.Protected.KeyID(), string(res.Payload))
	}
	// Output:
	// 1 HS256 mac-1 to both
}

// A detached payload (RFC 7515 Appendix F): the token leaves it out and the
// verifier supplies it.
func ExampleWithDetachedPayload() {
	secret := []byte("a 256-bit secret for the example")
	body := []byte(`{"amount":42}`)

	tok, err := jws.Sign(body, jws.WithKey(jwa.HS256, secret), jws.WithDetachedPayload())
	if err != nil {
		panic(err)
	}
	fmt.Println(tok)

	_, err = jws.Verify(tok, jws.WithKey(jwa.HS256, secret), jws.WithPayload(body))
	fmt.Println(err)
	// Output:
	// eyJhbGciOiJIUzI1NiJ9..HIYe2Ih6JsL9VEnnmYu-YjCkWPSaW9QDG0a2WxV9mT8
	// <nil>
}
