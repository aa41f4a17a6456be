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
// and builds the AES-GCM instance that every Seal and Open reuses: in FIPS
// 140-3 mode a gcmRandomIV, whose IVs the module draws; otherwise the
// standard one, with IVs drawn here.
func (s gcmScheme) NewCipher(cek []byte) (ContentCipher, error) {
	// RFC 7518 §5.3: the CEK is the AES key, of exactly this size.
	if len(cek) != s.keyLen {
		return nil, fmt.Errorf("jwa: %s needs a %d-byte CEK, got %d bytes: %w", s.name, s.keyLen, len(cek), ErrInvalidKey)
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.name, err, ErrInvalidKey)
	}
	if fipsMode {
		c, err := newGCMRandomIV(block, openError(s.name))
		if err != nil {
			return nil, fmt.Errorf("jwa: %s: %v: %w", s.name, err, ErrInvalidKey)
		}
		return c, nil
	}
	// The standard sizes: 96-bit nonce and 128-bit tag (RFC 7518 §5.3).
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.name, err, ErrInvalidKey)
	}
	return newAEADCipher(s.name, aead), nil
}

// gcmIVSize is the GCM IV size fixed by RFC 7518 §5.3 and §4.7: 96 bits.
// The tag is aeadTagSize, 128 bits.
const gcmIVSize = 12

// gcmRandomIV is AES-GCM as FIPS 140-3 wants it: Go's module draws the IV
// itself (cipher.NewGCMWithRandomNonce, IG C.H scenario 2), and GCM with an
// IV from outside the module is refused under GODEBUG=fips140=only. That
// AEAD seals to IV‖ciphertext‖tag, which splits exactly into JOSE's three
// parts, and opens IV‖ciphertext‖tag, so Open puts the received IV back in
// front of the ciphertext. Content encryption (A128GCM, A192GCM, A256GCM)
// and key wrapping (A128GCMKW, ...) use it in FIPS 140-3 mode.
type gcmRandomIV struct {
	aead  cipher.AEAD // NonceSize 0, Overhead 28
	block cipher.Block
	// errOpen is the one error Open returns.
	errOpen error
}

// newGCMRandomIV builds the AEAD over block, an AES block cipher; errOpen
// is the one error its Open returns.
func newGCMRandomIV(block cipher.Block, errOpen error) (*gcmRandomIV, error) {
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, err
	}
	return &gcmRandomIV{aead: aead, block: block, errOpen: errOpen}, nil
}

func (c *gcmRandomIV) Seal(plaintext, aad []byte) (Sealed, error) {
	_, s, err := c.AppendSeal(nil, plaintext, aad)
	return s, err
}

// AppendSeal implements the AppendSealer of internal/jwecrypto: the module
// writes IV‖ciphertext‖tag after dst.
func (c *gcmRandomIV) AppendSeal(dst, plaintext, aad []byte) ([]byte, Sealed, error) {
	start := len(dst)
	dst = c.aead.Seal(dst, nil, plaintext, aad)
	iv := start + gcmIVSize
	ct := iv + len(plaintext)
	// Each part's capacity stops at its end, so that appending to one
	// cannot overwrite the next.
	return dst, Sealed{IV: dst[start:iv:iv], Ciphertext: dst[iv:ct:ct], Tag: dst[ct:]}, nil
}

// Open checks the lengths, joins IV‖ciphertext‖tag in one buffer, which
// also receives the plaintext, and opens it.
func (c *gcmRandomIV) Open(s Sealed, aad []byte) ([]byte, error) {
	if len(s.IV) != gcmIVSize || len(s.Tag) != aeadTagSize {
		return nil, c.errOpen
	}
	buf := make([]byte, 0, gcmIVSize+len(s.Ciphertext)+aeadTagSize)
	buf = append(append(append(buf, s.IV...), s.Ciphertext...), s.Tag...)
	out, err := c.aead.Open(buf[:0], nil, buf, aad)
	if err != nil {
		return nil, c.errOpen
	}
	return out, nil
}

// OpenInPlace implements the InPlaceOpener of internal/jwecrypto. The
// module wants the IV in front of the ciphertext, where the caller's buffer
// has no room, so the input is copied once; the plaintext is written over
// the start of ciphertextAndTag as the interface says.
func (c *gcmRandomIV) OpenInPlace(iv, ciphertextAndTag, aad []byte) ([]byte, error) {
	if len(iv) != gcmIVSize || len(ciphertextAndTag) < aeadTagSize {
		return nil, c.errOpen
	}
	in := make([]byte, 0, gcmIVSize+len(ciphertextAndTag))
	in = append(append(in, iv...), ciphertextAndTag...)
	out, err := c.aead.Open(ciphertextAndTag[:0], nil, in, aad)
	if err != nil {
		return nil, c.errOpen
	}
	return out, nil
}

// sealWithIV encrypts with a given IV, for the tests that reproduce
// published vectors. It needs GCM with an IV from outside the module, which
// GODEBUG=fips140=only refuses.
func (c *gcmRandomIV) sealWithIV(iv, plaintext, aad []byte) (Sealed, error) {
	aead, err := cipher.NewGCM(c.block)
	if err != nil {
		return Sealed{}, fmt.Errorf("jwa: %v: %w", err, ErrNotApproved)
	}
	return (&aeadCipher{aead: aead}).sealWithIV(iv, plaintext, aad)
}
