package jwa_test

import (
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Sign and verify the JWS Signing Input of RFC 7515 Appendix A.1 with
// HS256. The secret must be at least 32 bytes for HS256.
func ExampleSignatureAlgorithm_NewSigner() {
	secret, _ := base64.RawURLEncoding.DecodeString(
		"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
	input := []byte("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
		".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ")

	signer, err := jwa.HS256.NewSigner(secret)
	if err != nil {
		fmt.Println(err)
		return
	}
	sig, _ := signer.Sign(input)
	fmt.Println(base64.RawURLEncoding.EncodeToString(sig))

	verifier, _ := jwa.HS256.NewVerifier(secret)
	fmt.Println(verifier.Verify(input, sig) == nil)
	fmt.Println(errors.Is(verifier.Verify(input, sig[:16]), jwa.ErrInvalidSignature))

	_, err = jwa.HS256.NewSigner([]byte("too short"))
	fmt.Println(errors.Is(err, jwa.ErrInvalidKey))
	// Output:
	// dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
	// true
	// true
	// true
}
