package jws_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// issue makes a certificate for pub, signed by signer under parent (itself
// when parent is nil, for a root).
func issue(t *testing.T, serial int64, name string, pub crypto.PublicKey, parent *x509.Certificate, signer crypto.Signer, ca bool) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	if ca {
		tmpl.IsCA, tmpl.BasicConstraintsValid, tmpl.KeyUsage = true, true, x509.KeyUsageCertSign
	}
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, signer)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// TestX509ChainKeyLimits (T06): the key of every certificate of an "x5c"
// chain is held to jwk.EmbeddedKeyLimits before the chain is verified, so
// an intermediate with an RSA key over 4096 bits, which would check the
// leaf's signature, is refused unused, even when its chain leads nowhere
// trusted. WithEmbeddedKeyLimits widens the bound, and the chain verifies.
func TestX509ChainKeyLimits(t *testing.T) {
	// testdata/keys/rsa4160.pem: a 4160-bit RSA key, over the 4096 bits of
	// jwk.DefaultEmbeddedRSABits, generated once (`openssl genpkey
	// -algorithm RSA -pkeyopt rsa_keygen_bits:4160` makes one alike) so that
	// no test generates it. It protects nothing.
	bigKey := fipstest.RSAKey(t, "rsa4160.pem")
	rootKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	root := issue(t, 1, "root", &rootKey.PublicKey, nil, rootKey, true)
	inter := issue(t, 2, "intermediate", &bigKey.PublicKey, root, rootKey, true)
	leaf := issue(t, 3, "signer", &leafKey.PublicKey, inter, bigKey, false)
	bigLeaf := issue(t, 4, "big signer", &bigKey.PublicKey, root, rootKey, false)
	roots := x509.NewCertPool()
	roots.AddCert(root)
	viaInter, err := jws.Sign([]byte("p"), jws.WithKey(jwa.ES256, leafKey), jws.WithProtectedHeader("x5c", []*x509.Certificate{leaf, inter}))
	if err != nil {
		t.Fatal(err)
	}
	fromBigLeaf, err := jws.Sign([]byte("p"), jws.WithKey(jwa.RS256, bigKey), jws.WithProtectedHeader("x5c", []*x509.Certificate{bigLeaf}))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, token, says string
		roots             *x509.CertPool
		alg               jwa.SignatureAlgorithm
	}{
		{"intermediate over 4096 bits", viaInter, `"x5c": x5c certificate 1 of a token has a 4160-bit RSA modulus, over the 4096 bits allowed`, roots, jwa.ES256},
		{"intermediate, untrusted root", viaInter, "x5c certificate 1 of a token has a 4160-bit RSA modulus", x509.NewCertPool(), jwa.ES256},
		{"leaf over 4096 bits", fromBigLeaf, "x5c certificate 0 of a token has a 4160-bit RSA modulus", roots, jwa.RS256},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := jws.Verify(c.token, jws.WithX509(x509.VerifyOptions{Roots: c.roots}, c.alg))
			josetest.WantErr(t, err, jwa.ErrLimitExceeded, c.says)
			josetest.WantErr(t, err, jwa.ErrInvalidKey)
			if errors.Is(err, jwk.ErrUntrustedCertificate) {
				t.Errorf("the chain was verified before its keys were bounded: %v", err)
			}
		})
	}
	widened := jws.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{MaxRSABits: 8192})
	for _, tok := range []struct {
		token string
		alg   jwa.SignatureAlgorithm
	}{{viaInter, jwa.ES256}, {fromBigLeaf, jwa.RS256}} {
		if _, err := jws.Verify(tok.token, jws.WithX509(x509.VerifyOptions{Roots: roots}, tok.alg), widened); err != nil {
			t.Fatalf("with the bound widened: %v", err)
		}
	}
}
