package jwa

import (
	"bytes"
	"crypto/ecdh"
	"crypto/hpke"
	"crypto/mlkem"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

// TestHPKERecipientStructure checks the example of
// draft-ietf-jose-hpke-encrypt-20 §6.1.1.
func TestHPKERecipientStructure(t *testing.T) {
	const want = "4a4f53452d48504b452072637074ff4131323847434dff"
	if got := hex.EncodeToString(recipientInfo(A128GCM)); got != want {
		t.Fatalf("got %s", got)
	}
}

// hpkeKeyPair generates a private key for alg's KEM and returns it with a
// public key, each in the Go form a caller would hold.
func hpkeKeyPair(t testing.TB, alg KeyAlgorithm) (priv, pub any) {
	t.Helper()
	s := builtinKeyManagement[alg].(hpkeSuite)
	switch s.kem {
	case kemMLKEM768:
		k, _ := mlkem.GenerateKey768()
		return k, k.EncapsulationKey()
	case kemMLKEM1024:
		k, _ := mlkem.GenerateKey1024()
		return k, k.EncapsulationKey()
	case kemP256, kemP384, kemP521, kemX25519:
		c := map[uint16]ecdh.Curve{kemP256: ecdh.P256(), kemP384: ecdh.P384(), kemP521: ecdh.P521(), kemX25519: ecdh.X25519()}[s.kem]
		k, err := c.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k, k.PublicKey()
	}
	kem, err := hpke.NewKEM(s.kem)
	if err != nil {
		t.Fatal(err)
	}
	k, err := kem.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k, k.PublicKey()
}

// TestHPKERoundTrip runs every suite in its mode, with the key forms it
// accepts, and checks that the key of every other KEM is refused (T32).
func TestHPKERoundTrip(t *testing.T) {
	keys := map[uint16][2]any{}
	for _, alg := range HPKEAlgorithms() {
		s := builtinKeyManagement[alg].(hpkeSuite)
		if _, ok := keys[s.kem]; !ok {
			priv, pub := hpkeKeyPair(t, alg)
			keys[s.kem] = [2]any{priv, pub}
		}
	}
	for _, alg := range HPKEAlgorithms() {
		t.Run(string(alg), func(t *testing.T) {
			skipRefused(t, alg)
			s := builtinKeyManagement[alg].(hpkeSuite)
			if s.integrated != alg.IsIntegrated() || alg.IsDirect() {
				t.Fatal("mode")
			}
			enc, err := alg.NewKeyEncrypter(keys[s.kem][1])
			if err != nil {
				t.Fatal(err)
			}
			dec, err := alg.NewKeyDecrypter(keys[s.kem][0])
			if err != nil {
				t.Fatal(err)
			}
			if s.integrated {
				ek, ct, err := enc.(integratedEncrypter).Seal([]byte("plain"), []byte("aad"))
				if err != nil {
					t.Fatal(err)
				}
				got, err := dec.(integratedDecrypter).Open(ek, ct, []byte("aad"))
				if err != nil || string(got) != "plain" {
					t.Fatalf("%q, %v", got, err)
				}
				if _, err := dec.(integratedDecrypter).Open(ek, ct, []byte("aae")); !errors.Is(err, ErrDecryption) {
					t.Fatalf("other aad: %v", err)
				}
				if _, _, err := enc.EncryptKey(make([]byte, 16), &KeyParams{Enc: A128GCM}); !errors.Is(err, ErrUnsupportedAlgorithm) ||
					!strings.Contains(err.Error(), "Integrated Encryption and protects no CEK") {
					t.Fatalf("EncryptKey: %v", err)
				}
				if _, err := dec.DecryptKey(ek, &KeyParams{Enc: A128GCM}); !errors.Is(err, ErrUnsupportedAlgorithm) ||
					!strings.Contains(err.Error(), "Integrated Encryption and protects no CEK") {
					t.Fatalf("DecryptKey: %v", err)
				}
			} else {
				cek := make([]byte, 32)
				p := &KeyParams{Enc: A256GCM}
				_, wrapped, err := enc.EncryptKey(cek, p)
				if err != nil || len(p.EK) == 0 {
					t.Fatal(err)
				}
				got, err := dec.DecryptKey(wrapped, &KeyParams{Enc: A256GCM, EK: p.EK})
				if err != nil || !bytes.Equal(got, cek) {
					t.Fatalf("%x, %v", got, err)
				}
				// The Recipient_structure binds "enc" (draft §6.1).
				if _, err := dec.DecryptKey(wrapped, &KeyParams{Enc: A256CBC_HS512, EK: p.EK}); !errors.Is(err, ErrDecryption) {
					t.Fatalf("other enc: %v", err)
				}
				if _, err := dec.DecryptKey(wrapped, &KeyParams{Enc: A256GCM}); !errors.Is(err, ErrMalformed) {
					t.Fatalf("no ek: %v", err)
				}
				if _, ok := dec.(integratedDecrypter); ok {
					t.Fatal("a Key Encryption decrypter has Open")
				}
				if _, ok := enc.(integratedEncrypter); ok {
					t.Fatal("a Key Encryption encrypter has Seal")
				}
			}
			for kem, pair := range keys {
				if kem == s.kem {
					continue
				}
				if _, err := alg.NewKeyEncrypter(pair[1]); !keyRefused(err) {
					t.Fatalf("public key of KEM 0x%04x: %v", kem, err)
				}
				if _, err := alg.NewKeyDecrypter(pair[0]); !keyRefused(err) {
					t.Fatalf("private key of KEM 0x%04x: %v", kem, err)
				}
			}
		})
	}
}

// TestHPKEBadKeys refuses typed nils, other types and a private key given
// to the encrypter.
func TestHPKEBadKeys(t *testing.T) {
	for _, key := range []any{nil, (*ecdh.PublicKey)(nil), (*ecdh.PrivateKey)(nil), (*mlkem.EncapsulationKey768)(nil),
		(*mlkem.DecapsulationKey1024)(nil), []byte("secret"), "key", hpke.PublicKey(nil)} {
		if _, err := HPKE_0.NewKeyEncrypter(key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("encrypter %T: %v", key, err)
		}
		if _, err := HPKE_14_KE.NewKeyDecrypter(key); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("decrypter %T: %v", key, err)
		}
	}
	priv, _ := hpkeKeyPair(t, HPKE_0)
	if _, err := HPKE_0.NewKeyEncrypter(priv); !errors.Is(err, ErrInvalidKey) {
		t.Errorf("private key to the encrypter: %v", err)
	}
}

// BenchmarkHPKE compares each suite's Seal/Open (Integrated Encryption)
// with the raw crypto/hpke single-shot calls it wraps.
func BenchmarkHPKE(b *testing.B) {
	msg := make([]byte, 1024)
	aad := []byte("eyJhbGciOiJIUEtFLTAifQ")
	for _, alg := range HPKEAlgorithms() {
		if !alg.IsIntegrated() {
			continue
		}
		s := builtinKeyManagement[alg].(hpkeSuite)
		priv, pub := hpkeKeyPair(b, alg)
		enc, _ := alg.NewKeyEncrypter(pub)
		dec, _ := alg.NewKeyDecrypter(priv)
		ek, ct, _ := enc.(integratedEncrypter).Seal(msg, aad)
		b.Run(string(alg)+"/Seal", func(b *testing.B) {
			for b.Loop() {
				_, _, _ = enc.(integratedEncrypter).Seal(msg, aad)
			}
		})
		b.Run(string(alg)+"/Open", func(b *testing.B) {
			for b.Loop() {
				_, _ = dec.(integratedDecrypter).Open(ek, ct, aad)
			}
		})
		pk, _ := s.publicKey(pub)
		sk, _ := s.privateKey(priv)
		kdf, aead := s.primitives()
		b.Run(string(alg)+"/raw-hpke-Seal", func(b *testing.B) {
			for b.Loop() {
				e, sender, _ := hpke.NewSender(pk, kdf, aead, nil)
				_, _ = sender.Seal(aad, msg)
				_ = e
			}
		})
		b.Run(string(alg)+"/raw-hpke-Open", func(b *testing.B) {
			for b.Loop() {
				r, _ := hpke.NewRecipient(ek, sk, kdf, aead, nil)
				_, _ = r.Open(aad, ct)
			}
		})
	}
}
