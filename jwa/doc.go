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
//   - ML-DSA-44, ML-DSA-65, ML-DSA-87 (RFC 9964; kty "AKP"), with Go 1.27 or later: sign with an *mldsa.PrivateKey or a
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
//     [KeyLimits.MinP2C] lowers the floor; a "p2s" under 8 bytes (RFC 7518
//     §4.8.1.1) is refused on both sides. Decrypters that share a
//     [PBKDF2Budget] stop deriving when it is spent, which bounds the work
//     of a token with many PBES2 recipients or a caller with many
//     passwords.
//   - HPKE-0 to HPKE-17 and their "-KE" twins (draft-ietf-jose-hpke-encrypt,
//     draft-skokan-jose-hpke-pq-pqt; drafts, may change): see [HPKE_0] for
//     the keys and the two modes.
//
// # Content encryption
//
//   - A128CBC-HS256, A192CBC-HS384, A256CBC-HS512 (RFC 7518 §5.2): the tag
//     is checked in constant time before anything is decrypted.
//   - A128GCM, A192GCM, A256GCM (RFC 7518 §5.3): 96-bit IV, 128-bit tag.
//   - C20P and XC20P (draft-amringer-jose-chacha; draft, may change):
//     ChaCha20-Poly1305 and XChaCha20-Poly1305 with a 32-byte key.
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
// # FIPS 140-3 mode
//
// Every algorithm has a FIPS 140-3 status ([SignatureAlgorithm.FIPS],
// [KeyAlgorithm.FIPS], [ContentEncryption.FIPS], [FIPSStatus]): approved, or
// not approved and why, from what Go's FIPS 140-3 module approves and the
// NIST documents that specify each algorithm (the README's algorithm table
// cites them). Not approved: RSA1_5 (SP 800-131A), RSA-OAEP with SHA-1
// (Go's module allows only SHA-2 and SHA-3 in OAEP), C20P and XC20P
// (ChaCha20-Poly1305), ES256K (secp256k1), Ed448 (not in Go's module), the
// HPKE suites over X25519 or ChaCha20-Poly1305, and "none"; everything else
// built in is approved. ECDH-ES is approved on the NIST curves only.
//
// When the program runs in FIPS 140-3 mode ([FIPSMode]: GODEBUG=fips140=on
// or only, or a GOFIPS140 build), the package refuses what is not approved,
// up front and with [ErrNotApproved], naming the algorithm and the reason:
//
//   - a lookup ([SignatureAlgorithm.Scheme] and the others) of an algorithm
//     that is not approved, so that nothing can bind a key to it, and jws,
//     jwe, jwt and jwk, which bind keys through this package, refuse it too
//     ([SignatureAlgorithm.CheckFIPS] lets their options refuse it by name);
//   - binding a key FIPS 140-3 forbids to an approved algorithm
//     ([CheckFIPSKey]): an RSA key of under 2048 bits or of odd length, with
//     a public exponent of at most 2^16, or with other than two primes of
//     equal length (so a [WeakRSAPublicKey] serves only with 2048 bits or
//     more); an X25519 key or an extension curve's key for ECDH-ES;
//   - a PBES2 salt input (p2s) under the 128 bits of SP 800-132, whether the
//     caller gives it or a token carries it.
//
// AES-GCM (A128GCM and its siblings, and A128GCMKW and its siblings) then
// lets Go's module draw each IV (cipher.NewGCMWithRandomNonce, FIPS 140-3
// IG C.H scenario 2), since fips140=only refuses GCM with an IV from
// outside; the output is the same JOSE IV, ciphertext and tag. An
// algorithm registered by the application is not approved unless its
// scheme says so ([FIPSDeclarer]). Outside FIPS 140-3 mode none of this
// changes what the package does.
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
