// Package jwa names the JOSE algorithms and implements them over standard
// library keys ([RFC 7518], [RFC 8037], [RFC 9864]).
//
// It knows nothing about headers or JSON: it signs and verifies byte
// strings, protects content encryption keys, and encrypts content. Most
// programs use it only for the algorithm names (jwa.ES256, jwa.A256GCM) that
// they pass to the jws, jwe and jwt packages.
//
// Each algorithm is a typed string whose value is its IANA name. A key is
// bound to an algorithm once, with [SignatureAlgorithm.NewSigner],
// [SignatureAlgorithm.NewVerifier], [KeyAlgorithm.NewKeyEncrypter],
// [KeyAlgorithm.NewKeyDecrypter] or [ContentEncryption.NewCipher]; that is
// where the key's type, size and curve are checked, never on each use. A
// refused key wraps [ErrInvalidKey]. The bound values are safe for
// concurrent use.
//
// # Signature algorithms and their keys
//
//   - HS256, HS384, HS512: a []byte secret of at least 32, 48 or 64 bytes
//     (RFC 7518 §3.2). No other key type is accepted, and no other signature
//     algorithm accepts a []byte, so a public key can never serve as an HMAC
//     secret.
//   - RS256, RS384, RS512, PS256, PS384, PS512: sign with an *rsa.PrivateKey
//     or a crypto.Signer whose public key is an *rsa.PublicKey; verify with
//     an *rsa.PublicKey of 2048 to 16384 bits with an odd exponent of at
//     least 3. [WeakRSAPublicKey] is the explicit opt-in to verify legacy
//     tokens with 1024- to 2047-bit keys. PSS uses a salt as long as the
//     hash, on signing and on verifying.
//   - ES256, ES384, ES512: sign with an *ecdsa.PrivateKey or a crypto.Signer
//     whose public key is an *ecdsa.PublicKey; verify with an
//     *ecdsa.PublicKey on the matching curve. A signature is only the
//     fixed-length R‖S of RFC 7518 §3.4 (64, 96 or 132 bytes) with r and s
//     in [1, n-1].
//   - EdDSA (RFC 8037, Ed25519 keys only; deprecated by RFC 9864) and Ed25519
//     (RFC 9864): sign with an ed25519.PrivateKey or a crypto.Signer whose
//     public key is an ed25519.PublicKey; verify with an ed25519.PublicKey
//     that is not of small order.
//   - ML-DSA-44, ML-DSA-65, ML-DSA-87 (draft-ietf-cose-dilithium, RFC 9964;
//     kty "AKP"), with Go 1.27 or later: sign with an *mldsa.PrivateKey or a
//     crypto.Signer whose public key is an *mldsa.PublicKey; verify with an
//     *mldsa.PublicKey. The key's parameter set must be the algorithm's.
//     Signing is hedged (randomized) with the empty context. Built with Go
//     1.26 they are names only and fail with [ErrUnsupportedAlgorithm],
//     saying Go 1.27 is needed.
//   - none ([NoSignature]) is a name only: nothing implements it.
//
// # Key management algorithms and their keys
//
//   - RSA1_5 (deprecated, for reading old tokens; a bad encrypted key yields
//     a random CEK, RFC 7516 §11.5), RSA-OAEP, RSA-OAEP-256, RSA-OAEP-384,
//     RSA-OAEP-512: encrypt with an *rsa.PublicKey; decrypt with an
//     *rsa.PrivateKey or a crypto.Decrypter whose public key is an
//     *rsa.PublicKey; at least 2048 bits.
//   - A128KW, A192KW, A256KW (AES Key Wrap, RFC 3394) and A128GCMKW,
//     A192GCMKW, A256GCMKW: a []byte of exactly 16, 24 or 32 bytes.
//   - dir: a []byte as long as the CEK of the content encryption.
//   - ECDH-ES and ECDH-ES+A128KW, +A192KW, +A256KW: encrypt with an
//     *ecdh.PublicKey or *ecdsa.PublicKey, decrypt with an *ecdh.PrivateKey
//     or *ecdsa.PrivateKey, on P-256, P-384, P-521 or X25519. Every
//     encryption draws a fresh ephemeral key; the peer's key must be on the
//     recipient's curve, and an all-zero X25519 secret is refused.
//   - PBES2-HS256+A128KW, PBES2-HS384+A192KW, PBES2-HS512+A256KW: the
//     password as a non-empty []byte. See [DefaultP2C] and [DefaultMaxP2C]
//     for the iteration counts and why. A count under [MinP2C] (1000, RFC
//     7518 §4.8.1.2) is never written and is refused on decryption unless
//     [KeyParams.MinP2C] lowers the floor; a "p2s" under 8 bytes (RFC 7518
//     §4.8.1.1) is refused on both sides. Decrypters that share a
//     [PBKDF2Budget] stop deriving when it is spent, which bounds the work
//     of a token with many PBES2 recipients or a caller with many
//     passwords.
//
// # Content encryption
//
//   - A128CBC-HS256, A192CBC-HS384, A256CBC-HS512 (RFC 7518 §5.2): the tag
//     is checked in constant time before anything is decrypted.
//   - A128GCM, A192GCM, A256GCM (RFC 7518 §5.3): 96-bit IV, 128-bit tag.
//   - C20P and XC20P (draft-amringer-jose-chacha): ChaCha20-Poly1305 and
//     XChaCha20-Poly1305 with a 32-byte key.
//
// Every Seal draws a fresh random IV. Open refuses a wrong IV, tag or
// ciphertext length, a wrong tag and bad padding with the same
// [ErrDecryption].
//
// # Compression
//
// DEF ([Deflate], RFC 7518 §7.3) is raw DEFLATE. Decompress stops with
// [ErrLimitExceeded] as soon as the output passes its limit
// ([DefaultMaxDecompressedSize] unless the caller gives one).
//
// # Adding algorithms
//
// An application may add algorithms with [RegisterSignature],
// [RegisterKeyManagement] and [RegisterContentEncryption]. Registering makes
// an algorithm available, never acceptable: verifiers and decrypters still
// name the algorithms they accept. A key held in a KMS or HSM needs no
// registration: it arrives as a crypto.Signer or crypto.Decrypter.
//
// [RFC 7518]: https://www.rfc-editor.org/rfc/rfc7518
// [RFC 8037]: https://www.rfc-editor.org/rfc/rfc8037
// [RFC 9864]: https://www.rfc-editor.org/rfc/rfc9864
package jwa
