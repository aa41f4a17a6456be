package jwk_test

import (
	"crypto/x509"
	"fmt"
	"os"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// A PEM public key, as `openssl pkey -pubout` writes it, becomes a JWK.
func ExampleParsePEM() {
	const pemKey = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE4//4pvPFHYkNPKJAHF15lJWqXoxB
u2eS1TqOmQwWLoVbXj2VyyJzrcGsac8dt1jo2mzmMfaP0KXJYdLUSeOGww==
-----END PUBLIC KEY-----
`
	key, err := jwk.ParsePEM([]byte(pemKey), jwk.WithKeyID("2025-01"), jwk.WithAlgorithm(jwa.ES256))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key.KeyType(), key.Curve(), key.KeyID(), key.Algorithm(), key.IsPrivate())
	// Output: EC P-256 2025-01 ES256 false
}

// Generate makes a key bound to one algorithm; PEM writes it for other tools.
func ExampleGenerate() {
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("signing-1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key)

	pub, err := key.Public().PEM()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.26s\n", pub)
	// Output:
	// jwk.Key{kty=EC crv=P-256 kid="signing-1" alg=ES256 private}
	// -----BEGIN PUBLIC KEY-----
}

// GenerateKey serves a command line that asks for a key type and size.
func ExampleGenerateKey() {
	key, err := jwk.GenerateKey(jwa.KeyTypeEC, jwk.WithCurve(jwa.P384))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(key.KeyType(), key.Curve(), key.Algorithm() == "")
	// Output: EC P-384 true
}

// A certificate chain in PEM gives the leaf's key with the chain as "x5c";
// the chain is trusted only after it verifies against the caller's roots.
func ExampleKey_VerifyCertificates() {
	chain, err := os.ReadFile("../testdata/jwk/pem/chain.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	rootPEM, err := os.ReadFile("../testdata/jwk/pem/chain-root.pem")
	if err != nil {
		fmt.Println(err)
		return
	}
	key, err := jwk.ParsePEM(chain)
	if err != nil {
		fmt.Println(err)
		return
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(rootPEM)
	chains, err := key.VerifyCertificates(x509.VerifyOptions{Roots: roots})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range chains[0] {
		fmt.Println(c.Subject.CommonName)
	}
	// Output:
	// jose test signer
	// jose test intermediate CA
	// jose test root CA
}
