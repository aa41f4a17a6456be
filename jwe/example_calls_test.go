package jwe_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
)

// Encrypt to the holder of an RSA key whose public half arrives as PEM
// (a PKIX "PUBLIC KEY", a certificate, or PKCS #1). The content
// encryption is named once, with WithEncryption.
func ExampleEncrypt() {
	pubPEM, err := os.ReadFile("../testdata/keys/rsa2048-public.pem")
	if err != nil {
		panic(err)
	}
	pub, err := jwk.ParsePEM(pubPEM)
	if err != nil {
		panic(err)
	}
	tok, err := jwe.Encrypt([]byte("card 4111 1111 1111 1111"),
		jwe.WithRecipient(jwa.RSA_OAEP_256, pub), jwe.WithEncryption(jwa.A256GCM))
	if err != nil {
		panic(err)
	}
	m, err := jwe.Parse(tok)
	if err != nil {
		panic(err)
	}
	fmt.Println(pub, m.Serialization, len(m.Recipients))

	// Without a content encryption, Encrypt says which option is missing.
	_, err = jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.RSA_OAEP_256, pub))
	fmt.Println(err)
	// Output:
	// jwk.Key{kty=RSA} compact 1
	// jwe: Encrypt needs the content encryption: give WithEncryption: invalid option
}

// Decrypt with the private key: the caller names the key management
// algorithm (with the key) and the content encryptions it accepts. A
// token made for another algorithm is refused before the key is used; a
// wrong key, a changed byte or a wrong tag all give the one ErrDecryption.
func ExampleDecrypt() {
	privPEM, err := os.ReadFile("../testdata/keys/rsa2048.pem")
	if err != nil {
		panic(err)
	}
	priv, err := jwk.ParsePEM(privPEM)
	if err != nil {
		panic(err)
	}
	tok, err := jwe.Encrypt([]byte("a secret message"),
		jwe.WithRecipient(jwa.RSA_OAEP_256, priv.Public()), jwe.WithEncryption(jwa.A256GCM))
	if err != nil {
		panic(err)
	}

	plain, err := jwe.Decrypt(tok, jwe.WithKey(jwa.RSA_OAEP_256, priv), jwe.WithAllowedEncryptions(jwa.A256GCM))
	fmt.Printf("%s %v\n", plain, err)

	_, err = jwe.Decrypt(tok, jwe.WithKey(jwa.RSA_OAEP_384, priv), jwe.WithAllowedEncryptions(jwa.A256GCM))
	fmt.Println(errors.Is(err, jwa.ErrAlgorithmNotAllowed), err)

	other, err := jwk.Generate(jwa.RSA_OAEP_256)
	if err != nil {
		panic(err)
	}
	_, err = jwe.Decrypt(tok, jwe.WithKey(jwa.RSA_OAEP_256, other), jwe.WithAllowedEncryptions(jwa.A256GCM))
	fmt.Println(errors.Is(err, jwe.ErrDecryption), err)
	// Output:
	// a secret message <nil>
	// true jwe: no recipient uses an allowed key management algorithm: the token has "RSA-OAEP-256"; accepted are RSA-OAEP-384: algorithm not allowed
	// true jwe: decryption failed
}

// DecryptMessage returns the plaintext with the headers, kept apart by
// what authenticates them; act only on the protected header.
func ExampleDecryptMessage() {
	secret := []byte("0123456789abcdef0123456789abcdef") // an A256KW key
	tok, err := jwe.Encrypt([]byte(`{"sub":"alice"}`),
		jwe.WithRecipient(jwa.A256KW, secret), jwe.WithKeyID("kw-1"),
		jwe.WithEncryption(jwa.A128CBC_HS256), jwe.WithContentType("json"))
	if err != nil {
		panic(err)
	}
	res, err := jwe.DecryptMessage(tok, jwe.WithKey(jwa.A256KW, secret),
		jwe.WithAllowedEncryptions(jwa.A128CBC_HS256, jwa.A256GCM))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(res.Plaintext), res.Algorithm, res.Encryption, res.Protected.ContentType(), res.Protected.KeyID())
	// Output: {"sub":"alice"} A256KW A128CBC-HS256 json kw-1
}
