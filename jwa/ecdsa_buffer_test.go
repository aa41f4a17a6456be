package jwa

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"io"
	"testing"
)

// keepingSigner is a crypto.Signer that keeps the DER signature it returns
// (as a signer with a buffer of its own might).
type keepingSigner struct {
	*ecdsa.PrivateKey
	last []byte
}

func (k *keepingSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	der, err := k.PrivateKey.Sign(r, digest, opts)
	k.last = der
	return der, err
}

// ES256 Sign writes R||S into the DER buffer of crypto/ecdsa, which it owns,
// and never into the buffer of another crypto.Signer; both signatures
// verify.
func TestECDSASignLeavesSignerBufferAlone(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ES256.NewVerifier(&priv.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	ks := &keepingSigner{PrivateKey: priv}
	for name, signer := range map[string]crypto.Signer{"crypto/ecdsa": priv, "another signer": ks} {
		s, err := ES256.NewSigner(signer)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := s.Sign([]byte("input"))
		if err != nil {
			t.Fatal(err)
		}
		if len(sig) != 64 {
			t.Fatalf("%s: %d bytes, want 64", name, len(sig))
		}
		if err := v.Verify([]byte("input"), sig); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var rs [64]byte
	if !derToRS(ks.last, rs[:32], rs[32:]) {
		t.Fatalf("the signer's DER buffer was written into: % x", ks.last)
	}
}
