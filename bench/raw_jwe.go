package bench

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/binary"
	"encoding/json"
	"errors"
)

// JWEEncrypt implements Library: draw the CEK, protect it with the
// key-management primitive (AES key wrap, RSA-OAEP, ECDH + Concat KDF,
// PBKDF2), and seal the plaintext; the protected header that serves as AAD is
// encoded in setup.
func (Raw) JWEEncrypt(c JWECase, plaintext []byte) (Run, error) {
	encKey, _ := Load().Secret(c)
	aad := []byte(b64.EncodeToString([]byte(`{"alg":"` + c.Alg + `","enc":"` + c.Enc + `"}`)))
	var peer *ecdh.PublicKey
	switch k := encKey.(type) {
	case *ecdh.PublicKey:
		peer = k
	case interface {
		ECDH() (*ecdh.PublicKey, error)
	}:
		var err error
		if peer, err = k.ECDH(); err != nil {
			return nil, err
		}
	}
	return func() ([]byte, error) {
		var cek []byte
		switch c.Alg {
		case "dir":
			cek = encKey.([]byte)
		case "ECDH-ES":
			z, err := ephemeralAgree(peer)
			if err != nil {
				return nil, err
			}
			cek = concatKDF(z, c.Enc, nil, nil, 32)
		default:
			cek = make([]byte, 32)
			rand.Read(cek)
			if _, err := rawWrap(c, encKey, peer, cek); err != nil {
				return nil, err
			}
		}
		iv := make([]byte, 16)
		rand.Read(iv)
		_, _, err := rawSeal(c.Enc, cek, iv, plaintext, aad)
		return nil, err
	}, nil
}

// rawWrap protects cek with the key-management primitive of c.
func rawWrap(c JWECase, key any, peer *ecdh.PublicKey, cek []byte) ([]byte, error) {
	switch c.Alg {
	case "A256KW":
		return aesWrap(key.([]byte), cek)
	case "RSA-OAEP-256":
		return rsa.EncryptOAEP(sha256.New(), rand.Reader, key.(*rsa.PublicKey), cek, nil)
	case "ECDH-ES+A256KW":
		z, err := ephemeralAgree(peer)
		if err != nil {
			return nil, err
		}
		return aesWrap(concatKDF(z, c.Alg, nil, nil, 32), cek)
	case "PBES2-HS256+A128KW":
		salt := make([]byte, 16)
		rand.Read(salt)
		kek, err := pbkdf2.Key(sha256.New, string(key.([]byte)), append([]byte(c.Alg+"\x00"), salt...), P2C, 16)
		if err != nil {
			return nil, err
		}
		return aesWrap(kek, cek)
	}
	return nil, ErrNA
}

// ephemeralAgree draws an ephemeral key on peer's curve and returns the
// shared secret Z (RFC 7518 §4.6).
func ephemeralAgree(peer *ecdh.PublicKey) ([]byte, error) {
	eph, err := peer.Curve().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return eph.ECDH(peer)
}

// rawSeal is the content encryption primitive: AES-GCM, or AES-CBC with
// HMAC-SHA-256 (RFC 7518 §5.2.2).
func rawSeal(enc string, cek, iv, plaintext, aad []byte) (ct, tag []byte, err error) {
	if enc == "A128CBC-HS256" {
		block, err := aes.NewCipher(cek[16:])
		if err != nil {
			return nil, nil, err
		}
		pad := 16 - len(plaintext)%16
		ct = append(bytes.Clone(plaintext), bytes.Repeat([]byte{byte(pad)}, pad)...)
		cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, ct)
		return ct, cbcTag(cek[:16], aad, iv, ct), nil
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, nil, err
	}
	out := gcm.Seal(nil, iv[:12], plaintext, aad)
	return out[:len(plaintext)], out[len(plaintext):], nil
}

func cbcTag(macKey, aad, iv, ct []byte) []byte {
	m := hmac.New(sha256.New, macKey)
	m.Write(aad)
	m.Write(iv)
	m.Write(ct)
	binary.Write(m, binary.BigEndian, uint64(len(aad))*8)
	return m.Sum(nil)[:16]
}

// rawHeader holds the JWE header members the baseline needs.
type rawHeader struct {
	Alg, Enc string
	P2s      string
	P2c      int
	Apu, Apv string
	Epk      *rawJWK
}

// JWEDecrypt implements Library: the token is split, decoded and its header
// (epk, p2s, p2c) read in setup; the Run recovers the CEK with the primitive
// and opens the content.
func (Raw) JWEDecrypt(c JWECase, token []byte) (Run, error) {
	_, decKey := Load().Secret(c)
	parts := bytes.Split(token, []byte("."))
	if len(parts) != 5 {
		return nil, errors.New("raw: not a compact JWE")
	}
	var seg [5][]byte
	for i, p := range parts {
		var err error
		if seg[i], err = b64.AppendDecode(nil, p); err != nil {
			return nil, err
		}
	}
	var h rawHeader
	if err := json.Unmarshal(seg[0], &h); err != nil {
		return nil, err
	}
	if h.Alg != c.Alg || h.Enc != c.Enc {
		return nil, errors.New("raw: header names other algorithms")
	}
	aad, ek, iv, ct, tag := parts[0], seg[1], seg[2], seg[3], seg[4]
	apu, _ := b64.DecodeString(h.Apu)
	apv, _ := b64.DecodeString(h.Apv)
	salt, _ := b64.DecodeString(h.P2s)
	var epk *ecdh.PublicKey
	var priv *ecdh.PrivateKey
	if h.Epk != nil {
		x, _ := b64.DecodeString(h.Epk.X)
		y, _ := b64.DecodeString(h.Epk.Y)
		var err error
		if h.Epk.Crv == "X25519" {
			epk, err = ecdh.X25519().NewPublicKey(x)
			priv = decKey.(*ecdh.PrivateKey)
		} else {
			epk, err = ecdh.P256().NewPublicKey(append(append([]byte{4}, x...), y...))
			if k, ok := decKey.(interface {
				ECDH() (*ecdh.PrivateKey, error)
			}); ok && err == nil {
				priv, err = k.ECDH()
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return func() ([]byte, error) {
		var cek []byte
		var err error
		switch c.Alg {
		case "dir":
			cek = decKey.([]byte)
		case "A256KW":
			cek, err = aesUnwrap(decKey.([]byte), ek)
		case "RSA-OAEP-256":
			cek, err = rsa.DecryptOAEP(sha256.New(), nil, decKey.(*rsa.PrivateKey), ek, nil)
		case "ECDH-ES", "ECDH-ES+A256KW":
			z, err2 := priv.ECDH(epk)
			if err2 != nil {
				return nil, err2
			}
			if c.Alg == "ECDH-ES" {
				cek = concatKDF(z, c.Enc, apu, apv, 32)
			} else {
				cek, err = aesUnwrap(concatKDF(z, c.Alg, apu, apv, 32), ek)
			}
		case "PBES2-HS256+A128KW":
			kek, err2 := pbkdf2.Key(sha256.New, string(decKey.([]byte)), append([]byte(c.Alg+"\x00"), salt...), h.P2c, 16)
			if err2 != nil {
				return nil, err2
			}
			cek, err = aesUnwrap(kek, ek)
		}
		if err != nil {
			return nil, err
		}
		return rawOpen(c.Enc, cek, iv, ct, tag, aad)
	}, nil
}

func rawOpen(enc string, cek, iv, ct, tag, aad []byte) ([]byte, error) {
	if enc == "A128CBC-HS256" {
		if subtle.ConstantTimeCompare(cbcTag(cek[:16], aad, iv, ct), tag) != 1 || len(ct)%16 != 0 || len(ct) == 0 {
			return nil, errors.New("raw: decryption failed")
		}
		block, err := aes.NewCipher(cek[16:])
		if err != nil {
			return nil, err
		}
		pt := make([]byte, len(ct))
		cipher.NewCBCDecrypter(block, iv).CryptBlocks(pt, ct)
		pad := int(pt[len(pt)-1])
		if pad == 0 || pad > 16 {
			return nil, errors.New("raw: decryption failed")
		}
		return pt[:len(pt)-pad], nil
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	// Seal wrote ciphertext||tag; the token carries them apart.
	sealed := make([]byte, 0, len(ct)+len(tag))
	return gcm.Open(nil, iv, append(append(sealed, ct...), tag...), aad)
}

// concatKDF is the single-pass Concat KDF of NIST SP 800-56A as profiled by
// RFC 7518 §4.6.2, for outputs up to 32 bytes.
func concatKDF(z []byte, algID string, apu, apv []byte, size int) []byte {
	h := sha256.New()
	field := func(b []byte) {
		binary.Write(h, binary.BigEndian, uint32(len(b)))
		h.Write(b)
	}
	h.Write([]byte{0, 0, 0, 1})
	h.Write(z)
	field([]byte(algID))
	field(apu)
	field(apv)
	binary.Write(h, binary.BigEndian, uint32(size*8))
	return h.Sum(nil)[:size]
}

var kwIV = [8]byte{0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6}

// aesWrap is the AES Key Wrap of RFC 3394 §2.2.1 over crypto/aes, which the
// standard library does not offer.
func aesWrap(kek, cek []byte) ([]byte, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	n := len(cek) / 8
	out := make([]byte, 8+len(cek))
	copy(out[8:], cek)
	a := kwIV
	var buf [16]byte
	for j := range 6 {
		for i := 1; i <= n; i++ {
			copy(buf[:8], a[:])
			copy(buf[8:], out[8*i:8*i+8])
			block.Encrypt(buf[:], buf[:])
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(a[:], binary.BigEndian.Uint64(buf[:8])^t)
			copy(out[8*i:], buf[8:])
		}
	}
	copy(out, a[:])
	return out, nil
}

// aesUnwrap is RFC 3394 §2.2.2.
func aesUnwrap(kek, wrapped []byte) ([]byte, error) {
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	if len(wrapped)%8 != 0 || len(wrapped) < 24 {
		return nil, errors.New("raw: bad wrapped key length")
	}
	n := len(wrapped)/8 - 1
	out := bytes.Clone(wrapped[8:])
	var a [8]byte
	copy(a[:], wrapped[:8])
	var buf [16]byte
	for j := 5; j >= 0; j-- {
		for i := n; i >= 1; i-- {
			t := uint64(n*j + i)
			binary.BigEndian.PutUint64(buf[:8], binary.BigEndian.Uint64(a[:])^t)
			copy(buf[8:], out[8*(i-1):8*i])
			block.Decrypt(buf[:], buf[:])
			copy(a[:], buf[:8])
			copy(out[8*(i-1):], buf[8:])
		}
	}
	if subtle.ConstantTimeCompare(a[:], kwIV[:]) != 1 {
		return nil, errors.New("raw: key unwrap failed")
	}
	return out, nil
}
