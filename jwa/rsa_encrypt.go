package jwa

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
)

// minRSAEncryptionBits is the smallest RSA modulus accepted for key
// transport. RFC 7518 §4.2 and §4.3 require 2048 bits or more.
const minRSAEncryptionBits = 2048

// rsaKM is RSA key transport: RSAES-PKCS1-v1_5 (RSA1_5, RFC 7518 §4.2;
// deprecated, kept to read old tokens, see RFC 8725 §3.2) when hash is zero, RSAES-OAEP with hash for both OAEP and MGF1 otherwise
// (RSA-OAEP with SHA-1 and RSA-OAEP-256, RFC 7518 §4.3; RSA-OAEP-384 and
// RSA-OAEP-512 from the IANA registry).
//
// The encrypter takes an *rsa.PublicKey; the decrypter an *rsa.PrivateKey
// or any crypto.Decrypter whose Public method returns an *rsa.PublicKey (a
// key in an HSM or a KMS). The modulus must have at least 2048 bits.
type rsaKM struct {
	alg  KeyAlgorithm
	hash crypto.Hash // zero for RSA1_5
}

func (rsaKM) KeyType() KeyType { return KeyTypeRSA }
func (rsaKM) Direct() bool     { return false }

// checkRSAPublic checks the parts of an RSA public key that key transport
// relies on.
func checkRSAPublic(alg KeyAlgorithm, pub *rsa.PublicKey) error {
	if pub == nil || pub.N == nil {
		return fmt.Errorf("jwa: %s: nil RSA key: %w", alg, ErrInvalidKey)
	}
	if bits := pub.N.BitLen(); bits < minRSAEncryptionBits {
		return fmt.Errorf("jwa: %s: RSA key of %d bits, need at least %d: %w", alg, bits, minRSAEncryptionBits, ErrInvalidKey)
	}
	if pub.E < 3 || pub.E%2 == 0 {
		return fmt.Errorf("jwa: %s: RSA public exponent %d is not an odd number of at least 3: %w", alg, pub.E, ErrInvalidKey)
	}
	return nil
}

func (s rsaKM) NewKeyEncrypter(key any) (KeyEncrypter, error) {
	pub, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("jwa: %s: encryption key of type %T, need *rsa.PublicKey: %w", s.alg, key, ErrInvalidKey)
	}
	if err := checkRSAPublic(s.alg, pub); err != nil {
		return nil, err
	}
	return &rsaEncrypter{rsaKM: s, pub: pub}, nil
}

func (s rsaKM) NewKeyDecrypter(key any) (KeyDecrypter, error) {
	var dec crypto.Decrypter
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k == nil {
			return nil, fmt.Errorf("jwa: %s: nil RSA key: %w", s.alg, ErrInvalidKey)
		}
		if err := checkRSAPublic(s.alg, &k.PublicKey); err != nil {
			return nil, err
		}
		if err := k.Validate(); err != nil {
			return nil, fmt.Errorf("jwa: %s: %w: %w", s.alg, err, ErrInvalidKey)
		}
		dec = k
	case crypto.Decrypter:
		pub, ok := publicOf(k).(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("jwa: %s: crypto.Decrypter with a public key of type %T, need *rsa.PublicKey: %w", s.alg, publicOf(k), ErrInvalidKey)
		}
		if err := checkRSAPublic(s.alg, pub); err != nil {
			return nil, err
		}
		dec = k
	default:
		return nil, fmt.Errorf("jwa: %s: decryption key of type %T, need *rsa.PrivateKey or crypto.Decrypter: %w", s.alg, key, ErrInvalidKey)
	}
	return &rsaDecrypter{rsaKM: s, key: dec}, nil
}

// publicOf calls d.Public, turning a panic of a typed-nil Decrypter (or
// Signer) into a nil result.
func publicOf(d interface{ Public() crypto.PublicKey }) (pub crypto.PublicKey) {
	defer func() {
		if recover() != nil {
			pub = nil
		}
	}()
	return d.Public()
}

type rsaEncrypter struct {
	rsaKM
	pub *rsa.PublicKey
}

// EncryptKey encrypts cek to the public key. The padding is random, so the
// output differs on every call.
func (e *rsaEncrypter) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := checkCEK(e.alg, cek, p); err != nil {
		return nil, nil, err
	}
	var ek []byte
	var err error
	if e.hash == 0 {
		//lint:ignore SA1019 RSA1_5 is RSAES-PKCS1-v1_5 by definition; the algorithm is documented as deprecated
		ek, err = rsa.EncryptPKCS1v15(rand.Reader, e.pub, cek)
	} else {
		ek, err = rsa.EncryptOAEP(e.hash.New(), rand.Reader, e.pub, cek, nil)
	}
	if err != nil {
		// Only a CEK too long for the modulus gets here, which a 2048-bit
		// key and the built-in CEK sizes rule out.
		return nil, nil, fmt.Errorf("jwa: %s: %w: %w", e.alg, err, ErrInvalidKey)
	}
	return cek, ek, nil
}

type rsaDecrypter struct {
	rsaKM
	key crypto.Decrypter
}

// DecryptKey decrypts the CEK.
//
// For RSA1_5 it never fails on a bad encrypted key: when the padding or the
// length is wrong it returns a random CEK of the right length and no error,
// and the content decryption then fails on the tag (RFC 7516 §11.5, RFC
// 3218 §2.3.2). With an *rsa.PrivateKey the padding check runs in constant
// time (rsa.DecryptPKCS1v15SessionKey). A crypto.Decrypter is asked with
// rsa.PKCS1v15DecryptOptions.SessionKeyLen set; any error it returns is
// also replaced by a random CEK, so an HSM that reports bad padding does not
// become an oracle.
//
// For RSA-OAEP every failure wraps ErrDecryption.
func (d *rsaDecrypter) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	n, err := paramsCEKSize(d.alg, p)
	if err != nil {
		return nil, err
	}
	if d.hash == 0 {
		return d.decryptPKCS1v15(encryptedKey, n), nil
	}
	cek, err := d.key.Decrypt(rand.Reader, encryptedKey, &rsa.OAEPOptions{Hash: d.hash, MGFHash: d.hash})
	if err != nil || len(cek) != n {
		return nil, errDecryption(d.alg)
	}
	return cek, nil
}

// decryptPKCS1v15 applies the RFC 7516 §11.5 mitigation: the random CEK is
// drawn first, and replaced (in constant time) only by a well-formed one of
// the right length.
func (d *rsaDecrypter) decryptPKCS1v15(encryptedKey []byte, n int) []byte {
	cek := randomBytes(n)
	if priv, ok := d.key.(*rsa.PrivateKey); ok {
		// Its error only reports a ciphertext of the wrong length, which
		// leaves cek random: the mitigation wants no error either way.
		//lint:ignore SA1019 the RFC 7516 §11.5 mitigation for RSA1_5 needs exactly this function
		_ = rsa.DecryptPKCS1v15SessionKey(nil, priv, encryptedKey, cek)
		return cek
	}
	//lint:ignore SA1019 a crypto.Decrypter is asked for RSA1_5 with the session-key option
	got, err := d.key.Decrypt(rand.Reader, encryptedKey, &rsa.PKCS1v15DecryptOptions{SessionKeyLen: n})
	if err != nil || len(got) != n {
		return cek
	}
	return got
}
