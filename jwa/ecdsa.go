package jwa

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha512"
)

// ecdsaScheme implements ES256, ES384 and ES512 (RFC 7518 §3.4).
type ecdsaScheme struct {
	alg   SignatureAlgorithm
	hash  crypto.Hash
	curve elliptic.Curve
	size  int    // bytes of one of R and S
	order []byte // the group order n, big-endian, size bytes
}

// newECDSAScheme returns a pointer, so that schemes stay comparable as
// interface values although they hold a slice.
func newECDSAScheme(alg SignatureAlgorithm, h crypto.Hash, c elliptic.Curve) *ecdsaScheme {
	size := (c.Params().BitSize + 7) / 8
	return &ecdsaScheme{alg: alg, hash: h, curve: c, size: size, order: c.Params().N.FillBytes(make([]byte, size))}
}

func (ecdsaScheme) KeyType() KeyType { return KeyTypeEC }

// NewSigner takes an *ecdsa.PrivateKey or a crypto.Signer whose Public() is
// an *ecdsa.PublicKey, on the algorithm's curve. A crypto.Signer's ASN.1 DER
// output is converted to R||S.
func (s *ecdsaScheme) NewSigner(key any) (Signer, error) {
	var signer crypto.Signer
	switch k := key.(type) {
	case *ecdsa.PrivateKey:
		//lint:ignore SA1019 only read, to refuse a key that crypto/ecdsa would dereference
		if k == nil || k.D == nil {
			return nil, keyError(s.alg, "nil or incomplete *ecdsa.PrivateKey")
		}
		signer = k
	case crypto.Signer:
		signer = k
	default:
		return nil, keyError(s.alg, "got %T, want *ecdsa.PrivateKey or a crypto.Signer with an ECDSA public key", key)
	}
	pub, err := signerPublic(s.alg, signer)
	if err != nil {
		return nil, err
	}
	epub, ok := pub.(*ecdsa.PublicKey)
	if !ok {
		return nil, keyError(s.alg, "signer's public key is %T, want *ecdsa.PublicKey", pub)
	}
	if _, err := s.checkPublic(epub); err != nil {
		return nil, err
	}
	if priv, ok := signer.(*ecdsa.PrivateKey); ok {
		// The scalar must be in range and match the public point; checked
		// here once rather than failing on every Sign.
		d, err := priv.Bytes()
		if err != nil {
			return nil, keyError(s.alg, "%w", err)
		}
		again, err := ecdsa.ParseRawPrivateKey(s.curve, d)
		if err != nil {
			return nil, keyError(s.alg, "%w", err)
		}
		if !again.PublicKey.Equal(epub) {
			return nil, keyError(s.alg, "private scalar does not match the public point")
		}
	}
	return &ecdsaSigner{ecdsaScheme: s, signer: signer}, nil
}

// NewVerifier takes an *ecdsa.PublicKey on the algorithm's curve; the point
// must be on the curve. The key is copied.
func (s *ecdsaScheme) NewVerifier(key any) (Verifier, error) {
	switch k := key.(type) {
	case *ecdsa.PublicKey:
		pub, err := s.checkPublic(k)
		if err != nil {
			return nil, err
		}
		return &ecdsaVerifier{ecdsaScheme: s, pub: pub}, nil
	case *ecdsa.PrivateKey:
		return nil, keyError(s.alg, "got *ecdsa.PrivateKey, want its public key (&key.PublicKey)")
	}
	return nil, keyError(s.alg, "got %T, want *ecdsa.PublicKey", key)
}

// checkPublic checks the curve (RFC 7518 §3.4 binds each algorithm to one)
// and that the point is on it (T10), and returns a copy of the key.
func (s *ecdsaScheme) checkPublic(pub *ecdsa.PublicKey) (*ecdsa.PublicKey, error) {
	//lint:ignore SA1019 only read, to refuse a key that crypto/ecdsa would dereference
	if pub == nil || pub.X == nil || pub.Y == nil {
		return nil, keyError(s.alg, "nil or incomplete *ecdsa.PublicKey")
	}
	if pub.Curve != s.curve {
		name := "nil"
		if pub.Curve != nil {
			name = pub.Curve.Params().Name
		}
		return nil, keyError(s.alg, "curve %s, want %s", name, s.curve.Params().Name)
	}
	b, err := pub.Bytes()
	if err != nil {
		return nil, keyError(s.alg, "%w", err)
	}
	cp, err := ecdsa.ParseUncompressedPublicKey(s.curve, b)
	if err != nil {
		return nil, keyError(s.alg, "%w", err)
	}
	return cp, nil
}

type ecdsaSigner struct {
	*ecdsaScheme
	signer crypto.Signer
}

// Sign returns the fixed-length R||S signature of RFC 7518 §3.4, with a
// nonce from crypto/rand (crypto/ecdsa also mixes in the private key).
func (e *ecdsaSigner) Sign(signingInput []byte) ([]byte, error) {
	var buf [sha512.Size]byte
	der, err := e.signer.Sign(rand.Reader, digest(e.hash, signingInput, &buf), e.hash)
	if err != nil {
		return nil, signFailed(e.alg, "%w", err)
	}
	// R||S is written through a copy on the stack, then into der itself
	// when crypto/ecdsa made it (a new buffer, long enough): another
	// crypto.Signer's buffer is left alone, whoever owns it.
	var rs [2 * 66]byte
	if !derToRS(der, rs[:e.size], rs[e.size:2*e.size]) {
		return nil, signFailed(e.alg, "signer returned a malformed ASN.1 ECDSA signature")
	}
	out := der[:0]
	if _, std := e.signer.(*ecdsa.PrivateKey); !std || cap(der) < 2*e.size {
		out = make([]byte, 0, 2*e.size)
	}
	return append(out, rs[:2*e.size]...), nil
}

type ecdsaVerifier struct {
	*ecdsaScheme
	pub *ecdsa.PublicKey
}

// Verify accepts only the R||S form of RFC 7518 §3.4: exactly twice the
// coordinate size, with 0 < r < n and 0 < s < n checked here before
// crypto/ecdsa sees them (T12, T13). DER input has the wrong length and
// fails. Both s and n-s verify (T14): a signature is not a token identity.
func (e *ecdsaVerifier) Verify(signingInput, signature []byte) error {
	if len(signature) != 2*e.size {
		return sigError(e.alg, "%d bytes, want %d (R||S, RFC 7518 §3.4)", len(signature), 2*e.size)
	}
	r, s := signature[:e.size], signature[e.size:]
	if !e.inRange(r) {
		return sigError(e.alg, "r is zero or not below the group order")
	}
	if !e.inRange(s) {
		return sigError(e.alg, "s is zero or not below the group order")
	}
	// One buffer for the digest and the DER signature: crypto/ecdsa keeps
	// its arguments from the stack, so each would be an allocation.
	var buf [sha512.Size + 3 + 2*(3+66)]byte
	d := digest(e.hash, signingInput, (*[sha512.Size]byte)(buf[:sha512.Size]))
	if !ecdsa.VerifyASN1(e.pub, d, rsToDER(buf[sha512.Size:sha512.Size], r, s)) {
		return sigError(e.alg, "ECDSA verification failed")
	}
	return nil
}

// inRange reports whether the big-endian scalar v, of the order's length,
// is in [1, n-1].
func (e *ecdsaVerifier) inRange(v []byte) bool {
	return !allZero(v) && bytes.Compare(v, e.order) < 0
}

func allZero(b []byte) bool {
	var acc byte
	for _, c := range b {
		acc |= c
	}
	return acc == 0
}

// rsToDER appends to dst the DER SEQUENCE { INTEGER r, INTEGER s } for the
// nonzero unsigned big-endian r and s, each at most 66 bytes.
func rsToDER(dst, r, s []byte) []byte {
	var body [2 * (3 + 66)]byte
	b := appendDERInt(appendDERInt(body[:0], r), s)
	dst = append(dst, 0x30)
	if len(b) >= 0x80 {
		dst = append(dst, 0x81)
	}
	dst = append(dst, byte(len(b)))
	return append(dst, b...)
}

func appendDERInt(dst, v []byte) []byte {
	for len(v) > 1 && v[0] == 0 {
		v = v[1:]
	}
	n := len(v)
	if v[0]&0x80 != 0 {
		n++ // a leading zero keeps the INTEGER positive
	}
	dst = append(dst, 0x02, byte(n))
	if n > len(v) {
		dst = append(dst, 0)
	}
	return append(dst, v...)
}

// derToRS parses the DER SEQUENCE { INTEGER r, INTEGER s } that
// crypto.Signer implementations return and writes r and s, left-padded
// with zeros, into rOut and sOut. It refuses anything but minimal DER with
// positive integers that fit.
func derToRS(der, rOut, sOut []byte) bool {
	seq, rest, ok := derElement(der, 0x30)
	if !ok || len(rest) != 0 {
		return false
	}
	r, seq, ok := derElement(seq, 0x02)
	if !ok {
		return false
	}
	s, seq, ok := derElement(seq, 0x02)
	if !ok || len(seq) != 0 {
		return false
	}
	return putScalar(rOut, r) && putScalar(sOut, s)
}

// derElement splits off one DER element with the given tag. Lengths up to
// 255 are supported, which covers every ECDSA signature on P-521 or smaller.
func derElement(b []byte, tag byte) (content, rest []byte, ok bool) {
	if len(b) < 2 || b[0] != tag {
		return nil, nil, false
	}
	n, b := int(b[1]), b[2:]
	if n >= 0x80 {
		if n != 0x81 || len(b) == 0 || b[0] < 0x80 {
			return nil, nil, false // only the minimal one-byte long form
		}
		n, b = int(b[0]), b[1:]
	}
	if len(b) < n {
		return nil, nil, false
	}
	return b[:n], b[n:], true
}

// putScalar writes the DER INTEGER content v into dst, left-padded.
func putScalar(dst, v []byte) bool {
	if len(v) == 0 || v[0]&0x80 != 0 {
		return false // empty or negative
	}
	if len(v) > 1 && v[0] == 0 && v[1]&0x80 == 0 {
		return false // not minimal
	}
	if v[0] == 0 {
		v = v[1:]
	}
	if len(v) > len(dst) {
		return false
	}
	clear(dst[:len(dst)-len(v)])
	copy(dst[len(dst)-len(v):], v)
	return true
}
