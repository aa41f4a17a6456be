package jwa

// The FIPS 140-3 status of every algorithm this package names: the one
// table that [SignatureAlgorithm.FIPS], [KeyAlgorithm.FIPS] and
// [ContentEncryption.FIPS] read and that FIPS 140-3 mode enforces. A test
// checks that every built-in algorithm has a row.
//
// Sources: the Go FIPS 140-3 module (crypto/internal/fips140/..., and what
// its callers refuse under GODEBUG=fips140=only), FIPS 180-4 (SHA-2), FIPS
// 186-5 (RSA, ECDSA and EdDSA signatures), FIPS 198-1 (HMAC), FIPS 203
// (ML-KEM), FIPS 204 (ML-DSA), SP 800-38A/D/F (AES modes), SP 800-56A
// Rev. 3 (ECC key agreement), SP 800-56B Rev. 2 (RSA key transport), SP
// 800-56C Rev. 2 (key derivation), SP 800-131A Rev. 2 (transitions), SP
// 800-132 (PBKDF2), SP 800-186 (curves), SP 800-227 (KEMs) and the FIPS
// 140-3 Implementation Guidance (IG C.H on GCM IVs).

const (
	basisHMAC      = "HMAC (FIPS 198-1) with SHA-2 (FIPS 180-4); the key is at least as long as the hash"
	basisRSAPKCS1  = "RSASSA-PKCS1-v1_5 with SHA-2 (FIPS 186-5 §5.4); RSA keys of 2048 bits or more with a public exponent over 2^16"
	basisRSAPSS    = "RSASSA-PSS with SHA-2, salt as long as the hash (FIPS 186-5 §5.4); RSA keys of 2048 bits or more with a public exponent over 2^16"
	basisECDSA     = "ECDSA with SHA-2 (FIPS 186-5 §6) on a NIST curve (SP 800-186)"
	basisEd25519   = "EdDSA with Ed25519 (FIPS 186-5 §7); Ed25519 keys only"
	basisMLDSA     = "ML-DSA (FIPS 204), pure, empty context; needs Go 1.27 (crypto/mldsa) and Go's FIPS module v1.26.0 or later"
	basisOAEP      = "RSAES-OAEP (KTS-OAEP, SP 800-56B Rev. 2 §7.2.2) with SHA-2; RSA keys of 2048 bits or more with a public exponent over 2^16"
	basisKW        = "AES Key Wrap (KW, SP 800-38F §6.2) over the module's AES"
	basisGCMKW     = "AES-GCM (SP 800-38D) with a random 96-bit IV drawn inside the module (IG C.H scenario 2)"
	basisECDHES    = "ECC CDH (SP 800-56A Rev. 3 §5.7.1.2) on P-256, P-384 or P-521, then the one-step KDF with SHA-256 (SP 800-56C Rev. 2 §4, the Concat KDF)"
	basisECDHESKW  = basisECDHES + ", then AES Key Wrap (SP 800-38F); X25519 and X448 keys are refused"
	basisPBES2     = "PBKDF2 with HMAC-SHA-2 (SP 800-132, which approves it for keys that protect stored data), a salt input (p2s) of at least 128 bits and a derived key of at least 112 bits, then AES Key Wrap (SP 800-38F)"
	basisCBCHMAC   = "AES-CBC (SP 800-38A) then HMAC with SHA-2 (FIPS 198-1) over the ciphertext (encrypt-then-MAC), with a random IV from the module's DRBG (SP 800-90A)"
	basisGCM       = "AES-GCM (SP 800-38D) with a random 96-bit IV drawn inside the module (IG C.H scenario 2: cipher.NewGCMWithRandomNonce)"
	basisChaCha    = "ChaCha20-Poly1305 is not a NIST-approved algorithm, and Go's FIPS module refuses it"
	basisSecp256k1 = "secp256k1 is not an approved curve (FIPS 186-5, SP 800-186)"
	basisEd448     = "FIPS 186-5 specifies Ed448, but Go's FIPS 140-3 module does not implement it: the implementation (ext/ed448) is outside the validated module"
	basisX25519    = "X25519 key agreement is not in SP 800-56A Rev. 3, and Go's FIPS 140-3 module refuses it"
	basisHPKEDH    = "HPKE with DHKEM on P-256, P-384 or P-521 (SP 800-56A Rev. 3), HKDF (SP 800-56C Rev. 2 §5) and AES-GCM with HPKE's nonces (IG C.H scenario 5), as Go's module runs it"
	basisHPKEMLKEM = "HPKE with ML-KEM (FIPS 203), alone or as a hybrid with an ECDH share on P-256, P-384 or X25519 (SP 800-227; Go's module treats the hybrids as approved, since ML-KEM carries the approval), SHAKE256 (FIPS 202) and AES-256-GCM with HPKE's nonces (IG C.H scenario 5)"
)

// signatureFIPS is the status of each signature algorithm.
var signatureFIPS = map[SignatureAlgorithm]FIPSStatus{
	HS256: {true, basisHMAC},
	HS384: {true, basisHMAC},
	HS512: {true, basisHMAC},

	RS256: {true, basisRSAPKCS1},
	RS384: {true, basisRSAPKCS1},
	RS512: {true, basisRSAPKCS1},

	PS256: {true, basisRSAPSS},
	PS384: {true, basisRSAPSS},
	PS512: {true, basisRSAPSS},

	ES256: {true, basisECDSA},
	ES384: {true, basisECDSA},
	ES512: {true, basisECDSA},

	EdDSA:   {true, basisEd25519},
	Ed25519: {true, basisEd25519},

	ML_DSA_44: {true, basisMLDSA},
	ML_DSA_65: {true, basisMLDSA},
	ML_DSA_87: {true, basisMLDSA},

	ES256K:      {false, basisSecp256k1},
	Ed448:       {false, basisEd448},
	NoSignature: {false, "an unsecured JWS has no signature"},
}

// keyManagementFIPS is the status of each key management algorithm; the
// HPKE rows come from each suite's parts (hpkeFIPS).
var keyManagementFIPS = withHPKEFIPS(map[KeyAlgorithm]FIPSStatus{
	RSA1_5:       {false, "RSAES-PKCS1-v1_5 key transport is disallowed after 2023 (SP 800-131A Rev. 2 §6), and Go's FIPS 140-3 module refuses it"},
	RSA_OAEP:     {false, "RSAES-OAEP with SHA-1: Go's FIPS 140-3 module allows only SHA-2 and SHA-3 in OAEP"},
	RSA_OAEP_256: {true, basisOAEP},
	RSA_OAEP_384: {true, basisOAEP},
	RSA_OAEP_512: {true, basisOAEP},

	A128KW: {true, basisKW},
	A192KW: {true, basisKW},
	A256KW: {true, basisKW},

	Direct: {true, "no algorithm of its own: the key is the CEK, and the content encryption's status applies"},

	ECDH_ES:        {true, basisECDHES + "; X25519 and X448 keys are refused"},
	ECDH_ES_A128KW: {true, basisECDHESKW},
	ECDH_ES_A192KW: {true, basisECDHESKW},
	ECDH_ES_A256KW: {true, basisECDHESKW},

	A128GCMKW: {true, basisGCMKW},
	A192GCMKW: {true, basisGCMKW},
	A256GCMKW: {true, basisGCMKW},

	PBES2_HS256_A128KW: {true, basisPBES2},
	PBES2_HS384_A192KW: {true, basisPBES2},
	PBES2_HS512_A256KW: {true, basisPBES2},
})

// withHPKEFIPS adds a row for each built-in HPKE algorithm. A suite is
// approved when its KEM and its AEAD are: ChaCha20-Poly1305 and a DHKEM
// over X25519 are not.
func withHPKEFIPS(table map[KeyAlgorithm]FIPSStatus) map[KeyAlgorithm]FIPSStatus {
	for alg, s := range builtinKeyManagement {
		suite, ok := s.(hpkeSuite)
		if !ok {
			continue
		}
		switch {
		case suite.aead == aeadChaCha:
			table[alg] = FIPSStatus{false, "HPKE with " + basisChaCha}
		case suite.kem == kemX25519:
			table[alg] = FIPSStatus{false, "HPKE with DHKEM(X25519): " + basisX25519}
		case suite.kem == kemP256 || suite.kem == kemP384 || suite.kem == kemP521:
			table[alg] = FIPSStatus{true, basisHPKEDH}
		default:
			table[alg] = FIPSStatus{true, basisHPKEMLKEM}
		}
	}
	return table
}

// contentFIPS is the status of each content encryption.
var contentFIPS = map[ContentEncryption]FIPSStatus{
	A128CBC_HS256: {true, basisCBCHMAC},
	A192CBC_HS384: {true, basisCBCHMAC},
	A256CBC_HS512: {true, basisCBCHMAC},

	A128GCM: {true, basisGCM},
	A192GCM: {true, basisGCM},
	A256GCM: {true, basisGCM},

	C20P:  {false, basisChaCha},
	XC20P: {false, basisChaCha},
}

// curveFIPS is the status of each key curve; the algorithms that use them
// have their own rows above.
var curveFIPS = map[Curve]FIPSStatus{
	P256:         {true, "NIST P-256 (SP 800-186)"},
	P384:         {true, "NIST P-384 (SP 800-186)"},
	P521:         {true, "NIST P-521 (SP 800-186)"},
	CurveEd25519: {true, "Ed25519 for EdDSA (FIPS 186-5 §7, SP 800-186)"},
	X25519:       {false, basisX25519},
	X448:         {false, "X448 key agreement is not in SP 800-56A Rev. 3, and Go's FIPS 140-3 module does not implement it"},
	CurveEd448:   {false, basisEd448},
	Secp256k1:    {false, basisSecp256k1},
}
