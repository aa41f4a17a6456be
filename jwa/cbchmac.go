package jwa

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"hash"
	"math"
	"slices"
	"sync"
)

// cbcHMACScheme is AES-CBC with HMAC-SHA-2, RFC 7518 §5.2. For the three
// JOSE variants the MAC key, the AES key and the tag all have the same
// length, encKeyLen (RFC 7518 §5.2.3 to §5.2.5).
type cbcHMACScheme struct {
	name      ContentEncryption
	encKeyLen int
	newHash   func() hash.Hash
}

func (s cbcHMACScheme) KeySize() int { return 2 * s.encKeyLen }

// NewCipher checks that cek has the algorithm's length (32, 48 or 64 bytes),
// splits it into the MAC key and the AES key, and builds the AES block
// cipher that every Seal and Open reuses.
func (s cbcHMACScheme) NewCipher(cek []byte) (ContentCipher, error) {
	if len(cek) != s.KeySize() {
		return nil, fmt.Errorf("jwa: %s needs a %d-byte CEK, got %d bytes: %w", s.name, s.KeySize(), len(cek), ErrInvalidKey)
	}
	// RFC 7518 §5.2.2.1: MAC_KEY is the first half of K, ENC_KEY the second.
	macKey := bytes.Clone(cek[:s.encKeyLen])
	block, err := aes.NewCipher(cek[s.encKeyLen:])
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", s.name, err, ErrInvalidKey)
	}
	c := &cbcHMACCipher{
		block:   block,
		tagLen:  s.encKeyLen,
		sumLen:  s.newHash().Size(),
		errOpen: openError(s.name),
	}
	// Keyed HMAC states are pooled: building one costs two hash blocks, and
	// a pool keeps the cipher safe for concurrent use.
	c.macs.New = func() any { return hmac.New(s.newHash, macKey) }
	return c, nil
}

// cbcHMACCipher is AES-CBC-HMAC-SHA2 bound to one CEK. It is safe for
// concurrent use.
type cbcHMACCipher struct {
	block   cipher.Block
	macs    sync.Pool // of hash.Hash, HMAC keyed with MAC_KEY
	tagLen  int       // T_LEN: half of the HMAC output
	sumLen  int       // the full HMAC output
	errOpen error     // the one error Open returns
}

// cbcLen is the length of the padded ciphertext for n plaintext bytes:
// PKCS #7 always adds 1 to 16 bytes (RFC 7518 §5.2.2.1 step 2).
func cbcLen(n int) int { return n + aes.BlockSize - n%aes.BlockSize }

// alOK reports whether the AAD length in bits fits the 64-bit AL field
// (RFC 7518 §5.2.2.1 step 4). It cannot fail for a slice that fits in
// memory, but the multiplication must not wrap around if it did.
func alOK(aadLen int) bool { return uint64(aadLen) <= math.MaxUint64/8 }

func (c *cbcHMACCipher) Seal(plaintext, aad []byte) (Sealed, error) {
	// One allocation holds the IV, the ciphertext and the HMAC output.
	_, s, err := c.AppendSeal(nil, plaintext, aad)
	return s, err
}

// AppendSeal implements the AppendSealer of internal/jwecrypto.
func (c *cbcHMACCipher) AppendSeal(dst, plaintext, aad []byte) ([]byte, Sealed, error) {
	start := len(dst)
	dst = slices.Grow(dst, aes.BlockSize+cbcLen(len(plaintext))+c.sumLen)
	dst = dst[:start+aes.BlockSize+cbcLen(len(plaintext))+c.sumLen]
	iv := dst[start : start+aes.BlockSize : start+aes.BlockSize]
	if _, err := rand.Read(iv); err != nil {
		return dst[:start], Sealed{}, fmt.Errorf("jwa: drawing an IV: %w", err)
	}
	s, err := c.seal(dst[start+aes.BlockSize:], iv, plaintext, aad)
	// The second half of the HMAC output is not sent, and the buffer holds
	// plaintext until it is encrypted: neither stays behind in a buffer
	// the caller may reuse.
	if err != nil {
		clear(dst[start:])
		return dst[:start], Sealed{}, err
	}
	clear(dst[len(dst)-(c.sumLen-c.tagLen):])
	return dst[:len(dst)-(c.sumLen-c.tagLen)], s, nil
}

// sealWithIV encrypts with a given IV. Only the tests that reproduce
// published vectors call it: CBC needs an unpredictable IV.
func (c *cbcHMACCipher) sealWithIV(iv, plaintext, aad []byte) (Sealed, error) {
	if len(iv) != aes.BlockSize {
		return Sealed{}, fmt.Errorf("jwa: IV of %d bytes, want %d: %w", len(iv), aes.BlockSize, ErrMalformed)
	}
	return c.seal(make([]byte, cbcLen(len(plaintext))+c.sumLen), iv, plaintext, aad)
}

// seal encrypts into buf, which has room for the padded ciphertext and the
// full HMAC output.
func (c *cbcHMACCipher) seal(buf, iv, plaintext, aad []byte) (Sealed, error) {
	if !alOK(len(aad)) {
		return Sealed{}, fmt.Errorf("jwa: AAD of %d bytes: %w", len(aad), ErrLimitExceeded)
	}
	ctLen := cbcLen(len(plaintext))
	ct := buf[:ctLen:ctLen]
	copy(ct, plaintext)
	// RFC 7518 §5.2.2.1 step 2: PKCS #7 padding, then AES-CBC.
	pad := byte(ctLen - len(plaintext))
	for i := len(plaintext); i < ctLen; i++ {
		ct[i] = pad
	}
	cipher.NewCBCEncrypter(c.block, iv).CryptBlocks(ct, ct)
	// RFC 7518 §5.2.2.1 steps 5 and 6: the tag is the first T_LEN octets
	// of the HMAC.
	sum := c.mac(buf[ctLen:ctLen], aad, iv, ct)
	return Sealed{IV: iv, Ciphertext: ct, Tag: sum[:c.tagLen:c.tagLen]}, nil
}

// mac appends HMAC(MAC_KEY, AAD || IV || ciphertext || AL) to dst (RFC
// 7518 §5.2.2.1 step 5). The caller has checked alOK.
func (c *cbcHMACCipher) mac(dst, aad, iv, ct []byte) []byte {
	m := c.macs.Get().(hash.Hash)
	m.Write(aad)
	m.Write(iv)
	m.Write(ct)
	var al [8]byte
	binary.BigEndian.PutUint64(al[:], uint64(len(aad))*8)
	m.Write(al[:])
	dst = m.Sum(dst)
	m.Reset()
	c.macs.Put(m)
	return dst
}

// Open checks the lengths and the tag, and only then decrypts and removes
// the padding (RFC 7518 §5.2.2.2). Every failure returns the same error.
func (c *cbcHMACCipher) Open(s Sealed, aad []byte) ([]byte, error) {
	if !c.lengthsOK(s.IV, s.Ciphertext, s.Tag, aad) {
		return nil, c.errOpen
	}
	return c.open(make([]byte, len(s.Ciphertext)), s, aad)
}

// OpenInPlace implements the InPlaceOpener of internal/jwecrypto.
func (c *cbcHMACCipher) OpenInPlace(iv, ciphertextAndTag, aad []byte) ([]byte, error) {
	n := len(ciphertextAndTag) - c.tagLen
	if n < 0 {
		return nil, c.errOpen
	}
	s := Sealed{IV: iv, Ciphertext: ciphertextAndTag[:n:n], Tag: ciphertextAndTag[n:]}
	if !c.lengthsOK(s.IV, s.Ciphertext, s.Tag, aad) {
		return nil, c.errOpen
	}
	return c.open(s.Ciphertext, s, aad)
}

// lengthsOK checks the lengths first: CBC decryption panics on an IV that
// is not one block or a ciphertext that is not whole blocks, and a short
// tag would be a weaker one. PKCS #7 padding makes the ciphertext at least
// one block long.
func (c *cbcHMACCipher) lengthsOK(iv, ct, tag, aad []byte) bool {
	return len(iv) == aes.BlockSize && len(tag) == c.tagLen &&
		len(ct) != 0 && len(ct)%aes.BlockSize == 0 && alOK(len(aad))
}

// open checks the tag and only then decrypts into out (s.Ciphertext
// itself, or a buffer of its length) and removes the padding (RFC 7518
// §5.2.2.2). Every failure returns the same error.
func (c *cbcHMACCipher) open(out []byte, s Sealed, aad []byte) ([]byte, error) {
	// RFC 7518 §5.2.2.2 step 2: the tag is checked, in constant time,
	// before anything is decrypted, so no padding oracle exists.
	var sumBuf [64]byte
	sum := c.mac(sumBuf[:0], aad, s.IV, s.Ciphertext)
	if !hmac.Equal(sum[:c.tagLen], s.Tag) {
		return nil, c.errOpen
	}
	// RFC 7518 §5.2.2.2 step 3: decrypt, then check and remove the padding.
	cipher.NewCBCDecrypter(c.block, s.IV).CryptBlocks(out, s.Ciphertext)
	out, ok := unpadPKCS7(out)
	if !ok {
		// Only a holder of the MAC key can get here, so this check
		// needs no constant time.
		return nil, c.errOpen
	}
	return out, nil
}

// unpadPKCS7 removes PKCS #7 padding from b, a non-empty whole number of
// AES blocks, and reports whether the padding was well formed.
func unpadPKCS7(b []byte) ([]byte, bool) {
	n := int(b[len(b)-1])
	if n == 0 || n > aes.BlockSize {
		return nil, false
	}
	for _, x := range b[len(b)-n:] {
		if int(x) != n {
			return nil, false
		}
	}
	return b[:len(b)-n], true
}
