package jws_test

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// The functions marked "README: name" are the Go blocks of README.md
// (TestREADME in the repository's root checks them); the Examples run them.

// README: jws-sign-verify
func signAndVerify(payload []byte, edKey, edPub, k1, k2 *jwk.Key) error {
	signed, err := jws.Sign(payload, jws.WithKey(jwa.EdDSA, edKey))
	if err != nil {
		return err
	}
	got, err := jws.Verify(signed, jws.WithKey(jwa.EdDSA, edPub))
	if err != nil {
		return err
	}
	fmt.Printf("%s\n", got)

	// Two signatures, general JSON serialization; WithRequireAll checks both.
	signed, err = jws.Sign(payload, jws.WithKey(jwa.ES256, k1), jws.WithKey(jwa.RS256, k2), jws.WithJSON())
	if err != nil {
		return err
	}
	got, err = jws.Verify(signed, jws.WithKey(jwa.ES256, k1.Public()), jws.WithKey(jwa.RS256, k2.Public()),
		jws.WithRequireAll())
	if err != nil {
		return err
	}
	fmt.Printf("%s\n", got)
	return nil
}

func Example_readmeSignAndVerify() {
	ed, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		panic(err)
	}
	k1, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	k2, err := jwk.Generate(jwa.RS256)
	if err != nil {
		panic(err)
	}
	if err := signAndVerify([]byte("hello"), ed, ed.Public(), k1, k2); err != nil {
		fmt.Println(err)
	}
	// Output:
	// hello
	// hello
}
