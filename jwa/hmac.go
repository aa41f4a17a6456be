package jwa

import (
	"bytes"
	"crypto"
	"crypto/hmac"
	"crypto/sha512"
	"hash"
	"sync"
)

// hmacScheme implements HS256, HS384 and HS512 (RFC 7518 §3.2).
type hmacScheme struct {
	alg  SignatureAlgorithm
	hash crypto.Hash
}

func (hmacScheme) KeyType() KeyType { return KeyTypeOct }

// NewSigner takes a []byte secret of at least the hash output size; the
// secret is copied.
func (s hmacScheme) NewSigner(key any) (Signer, error) { return s.newKey(key) }

// NewVerifier takes the same secret as NewSigner.
func (s hmacScheme) NewVerifier(key any) (Verifier, error) { return s.newKey(key) }

func (s hmacScheme) newKey(key any) (*hmacKey, error) {
	k, ok := key.([]byte)
	if !ok {
		// RFC 8725 §3.1: a key of another family is never an HMAC secret.
		return nil, keyError(s.alg, "got %T, want a []byte secret", key)
	}
	// RFC 7518 §3.2: a key of the same size as the hash output or larger
	// MUST be used.
	if len(k) < s.hash.Size() {
		return nil, keyError(s.alg, "secret of %d bytes, want at least %d (RFC 7518 §3.2)", len(k), s.hash.Size())
	}
	secret := bytes.Clone(k)
	m := &hmacKey{alg: s.alg, size: s.hash.Size()}
	newHash := s.hash.New
	m.pool.New = func() any { return &hmacState{h: hmac.New(newHash, secret)} }
	return m, nil
}

// hmacState is one keyed HMAC with room for its output, so that Verify
// computes the tag without allocating.
type hmacState struct {
	h   hash.Hash
	out [sha512.Size]byte
}

// hmacKey signs and verifies with one secret. Keyed HMAC states are pooled,
// so each call costs one HMAC computation and no key schedule; the pool
// hands a state to one goroutine at a time.
type hmacKey struct {
	alg  SignatureAlgorithm
	size int
	pool sync.Pool
}

// Sign returns the HMAC of signingInput.
func (m *hmacKey) Sign(signingInput []byte) ([]byte, error) {
	st := m.pool.Get().(*hmacState)
	st.h.Write(signingInput)
	tag := st.h.Sum(make([]byte, 0, m.size))
	st.h.Reset()
	m.pool.Put(st)
	return tag, nil
}

// Verify compares the HMAC of signingInput with signature in constant time.
// A tag of another length, truncated or empty, is refused before any work.
func (m *hmacKey) Verify(signingInput, signature []byte) error {
	if len(signature) != m.size {
		return sigError(m.alg, "%d bytes, want %d", len(signature), m.size)
	}
	st := m.pool.Get().(*hmacState)
	st.h.Write(signingInput)
	ok := hmac.Equal(st.h.Sum(st.out[:0]), signature)
	st.h.Reset()
	m.pool.Put(st)
	if !ok {
		return sigError(m.alg, "HMAC mismatch")
	}
	return nil
}
