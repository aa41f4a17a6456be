package jwe

import (
	"crypto/hpke"
	"crypto/mlkem"
	"errors"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestHPKEPostQuantum runs the ML-KEM and hybrid suites through jwe, with
// the keys in their Go forms (crypto/mlkem, crypto/hpke) and as jwk.Keys,
// in both HPKE modes, and checks that a key of another KEM is refused.
func TestHPKEPostQuantum(t *testing.T) {
	m768, err := mlkem.GenerateKey768()
	if err != nil {
		t.Fatal(err)
	}
	m1024, err := mlkem.GenerateKey1024()
	if err != nil {
		t.Fatal(err)
	}
	xwingKEM, err := hpke.NewKEM(0x647a) // ML-KEM-768 + X25519 (X-Wing)
	if err != nil {
		t.Fatalf("X-Wing: %v", err)
	}
	xwing, err := xwingKEM.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		alg       jwa.KeyAlgorithm
		priv, pub any
		other     any // a private key of another KEM
	}{
		{jwa.HPKE_14, m768, m768.EncapsulationKey(), m1024},
		{jwa.HPKE_14_KE, m768, m768.EncapsulationKey(), m1024},
		{jwa.HPKE_16, m1024, m1024.EncapsulationKey(), m768},
		{jwa.HPKE_10, xwing, xwing.PublicKey(), m768},
		{jwa.HPKE_10_KE, xwing, xwing.PublicKey(), m768},
	} {
		t.Run(string(c.alg), func(t *testing.T) {
			var encOpts []EncryptOption
			var decOpts []DecryptOption
			if !c.alg.IsIntegrated() {
				encOpts = []EncryptOption{WithEncryption(jwa.A256GCM)}
				decOpts = []DecryptOption{WithAllowedEncryptions(jwa.A256GCM)}
			}
			pubKey, err := jwk.FromKey(c.pub)
			if err != nil || pubKey.KeyType() != jwa.KeyTypeAKP || pubKey.IsPrivate() {
				t.Fatalf("jwk.FromKey(public): %v, %v", pubKey, err)
			}
			if _, err := pubKey.MarshalJSON(); !errors.Is(err, jwa.ErrInvalidKey) {
				t.Fatalf("a KEM key has no JSON form yet: got %v", err)
			}
			for name, recipient := range map[string]any{"Go key": c.pub, "jwk.Key": pubKey} {
				tok, err := Encrypt([]byte("post-quantum"), append([]EncryptOption{WithRecipient(c.alg, recipient)}, encOpts...)...)
				if err != nil {
					t.Fatalf("%s: Encrypt: %v", name, err)
				}
				got, err := Decrypt(tok, append([]DecryptOption{WithKey(c.alg, c.priv)}, decOpts...)...)
				if err != nil || string(got) != "post-quantum" {
					t.Fatalf("%s: Decrypt: %q, %v", name, got, err)
				}
				if _, err := Decrypt(tok, append([]DecryptOption{WithKey(c.alg, c.other)}, decOpts...)...); !errors.Is(err, jwa.ErrInvalidKey) {
					t.Fatalf("%s: a key of another KEM: got %v, want ErrInvalidKey", name, err)
				}
			}
		})
	}
}
