package secp256k1_test

import (
	"fmt"

	_ "github.com/joseproject/jose/ext/secp256k1" // registers ES256K and secp256k1 keys
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// Sign and verify with ES256K once the module is imported.
func Example() {
	key, err := jwk.GenerateKey(jwa.KeyTypeEC, jwk.WithCurve(jwa.Secp256k1))
	if err != nil {
		panic(err)
	}
	signed, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.ES256K, key))
	if err != nil {
		panic(err)
	}
	payload, err := jws.Verify(signed, jws.WithKey(jwa.ES256K, key.Public()))
	fmt.Println(string(payload), err, key.Curve())
	// Output: hello <nil> secp256k1
}
