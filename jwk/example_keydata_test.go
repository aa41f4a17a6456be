package jwk_test

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// A program that reads a key file and then a token tells the two failures
// apart with errors.Is alone: both are malformed input, but only the key's
// error is invalid key data.
func ExampleErrInvalidKeyData() {
	_, err := jwk.Parse([]byte(`{"kty":"oct"}`))
	fmt.Println(errors.Is(err, jwk.ErrInvalidKeyData), errors.Is(err, jwa.ErrMalformed))
	fmt.Println(err)
	// Output:
	// true true
	// jwk: oct key without "k": malformed input
}
