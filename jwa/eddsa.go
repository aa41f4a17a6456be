package jwa

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
)

// ed25519Scheme implements EdDSA with Ed25519 keys (RFC 8037 §3.1) and the
// fully-specified Ed25519 (RFC 9864 §2.2). Both produce the same
// signatures; only the name differs.
type ed25519Scheme struct {
	alg SignatureAlgorithm
}

func (ed25519Scheme) KeyType() KeyType { return KeyTypeOKP }

// NewSigner takes an ed25519.PrivateKey of exactly 64 bytes whose public
// half matches its seed, or a crypto.Signer whose Public() is an
// ed25519.PublicKey of 32 bytes. The private key is copied.
func (s ed25519Scheme) NewSigner(key any) (Signer, error) {
	switch k := key.(type) {
	case ed25519.PrivateKey:
		if len(k) != ed25519.PrivateKeySize {
			return nil, keyError(s.alg, "ed25519.PrivateKey of %d bytes, want %d", len(k), ed25519.PrivateKeySize)
		}
		// A private key whose stored public half is not the seed's leaks
		// the key when it signs: refuse it once here.
		derived := ed25519.NewKeyFromSeed(k.Seed())
		if !bytes.Equal(derived[ed25519.SeedSize:], k[ed25519.SeedSize:]) {
			return nil, keyError(s.alg, "public half of ed25519.PrivateKey does not match its seed")
		}
		return &ed25519Signer{alg: s.alg, priv: derived}, nil
	case crypto.Signer:
		pub, err := signerPublic(s.alg, k)
		if err != nil {
			return nil, err
		}
		if p, ok := pub.(ed25519.PublicKey); !ok || len(p) != ed25519.PublicKeySize {
			return nil, keyError(s.alg, "signer's public key is %T, want a 32-byte ed25519.PublicKey", pub)
		}
		return &ed25519Signer{alg: s.alg, signer: k}, nil
	}
	return nil, keyError(s.alg, "got %T, want ed25519.PrivateKey or a crypto.Signer with an Ed25519 public key", key)
}

// NewVerifier takes an ed25519.PublicKey of exactly 32 bytes. It refuses a
// non-canonical encoding (y not below 2^255-19) and the points of small
// order (T11), against which signatures can be forged without the private
// key. A 32-byte string that is not a point at all is not detected here;
// every signature then fails to verify. The key is copied.
func (s ed25519Scheme) NewVerifier(key any) (Verifier, error) {
	switch k := key.(type) {
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return nil, keyError(s.alg, "ed25519.PublicKey of %d bytes, want %d", len(k), ed25519.PublicKeySize)
		}
		if err := s.checkPoint(k); err != nil {
			return nil, err
		}
		return &ed25519Verifier{alg: s.alg, pub: bytes.Clone(k)}, nil
	case ed25519.PrivateKey:
		return nil, keyError(s.alg, "got ed25519.PrivateKey, want its public key (key.Public())")
	}
	return nil, keyError(s.alg, "got %T, want ed25519.PublicKey", key)
}

// smallOrderY lists, little-endian with the sign bit clear, the y
// coordinates of the eight points of small order: y = 1 (the identity),
// y = -1 (order 2), y = 0 (the two points of order 4) and ±y8 (the four of
// order 8). Either sign bit with these y is refused, which also covers the
// encodings of x = 0 with the sign bit set that RFC 8032 forbids.
var smallOrderY = [5][32]byte{
	{0x01},
	{0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{},
	{0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
		0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
	{0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
		0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
}

// checkPoint refuses a non-canonical y and the small-order points.
func (s ed25519Scheme) checkPoint(pub ed25519.PublicKey) error {
	var y [32]byte
	copy(y[:], pub)
	y[31] &= 0x7f
	if yNotCanonical(&y) {
		return keyError(s.alg, "non-canonical point encoding (y >= 2^255-19)")
	}
	for i := range smallOrderY {
		if y == smallOrderY[i] {
			return keyError(s.alg, "point of small order")
		}
	}
	return nil
}

// yNotCanonical reports whether the little-endian y (sign bit clear) is at
// least p = 2^255-19, that is 0x7fff...ffed or above.
func yNotCanonical(y *[32]byte) bool {
	if y[31] != 0x7f || y[0] < 0xed {
		return false
	}
	for _, b := range y[1:31] {
		if b != 0xff {
			return false
		}
	}
	return true
}

type ed25519Signer struct {
	alg    SignatureAlgorithm
	priv   ed25519.PrivateKey // set for an ed25519.PrivateKey
	signer crypto.Signer      // set otherwise
}

// Sign returns the 64-byte Ed25519 signature of signingInput (pure
// Ed25519, no pre-hash).
func (e *ed25519Signer) Sign(signingInput []byte) ([]byte, error) {
	if e.priv != nil {
		return ed25519.Sign(e.priv, signingInput), nil
	}
	sig, err := e.signer.Sign(rand.Reader, signingInput, crypto.Hash(0))
	if err != nil {
		return nil, signFailed(e.alg, "%w", err)
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, signFailed(e.alg, "signer returned %d bytes, want %d", len(sig), ed25519.SignatureSize)
	}
	return sig, nil
}

type ed25519Verifier struct {
	alg SignatureAlgorithm
	pub ed25519.PublicKey
}

// Verify checks a 64-byte signature. crypto/ed25519 refuses a
// non-canonical S (S >= L) and a non-canonical R (T15).
func (e *ed25519Verifier) Verify(signingInput, signature []byte) error {
	if len(signature) != ed25519.SignatureSize {
		return sigError(e.alg, "%d bytes, want %d", len(signature), ed25519.SignatureSize)
	}
	if !ed25519.Verify(e.pub, signingInput, signature) {
		return sigError(e.alg, "Ed25519 verification failed")
	}
	return nil
}
