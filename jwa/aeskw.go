package jwa

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"fmt"
)

// kwIV is the default initial value of RFC 3394 §2.2.3.1.
var kwIV = [8]byte{0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6, 0xA6}

// kwWrap wraps plaintext, a whole number (at least two) of 64-bit blocks,
// with the AES key in block (RFC 3394 §2.2.1, index-based form). The caller
// checks the length.
func kwWrap(block cipher.Block, plaintext []byte) []byte {
	n := len(plaintext) / 8
	out := make([]byte, 8+len(plaintext))
	copy(out[8:], plaintext)
	var b [16]byte
	copy(b[:8], kwIV[:])
	for j := range 6 {
		for i := 1; i <= n; i++ {
			r := out[8*i : 8*i+8]
			copy(b[8:], r)
			block.Encrypt(b[:], b[:])
			// A = MSB(64, B) ^ t where t = (n*j)+i
			t := binary.BigEndian.Uint64(b[:8]) ^ uint64(n*j+i)
			binary.BigEndian.PutUint64(b[:8], t)
			copy(r, b[8:])
		}
	}
	copy(out[:8], b[:8])
	return out
}

// kwUnwrap reverses kwWrap (RFC 3394 §2.2.2). It reports false when the
// integrity check of §2.2.3 fails or the input is not at least three whole
// 64-bit blocks; it never panics on any input.
func kwUnwrap(block cipher.Block, wrapped []byte) ([]byte, bool) {
	if len(wrapped)%8 != 0 || len(wrapped) < 24 {
		return nil, false
	}
	n := len(wrapped)/8 - 1
	out := make([]byte, len(wrapped)-8)
	copy(out, wrapped[8:])
	var b [16]byte
	copy(b[:8], wrapped[:8])
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			r := out[8*(i-1) : 8*i]
			t := binary.BigEndian.Uint64(b[:8]) ^ uint64(n*j+i)
			binary.BigEndian.PutUint64(b[:8], t)
			copy(b[8:], r)
			block.Decrypt(b[:], b[:])
			copy(r, b[8:])
		}
	}
	// RFC 3394 §2.2.3: the result is accepted only if A equals the IV;
	// compared in constant time so that timing tells nothing about A.
	if subtle.ConstantTimeCompare(b[:8], kwIV[:]) != 1 {
		return nil, false
	}
	return out, true
}

// aesKW is AES Key Wrap with a 128, 192 or 256-bit key (RFC 7518 §4.4):
// A128KW, A192KW, A256KW. Both the encrypter and the decrypter take a
// []byte of exactly 16, 24 or 32 bytes; the slice is copied.
type aesKW struct {
	alg  KeyAlgorithm
	size int
}

func (aesKW) KeyType() KeyType { return KeyTypeOct }
func (aesKW) Direct() bool     { return false }

func (s aesKW) NewKeyEncrypter(key any) (KeyEncrypter, error) { return s.bind(key) }
func (s aesKW) NewKeyDecrypter(key any) (KeyDecrypter, error) { return s.bind(key) }

func (s aesKW) bind(key any) (*aesKWKey, error) {
	block, err := aesKey(s.alg, key, s.size)
	if err != nil {
		return nil, err
	}
	return &aesKWKey{alg: s.alg, block: block}, nil
}

// aesKey checks that key is a []byte of size bytes and makes the AES cipher
// (AES-KW and AES-GCMKW).
func aesKey(alg KeyAlgorithm, key any, size int) (cipher.Block, error) {
	k, err := secretKey(alg, key, size)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w: %w", alg, err, ErrInvalidKey)
	}
	return block, nil
}

// aesKWKey is an AES key bound to one of the AES-KW algorithms. It is also
// the last step of ECDH-ES+AxxxKW and PBES2, which bind a fresh one to each
// derived key.
type aesKWKey struct {
	alg   KeyAlgorithm
	block cipher.Block
}

// EncryptKey wraps cek, whose length must be the CEK size of p.Enc.
func (k *aesKWKey) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := checkCEK(k.alg, cek, p); err != nil {
		return nil, nil, err
	}
	return k.wrap(cek)
}

// wrap wraps cek and returns it along with the wrapped key. RFC 3394 §2
// wraps whole 64-bit blocks, at least two of them; every built-in content
// encryption has such a CEK, but a registered one might not.
func (k *aesKWKey) wrap(cek []byte) ([]byte, []byte, error) {
	if len(cek)%8 != 0 || len(cek) < 16 {
		return nil, nil, fmt.Errorf("jwa: %s: a %d-byte CEK cannot be wrapped (need a multiple of 8, at least 16): %w", k.alg, len(cek), ErrInvalidKey)
	}
	return cek, kwWrap(k.block, cek), nil
}

// DecryptKey unwraps encryptedKey. A length that is not a whole number of
// 64-bit blocks or under three blocks, a failed integrity check and an
// unwrapped key of another length than p.Enc needs all give the same
// ErrDecryption.
func (k *aesKWKey) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	n, err := paramsCEKSize(k.alg, p)
	if err != nil {
		return nil, err
	}
	return k.unwrap(encryptedKey, n)
}

// unwrap unwraps encryptedKey and checks that the CEK is n bytes.
func (k *aesKWKey) unwrap(encryptedKey []byte, n int) ([]byte, error) {
	cek, ok := kwUnwrap(k.block, encryptedKey)
	if !ok || len(cek) != n {
		return nil, errDecryption(k.alg)
	}
	return cek, nil
}

// newKWKey binds a derived key (from ECDH-ES or PBES2) to AES-KW. The
// derived key has the right length by construction.
func newKWKey(alg KeyAlgorithm, kek []byte) (*aesKWKey, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w", alg, err)
	}
	return &aesKWKey{alg: alg, block: block}, nil
}
