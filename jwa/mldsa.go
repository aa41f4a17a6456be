//go:build go1.27

package jwa

import (
	"crypto"
	"crypto/mldsa"
	"crypto/rand"
)

// ML-DSA (FIPS 204) for JOSE, as draft-ietf-cose-dilithium-11 (RFC 9964)
// defines it. The implementation is Go 1.27's crypto/mldsa, so this file is
// built with Go 1.27 and later only; mldsa_go126.go stands in for it before.

// mldsaSignatures are the ML-DSA entries of builtinSignatures.
var mldsaSignatures = map[SignatureAlgorithm]SignatureScheme{
	ML_DSA_44: mldsaScheme{alg: ML_DSA_44, params: mldsa.MLDSA44()},
	ML_DSA_65: mldsaScheme{alg: ML_DSA_65, params: mldsa.MLDSA65()},
	ML_DSA_87: mldsaScheme{alg: ML_DSA_87, params: mldsa.MLDSA87()},
}

// unavailableSignatures is empty: every algorithm this library names is
// built in with this Go.
var unavailableSignatures map[SignatureAlgorithm]string

// mldsaScheme implements one ML-DSA parameter set. Signing is pure ML-DSA
// (FIPS 204 Algorithm 2) with the empty context string that
// draft-ietf-cose-dilithium-11 §5 requires; HashML-DSA is not offered (its
// §7.2).
type mldsaScheme struct {
	alg    SignatureAlgorithm
	params mldsa.Parameters
}

func (mldsaScheme) KeyType() KeyType { return KeyTypeAKP }

// mldsaParams returns the parameter set of pub, refusing nil and the zero
// value, whose Parameters method panics.
func mldsaParams(pub *mldsa.PublicKey) (p mldsa.Parameters, ok bool) {
	if pub == nil {
		return p, false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return pub.Parameters(), true
}

// checkPublic refuses a public key of another parameter set: an ML-DSA-44
// key is never used for ML-DSA-65 (T03).
func (s mldsaScheme) checkPublic(pub *mldsa.PublicKey) error {
	p, ok := mldsaParams(pub)
	if !ok {
		return keyError(s.alg, "nil or zero *mldsa.PublicKey")
	}
	if p != s.params {
		return keyError(s.alg, "the key is an %s key", p)
	}
	return nil
}

// NewSigner takes an *mldsa.PrivateKey of the algorithm's parameter set, or
// a crypto.Signer (an HSM, a KMS) whose Public() is an *mldsa.PublicKey of
// that set. A typed nil or a zero key wraps [ErrInvalidKey].
func (s mldsaScheme) NewSigner(key any) (Signer, error) {
	switch k := key.(type) {
	case *mldsa.PrivateKey:
		if k == nil {
			return nil, keyError(s.alg, "nil *mldsa.PrivateKey")
		}
		if err := s.checkPublic(k.PublicKey()); err != nil {
			return nil, err
		}
		return &mldsaSigner{alg: s.alg, size: s.params.SignatureSize(), signer: k}, nil
	case crypto.Signer:
		pub, err := signerPublic(s.alg, k)
		if err != nil {
			return nil, err
		}
		p, ok := pub.(*mldsa.PublicKey)
		if !ok {
			return nil, keyError(s.alg, "signer's public key is %T, want *mldsa.PublicKey", pub)
		}
		if err := s.checkPublic(p); err != nil {
			return nil, err
		}
		return &mldsaSigner{alg: s.alg, size: s.params.SignatureSize(), signer: k}, nil
	}
	return nil, keyError(s.alg, "got %T, want *mldsa.PrivateKey or a crypto.Signer with an ML-DSA public key", key)
}

// NewVerifier takes an *mldsa.PublicKey of the algorithm's parameter set.
// crypto/mldsa checked its encoding when it was made.
func (s mldsaScheme) NewVerifier(key any) (Verifier, error) {
	switch k := key.(type) {
	case *mldsa.PublicKey:
		if err := s.checkPublic(k); err != nil {
			return nil, err
		}
		return &mldsaVerifier{alg: s.alg, size: s.params.SignatureSize(), pub: k}, nil
	case *mldsa.PrivateKey:
		return nil, keyError(s.alg, "got *mldsa.PrivateKey, want its public key (key.PublicKey())")
	}
	return nil, keyError(s.alg, "got %T, want *mldsa.PublicKey", key)
}

type mldsaSigner struct {
	alg    SignatureAlgorithm
	size   int
	signer crypto.Signer // an *mldsa.PrivateKey or an opaque signer
}

// Sign returns the ML-DSA signature of signingInput: the hedged
// (randomized) variant FIPS 204 recommends, with the empty context. A
// crypto.Signer is asked to sign the message itself (a zero hash).
func (m *mldsaSigner) Sign(signingInput []byte) ([]byte, error) {
	sig, err := m.signer.Sign(rand.Reader, signingInput, crypto.Hash(0))
	if err != nil {
		return nil, signFailed(m.alg, "%w", err)
	}
	if len(sig) != m.size {
		return nil, signFailed(m.alg, "signer returned %d bytes, want %d", len(sig), m.size)
	}
	return sig, nil
}

type mldsaVerifier struct {
	alg  SignatureAlgorithm
	size int
	pub  *mldsa.PublicKey
}

// Verify checks a signature of exactly the parameter set's size (2420, 3309
// or 4627 bytes) against signingInput with the empty context.
func (m *mldsaVerifier) Verify(signingInput, signature []byte) error {
	if len(signature) != m.size {
		return sigError(m.alg, "%d bytes, want %d", len(signature), m.size)
	}
	if err := mldsa.Verify(m.pub, signingInput, signature, nil); err != nil {
		return sigError(m.alg, "ML-DSA verification failed: %w", err)
	}
	return nil
}
