package jws_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// A token that carries its signer's certificate chain in "x5c" (as App
// Store notifications and many eIDAS signatures do) is verified with the
// leaf's key only after the chain verifies against the caller's roots.
func ExampleWithX509() {
	now := time.Now()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Example Root"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, _ := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	ca, _ := x509.ParseCertificate(caDER)

	signer, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "signer.example"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	leafDER, _ := x509.CreateCertificate(rand.Reader, leafTmpl, ca, signer.Public(), caKey)
	leaf, _ := x509.ParseCertificate(leafDER)

	tok, err := jws.Sign([]byte("signed with a certificate"), jws.WithKey(jwa.ES256, signer),
		jws.WithProtectedHeader("x5c", []*x509.Certificate{leaf}))
	if err != nil {
		panic(err)
	}

	roots := x509.NewCertPool()
	roots.AddCert(ca)
	res, err := jws.VerifyMessage(tok, jws.WithX509(x509.VerifyOptions{Roots: roots}, jwa.ES256))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(res.Payload), res.Signatures[0].Protected.X509Chain()[0].Subject.CommonName)

	// Other roots: the chain does not verify, and the key is not used.
	_, err = jws.Verify(tok, jws.WithX509(x509.VerifyOptions{Roots: x509.NewCertPool()}, jwa.ES256))
	fmt.Println(errors.Is(err, jwk.ErrUntrustedCertificate))
	// Output:
	// signed with a certificate signer.example
	// true
}

// A token that carries its own public key in "jwk" (as DPoP proofs do)
// is verified with it only when the caller approves the key, here by its
// RFC 7638 thumbprint, which the application learned beforehand.
func ExampleWithEmbeddedKey() {
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	known, err := key.ThumbprintString(crypto.SHA256)
	if err != nil {
		panic(err)
	}
	tok, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.ES256, key),
		jws.WithProtectedHeader("jwk", key.Public()))
	if err != nil {
		panic(err)
	}

	approve := func(k *jwk.Key) error {
		tp, err := k.ThumbprintString(crypto.SHA256)
		if err != nil {
			return err
		}
		if tp != known {
			return errors.New("not a key we know")
		}
		return nil
	}
	payload, err := jws.Verify(tok, jws.WithEmbeddedKey(approve, jwa.ES256))
	fmt.Printf("%s %v\n", payload, err)

	// Anyone can embed a key: a stranger's is refused by approve.
	stranger, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	forged, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.ES256, stranger),
		jws.WithProtectedHeader("jwk", stranger.Public()))
	if err != nil {
		panic(err)
	}
	_, err = jws.Verify(forged, jws.WithEmbeddedKey(approve, jwa.ES256))
	fmt.Println(err)
	// Output:
	// hello <nil>
	// jws: the token's "jwk" was not approved: not a key we know: no matching key
}
