package jwa

import (
	"crypto/cipher"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"
)

// chachaScheme is ChaCha20-Poly1305 (C20P, 96-bit nonce) or
// XChaCha20-Poly1305 (XC20P, 192-bit nonce), draft-amringer-jose-chacha.
type chachaScheme struct {
	name     ContentEncryption
	extended bool
}

func (s chachaScheme) KeySize() int { return chacha20poly1305.KeySize }

// NewCipher checks that cek is 32 bytes and builds the AEAD that every Seal
// and Open reuses.
func (s chachaScheme) NewCipher(cek []byte) (ContentCipher, error) {
	if len(cek) != chacha20poly1305.KeySize {
		return nil, fmt.Errorf("jwa: %s needs a %d-byte CEK, got %d bytes: %w", s.name, chacha20poly1305.KeySize, len(cek), ErrInvalidKey)
	}
	var aead cipher.AEAD
	var err error
	if s.extended {
		aead, err = chacha20poly1305.NewX(cek)
	} else {
		aead, err = chacha20poly1305.New(cek)
	}
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.name, err, ErrInvalidKey)
	}
	return newAEADCipher(s.name, aead), nil
}
