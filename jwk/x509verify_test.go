package jwk

import (
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
)

func certPool(tb testing.TB, file string) *x509.CertPool {
	tb.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(readPEM(tb, file)) {
		tb.Fatalf("no certificates in %s", file)
	}
	return pool
}

func TestVerifyCertificates(t *testing.T) {
	roots := certPool(t, "chain-root.pem")
	leafKey := mustParsePEM(t, "chain-leaf-key.pem")
	withChain := func(k *Key, file string) *Key {
		c := k.clone()
		c.x5c = mustParsePEM(t, file).Certificates()
		return c
	}
	tests := []struct {
		name string
		key  *Key
	}{
		{"leaf and intermediate", mustParsePEM(t, "chain.pem")},
		{"leaf, intermediate and root", mustParsePEM(t, "chain-full.pem")},
		{"private key with its chain", withChain(leafKey, "chain.pem")},
		{"public part of it", withChain(leafKey, "chain.pem").Public()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			intermediates := x509.NewCertPool()
			chains, err := tt.key.VerifyCertificates(x509.VerifyOptions{Roots: roots, Intermediates: intermediates})
			if err != nil {
				t.Fatal(err)
			}
			if len(chains) != 1 || len(chains[0]) != 3 || chains[0][2].Subject.CommonName != "jose test root CA" {
				t.Errorf("chains = %v", chains)
			}
			if !intermediates.Equal(x509.NewCertPool()) {
				t.Error("the caller's intermediate pool was changed")
			}
		})
	}
}

func TestVerifyCertificatesRejects(t *testing.T) {
	roots := certPool(t, "chain-root.pem")
	chain := mustParsePEM(t, "chain.pem")
	leafOnly := chain.clone()
	leafOnly.x5c = leafOnly.x5c[:1]
	otherKey := mustParsePEM(t, "ec-p256-pkix.pem").clone()
	otherKey.x5c = chain.Certificates()
	rsaKey := mustParsePEM(t, "rsa2048-pkix.pem").clone()
	rsaKey.x5c = chain.Certificates()

	tests := []struct {
		name string
		key  *Key
		opts x509.VerifyOptions
		want []error
	}{
		{"nil roots", chain, x509.VerifyOptions{}, []error{ErrUntrustedCertificate}},
		{"empty roots", chain, x509.VerifyOptions{Roots: x509.NewCertPool()}, []error{ErrUntrustedCertificate}},
		{"wrong root", chain, x509.VerifyOptions{Roots: certPool(t, "chain-other-root.pem")}, []error{ErrUntrustedCertificate}},
		{"no x5c", mustParsePEM(t, "ec-p256-pkix.pem"), x509.VerifyOptions{Roots: roots}, []error{ErrUntrustedCertificate}},
		{"nil key", nil, x509.VerifyOptions{Roots: roots}, []error{ErrUntrustedCertificate}},
		{"intermediate missing", leafOnly, x509.VerifyOptions{Roots: roots}, []error{ErrUntrustedCertificate}},
		// RFC 7517 §4.7: the leaf's key must be the JWK's key.
		{"leaf holds another key", otherKey, x509.VerifyOptions{Roots: roots}, []error{ErrUntrustedCertificate, jwa.ErrInvalidKey}},
		{"leaf holds another key type", rsaKey, x509.VerifyOptions{Roots: roots}, []error{ErrUntrustedCertificate, jwa.ErrInvalidKey}},
		{"expired", chain, x509.VerifyOptions{Roots: roots, CurrentTime: time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)}, []error{ErrUntrustedCertificate}},
		{"not yet valid", chain, x509.VerifyOptions{Roots: roots, CurrentTime: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}, []error{ErrUntrustedCertificate}},
		{"wrong DNS name", chain, x509.VerifyOptions{Roots: roots, DNSName: "example.com"}, []error{ErrUntrustedCertificate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chains, err := tt.key.VerifyCertificates(tt.opts)
			if chains != nil {
				t.Errorf("chains returned with error %v", err)
			}
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("err = %v, want %v", err, want)
				}
			}
		})
	}
}

func BenchmarkVerifyCertificates(b *testing.B) {
	roots := certPool(b, "chain-root.pem")
	k := mustParsePEM(b, "chain.pem")
	b.Run("jwk", func(b *testing.B) {
		for b.Loop() {
			if _, err := k.VerifyCertificates(x509.VerifyOptions{Roots: roots}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		certs := k.Certificates()
		for b.Loop() {
			inter := x509.NewCertPool()
			inter.AddCert(certs[1])
			if _, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
