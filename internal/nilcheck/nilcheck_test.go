package nilcheck

import (
	"crypto"
	"crypto/ecdsa"
	"testing"
)

type signer struct{ crypto.Signer }

func TestIsNil(t *testing.T) {
	var (
		nilPointer *ecdsa.PublicKey
		nilMap     map[string]int
		nilSlice   []byte
		nilFunc    func()
		nilChan    chan int
		nilSigner  crypto.Signer = (*ecdsa.PrivateKey)(nil)
	)
	for name, v := range map[string]any{
		"nil": nil, "nil pointer": nilPointer, "nil map": nilMap, "nil slice": nilSlice,
		"nil func": nilFunc, "nil chan": nilChan, "typed nil signer": nilSigner,
	} {
		if !IsNil(v) {
			t.Errorf("%s: IsNil is false", name)
		}
	}
	for name, v := range map[string]any{
		"pointer": &ecdsa.PublicKey{}, "empty slice": []byte{}, "int zero": 0, "string": "",
		"struct holding a nil interface": signer{}, "empty map": map[string]int{},
	} {
		if IsNil(v) {
			t.Errorf("%s: IsNil is true", name)
		}
	}
}

// IsNil allocates nothing: it runs where keys are made, and a key set
// makes many.
func TestIsNilAllocations(t *testing.T) {
	k := &ecdsa.PublicKey{}
	if n := testing.AllocsPerRun(100, func() { IsNil(k) }); n != 0 {
		t.Fatalf("IsNil allocates %v times", n)
	}
}
