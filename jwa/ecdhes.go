package jwa

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// ecdhES is ECDH-ES key agreement with the Concat KDF (RFC 7518 §4.6): in
// direct mode (ECDH-ES, kwSize zero) the derived key is the CEK; with
// kwSize set (ECDH-ES+A128KW, +A192KW, +A256KW) it is an AES key that wraps
// the CEK.
//
// The encrypter takes the recipient's *ecdh.PublicKey or *ecdsa.PublicKey;
// the decrypter an *ecdh.PrivateKey or *ecdsa.PrivateKey. The curve must be
// P-256, P-384, P-521 or X25519. Keys of curves crypto/ecdh lacks (X448)
// arrive as an [ECDHPublicKey] or [ECDHPrivateKey] from an extension
// module; see ecdhext.go. An X25519 key is a JWK of kty "OKP" (RFC
// 8037 §3.2), but KeyType reports [KeyTypeEC], the type of the other three:
// the scheme has one KeyType, and the curve check here is what keeps keys
// apart.
type ecdhES struct {
	alg    KeyAlgorithm
	kwSize int // 0 for direct key agreement
}

func (ecdhES) KeyType() KeyType { return KeyTypeEC }
func (s ecdhES) Direct() bool   { return s.kwSize == 0 }

// ecdhCurveOK reports whether c is one of the curves JOSE defines for
// ECDH-ES (RFC 7518 §6.2.1.1, RFC 8037 §2).
func ecdhCurveOK(c ecdh.Curve) bool {
	return c == ecdh.P256() || c == ecdh.P384() || c == ecdh.P521() || c == ecdh.X25519()
}

func (s ecdhES) NewKeyEncrypter(key any) (KeyEncrypter, error) {
	var pub *ecdh.PublicKey
	switch k := key.(type) {
	case *ecdh.PublicKey:
		pub = k
	case *ecdsa.PublicKey:
		// ecdsa.PublicKey.ECDH panics on a key without coordinates, so
		// the deprecated fields are read here only to refuse such a key.
		//lint:ignore SA1019 guarding against a stdlib panic, not using the value
		if k == nil || k.Curve == nil || k.X == nil || k.Y == nil {
			return nil, fmt.Errorf("jwa: %s: nil or incomplete ECDSA key: %w", s.alg, ErrInvalidKey)
		}
		p, err := k.ECDH()
		if err != nil {
			return nil, fmt.Errorf("jwa: %s: %w: %w", s.alg, err, ErrInvalidKey)
		}
		pub = p
	case ECDHPublicKey:
		return s.newExtEncrypter(k)
	default:
		return nil, fmt.Errorf("jwa: %s: encryption key of type %T, need *ecdh.PublicKey, *ecdsa.PublicKey or an ECDHPublicKey: %w", s.alg, key, ErrInvalidKey)
	}
	if pub == nil || !ecdhCurveOK(pub.Curve()) {
		return nil, fmt.Errorf("jwa: %s: nil key or curve other than P-256, P-384, P-521, X25519: %w", s.alg, ErrInvalidKey)
	}
	return &ecdhEncrypter{ecdhES: s, pub: pub}, nil
}

func (s ecdhES) NewKeyDecrypter(key any) (KeyDecrypter, error) {
	var priv *ecdh.PrivateKey
	switch k := key.(type) {
	case *ecdh.PrivateKey:
		priv = k
	case *ecdsa.PrivateKey:
		// As above: ecdsa.PrivateKey.ECDH panics on an incomplete key.
		//lint:ignore SA1019 guarding against a stdlib panic, not using the value
		if k == nil || k.Curve == nil || k.D == nil || k.X == nil || k.Y == nil {
			return nil, fmt.Errorf("jwa: %s: nil or incomplete ECDSA key: %w", s.alg, ErrInvalidKey)
		}
		p, err := k.ECDH()
		if err != nil {
			return nil, fmt.Errorf("jwa: %s: %w: %w", s.alg, err, ErrInvalidKey)
		}
		priv = p
	case ECDHPrivateKey:
		return s.newExtDecrypter(k)
	default:
		return nil, fmt.Errorf("jwa: %s: decryption key of type %T, need *ecdh.PrivateKey, *ecdsa.PrivateKey or an ECDHPrivateKey: %w", s.alg, key, ErrInvalidKey)
	}
	if priv == nil || !ecdhCurveOK(priv.Curve()) {
		return nil, fmt.Errorf("jwa: %s: nil key or curve other than P-256, P-384, P-521, X25519: %w", s.alg, ErrInvalidKey)
	}
	return &ecdhDecrypter{ecdhES: s, priv: priv}, nil
}

// keyDataLen returns the Concat KDF AlgorithmID and the derived key's length
// in bytes: the enc name and the CEK size in direct mode, the alg name and
// the AES-KW key size otherwise (RFC 7518 §4.6.2).
func (s ecdhES) keyDataLen(p *KeyParams) (string, int, error) {
	n, err := paramsCEKSize(s.alg, p)
	if err != nil {
		return "", 0, err
	}
	if s.kwSize == 0 {
		return string(p.Enc), n, nil
	}
	return string(s.alg), s.kwSize, nil
}

type ecdhEncrypter struct {
	ecdhES
	pub *ecdh.PublicKey
	// newEphemeral draws the ephemeral key; tests replace it to reproduce
	// published examples.
	newEphemeral func(ecdh.Curve) (*ecdh.PrivateKey, error)
}

// EncryptKey draws a fresh ephemeral key on the recipient's curve, writes
// its public half to p.EPK and derives a key with p.APU and p.APV. In direct
// mode cek is ignored and the derived key is returned as the CEK with an
// empty encrypted key; otherwise the derived key wraps cek.
func (e *ecdhEncrypter) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	return e.encryptWith(cek, p, func() ([]byte, error) {
		gen := e.newEphemeral
		if gen == nil {
			gen = func(c ecdh.Curve) (*ecdh.PrivateKey, error) { return c.GenerateKey(rand.Reader) }
		}
		eph, err := gen(e.pub.Curve())
		if err != nil {
			return nil, fmt.Errorf("jwa: %s: ephemeral key: %w", e.alg, err)
		}
		z, err := eph.ECDH(e.pub)
		if err != nil {
			// Only a low-order X25519 recipient key gets here.
			return nil, fmt.Errorf("jwa: %s: %w: %w", e.alg, err, ErrInvalidKey)
		}
		p.EPK, p.ExtEPK = eph.PublicKey(), nil
		return z, nil
	})
}

// encryptWith runs what every ECDH-ES encrypter does around the agreement:
// the key data length, the CEK check of the wrapping modes, then agree
// (which draws the ephemeral key and writes its public half to p), the
// Concat KDF and the wrap.
func (s ecdhES) encryptWith(cek []byte, p *KeyParams, agree func() ([]byte, error)) ([]byte, []byte, error) {
	algID, size, err := s.keyDataLen(p)
	if err != nil {
		return nil, nil, err
	}
	if s.kwSize != 0 {
		if err := checkCEK(s.alg, cek, p); err != nil {
			return nil, nil, err
		}
	}
	z, err := agree()
	if err != nil {
		return nil, nil, err
	}
	return s.finish(z, algID, size, cek, p)
}

// finish derives the key from the shared secret z: in direct mode it is the
// CEK, returned with an empty encrypted key; otherwise it wraps cek.
func (s ecdhES) finish(z []byte, algID string, size int, cek []byte, p *KeyParams) ([]byte, []byte, error) {
	derived := concatKDF(z, algID, p.APU, p.APV, size)
	if s.kwSize == 0 {
		return derived, []byte{}, nil
	}
	kw, err := newKWKey(s.alg, derived)
	if err != nil {
		return nil, nil, err
	}
	return kw.wrap(cek)
}

type ecdhDecrypter struct {
	ecdhES
	priv *ecdh.PrivateKey
}

// DecryptKey derives the key from p.EPK and the private key. p.EPK must be
// present and on the private key's curve (ErrMalformed otherwise, RFC 7518
// §4.6.1.1 and threat T33; that the point is on its curve was checked when
// it became an *ecdh.PublicKey). In direct mode the encrypted key must be
// empty (RFC 7518 §4.6, threat T35, ErrMalformed). An all-zero X25519
// shared secret (a low-order epk, threat T34) and a failed unwrap give
// ErrDecryption.
func (d *ecdhDecrypter) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	algID, size, err := d.keyDataLen(p)
	if err != nil {
		return nil, err
	}
	if p.EPK == nil {
		return nil, fmt.Errorf("jwa: %s: no epk: %w", d.alg, ErrMalformed)
	}
	if p.EPK.Curve() != d.priv.Curve() {
		return nil, fmt.Errorf("jwa: %s: epk is not on the curve of the key: %w", d.alg, ErrMalformed)
	}
	return d.decryptWith(encryptedKey, p, algID, size, func() ([]byte, error) { return d.priv.ECDH(p.EPK) })
}

// decryptWith runs what every ECDH-ES decrypter does once the peer's key
// passed its checks: the empty encrypted key of direct mode, the agreement,
// the Concat KDF and the unwrap.
func (s ecdhES) decryptWith(encryptedKey []byte, p *KeyParams, algID string, size int, agree func() ([]byte, error)) ([]byte, error) {
	if s.kwSize == 0 && len(encryptedKey) != 0 {
		// RFC 7516 §5.2 step 10: with direct key agreement the JWE
		// Encrypted Key must be empty.
		return nil, fmt.Errorf("jwa: %s: encrypted key must be empty: %w", s.alg, ErrMalformed)
	}
	z, err := agree()
	if err != nil {
		return nil, errDecryption(s.alg)
	}
	return s.unwrapDerived(z, algID, size, encryptedKey, p)
}

// unwrapDerived derives the key from the shared secret z: in direct mode it
// is the CEK; otherwise it unwraps encryptedKey.
func (s ecdhES) unwrapDerived(z []byte, algID string, size int, encryptedKey []byte, p *KeyParams) ([]byte, error) {
	derived := concatKDF(z, algID, p.APU, p.APV, size)
	if s.kwSize == 0 {
		return derived, nil
	}
	kw, err := newKWKey(s.alg, derived)
	if err != nil {
		return nil, err
	}
	n, _ := cekSize(p.Enc) // checked by keyDataLen
	return kw.unwrap(encryptedKey, n)
}

// concatKDF is the single-step KDF of NIST SP 800-56A §5.8.1 with SHA-256,
// as RFC 7518 §4.6.2 profiles it: OtherInfo is AlgorithmID, PartyUInfo and
// PartyVInfo, each prefixed with its 32-bit big-endian length, then
// SuppPubInfo, the key length in bits as a 32-bit big-endian integer.
// SuppPrivInfo is empty.
func concatKDF(z []byte, algID string, apu, apv []byte, size int) []byte {
	var other []byte
	other = binary.BigEndian.AppendUint32(other, uint32(len(algID)))
	other = append(other, algID...)
	other = binary.BigEndian.AppendUint32(other, uint32(len(apu)))
	other = append(other, apu...)
	other = binary.BigEndian.AppendUint32(other, uint32(len(apv)))
	other = append(other, apv...)
	other = binary.BigEndian.AppendUint32(other, uint32(size*8))

	out := make([]byte, 0, size+sha256.Size)
	h := sha256.New()
	var counter [4]byte
	for i := uint32(1); len(out) < size; i++ {
		h.Reset()
		binary.BigEndian.PutUint32(counter[:], i)
		h.Write(counter[:])
		h.Write(z)
		h.Write(other)
		out = h.Sum(out)
	}
	return out[:size]
}
