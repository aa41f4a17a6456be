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
// [DefaultMaxP2C]. An encrypter writes at least [MinP2C] (RFC 7518
// §4.8.1.2); a decrypter accepts counts from the floor ([MinP2C] unless
// [KeyLimits.MinP2C] says otherwise) up to the cap, and within the
// [PBKDF2Budget] it shares, if any.
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

// PBKDF2Budget bounds the total PBKDF2 iterations of the PBES2 DecryptKey
// calls that share it through [KeyLimits.PBKDF2]. A JWE decrypter shares one
// between all the recipients and keys it tries on one token: without it,
// each PBES2 recipient, and each password tried on it, costs a derivation at
// a count the sender chose (threat T36), so one token of 16 recipients
// could cost 16 derivations at the cap, or more with several passwords.
//
// A PBES2 decrypter checks the budget after the public checks (p2c within
// its bounds, p2s long enough, an encrypted key of the right length) and
// before deriving: when p2c fits in Limit - Spent it adds p2c to Spent and
// derives; otherwise it fails with [ErrLimitExceeded], derives nothing and
// adds one to Refused. A Limit of zero allows no derivation. A budget is
// not safe for concurrent use: make one per token.
type PBKDF2Budget struct {
	// Limit is the total number of iterations allowed.
	Limit int
	// Spent is the number of iterations derived so far.
	Spent int
	// Refused counts the derivations refused because they did not fit.
	Refused int
}

// take reserves p2c iterations of b for one derivation, or says why not.
func (b *PBKDF2Budget) take(alg KeyAlgorithm, p2c int) error {
	if p2c > b.Limit-b.Spent {
		b.Refused++
		return fmt.Errorf("jwa: %s: p2c %d would bring the PBKDF2 work to %d iterations, over the budget of %d: %w",
			alg, p2c, b.Spent+p2c, b.Limit, ErrLimitExceeded)
	}
	b.Spent += p2c
	return nil
}

// pbkdf2Key derives keys; tests replace it to count derivations.
var pbkdf2Key = pbkdf2.Key[hash.Hash]

// kek derives the AES-KW key. RFC 7518 §4.8.1.1: the PBKDF2 salt is the
// UTF-8 alg name, a zero octet, then p2s.
func (k *pbes2Key) kek(p2s []byte, p2c int) (*aesKWKey, error) {
	salt := make([]byte, 0, len(k.alg)+1+len(p2s))
	salt = append(append(append(salt, k.alg...), 0), p2s...)
	derived, err := pbkdf2Key(func() hash.Hash { return k.hash.New() }, k.password, salt, p2c, k.kwSize)
	if err != nil {
		return nil, fmt.Errorf("jwa: %s: %w", k.alg, err)
	}
	return newKWKey(k.alg, derived)
}

// EncryptKey wraps cek with a key derived from the password. When p.P2S is
// empty it draws a 16-byte salt input; when p.P2C is zero it uses
// [DefaultP2C]; it writes both back to p. A given p2s must have at least 8
// bytes (RFC 7518 §4.8.1.1) and a given p2c must not be negative
// (ErrMalformed otherwise), nor under [MinP2C] (ErrLimitExceeded).
func (k *pbes2Key) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := checkCEK(k.alg, cek, p); err != nil {
		return nil, nil, err
	}
	switch {
	case len(p.P2S) == 0:
		p.P2S = randomBytes(pbes2SaltSize)
	case len(p.P2S) < pbes2MinSalt:
		return nil, nil, fmt.Errorf("jwa: %s: p2s is %d bytes, need at least %d (RFC 7518 §4.8.1.1): %w", k.alg, len(p.P2S), pbes2MinSalt, ErrMalformed)
	}
	if err := fipsP2S(k.alg, p.P2S); err != nil {
		return nil, nil, err
	}
	switch {
	case p.P2C == 0:
		p.P2C = DefaultP2C
	case p.P2C < 0:
		return nil, nil, fmt.Errorf("jwa: %s: p2c %d is negative: %w", k.alg, p.P2C, ErrMalformed)
	case p.P2C < MinP2C:
		return nil, nil, fmt.Errorf("jwa: %s: p2c %d is under the minimum of %d (RFC 7518 §4.8.1.2): %w", k.alg, p.P2C, MinP2C, ErrLimitExceeded)
	}
	kw, err := k.kek(p.P2S, p.P2C)
	if err != nil {
		return nil, nil, err
	}
	return kw.wrap(cek)
}

// DecryptKey derives the key from the password, p.P2S and p.P2C, and
// unwraps encryptedKey. Before any PBKDF2 work it checks that p2c is at
// least 1 (ErrMalformed), at least the floor, p.Limits.MinP2C or [MinP2C]
// when that is zero, and at most the cap, p.Limits.MaxP2C or
// [DefaultMaxP2C] when that is zero (both ErrLimitExceeded, threat T36);
// that p2s has at least 8 bytes (ErrMalformed, RFC 7518 §4.8.1.1); that the
// encrypted key could be an AES-KW output (ErrDecryption); and then that
// p2c fits in p.Limits.PBKDF2, if any (ErrLimitExceeded, see
// [PBKDF2Budget]).
func (k *pbes2Key) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	n, err := paramsCEKSize(k.alg, p)
	if err != nil {
		return nil, err
	}
	minP2C, maxP2C := p.Limits.MinP2C, p.Limits.MaxP2C
	if minP2C == 0 {
		minP2C = MinP2C
	}
	if maxP2C == 0 {
		maxP2C = DefaultMaxP2C
	}
	switch {
	case minP2C < 0 || maxP2C < 0:
		return nil, fmt.Errorf("jwa: %s: negative MinP2C %d or MaxP2C %d: %w", k.alg, p.Limits.MinP2C, p.Limits.MaxP2C, ErrMalformed)
	case p.P2C < 1:
		return nil, fmt.Errorf("jwa: %s: p2c %d, need at least 1: %w", k.alg, p.P2C, ErrMalformed)
	case p.P2C > maxP2C:
		return nil, fmt.Errorf("jwa: %s: p2c %d is over the limit of %d: %w", k.alg, p.P2C, maxP2C, ErrLimitExceeded)
	case p.P2C < minP2C:
		return nil, fmt.Errorf("jwa: %s: p2c %d is under the minimum of %d (RFC 7518 §4.8.1.2): %w", k.alg, p.P2C, minP2C, ErrLimitExceeded)
	case len(p.P2S) < pbes2MinSalt:
		return nil, fmt.Errorf("jwa: %s: p2s is %d bytes, need at least %d (RFC 7518 §4.8.1.1): %w", k.alg, len(p.P2S), pbes2MinSalt, ErrMalformed)
	}
	if err := fipsP2S(k.alg, p.P2S); err != nil {
		return nil, err
	}
	if len(encryptedKey) != n+8 {
		// The length of the encrypted key is public; rejecting it here
		// saves the PBKDF2 work without telling an attacker anything.
		return nil, errDecryption(k.alg)
	}
	if p.Limits.PBKDF2 != nil {
		if err := p.Limits.PBKDF2.take(k.alg, p.P2C); err != nil {
			return nil, err
		}
	}
	kw, err := k.kek(p.P2S, p.P2C)
	if err != nil {
		return nil, err
	}
	return kw.unwrap(encryptedKey, n)
}
