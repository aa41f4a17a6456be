package jwa

import (
	"crypto"
	"crypto/pbkdf2"
	"fmt"
	"hash"
)

// PBES2 parameter bounds.
const (
	// pbes2MinSalt is the shortest p2s accepted: RFC 7518 §4.8.1.1 requires
	// eight or more octets.
	pbes2MinSalt = 8
	// pbes2SaltSize is the length of the p2s an encrypter draws.
	pbes2SaltSize = 16
)

// pbes2 is PBES2 with HMAC-SHA-2 and AES Key Wrap (RFC 7518 §4.8):
// PBES2-HS256+A128KW, PBES2-HS384+A192KW, PBES2-HS512+A256KW. The encrypter
// and the decrypter take the password as a non-empty []byte (copied).
//
// The iteration count is the trade-off described at [DefaultP2C] and
// [DefaultMaxP2C]. A decrypter accepts counts from 1 up to the cap; counts
// under 1000 are accepted although RFC 7518 §4.8.1.2 recommends at least
// 1000, because they only weaken the writer's own password.
type pbes2 struct {
	alg    KeyAlgorithm
	hash   crypto.Hash
	kwSize int
}

func (pbes2) KeyType() KeyType { return KeyTypeOct }
func (pbes2) Direct() bool     { return false }

func (s pbes2) NewKeyEncrypter(key any) (KeyEncrypter, error) { return s.bind(key) }
func (s pbes2) NewKeyDecrypter(key any) (KeyDecrypter, error) { return s.bind(key) }

func (s pbes2) bind(key any) (*pbes2Key, error) {
	pw, err := secretKey(s.alg, key, 0)
	if err != nil {
		return nil, err
	}
	return &pbes2Key{pbes2: s, password: string(pw)}, nil
}

type pbes2Key struct {
	pbes2
	password string
}

// kek derives the AES-KW key. RFC 7518 §4.8.1.1: the PBKDF2 salt is the
// UTF-8 alg name, a zero octet, then p2s.
func (k *pbes2Key) kek(p2s []byte, p2c int) (*aesKWKey, error) {
	salt := make([]byte, 0, len(k.alg)+1+len(p2s))
	salt = append(append(append(salt, k.alg...), 0), p2s...)
	derived, err := pbkdf2.Key(func() hash.Hash { return k.hash.New() }, k.password, salt, p2c, k.kwSize)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %v", k.alg, err)
	}
	return newKWKey(k.alg, derived)
}

// EncryptKey wraps cek with a key derived from the password. When p.P2S is
// empty it draws a 16-byte salt input; when p.P2C is zero it uses
// [DefaultP2C]; it writes both back to p. A given p2s must have at least 8
// bytes, and a given p2c must be positive (ErrMalformed otherwise).
func (k *pbes2Key) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := checkCEK(k.alg, cek, p); err != nil {
		return nil, nil, err
	}
	switch {
	case len(p.P2S) == 0:
		p.P2S = randomBytes(pbes2SaltSize)
	case len(p.P2S) < pbes2MinSalt:
		return nil, nil, fmt.Errorf("jwa: %s: p2s is %d bytes, need at least %d: %w", k.alg, len(p.P2S), pbes2MinSalt, ErrMalformed)
	}
	if err := fipsP2S(k.alg, p.P2S); err != nil {
		return nil, nil, err
	}
	switch {
	case p.P2C == 0:
		p.P2C = DefaultP2C
	case p.P2C < 0:
		return nil, nil, fmt.Errorf("jwa: %s: p2c %d is negative: %w", k.alg, p.P2C, ErrMalformed)
	}
	kw, err := k.kek(p.P2S, p.P2C)
	if err != nil {
		return nil, nil, err
	}
	return kw.wrap(cek)
}

// DecryptKey derives the key from the password, p.P2S and p.P2C, and
// unwraps encryptedKey. Before any PBKDF2 work it checks that p2c is at
// least 1 (ErrMalformed) and at most the cap, p.MaxP2C or [DefaultMaxP2C]
// when that is zero (ErrLimitExceeded, threat T36), that p2s has at least 8
// bytes (ErrMalformed, RFC 7518 §4.8.1.1), and that the encrypted key could
// be an AES-KW output (ErrDecryption).
func (k *pbes2Key) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	n, err := paramsCEKSize(k.alg, p)
	if err != nil {
		return nil, err
	}
	maxP2C := p.MaxP2C
	switch {
	case maxP2C == 0:
		maxP2C = DefaultMaxP2C
	case maxP2C < 0:
		return nil, fmt.Errorf("jwa: %s: MaxP2C %d is negative: %w", k.alg, maxP2C, ErrMalformed)
	}
	if p.P2C < 1 {
		return nil, fmt.Errorf("jwa: %s: p2c %d, need at least 1: %w", k.alg, p.P2C, ErrMalformed)
	}
	if p.P2C > maxP2C {
		return nil, fmt.Errorf("jwa: %s: p2c %d is over the limit of %d: %w", k.alg, p.P2C, maxP2C, ErrLimitExceeded)
	}
	if len(p.P2S) < pbes2MinSalt {
		return nil, fmt.Errorf("jwa: %s: p2s is %d bytes, need at least %d: %w", k.alg, len(p.P2S), pbes2MinSalt, ErrMalformed)
	}
	if err := fipsP2S(k.alg, p.P2S); err != nil {
		return nil, err
	}
	// The length of the encrypted key is public; rejecting it here saves
	// the PBKDF2 work without telling an attacker anything.
	if len(encryptedKey) != n+8 {
		return nil, errDecryption(k.alg)
	}
	kw, err := k.kek(p.P2S, p.P2C)
	if err != nil {
		return nil, err
	}
	return kw.unwrap(encryptedKey, n)
}
