package errwrap_test

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/internal/errwrap"
)

var errNoKey = errors.New("jwk: no matching key")

// verify stands for an exported function of package jwt that returns an
// error from a lower package: Own leaves one package name, at the start.
func verify() (err error) {
	defer errwrap.Own(&err, "jwt")
	return fmt.Errorf("jws: no key with kid %q: %w", "a", errNoKey)
}

func ExampleOwn() {
	err := verify()
	fmt.Println(err)
	fmt.Println(errors.Is(err, errNoKey))
	// Output:
	// jwt: no key with kid "a": no matching key
	// true
}

func ExampleBeside() {
	malformed := errors.New("malformed input")
	claims := fmt.Errorf("invalid claims: %w", malformed)
	cause := fmt.Errorf(`key without "kty": %w`, malformed)
	err := errwrap.Beside(cause, claims)
	fmt.Println(err)
	fmt.Println(errors.Is(err, cause), errors.Is(err, claims))
	// Output:
	// key without "kty": invalid claims: malformed input
	// true true
}
