package jwa

import "fmt"

// direct is "dir" (RFC 7518 §4.5): the shared symmetric key is the CEK. The
// encrypter and the decrypter take a non-empty []byte (copied); its length
// is checked against the content encryption on each call, since one key may
// serve only the enc whose size it has.
type direct struct{}

func (direct) KeyType() KeyType { return KeyTypeOct }
func (direct) Direct() bool     { return true }

func (direct) NewKeyEncrypter(key any) (KeyEncrypter, error) { return bindDirect(key) }
func (direct) NewKeyDecrypter(key any) (KeyDecrypter, error) { return bindDirect(key) }

func bindDirect(key any) (*directKey, error) {
	k, err := secretKey(Direct, key, 0)
	if err != nil {
		return nil, err
	}
	return &directKey{key: k}, nil
}

type directKey struct{ key []byte }

// size checks that the key has the CEK length p.Enc needs.
func (k *directKey) size(p *KeyParams) error {
	n, err := paramsCEKSize(Direct, p)
	if err != nil {
		return err
	}
	if len(k.key) != n {
		return fmt.Errorf("jwa: dir: key is %d bytes, %s needs %d: %w", len(k.key), p.Enc, n, ErrInvalidKey)
	}
	return nil
}

// EncryptKey ignores cek and returns (a copy of) the key as the CEK, with an
// empty encrypted key. It fails with ErrInvalidKey when the key's length is
// not the CEK size of p.Enc.
func (k *directKey) EncryptKey(_ []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := k.size(p); err != nil {
		return nil, nil, err
	}
	return append([]byte(nil), k.key...), []byte{}, nil
}

// DecryptKey returns (a copy of) the key. The encrypted key must be empty
// (RFC 7518 §4.5, threat T35: ErrMalformed) and the key must have the CEK
// size of p.Enc (ErrInvalidKey).
func (k *directKey) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	if err := k.size(p); err != nil {
		return nil, err
	}
	if len(encryptedKey) != 0 {
		// RFC 7516 §5.2 step 10: with direct encryption the JWE
		// Encrypted Key must be empty.
		return nil, fmt.Errorf("jwa: dir: encrypted key must be empty: %w", ErrMalformed)
	}
	return append([]byte(nil), k.key...), nil
}
