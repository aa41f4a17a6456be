package ed448_test

import (
	"fmt"

	_ "github.com/joseproject/jose/ext/ed448" // registers Ed448 and X448
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// Sign with Ed448 and encrypt to an X448 key, once the module is imported.
func Example() {
	signing, err := jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.CurveEd448))
	if err != nil {
		panic(err)
	}
	signed, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.Ed448, signing))
	if err != nil {
		panic(err)
	}
	payload, err := jws.Verify(signed, jws.WithKey(jwa.Ed448, signing.Public()))
	fmt.Println(string(payload), err)

	recipient, err := jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.X448))
	if err != nil {
		panic(err)
	}
	enc, err := jwe.Encrypt([]byte("secret"), jwe.WithRecipient(jwa.ECDH_ES_A256KW, recipient.Public()), jwe.WithEncryption(jwa.A256GCM))
	if err != nil {
		panic(err)
	}
	plain, err := jwe.Decrypt(enc, jwe.WithKey(jwa.ECDH_ES_A256KW, recipient), jwe.WithAllowedEncryptions(jwa.A256GCM))
	fmt.Println(string(plain), err)
	// Output:
	// hello <nil>
	// secret <nil>
}
