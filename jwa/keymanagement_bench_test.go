package jwa

import (
	"crypto/aes"
	"crypto/ecdh"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"testing"
)

// Each benchmark runs the jwa operation next to the raw standard-library
// work it is built on, so that the cost of the JOSE layer shows.

func BenchmarkA256KW(b *testing.B) {
	key, cek := randomBytes(32), randomBytes(32)
	p := &KeyParams{Enc: A256GCM}
	e, _ := A256KW.NewKeyEncrypter(key)
	d, _ := A256KW.NewKeyDecrypter(key)
	_, ek, _ := e.EncryptKey(cek, p)
	b.Run("wrap", func(b *testing.B) {
		for b.Loop() {
			_, _, _ = e.EncryptKey(cek, p)
		}
	})
	b.Run("unwrap", func(b *testing.B) {
		for b.Loop() {
			_, _ = d.DecryptKey(ek, p)
		}
	})
	// The floor: the 24 AES block operations RFC 3394 does for 32 bytes.
	b.Run("stdlib-aes-24-blocks", func(b *testing.B) {
		block, _ := aes.NewCipher(key)
		var buf [16]byte
		for b.Loop() {
			for range 24 {
				block.Encrypt(buf[:], buf[:])
			}
		}
	})
}

func BenchmarkRSAOAEP256(b *testing.B) {
	priv, pub := testRSAKey(b)
	cek := randomBytes(32)
	p := &KeyParams{Enc: A256GCM}
	e, _ := RSA_OAEP_256.NewKeyEncrypter(pub)
	d, _ := RSA_OAEP_256.NewKeyDecrypter(priv)
	_, ek, _ := e.EncryptKey(cek, p)
	b.Run("encrypt", func(b *testing.B) {
		for b.Loop() {
			_, _, _ = e.EncryptKey(cek, p)
		}
	})
	b.Run("stdlib-EncryptOAEP", func(b *testing.B) {
		for b.Loop() {
			_, _ = rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, cek, nil)
		}
	})
	b.Run("decrypt", func(b *testing.B) {
		for b.Loop() {
			_, _ = d.DecryptKey(ek, p)
		}
	})
	b.Run("stdlib-DecryptOAEP", func(b *testing.B) {
		for b.Loop() {
			_, _ = rsa.DecryptOAEP(sha256.New(), nil, priv, ek, nil)
		}
	})
}

func BenchmarkECDHESA256KW(b *testing.B) {
	for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.X25519()} {
		priv, _ := c.GenerateKey(rand.Reader)
		cek := randomBytes(32)
		e, _ := ECDH_ES_A256KW.NewKeyEncrypter(priv.PublicKey())
		d, _ := ECDH_ES_A256KW.NewKeyDecrypter(priv)
		p := &KeyParams{Enc: A256GCM}
		_, ek, _ := e.EncryptKey(cek, p)
		name := curveName(c)
		b.Run(name+"/encrypt", func(b *testing.B) {
			for b.Loop() {
				_, _, _ = e.EncryptKey(cek, &KeyParams{Enc: A256GCM})
			}
		})
		// The floor of encryption: a fresh ephemeral key and one ECDH.
		b.Run(name+"/stdlib-GenerateKey+ECDH", func(b *testing.B) {
			for b.Loop() {
				k, _ := c.GenerateKey(rand.Reader)
				_, _ = k.ECDH(priv.PublicKey())
			}
		})
		b.Run(name+"/decrypt", func(b *testing.B) {
			for b.Loop() {
				_, _ = d.DecryptKey(ek, p)
			}
		})
		b.Run(name+"/stdlib-ECDH", func(b *testing.B) {
			for b.Loop() {
				_, _ = priv.ECDH(p.EPK)
			}
		})
	}
}

// BenchmarkPBES2DefaultP2C is the price of DefaultP2C on this machine: one
// decryption of each PBES2 algorithm at the default iteration count.
func BenchmarkPBES2DefaultP2C(b *testing.B) {
	for _, alg := range []KeyAlgorithm{PBES2_HS256_A128KW, PBES2_HS512_A256KW} {
		e, _ := alg.NewKeyEncrypter([]byte("password"))
		d, _ := alg.NewKeyDecrypter([]byte("password"))
		p := &KeyParams{Enc: A128GCM, P2C: DefaultP2C}
		_, ek, _ := e.EncryptKey(randomBytes(16), p)
		b.Run(string(alg), func(b *testing.B) {
			for b.Loop() {
				_, _ = d.DecryptKey(ek, p)
			}
		})
	}
}
