package jwa

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha512"
	"math/big"
)

// RSA modulus limits, in bits.
const (
	// minRSABits is the smallest modulus for signing and for verifying
	// with an *rsa.PublicKey (RFC 7518 §3.3 and §3.5: 2048 bits or larger
	// MUST be used).
	minRSABits = 2048
	// minWeakRSABits is the smallest modulus a [WeakRSAPublicKey] may have.
	minWeakRSABits = 1024
	// maxRSABits bounds the cost of one verification with a hostile key.
	maxRSABits = 16384
)

// WeakRSAPublicKey wraps an RSA public key of 1024 to 2047 bits so that
// RS256/384/512 and PS256/384/512 verifiers accept it. Passing it is the
// caller's explicit opt-in to verifying legacy tokens signed with a key that
// RFC 7518 §3.3 no longer allows; a plain *rsa.PublicKey of that size is
// refused with [ErrInvalidKey].
//
// The wrapper relaxes the size floor only: a modulus under 1024 bits, over
// 16384 bits, or a public exponent that is even or below 3 is still refused.
// It is never usable for signing. Both WeakRSAPublicKey and
// *WeakRSAPublicKey are accepted by NewVerifier. Package jwk takes it as
// the same opt-in for a key with the ROCA fingerprint, which jwk.FromKey
// otherwise refuses.
type WeakRSAPublicKey struct {
	Key *rsa.PublicKey
}

// rsaScheme implements RS256/384/512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) and
// PS256/384/512 (RSASSA-PSS, RFC 7518 §3.5).
type rsaScheme struct {
	alg  SignatureAlgorithm
	hash crypto.Hash
	pss  bool
}

func (rsaScheme) KeyType() KeyType { return KeyTypeRSA }

// NewSigner takes an *rsa.PrivateKey or a crypto.Signer whose Public() is
// an *rsa.PublicKey, with a modulus of 2048 to 16384 bits and an odd
// exponent of at least 3. The consistency of the private values (primes,
// D) is not rechecked here: crypto/rsa refuses an inconsistent key on Sign.
func (s rsaScheme) NewSigner(key any) (Signer, error) {
	var signer crypto.Signer
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k == nil || k.N == nil || k.D == nil {
			return nil, keyError(s.alg, "nil or incomplete *rsa.PrivateKey")
		}
		signer = k
	case crypto.Signer:
		signer = k
	default:
		return nil, keyError(s.alg, "got %T, want *rsa.PrivateKey or a crypto.Signer with an RSA public key", key)
	}
	pub, err := signerPublic(s.alg, signer)
	if err != nil {
		return nil, err
	}
	rpub, ok := pub.(*rsa.PublicKey)
	if !ok {
		return nil, keyError(s.alg, "signer's public key is %T, want *rsa.PublicKey", pub)
	}
	if err := s.checkPublic(rpub, minRSABits); err != nil {
		return nil, err
	}
	rs := &rsaSigner{alg: s.alg, hash: s.hash, signer: signer, size: rpub.Size(), opts: s.hash}
	if s.pss {
		// RFC 7518 §3.5: the salt is as long as the hash output.
		rs.opts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: s.hash}
	}
	return rs, nil
}

// NewVerifier takes an *rsa.PublicKey of 2048 to 16384 bits, or a
// [WeakRSAPublicKey] (value or pointer) of 1024 to 16384 bits. The key is
// copied.
func (s rsaScheme) NewVerifier(key any) (Verifier, error) {
	var pub *rsa.PublicKey
	minBits := minRSABits
	switch k := key.(type) {
	case *rsa.PublicKey:
		pub = k
	case WeakRSAPublicKey:
		pub, minBits = k.Key, minWeakRSABits
	case *WeakRSAPublicKey:
		if k == nil {
			return nil, keyError(s.alg, "nil *WeakRSAPublicKey")
		}
		pub, minBits = k.Key, minWeakRSABits
	case *rsa.PrivateKey:
		return nil, keyError(s.alg, "got *rsa.PrivateKey, want its public key (&key.PublicKey)")
	default:
		return nil, keyError(s.alg, "got %T, want *rsa.PublicKey", key)
	}
	if err := s.checkPublic(pub, minBits); err != nil {
		return nil, err
	}
	v := &rsaVerifier{
		alg:  s.alg,
		hash: s.hash,
		pub:  &rsa.PublicKey{N: new(big.Int).Set(pub.N), E: pub.E},
	}
	if s.pss {
		// RFC 7518 §3.5: the salt is as long as the hash; it is not
		// detected from the signature.
		v.pssOpts = &rsa.PSSOptions{SaltLength: s.hash.Size(), Hash: s.hash}
	}
	return v, nil
}

// checkPublic checks the modulus size and the public exponent (T09).
func (s rsaScheme) checkPublic(pub *rsa.PublicKey, minBits int) error {
	if pub == nil || pub.N == nil || pub.N.Sign() <= 0 {
		return keyError(s.alg, "nil or incomplete *rsa.PublicKey")
	}
	if bits := pub.N.BitLen(); bits < minBits {
		if minBits == minRSABits && bits >= minWeakRSABits {
			return keyError(s.alg, "%d-bit modulus, want at least %d (RFC 7518 §3.3; wrap a legacy verification key in WeakRSAPublicKey)", bits, minBits)
		}
		return keyError(s.alg, "%d-bit modulus, want at least %d", bits, minBits)
	} else if bits > maxRSABits {
		return keyError(s.alg, "%d-bit modulus, want at most %d", bits, maxRSABits)
	}
	if pub.N.Bit(0) == 0 {
		return keyError(s.alg, "even modulus")
	}
	if pub.E < 3 || pub.E%2 == 0 {
		return keyError(s.alg, "public exponent %d, want an odd number of at least 3", pub.E)
	}
	return nil
}

type rsaSigner struct {
	alg    SignatureAlgorithm
	hash   crypto.Hash
	signer crypto.Signer
	opts   crypto.SignerOpts
	size   int
}

// Sign hashes signingInput and signs the digest. PSS draws its salt from
// crypto/rand.
func (r *rsaSigner) Sign(signingInput []byte) ([]byte, error) {
	var buf [sha512.Size]byte
	sig, err := r.signer.Sign(rand.Reader, digest(r.hash, signingInput, &buf), r.opts)
	if err != nil {
		return nil, signFailed(r.alg, "%w", err)
	}
	if len(sig) != r.size {
		return nil, signFailed(r.alg, "signer returned %d bytes, want %d", len(sig), r.size)
	}
	return sig, nil
}

type rsaVerifier struct {
	alg     SignatureAlgorithm
	hash    crypto.Hash
	pub     *rsa.PublicKey
	pssOpts *rsa.PSSOptions // nil for PKCS #1 v1.5
}

// Verify checks signature, which must be exactly as long as the modulus.
// PKCS #1 v1.5 verification re-encodes the expected DigestInfo and compares
// it whole, so BER variants, a missing NULL and trailing garbage fail (T16).
func (r *rsaVerifier) Verify(signingInput, signature []byte) error {
	if k := r.pub.Size(); len(signature) != k {
		return sigError(r.alg, "%d bytes, want %d", len(signature), k)
	}
	var buf [sha512.Size]byte
	d := digest(r.hash, signingInput, &buf)
	var err error
	if r.pssOpts != nil {
		err = rsa.VerifyPSS(r.pub, r.hash, d, signature, r.pssOpts)
	} else {
		err = rsa.VerifyPKCS1v15(r.pub, r.hash, d, signature)
	}
	if err != nil {
		return sigError(r.alg, "%w", err)
	}
	return nil
}
