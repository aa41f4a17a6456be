package jws_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"io"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

var errKMS = errors.New("kms: key disabled")

// kmsKey is a KMS key that fails to sign.
type kmsKey struct{ pub crypto.PublicKey }

func (k kmsKey) Public() crypto.PublicKey { return k.pub }
func (k kmsKey) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errKMS
}

// The error of a crypto.Signer survives signing, given as the signer itself
// or as a *jwk.Key made of it.
func TestSignKeepsTheSignersError(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	kms := kmsKey{&priv.PublicKey}
	key, err := jwk.FromKey(kms)
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string]any{"crypto.Signer": kms, "*jwk.Key": key} {
		_, err := jws.Sign([]byte("payload"), jws.WithKey(jwa.ES256, k))
		if !errors.Is(err, errKMS) {
			t.Errorf("%s: got %v, want an error wrapping the signer's", name, err)
		}
	}
}
