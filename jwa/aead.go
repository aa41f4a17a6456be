package jwa

import (
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"slices"
)

// aeadTagSize is the tag length of every AEAD-based content encryption
// built in: AES-GCM (RFC 7518 §5.3) and ChaCha20-Poly1305 (RFC 8439 §2.8).
const aeadTagSize = 16

// aeadCipher adapts a cipher.AEAD whose tag is appended to the ciphertext
// to the JWE form, where IV, ciphertext and tag travel apart. It is safe
// for concurrent use, as the AEAD is.
type aeadCipher struct {
	aead cipher.AEAD
	// errOpen is the one error Open returns, built once so that a failure
	// costs no allocation and every failure looks the same.
	errOpen error
}

func newAEADCipher(name ContentEncryption, aead cipher.AEAD) *aeadCipher {
	return &aeadCipher{aead: aead, errOpen: openError(name)}
}

func (c *aeadCipher) Seal(plaintext, aad []byte) (Sealed, error) {
	// One allocation holds the IV, the ciphertext and the tag.
	_, s, err := c.AppendSeal(nil, plaintext, aad)
	return s, err
}

// AppendSeal implements the AppendSealer of internal/jwecrypto.
func (c *aeadCipher) AppendSeal(dst, plaintext, aad []byte) ([]byte, Sealed, error) {
	ns := c.aead.NonceSize()
	start := len(dst)
	dst = slices.Grow(dst, ns+len(plaintext)+aeadTagSize)[:start+ns]
	iv := dst[start : start+ns : start+ns]
	if _, err := rand.Read(iv); err != nil {
		return dst[:start], Sealed{}, fmt.Errorf("jwa: drawing an IV: %w", err)
	}
	s := c.seal(dst[start+ns:start+ns], iv, plaintext, aad)
	return dst[:start+ns+len(plaintext)+aeadTagSize], s, nil
}

// sealWithIV encrypts with a given IV. Only the tests that reproduce
// published vectors call it: reusing an IV with the same key breaks both
// GCM and ChaCha20-Poly1305.
func (c *aeadCipher) sealWithIV(iv, plaintext, aad []byte) (Sealed, error) {
	if len(iv) != c.aead.NonceSize() {
		return Sealed{}, fmt.Errorf("jwa: IV of %d bytes, want %d: %w", len(iv), c.aead.NonceSize(), ErrMalformed)
	}
	return c.seal(make([]byte, 0, len(plaintext)+aeadTagSize), iv, plaintext, aad), nil
}

// seal encrypts into dst, which has room for the ciphertext and the tag.
func (c *aeadCipher) seal(dst, iv, plaintext, aad []byte) Sealed {
	out := c.aead.Seal(dst, iv, plaintext, aad)
	n := len(plaintext)
	// The ciphertext's capacity stops at its end, so that appending to it
	// cannot overwrite the tag.
	return Sealed{IV: iv, Ciphertext: out[:n:n], Tag: out[n:]}
}

func (c *aeadCipher) Open(s Sealed, aad []byte) ([]byte, error) {
	if len(s.IV) != c.aead.NonceSize() || len(s.Tag) != aeadTagSize {
		return nil, c.errOpen
	}
	// The AEAD wants ciphertext||tag in one slice. The buffer that joins
	// them also receives the plaintext (in-place Open), so opening costs
	// one allocation.
	buf := make([]byte, len(s.Ciphertext)+aeadTagSize)
	copy(buf, s.Ciphertext)
	copy(buf[len(s.Ciphertext):], s.Tag)
	return c.OpenInPlace(s.IV, buf, aad)
}

// OpenInPlace implements the InPlaceOpener of internal/jwecrypto.
func (c *aeadCipher) OpenInPlace(iv, ciphertextAndTag, aad []byte) ([]byte, error) {
	// RFC 7518 §5.3 fixes the IV at 96 bits and the tag at 128 bits; a
	// cipher.AEAD panics on a nonce of the wrong size, and a shorter tag
	// would be weaker, so both are checked here.
	if len(iv) != c.aead.NonceSize() || len(ciphertextAndTag) < aeadTagSize {
		return nil, c.errOpen
	}
	out, err := c.aead.Open(ciphertextAndTag[:0], iv, ciphertextAndTag, aad)
	if err != nil {
		return nil, c.errOpen
	}
	return out, nil
}
