package jwa

import (
	"crypto/cipher"
	"fmt"
)

// gcmKW is key wrapping with AES-GCM (RFC 7518 §4.7): A128GCMKW, A192GCMKW,
// A256GCMKW. Both the encrypter and the decrypter take a []byte of exactly
// 16, 24 or 32 bytes; the slice is copied.
type gcmKW struct {
	alg  KeyAlgorithm
	size int
}

func (gcmKW) KeyType() KeyType { return KeyTypeOct }
func (gcmKW) Direct() bool     { return false }

func (s gcmKW) NewKeyEncrypter(key any) (KeyEncrypter, error) { return s.bind(key) }
func (s gcmKW) NewKeyDecrypter(key any) (KeyDecrypter, error) { return s.bind(key) }

func (s gcmKW) bind(key any) (*gcmKWKey, error) {
	block, err := aesKey(s.alg, key, s.size)
	if err != nil {
		return nil, err
	}
	if fipsMode {
		rnd, err := newGCMRandomIV(block, ErrDecryption) // DecryptKey returns its own error
		if err != nil {
			return nil, fmt.Errorf("jwa: %s: %v: %w", s.alg, err, ErrInvalidKey)
		}
		return &gcmKWKey{alg: s.alg, rnd: rnd}, nil
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.alg, err, ErrInvalidKey)
	}
	return &gcmKWKey{alg: s.alg, aead: aead}, nil
}

// gcmKWKey holds aead outside FIPS 140-3 mode and rnd, whose IVs Go's
// module draws, in it (see gcmRandomIV).
type gcmKWKey struct {
	alg  KeyAlgorithm
	aead cipher.AEAD
	rnd  *gcmRandomIV
	// newIV draws the 96-bit IV; tests replace it to reproduce published
	// examples. Only aead uses it.
	newIV func() []byte
}

// EncryptKey encrypts cek under a fresh random 96-bit IV and writes the IV
// and the 128-bit tag to p.IV and p.Tag ("iv" and "tag", RFC 7518 §4.7.1).
func (k *gcmKWKey) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := checkCEK(k.alg, cek, p); err != nil {
		return nil, nil, err
	}
	if k.rnd != nil {
		_, s, err := k.rnd.AppendSeal(nil, cek, nil)
		if err != nil {
			return nil, nil, err
		}
		p.IV, p.Tag = s.IV, s.Tag
		return cek, s.Ciphertext, nil
	}
	var iv []byte
	if k.newIV != nil {
		iv = k.newIV()
	} else {
		iv = randomBytes(gcmIVSize)
	}
	sealed := k.aead.Seal(nil, iv, cek, nil)
	ek, tag := sealed[:len(cek)], sealed[len(cek):]
	p.IV, p.Tag = iv, tag
	return cek, ek, nil
}

// DecryptKey checks that p.IV is 96 bits and p.Tag 128 bits (ErrMalformed
// otherwise, threat T40), then decrypts. A failed tag check and a CEK of
// another length than p.Enc needs give ErrDecryption.
func (k *gcmKWKey) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	n, err := paramsCEKSize(k.alg, p)
	if err != nil {
		return nil, err
	}
	if len(p.IV) != gcmIVSize {
		return nil, fmt.Errorf("jwa: %s: iv is %d bytes, need %d: %w", k.alg, len(p.IV), gcmIVSize, ErrMalformed)
	}
	if len(p.Tag) != aeadTagSize {
		return nil, fmt.Errorf("jwa: %s: tag is %d bytes, need %d: %w", k.alg, len(p.Tag), aeadTagSize, ErrMalformed)
	}
	var cek []byte
	if k.rnd != nil {
		cek, err = k.rnd.Open(Sealed{IV: p.IV, Ciphertext: encryptedKey, Tag: p.Tag}, nil)
	} else {
		sealed := make([]byte, 0, len(encryptedKey)+aeadTagSize)
		sealed = append(append(sealed, encryptedKey...), p.Tag...)
		cek, err = k.aead.Open(sealed[:0], p.IV, sealed, nil)
	}
	if err != nil || len(cek) != n {
		return nil, errDecryption(k.alg)
	}
	return cek, nil
}
