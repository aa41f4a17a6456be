package jwa

// Signature algorithms and the keys they take.
//
// Every key is checked once, by NewSigner or NewVerifier; Sign and Verify do
// no key checks. A wrong key type, a typed nil, or a key that fails a check
// is an error wrapping [ErrInvalidKey]. A key of one family is never accepted
// by another: only HS256/384/512 take a []byte, and they take nothing else.
//
//	HS256, HS384, HS512 (kty "oct", RFC 7518 §3.2)
//	    sign and verify: []byte of at least 32, 48 or 64 bytes (the hash
//	    output size). The secret is copied.
//	RS256, RS384, RS512 (kty "RSA", RFC 7518 §3.3) and
//	PS256, PS384, PS512 (kty "RSA", RFC 7518 §3.5)
//	    sign: *rsa.PrivateKey, or a crypto.Signer whose Public() is an
//	    *rsa.PublicKey. verify: *rsa.PublicKey, or [WeakRSAPublicKey] for a
//	    legacy key of 1024 to 2047 bits. The modulus has 2048 to 16384 bits;
//	    the public exponent is odd and at least 3. PSS uses a salt as long as
//	    the hash, on signing and on verifying.
//	ES256, ES384, ES512 (kty "EC", RFC 7518 §3.4)
//	    sign: *ecdsa.PrivateKey, or a crypto.Signer whose Public() is an
//	    *ecdsa.PublicKey. verify: *ecdsa.PublicKey. The curve is P-256,
//	    P-384 or P-521 respectively. Signatures are the fixed-length R||S
//	    form (64, 96 or 132 bytes) and nothing else.
//	EdDSA (RFC 8037 §3.1) and Ed25519 (RFC 9864) (kty "OKP")
//	    sign: ed25519.PrivateKey (64 bytes), or a crypto.Signer whose Public()
//	    is an ed25519.PublicKey. verify: ed25519.PublicKey of 32 bytes that is
//	    neither of small order nor a non-canonical encoding. Only Ed25519 keys
//	    are implemented for EdDSA.
//	ML-DSA-44, ML-DSA-65, ML-DSA-87 (kty "AKP", RFC 9964)
//	    Go 1.27 or later (crypto/mldsa); before, they wrap
//	    ErrUnsupportedAlgorithm. sign: *mldsa.PrivateKey, or a crypto.Signer
//	    whose Public() is an *mldsa.PublicKey. verify: *mldsa.PublicKey. The
//	    key's parameter set must be the algorithm's. See mldsa.go.
//
// "none" has no implementation.

import (
	"crypto"
	"crypto/elliptic"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"maps"

	"github.com/joseproject/jose/internal/nilcheck"
)

// builtinSignatures lists the signature algorithms the library implements.
// The one table is assembled here: the algorithms whose implementation needs
// a newer Go than go.mod's come from a table of their own in a file with a
// build constraint (mldsaSignatures, empty before Go 1.27).
var builtinSignatures = withSignatures(mldsaSignatures, map[SignatureAlgorithm]SignatureScheme{
	HS256: hmacScheme{alg: HS256, hash: crypto.SHA256},
	HS384: hmacScheme{alg: HS384, hash: crypto.SHA384},
	HS512: hmacScheme{alg: HS512, hash: crypto.SHA512},

	RS256: rsaScheme{alg: RS256, hash: crypto.SHA256},
	RS384: rsaScheme{alg: RS384, hash: crypto.SHA384},
	RS512: rsaScheme{alg: RS512, hash: crypto.SHA512},

	PS256: rsaScheme{alg: PS256, hash: crypto.SHA256, pss: true},
	PS384: rsaScheme{alg: PS384, hash: crypto.SHA384, pss: true},
	PS512: rsaScheme{alg: PS512, hash: crypto.SHA512, pss: true},

	ES256: newECDSAScheme(ES256, crypto.SHA256, elliptic.P256()),
	ES384: newECDSAScheme(ES384, crypto.SHA384, elliptic.P384()),
	ES512: newECDSAScheme(ES512, crypto.SHA512, elliptic.P521()),

	EdDSA:   ed25519Scheme{alg: EdDSA},
	Ed25519: ed25519Scheme{alg: Ed25519},
})

// withSignatures returns table with the entries of more added.
func withSignatures(more, table map[SignatureAlgorithm]SignatureScheme) map[SignatureAlgorithm]SignatureScheme {
	maps.Copy(table, more)
	return table
}

// keyError reports a key that alg cannot use.
func keyError(alg SignatureAlgorithm, format string, args ...any) error {
	return fmt.Errorf("jwa: %s key: "+format+": %w", append(append([]any{alg}, args...), ErrInvalidKey)...)
}

// sigError reports a signature that did not verify.
func sigError(alg SignatureAlgorithm, format string, args ...any) error {
	return fmt.Errorf("jwa: %s signature: "+format+": %w", append(append([]any{alg}, args...), ErrInvalidSignature)...)
}

// signFailed reports that producing a signature failed; it is not a key or
// signature sentinel, since the cause is the signer's (an HSM, a KMS),
// which format wraps with %w so that errors.Is finds it.
func signFailed(alg SignatureAlgorithm, format string, args ...any) error {
	return fmt.Errorf("jwa: %s sign: "+format, append([]any{alg}, args...)...)
}

// signerPublic returns s.Public(), refusing a nil signer and one whose
// Public method panics or returns nil.
func signerPublic(alg SignatureAlgorithm, s crypto.Signer) (pub crypto.PublicKey, err error) {
	if nilcheck.IsNil(s) {
		return nil, keyError(alg, "nil %T", s)
	}
	defer func() {
		if r := recover(); r != nil {
			pub, err = nil, keyError(alg, "%T.Public panicked", s)
		}
	}()
	pub = s.Public()
	if nilcheck.IsNil(pub) {
		return nil, keyError(alg, "%T.Public returned nil", s)
	}
	return pub, nil
}

// digest hashes msg with h into buf. The three hashes JWS uses are called
// directly so that hashing allocates nothing.
func digest(h crypto.Hash, msg []byte, buf *[sha512.Size]byte) []byte {
	switch h {
	case crypto.SHA256:
		d := sha256.Sum256(msg)
		return append(buf[:0], d[:]...)
	case crypto.SHA384:
		d := sha512.Sum384(msg)
		return append(buf[:0], d[:]...)
	case crypto.SHA512:
		d := sha512.Sum512(msg)
		return append(buf[:0], d[:]...)
	}
	hh := h.New()
	hh.Write(msg)
	return hh.Sum(buf[:0])
}
