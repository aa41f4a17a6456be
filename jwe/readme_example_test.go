package jwe_test

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
)

// The functions marked "README: name" are the Go blocks of README.md
// (TestREADME in the repository's root checks them); the Examples and
// Tests here run them.

// README: jwe-encrypt-decrypt
func encryptAndDecrypt(plaintext []byte, recipientPub, recipientPriv *jwk.Key) error {
	enc, err := jwe.Encrypt(plaintext,
		jwe.WithRecipient(jwa.ECDH_ES_A256KW, recipientPub),
		jwe.WithEncryption(jwa.A256GCM))
	if err != nil {
		return err
	}
	plain, err := jwe.Decrypt(enc,
		jwe.WithKey(jwa.ECDH_ES_A256KW, recipientPriv),
		jwe.WithAllowedEncryptions(jwa.A256GCM))
	if err != nil {
		return err
	}
	fmt.Printf("%s\n", plain)
	return nil
}

func Example_readmeEncryptAndDecrypt() {
	recipient, err := jwk.Generate(jwa.ECDH_ES_A256KW)
	if err != nil {
		panic(err)
	}
	if err := encryptAndDecrypt([]byte("for the recipient only"), recipient.Public(), recipient); err != nil {
		fmt.Println(err)
	}
	// Output: for the recipient only
}

// README: jwe-fips
func checkFIPS(data []byte, pub *rsa.PublicKey) error {
	if !jwa.FIPSMode() {
		return errors.New("expected FIPS 140-3 mode (build with GOFIPS140)")
	}
	_, err := jwe.Encrypt(data, jwe.WithRecipient(jwa.RSA1_5, pub), jwe.WithEncryption(jwa.A256GCM))
	if !errors.Is(err, jwa.ErrNotApproved) {
		return fmt.Errorf("RSA1_5 was not refused: %v", err)
	}
	// err: "jwe: WithRecipient: RSA1_5: RSAES-PKCS1-v1_5 key transport is
	// disallowed after 2023 (SP 800-131A Rev. 2 §6), and Go's FIPS 140-3
	// module refuses it: not approved in FIPS 140-3 mode"
	return nil
}

// TestREADMEFIPS runs the README's FIPS 140-3 block where it applies: in
// FIPS 140-3 mode (make test runs the suite with GODEBUG=fips140=on).
func TestREADMEFIPS(t *testing.T) {
	if !jwa.FIPSMode() {
		if err := checkFIPS(nil, nil); err == nil || !strings.Contains(err.Error(), "expected FIPS 140-3 mode") {
			t.Fatalf("outside FIPS 140-3 mode: %v", err)
		}
		t.Skip("not in FIPS 140-3 mode")
	}
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkFIPS([]byte("data"), &priv.PublicKey); err != nil {
		t.Fatal(err)
	}
	_, err = jwe.Encrypt([]byte("data"), jwe.WithRecipient(jwa.RSA1_5, &priv.PublicKey), jwe.WithEncryption(jwa.A256GCM))
	if want := "jwe: WithRecipient: RSA1_5: RSAES-PKCS1-v1_5 key transport is disallowed after 2023"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("the README quotes %q, the error is %v", want, err)
	}
}
