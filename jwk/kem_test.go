package jwk

import (
	"crypto/mlkem"
	"errors"
	"testing"

	"github.com/joseproject/jose/jwa"
)

func TestKEMKeys(t *testing.T) {
	dk, err := mlkem.GenerateKey768()
	if err != nil {
		t.Fatal(err)
	}
	priv, err := FromKey(dk, WithKeyID("pq"))
	if err != nil {
		t.Fatal(err)
	}
	pub := priv.Public()
	if priv.KeyType() != jwa.KeyTypeAKP || !priv.IsPrivate() || pub.IsPrivate() || pub.KeyID() != "pq" {
		t.Fatalf("private %v, public %v", priv, pub)
	}
	again, err := FromKey(dk.EncapsulationKey())
	if err != nil || !again.Equal(pub) || !pub.Equal(again) {
		t.Fatalf("the public half must equal the encapsulation key: %v", err)
	}
	other, _ := mlkem.GenerateKey768()
	o, _ := FromKey(other.EncapsulationKey())
	if o.Equal(pub) {
		t.Fatal("two different keys compare equal")
	}
	if _, err := priv.MarshalJSON(); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("MarshalJSON: got %v", err)
	}
	if _, err := pub.Thumbprint(0); err == nil {
		t.Fatal("a KEM key has no thumbprint input yet")
	}
	// A KEM key serves HPKE only: not a signature, not another KEM's suite.
	if _, err := priv.Signer(jwa.ES256); err == nil {
		t.Fatal("a KEM key signed")
	}
	if _, err := pub.KeyEncrypter(jwa.HPKE_16); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("ML-KEM-768 key for HPKE-16 (ML-KEM-1024): got %v", err)
	}
	if _, err := pub.KeyEncrypter(jwa.HPKE_14); err != nil {
		t.Fatalf("ML-KEM-768 key for HPKE-14: %v", err)
	}
	for _, typedNil := range []any{(*mlkem.DecapsulationKey768)(nil), (*mlkem.EncapsulationKey1024)(nil)} {
		if _, err := FromKey(typedNil); !errors.Is(err, jwa.ErrInvalidKey) {
			t.Errorf("FromKey(%T nil): got %v", typedNil, err)
		}
	}
}
