package jwa

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"
)

// gcmScheme is AES-GCM content encryption, RFC 7518 §5.3.
type gcmScheme struct {
	name   ContentEncryption
	keyLen int
}

func (s gcmScheme) KeySize() int { return s.keyLen }

// NewCipher checks that cek has the algorithm's length (16, 24 or 32 bytes)
// and builds the AES-GCM instance that every Seal and Open reuses.
func (s gcmScheme) NewCipher(cek []byte) (ContentCipher, error) {
	// RFC 7518 §5.3: the CEK is the AES key, of exactly this size.
	if len(cek) != s.keyLen {
		return nil, fmt.Errorf("jwa: %s needs a %d-byte CEK, got %d bytes: %w", s.name, s.keyLen, len(cek), ErrInvalidKey)
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.name, err, ErrInvalidKey)
	}
	// The standard sizes: 96-bit nonce and 128-bit tag (RFC 7518 §5.3).
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.name, err, ErrInvalidKey)
	}
	return newAEADCipher(s.name, aead), nil
}
