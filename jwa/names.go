package jwa

// SignatureAlgorithm names a JWS "alg" value (RFC 7518 §3, RFC 8037,
// RFC 9864). Its value is the exact IANA string.
type SignatureAlgorithm string

// Signature algorithms.
const (
	HS256 SignatureAlgorithm = "HS256" // HMAC with SHA-256, RFC 7518 §3.2
	HS384 SignatureAlgorithm = "HS384" // HMAC with SHA-384, RFC 7518 §3.2
	HS512 SignatureAlgorithm = "HS512" // HMAC with SHA-512, RFC 7518 §3.2

	RS256 SignatureAlgorithm = "RS256" // RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 §3.3
	RS384 SignatureAlgorithm = "RS384" // RSASSA-PKCS1-v1_5 with SHA-384, RFC 7518 §3.3
	RS512 SignatureAlgorithm = "RS512" // RSASSA-PKCS1-v1_5 with SHA-512, RFC 7518 §3.3

	PS256 SignatureAlgorithm = "PS256" // RSASSA-PSS with SHA-256 and MGF1 with SHA-256, RFC 7518 §3.5
	PS384 SignatureAlgorithm = "PS384" // RSASSA-PSS with SHA-384 and MGF1 with SHA-384, RFC 7518 §3.5
	PS512 SignatureAlgorithm = "PS512" // RSASSA-PSS with SHA-512 and MGF1 with SHA-512, RFC 7518 §3.5

	ES256 SignatureAlgorithm = "ES256" // ECDSA with P-256 and SHA-256, RFC 7518 §3.4
	ES384 SignatureAlgorithm = "ES384" // ECDSA with P-384 and SHA-384, RFC 7518 §3.4
	ES512 SignatureAlgorithm = "ES512" // ECDSA with P-521 and SHA-512, RFC 7518 §3.4

	// EdDSA is the polymorphic EdDSA identifier of RFC 8037 §3.1; the curve
	// comes from the key. This library implements it for Ed25519 keys only.
	// RFC 9864 deprecates it in favour of [Ed25519].
	EdDSA SignatureAlgorithm = "EdDSA"
	// Ed25519 is the fully-specified EdDSA with Ed25519 of RFC 9864 §2.2.
	Ed25519 SignatureAlgorithm = "Ed25519"

	// ES256K is ECDSA with secp256k1 and SHA-256 (RFC 8812 §3.2). It is a
	// name only here: importing the nested module
	// github.com/joseproject/jose/ext/secp256k1 registers it.
	ES256K SignatureAlgorithm = "ES256K"
	// Ed448 is the fully-specified EdDSA with Ed448 of RFC 9864 §2.3. It is
	// a name only here: importing the nested module
	// github.com/joseproject/jose/ext/ed448 registers it.
	Ed448 SignatureAlgorithm = "Ed448"

	// ML-DSA (FIPS 204) with an empty context, for keys of kty "AKP" (RFC
	// 9964, published from draft-ietf-cose-dilithium-11, whose examples are
	// the tests' vectors). Built
	// in from Go 1.27 on (crypto/mldsa); with Go 1.26 they are names only.
	ML_DSA_44 SignatureAlgorithm = "ML-DSA-44"
	ML_DSA_65 SignatureAlgorithm = "ML-DSA-65"
	ML_DSA_87 SignatureAlgorithm = "ML-DSA-87"

	// NoSignature is "none", the unsecured JWS of RFC 7518 §3.6. It is a name
	// only: no implementation is registered, and jws reaches it only through
	// an option whose name says it is unsafe.
	NoSignature SignatureAlgorithm = "none"
)

// KeyAlgorithm names a JWE "alg" value: how the content encryption key is
// determined (RFC 7518 §4). Its value is the exact IANA string.
type KeyAlgorithm string

// Key management algorithms.
const (
	// RSA1_5 is RSAES-PKCS1-v1_5 (RFC 7518 §4.2). Deprecated: kept to read
	// old tokens; RFC 8725 §3.2 advises against it. Decryption applies the
	// RFC 7516 §11.5 mitigation.
	RSA1_5       KeyAlgorithm = "RSA1_5"
	RSA_OAEP     KeyAlgorithm = "RSA-OAEP"     // RSAES OAEP with SHA-1 and MGF1 with SHA-1, RFC 7518 §4.3
	RSA_OAEP_256 KeyAlgorithm = "RSA-OAEP-256" // RSAES OAEP with SHA-256 and MGF1 with SHA-256, RFC 7518 §4.3
	RSA_OAEP_384 KeyAlgorithm = "RSA-OAEP-384" // RSAES OAEP with SHA-384 and MGF1 with SHA-384 (IANA registry, W3C WebCrypto)
	RSA_OAEP_512 KeyAlgorithm = "RSA-OAEP-512" // RSAES OAEP with SHA-512 and MGF1 with SHA-512 (IANA registry, W3C WebCrypto)

	A128KW KeyAlgorithm = "A128KW" // AES Key Wrap with a 128-bit key, RFC 7518 §4.4
	A192KW KeyAlgorithm = "A192KW" // AES Key Wrap with a 192-bit key, RFC 7518 §4.4
	A256KW KeyAlgorithm = "A256KW" // AES Key Wrap with a 256-bit key, RFC 7518 §4.4

	Direct KeyAlgorithm = "dir" // the shared symmetric key is the CEK, RFC 7518 §4.5

	ECDH_ES        KeyAlgorithm = "ECDH-ES"        // ECDH-ES direct key agreement with Concat KDF, RFC 7518 §4.6
	ECDH_ES_A128KW KeyAlgorithm = "ECDH-ES+A128KW" // ECDH-ES with Concat KDF, then A128KW, RFC 7518 §4.6
	ECDH_ES_A192KW KeyAlgorithm = "ECDH-ES+A192KW" // ECDH-ES with Concat KDF, then A192KW, RFC 7518 §4.6
	ECDH_ES_A256KW KeyAlgorithm = "ECDH-ES+A256KW" // ECDH-ES with Concat KDF, then A256KW, RFC 7518 §4.6

	A128GCMKW KeyAlgorithm = "A128GCMKW" // key wrapping with AES-GCM and a 128-bit key, RFC 7518 §4.7
	A192GCMKW KeyAlgorithm = "A192GCMKW" // key wrapping with AES-GCM and a 192-bit key, RFC 7518 §4.7
	A256GCMKW KeyAlgorithm = "A256GCMKW" // key wrapping with AES-GCM and a 256-bit key, RFC 7518 §4.7

	PBES2_HS256_A128KW KeyAlgorithm = "PBES2-HS256+A128KW" // PBES2 with HMAC SHA-256 and A128KW, RFC 7518 §4.8
	PBES2_HS384_A192KW KeyAlgorithm = "PBES2-HS384+A192KW" // PBES2 with HMAC SHA-384 and A192KW, RFC 7518 §4.8
	PBES2_HS512_A256KW KeyAlgorithm = "PBES2-HS512+A256KW" // PBES2 with HMAC SHA-512 and A256KW, RFC 7518 §4.8
)

// ContentEncryption names a JWE "enc" value (RFC 7518 §5). Its value is the
// exact IANA string.
type ContentEncryption string

// Content encryption algorithms.
const (
	A128CBC_HS256 ContentEncryption = "A128CBC-HS256" // AES-128-CBC with HMAC SHA-256, RFC 7518 §5.2.3
	A192CBC_HS384 ContentEncryption = "A192CBC-HS384" // AES-192-CBC with HMAC SHA-384, RFC 7518 §5.2.4
	A256CBC_HS512 ContentEncryption = "A256CBC-HS512" // AES-256-CBC with HMAC SHA-512, RFC 7518 §5.2.5

	A128GCM ContentEncryption = "A128GCM" // AES-GCM with a 128-bit key, RFC 7518 §5.3
	A192GCM ContentEncryption = "A192GCM" // AES-GCM with a 192-bit key, RFC 7518 §5.3
	A256GCM ContentEncryption = "A256GCM" // AES-GCM with a 256-bit key, RFC 7518 §5.3

	// C20P is ChaCha20-Poly1305 with a 96-bit nonce
	// (draft-amringer-jose-chacha). Draft; may change: the name comes from
	// an individual Internet-Draft, not an RFC, and is outside the
	// compatibility promise until one fixes it.
	C20P ContentEncryption = "C20P"
	// XC20P is XChaCha20-Poly1305 with a 192-bit nonce
	// (draft-amringer-jose-chacha). Draft; may change, as [C20P].
	XC20P ContentEncryption = "XC20P"
)

// CompressionAlgorithm names a JWE "zip" value (RFC 7516 §4.1.3).
type CompressionAlgorithm string

// Compression algorithms.
const (
	// Deflate is "DEF": raw DEFLATE (RFC 1951), RFC 7518 §7.3.
	Deflate CompressionAlgorithm = "DEF"
)

// KeyType names a JWK "kty" value (RFC 7518 §6.1, RFC 8037 §2,
// draft-ietf-cose-dilithium-11 §3).
type KeyType string

// Key types.
const (
	KeyTypeEC  KeyType = "EC"  // elliptic curve, RFC 7518 §6.2
	KeyTypeRSA KeyType = "RSA" // RSA, RFC 7518 §6.3
	KeyTypeOct KeyType = "oct" // octet sequence (a symmetric secret), RFC 7518 §6.4
	KeyTypeOKP KeyType = "OKP" // octet key pair (Ed25519, X25519), RFC 8037 §2
	KeyTypeAKP KeyType = "AKP" // algorithm key pair (ML-DSA), draft-ietf-cose-dilithium-11 §3
)

// Curve names a JWK "crv" value (RFC 7518 §6.2.1.1, RFC 8037 §2).
type Curve string

// Curves.
const (
	P256         Curve = "P-256"   // NIST P-256, RFC 7518 §6.2.1.1
	P384         Curve = "P-384"   // NIST P-384, RFC 7518 §6.2.1.1
	P521         Curve = "P-521"   // NIST P-521, RFC 7518 §6.2.1.1
	CurveEd25519 Curve = "Ed25519" // Ed25519 signing keys, RFC 8037 §2
	X25519       Curve = "X25519"  // X25519 key agreement keys, RFC 8037 §2

	// The curves below are names only in this module: the nested modules
	// ext/secp256k1 and ext/ed448 implement them.
	Secp256k1  Curve = "secp256k1" // EC secp256k1 keys, RFC 8812 §3.1
	CurveEd448 Curve = "Ed448"     // Ed448 signing keys, RFC 8037 §2
	X448       Curve = "X448"      // X448 key agreement keys, RFC 8037 §2
)
