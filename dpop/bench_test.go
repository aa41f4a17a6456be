package dpop_test

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
)

func BenchmarkNewProof(b *testing.B) {
	key := genKey(b)
	for b.Loop() {
		if _, err := dpop.NewProof("GET", testURI, jwa.ES256, key); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateProof(b *testing.B) {
	key := genKey(b)
	v, _ := dpop.NewValidator()
	for b.Loop() {
		b.StopTimer()
		p, _ := dpop.NewProof("GET", testURI, jwa.ES256, key)
		b.StartTimer()
		if _, err := v.ValidateProof(p, "GET", testURI); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStdlibECDSAVerify is the raw cost of the signature check.
func BenchmarkStdlibECDSAVerify(b *testing.B) {
	key := genKey(b)
	priv := key.Raw().(*ecdsa.PrivateKey)
	h := sha256.Sum256([]byte("input"))
	sig, _ := ecdsa.SignASN1(nil, priv, h[:])
	for b.Loop() {
		ecdsa.VerifyASN1(&priv.PublicKey, h[:], sig)
	}
}
