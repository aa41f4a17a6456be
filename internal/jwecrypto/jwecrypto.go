// Package jwecrypto holds the interfaces through which package jwe reaches
// what jwa's built-in algorithms offer beyond jwa's public interfaces: content
// encryption into and out of a buffer jwe owns, and the Integrated
// Encryption of HPKE (draft-ietf-jose-hpke-encrypt §5), in which the key
// management algorithm seals the content itself.
//
// They live here, not in jwa, so that jwa's API does not export hooks that
// only jwe calls, nor freeze a draft's shape. jwa's unexported types
// implement them by their method sets; jwa never imports this package (it
// imports jwa), and this package's tests check that every built-in
// algorithm implements what jwe expects of it.
package jwecrypto

import "github.com/joseproject/jose/jwa"

// AppendSealer is implemented by the built-in content ciphers, so that jwe
// encrypts into a buffer it owns (one it reuses, or the output it is
// assembling).
//
// AppendSeal is [jwa.ContentCipher.Seal] that appends a fresh random IV,
// the ciphertext and the tag to dst, growing it as append does, and returns
// the result and the three parts as slices of it. Nothing but those three
// is left in the result, so the caller may reuse it for anything.
type AppendSealer interface {
	AppendSeal(dst, plaintext, aad []byte) ([]byte, jwa.Sealed, error)
}

// InPlaceOpener is implemented by the built-in content ciphers, so that a
// JWE whose parts were decoded into one buffer is opened without copying
// the ciphertext.
//
// OpenInPlace is [jwa.ContentCipher.Open] with the ciphertext and the tag
// given as one slice, the tag last: it checks the lengths and the tag, then
// writes the plaintext over the start of ciphertextAndTag and returns that
// prefix. Whether it succeeds or fails, the caller must treat the contents
// of ciphertextAndTag as gone. Every failure wraps [jwa.ErrDecryption].
type InPlaceOpener interface {
	OpenInPlace(iv, ciphertextAndTag, aad []byte) ([]byte, error)
}

// IntegratedEncrypter is implemented by the [jwa.KeyEncrypter] that
// [jwa.KeyAlgorithm.NewKeyEncrypter] returns for an Integrated Encryption
// algorithm ([jwa.KeyAlgorithm.IsIntegrated]; draft; may change).
//
// Seal encrypts plaintext with aad as the HPKE aad (the JWE Additional
// Authenticated Data, draft §7.1 step 15) and returns the encapsulated
// secret (the JWE Encrypted Key) and the ciphertext.
type IntegratedEncrypter interface {
	Seal(plaintext, aad []byte) (encapsulated, ciphertext []byte, err error)
}

// IntegratedDecrypter is implemented by the [jwa.KeyDecrypter] that
// [jwa.KeyAlgorithm.NewKeyDecrypter] returns for an Integrated Encryption
// algorithm (draft; may change).
//
// Open decrypts. Every failure (an encapsulated secret of the wrong length
// or not on the curve, a wrong tag) wraps [jwa.ErrDecryption].
type IntegratedDecrypter interface {
	Open(encapsulated, ciphertext, aad []byte) ([]byte, error)
}
