package jwk

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestFromKeyECPrivateMismatch builds an EC private key whose public half
// is another key's, and expects FromKey to refuse them.
func TestFromKeyECPrivateMismatch(t *testing.T) {
	a, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromKey(a); err != nil {
		t.Fatalf("good key: %v", err)
	}
	d, err := a.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	swapped, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d)
	if err != nil {
		t.Fatal(err)
	}
	swapped.PublicKey = b.PublicKey
	for name, k := range map[string]*ecdsa.PrivateKey{"another public key": swapped} {
		if _, err := FromKey(k); !errors.Is(err, jwa.ErrInvalidKey) {
			t.Errorf("%s: %v, want ErrInvalidKey", name, err)
		}
	}
}
