package jwa

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/hpke"
	"crypto/mlkem"
	"fmt"
)

// HPKE in JWE (draft; may change): the algorithms of
// draft-ietf-jose-hpke-encrypt-20 (HPKE-0 to HPKE-7, each in two modes) and
// of draft-skokan-jose-hpke-pq-pqt (HPKE-8 to HPKE-17, post-quantum and
// hybrid KEMs), over the standard library's crypto/hpke, in HPKE base mode.
//
// Both documents are Internet-Drafts, not RFCs: the names, the header
// members ("ek") and the constructions may change with them, so these
// constants, [KeyParams.EK], [HPKEAlgorithms] and [KeyAlgorithm.IsIntegrated]
// are outside the compatibility promise of this module's major version
// until an RFC fixes them. Use them where both ends follow the same draft.
//
// An "HPKE-n" algorithm is Integrated Encryption (draft §5): HPKE seals the
// plaintext itself, there is no CEK and no "enc", the JWE Encrypted Key is
// the encapsulated secret and the JWE must have exactly one recipient.
// [KeyAlgorithm.IsIntegrated] tells them apart; package jwe does the
// sealing.
//
// An "HPKE-n-KE" algorithm is Key Encryption (draft §6): HPKE encrypts the
// CEK for one recipient, with the Recipient_structure of draft §6.1 as the
// HPKE info and an empty HPKE aad, and the encapsulated secret travels in
// the "ek" header member ([KeyParams.EK]). It mixes with other recipients in
// the general JSON serialization.
//
// Not implemented: HPKE-5 and HPKE-6 (with their -KE forms) need
// DHKEM(X448), which crypto/hpke does not offer; the "psk_id" header member
// (HPKE PSK mode, draft §4) needs a PSK API that crypto/hpke does not offer;
// a non-empty HPKE info for Integrated Encryption or recipient_extra_info
// for Key Encryption ("mutually known private information", draft §5, §6.1)
// has no parameter here, so both are always empty.
const (
	HPKE_0 KeyAlgorithm = "HPKE-0" // DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-128-GCM; draft-ietf-jose-hpke-encrypt-20 §5.1
	HPKE_1 KeyAlgorithm = "HPKE-1" // DHKEM(P-384, HKDF-SHA384), HKDF-SHA384, AES-256-GCM; draft §5.1
	HPKE_2 KeyAlgorithm = "HPKE-2" // DHKEM(P-521, HKDF-SHA512), HKDF-SHA512, AES-256-GCM; draft §5.1
	HPKE_3 KeyAlgorithm = "HPKE-3" // DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM; draft §5.1
	HPKE_4 KeyAlgorithm = "HPKE-4" // DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20Poly1305; draft §5.1
	HPKE_7 KeyAlgorithm = "HPKE-7" // DHKEM(P-256, HKDF-SHA256), HKDF-SHA256, AES-256-GCM; draft §5.1

	HPKE_0_KE KeyAlgorithm = "HPKE-0-KE" // as HPKE-0, for Key Encryption; draft-ietf-jose-hpke-encrypt-20 §6.2
	HPKE_1_KE KeyAlgorithm = "HPKE-1-KE" // as HPKE-1, for Key Encryption; draft §6.2
	HPKE_2_KE KeyAlgorithm = "HPKE-2-KE" // as HPKE-2, for Key Encryption; draft §6.2
	HPKE_3_KE KeyAlgorithm = "HPKE-3-KE" // as HPKE-3, for Key Encryption; draft §6.2
	HPKE_4_KE KeyAlgorithm = "HPKE-4-KE" // as HPKE-4, for Key Encryption; draft §6.2
	HPKE_7_KE KeyAlgorithm = "HPKE-7-KE" // as HPKE-7, for Key Encryption; draft §6.2

	HPKE_8  KeyAlgorithm = "HPKE-8"  // MLKEM768-P256, SHAKE256, AES-256-GCM; draft-skokan-jose-hpke-pq-pqt §3
	HPKE_9  KeyAlgorithm = "HPKE-9"  // MLKEM768-P256, SHAKE256, ChaCha20Poly1305
	HPKE_10 KeyAlgorithm = "HPKE-10" // MLKEM768-X25519 (X-Wing), SHAKE256, AES-256-GCM
	HPKE_11 KeyAlgorithm = "HPKE-11" // MLKEM768-X25519 (X-Wing), SHAKE256, ChaCha20Poly1305
	HPKE_12 KeyAlgorithm = "HPKE-12" // MLKEM1024-P384, SHAKE256, AES-256-GCM
	HPKE_13 KeyAlgorithm = "HPKE-13" // MLKEM1024-P384, SHAKE256, ChaCha20Poly1305
	HPKE_14 KeyAlgorithm = "HPKE-14" // ML-KEM-768, SHAKE256, AES-256-GCM
	HPKE_15 KeyAlgorithm = "HPKE-15" // ML-KEM-768, SHAKE256, ChaCha20Poly1305
	HPKE_16 KeyAlgorithm = "HPKE-16" // ML-KEM-1024, SHAKE256, AES-256-GCM
	HPKE_17 KeyAlgorithm = "HPKE-17" // ML-KEM-1024, SHAKE256, ChaCha20Poly1305

	HPKE_8_KE  KeyAlgorithm = "HPKE-8-KE"  // as HPKE-8, for Key Encryption; draft-skokan-jose-hpke-pq-pqt §3
	HPKE_9_KE  KeyAlgorithm = "HPKE-9-KE"  // as HPKE-9, for Key Encryption
	HPKE_10_KE KeyAlgorithm = "HPKE-10-KE" // as HPKE-10, for Key Encryption
	HPKE_11_KE KeyAlgorithm = "HPKE-11-KE" // as HPKE-11, for Key Encryption
	HPKE_12_KE KeyAlgorithm = "HPKE-12-KE" // as HPKE-12, for Key Encryption
	HPKE_13_KE KeyAlgorithm = "HPKE-13-KE" // as HPKE-13, for Key Encryption
	HPKE_14_KE KeyAlgorithm = "HPKE-14-KE" // as HPKE-14, for Key Encryption
	HPKE_15_KE KeyAlgorithm = "HPKE-15-KE" // as HPKE-15, for Key Encryption
	HPKE_16_KE KeyAlgorithm = "HPKE-16-KE" // as HPKE-16, for Key Encryption
	HPKE_17_KE KeyAlgorithm = "HPKE-17-KE" // as HPKE-17, for Key Encryption
)

// keyTypeAKP is the "AKP" key type that draft-skokan-jose-hpke-pq-pqt §4
// gives the keys of HPKE-8 to HPKE-17.
const keyTypeAKP KeyType = "AKP"

// HPKE identifiers from the IANA HPKE registry.
const (
	kemP256, kemP384, kemP521, kemX25519   = 0x0010, 0x0011, 0x0012, 0x0020
	kemMLKEM768, kemMLKEM1024              = 0x0041, 0x0042
	kemMLKEM768P256, kemMLKEM1024P384      = 0x0050, 0x0051
	kemMLKEM768X25519                      = 0x647a
	kdfSHA256, kdfSHA384, kdfSHA512, kdfS2 = 0x0001, 0x0002, 0x0003, 0x0011
	aeadA128, aeadA256, aeadChaCha         = 0x0001, 0x0002, 0x0003
)

// hpkeSuite is one HPKE JWE algorithm: a ciphersuite and a mode.
type hpkeSuite struct {
	alg            KeyAlgorithm
	kem, kdf, aead uint16
	integrated     bool
}

// withHPKE adds the HPKE rows to the built-in table, each suite twice: its
// Integrated Encryption algorithm and its Key Encryption twin ("-KE").
func withHPKE(table map[KeyAlgorithm]KeyManagementScheme) map[KeyAlgorithm]KeyManagementScheme {
	for _, s := range []hpkeSuite{
		{alg: HPKE_0, kem: kemP256, kdf: kdfSHA256, aead: aeadA128},
		{alg: HPKE_1, kem: kemP384, kdf: kdfSHA384, aead: aeadA256},
		{alg: HPKE_2, kem: kemP521, kdf: kdfSHA512, aead: aeadA256},
		{alg: HPKE_3, kem: kemX25519, kdf: kdfSHA256, aead: aeadA128},
		{alg: HPKE_4, kem: kemX25519, kdf: kdfSHA256, aead: aeadChaCha},
		{alg: HPKE_7, kem: kemP256, kdf: kdfSHA256, aead: aeadA256},
		{alg: HPKE_8, kem: kemMLKEM768P256, kdf: kdfS2, aead: aeadA256},
		{alg: HPKE_9, kem: kemMLKEM768P256, kdf: kdfS2, aead: aeadChaCha},
		{alg: HPKE_10, kem: kemMLKEM768X25519, kdf: kdfS2, aead: aeadA256},
		{alg: HPKE_11, kem: kemMLKEM768X25519, kdf: kdfS2, aead: aeadChaCha},
		{alg: HPKE_12, kem: kemMLKEM1024P384, kdf: kdfS2, aead: aeadA256},
		{alg: HPKE_13, kem: kemMLKEM1024P384, kdf: kdfS2, aead: aeadChaCha},
		{alg: HPKE_14, kem: kemMLKEM768, kdf: kdfS2, aead: aeadA256},
		{alg: HPKE_15, kem: kemMLKEM768, kdf: kdfS2, aead: aeadChaCha},
		{alg: HPKE_16, kem: kemMLKEM1024, kdf: kdfS2, aead: aeadA256},
		{alg: HPKE_17, kem: kemMLKEM1024, kdf: kdfS2, aead: aeadChaCha},
	} {
		integrated := s
		integrated.integrated = true
		table[s.alg] = integrated
		ke := s
		ke.alg += "-KE"
		table[ke.alg] = ke
	}
	return table
}

// HPKEAlgorithms lists the HPKE algorithms this package implements, each
// Integrated Encryption algorithm followed by its Key Encryption twin
// (draft; may change).
func HPKEAlgorithms() []KeyAlgorithm {
	return []KeyAlgorithm{
		HPKE_0, HPKE_0_KE, HPKE_1, HPKE_1_KE, HPKE_2, HPKE_2_KE, HPKE_3, HPKE_3_KE,
		HPKE_4, HPKE_4_KE, HPKE_7, HPKE_7_KE, HPKE_8, HPKE_8_KE, HPKE_9, HPKE_9_KE,
		HPKE_10, HPKE_10_KE, HPKE_11, HPKE_11_KE, HPKE_12, HPKE_12_KE, HPKE_13, HPKE_13_KE,
		HPKE_14, HPKE_14_KE, HPKE_15, HPKE_15_KE, HPKE_16, HPKE_16_KE, HPKE_17, HPKE_17_KE,
	}
}

// IsIntegrated reports whether a is an Integrated Encryption algorithm
// (HPKE-0, HPKE-1, ...; draft; may change): a JWE using it has one
// recipient, no "enc", no CEK, an empty IV and tag, and its encrypted key
// is the encapsulated secret. Package jwe seals and opens such content
// itself; the key encrypter and decrypter of such an algorithm bind and
// check a key for jwe, and their EncryptKey and DecryptKey refuse with
// [ErrUnsupportedAlgorithm], since there is no CEK to protect.
//
// Integrated Encryption is built in only: a registered algorithm
// ([RegisterKeyManagement]) is key encryption or direct.
func (a KeyAlgorithm) IsIntegrated() bool {
	s, err := a.Scheme()
	if err != nil {
		return false
	}
	hs, ok := s.(hpkeSuite)
	return ok && hs.integrated
}

// KeyType is EC for the P-256, P-384 and P-521 DHKEMs, OKP for X25519, and
// AKP for the ML-KEM and hybrid KEMs (draft-skokan-jose-hpke-pq-pqt §4).
func (s hpkeSuite) KeyType() KeyType {
	switch s.kem {
	case kemP256, kemP384, kemP521:
		return KeyTypeEC
	case kemX25519:
		return KeyTypeOKP
	}
	return keyTypeAKP
}

// Direct is false: Key Encryption protects a CEK, and Integrated
// Encryption has no CEK at all ([KeyAlgorithm.IsIntegrated]).
func (s hpkeSuite) Direct() bool { return false }

// primitives returns the suite's KDF and AEAD; their identifiers are
// constants of this file, so the lookups cannot fail.
func (s hpkeSuite) primitives() (hpke.KDF, hpke.AEAD) {
	kdf, err1 := hpke.NewKDF(s.kdf)
	aead, err2 := hpke.NewAEAD(s.aead)
	if err1 != nil || err2 != nil {
		panic("jwa: HPKE suite table holds an unknown identifier")
	}
	return kdf, aead
}

// NewKeyEncrypter accepts the recipient's public key: *ecdh.PublicKey or
// *ecdsa.PublicKey on the suite's curve for HPKE-0 to HPKE-7;
// *mlkem.EncapsulationKey768 (HPKE-14, HPKE-15) or
// *mlkem.EncapsulationKey1024 (HPKE-16, HPKE-17); or, for any suite, an
// hpke.PublicKey of the suite's KEM (the only form for the hybrid KEMs of
// HPKE-8 to HPKE-13: see hpke.NewHybridPublicKey). A key of another KEM
// (another curve, another ML-KEM size) wraps [ErrInvalidKey] (T32).
func (s hpkeSuite) NewKeyEncrypter(key any) (KeyEncrypter, error) {
	pk, err := s.publicKey(key)
	if err != nil {
		return nil, err
	}
	kdf, aead := s.primitives()
	e := &hpkeEncrypter{s: s, pk: pk, kdf: kdf, aead: aead}
	if s.integrated {
		return (*hpkeSealer)(e), nil
	}
	return e, nil
}

// NewKeyDecrypter accepts the recipient's private key: *ecdh.PrivateKey or
// *ecdsa.PrivateKey for HPKE-0 to HPKE-7; *mlkem.DecapsulationKey768 or
// *mlkem.DecapsulationKey1024 for the pure ML-KEM suites; or an
// hpke.PrivateKey of the suite's KEM (the hybrid suites need it: see
// hpke.NewHybridPrivateKey). Other KEMs wrap [ErrInvalidKey].
func (s hpkeSuite) NewKeyDecrypter(key any) (KeyDecrypter, error) {
	sk, err := s.privateKey(key)
	if err != nil {
		return nil, err
	}
	kdf, aead := s.primitives()
	d := &hpkeDecrypter{s: s, sk: sk, kdf: kdf, aead: aead}
	if s.integrated {
		return (*hpkeOpener)(d), nil
	}
	return d, nil
}

func (s hpkeSuite) keyErr(format string, args ...any) error {
	return fmt.Errorf("jwa: %s: "+format+": %w", append(append([]any{s.alg}, args...), ErrInvalidKey)...)
}

// publicKey converts key to an HPKE public key of the suite's KEM.
func (s hpkeSuite) publicKey(key any) (pk hpke.PublicKey, err error) {
	defer func() {
		// A typed nil inside an hpke.PublicKey or crypto.Encapsulator
		// would panic in crypto/hpke; it is the caller's bad key.
		if recover() != nil {
			pk, err = nil, s.keyErr("unusable public key of type %T", key)
		}
	}()
	switch k := key.(type) {
	case *ecdh.PublicKey:
		if k == nil {
			return nil, s.keyErr("nil *ecdh.PublicKey")
		}
		pk, err = hpke.NewDHKEMPublicKey(k)
	case *ecdsa.PublicKey:
		if k == nil {
			return nil, s.keyErr("nil *ecdsa.PublicKey")
		}
		var e *ecdh.PublicKey
		if e, err = k.ECDH(); err == nil {
			pk, err = hpke.NewDHKEMPublicKey(e)
		}
	case *mlkem.EncapsulationKey768:
		if k == nil {
			return nil, s.keyErr("nil *mlkem.EncapsulationKey768")
		}
		pk, err = hpke.NewMLKEMPublicKey(k)
	case *mlkem.EncapsulationKey1024:
		if k == nil {
			return nil, s.keyErr("nil *mlkem.EncapsulationKey1024")
		}
		pk, err = hpke.NewMLKEMPublicKey(k)
	case hpke.PublicKey:
		pk = k
	default:
		return nil, s.keyErr("key of type %T, need a public key for HPKE KEM 0x%04x", key, s.kem)
	}
	if err != nil {
		return nil, s.keyErr("%w", err)
	}
	if id := pk.KEM().ID(); id != s.kem {
		return nil, s.keyErr("key of HPKE KEM 0x%04x, need KEM 0x%04x", id, s.kem)
	}
	return pk, nil
}

// privateKey converts key to an HPKE private key of the suite's KEM.
func (s hpkeSuite) privateKey(key any) (sk hpke.PrivateKey, err error) {
	defer func() {
		if recover() != nil {
			sk, err = nil, s.keyErr("unusable private key of type %T", key)
		}
	}()
	switch k := key.(type) {
	case *ecdh.PrivateKey:
		if k == nil {
			return nil, s.keyErr("nil *ecdh.PrivateKey")
		}
		sk, err = hpke.NewDHKEMPrivateKey(k)
	case *ecdsa.PrivateKey:
		if k == nil {
			return nil, s.keyErr("nil *ecdsa.PrivateKey")
		}
		var e *ecdh.PrivateKey
		if e, err = k.ECDH(); err == nil {
			sk, err = hpke.NewDHKEMPrivateKey(e)
		}
	case *mlkem.DecapsulationKey768:
		if k == nil {
			return nil, s.keyErr("nil *mlkem.DecapsulationKey768")
		}
		sk, err = hpke.NewMLKEMPrivateKey(k)
	case *mlkem.DecapsulationKey1024:
		if k == nil {
			return nil, s.keyErr("nil *mlkem.DecapsulationKey1024")
		}
		sk, err = hpke.NewMLKEMPrivateKey(k)
	case hpke.PrivateKey:
		sk = k
	default:
		return nil, s.keyErr("key of type %T, need a private key for HPKE KEM 0x%04x", key, s.kem)
	}
	if err != nil {
		return nil, s.keyErr("%w", err)
	}
	if id := sk.KEM().ID(); id != s.kem {
		return nil, s.keyErr("key of HPKE KEM 0x%04x, need KEM 0x%04x", id, s.kem)
	}
	return sk, nil
}

// recipientInfo is the Recipient_structure of draft-ietf-jose-hpke-encrypt
// §6.1, the HPKE info of Key Encryption: "JOSE-HPKE rcpt", 0xFF, the "enc"
// value, 0xFF, and an empty recipient_extra_info.
func recipientInfo(enc ContentEncryption) []byte {
	b := make([]byte, 0, 16+len(enc))
	b = append(b, "JOSE-HPKE rcpt"...)
	b = append(b, 0xff)
	b = append(b, enc...)
	return append(b, 0xff)
}

// hpkeEncrypter is the key encrypter of a Key Encryption suite.
type hpkeEncrypter struct {
	s    hpkeSuite
	pk   hpke.PublicKey
	kdf  hpke.KDF
	aead hpke.AEAD
}

// EncryptKey encrypts cek to the recipient (draft §6): the HPKE info is the
// Recipient_structure for p.Enc, the HPKE aad is empty, and the
// encapsulated secret goes to p.EK.
func (e *hpkeEncrypter) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	if err := checkCEK(e.s.alg, cek, p); err != nil {
		return nil, nil, err
	}
	enc, sender, err := hpke.NewSender(e.pk, e.kdf, e.aead, recipientInfo(p.Enc))
	if err != nil {
		return nil, nil, fmt.Errorf("jwa: %s: %w", e.s.alg, err)
	}
	ct, err := sender.Seal(nil, cek)
	if err != nil {
		return nil, nil, fmt.Errorf("jwa: %s: %w", e.s.alg, err)
	}
	p.EK = enc
	return cek, ct, nil
}

// hpkeSealer is the key encrypter of an Integrated Encryption suite: jwe
// calls its Seal (the IntegratedEncrypter of internal/jwecrypto).
type hpkeSealer hpkeEncrypter

// EncryptKey refuses: Integrated Encryption protects no CEK.
func (e *hpkeSealer) EncryptKey([]byte, *KeyParams) ([]byte, []byte, error) {
	return nil, nil, errIntegrated(e.s.alg)
}

// Seal is Integrated Encryption (draft §5): the HPKE info is empty, aad is
// the JWE Additional Authenticated Data.
func (e *hpkeSealer) Seal(plaintext, aad []byte) ([]byte, []byte, error) {
	enc, sender, err := hpke.NewSender(e.pk, e.kdf, e.aead, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("jwa: %s: %w", e.s.alg, err)
	}
	ct, err := sender.Seal(aad, plaintext)
	if err != nil {
		return nil, nil, fmt.Errorf("jwa: %s: %w", e.s.alg, err)
	}
	return enc, ct, nil
}

// hpkeDecrypter is the key decrypter of a Key Encryption suite.
type hpkeDecrypter struct {
	s    hpkeSuite
	sk   hpke.PrivateKey
	kdf  hpke.KDF
	aead hpke.AEAD
}

// DecryptKey recovers the CEK (draft §6). A missing "ek" wraps
// [ErrMalformed] (checked before any secret work); every other failure,
// including a CEK of the wrong length for p.Enc, wraps [ErrDecryption].
func (d *hpkeDecrypter) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	n, err := paramsCEKSize(d.s.alg, p)
	if err != nil {
		return nil, err
	}
	if len(p.EK) == 0 {
		return nil, fmt.Errorf("jwa: %s: no \"ek\" header member: %w", d.s.alg, ErrMalformed)
	}
	r, err := hpke.NewRecipient(p.EK, d.sk, d.kdf, d.aead, recipientInfo(p.Enc))
	if err != nil {
		return nil, errDecryption(d.s.alg)
	}
	cek, err := r.Open(nil, encryptedKey)
	if err != nil || len(cek) != n {
		return nil, errDecryption(d.s.alg)
	}
	return cek, nil
}

// hpkeOpener is the key decrypter of an Integrated Encryption suite: jwe
// calls its Open (the IntegratedDecrypter of internal/jwecrypto).
type hpkeOpener hpkeDecrypter

// DecryptKey refuses: Integrated Encryption protects no CEK.
func (d *hpkeOpener) DecryptKey([]byte, *KeyParams) ([]byte, error) {
	return nil, errIntegrated(d.s.alg)
}

// errIntegrated is the refusal of EncryptKey and DecryptKey for an
// Integrated Encryption algorithm.
func errIntegrated(alg KeyAlgorithm) error {
	return fmt.Errorf("jwa: %s is Integrated Encryption and protects no CEK (package jwe seals the content with it): %w", alg, ErrUnsupportedAlgorithm)
}

// Open is Integrated Encryption's decryption (draft §5).
func (d *hpkeOpener) Open(encapsulated, ciphertext, aad []byte) ([]byte, error) {
	r, err := hpke.NewRecipient(encapsulated, d.sk, d.kdf, d.aead, nil)
	if err != nil {
		return nil, errDecryption(d.s.alg)
	}
	plain, err := r.Open(aad, ciphertext)
	if err != nil {
		return nil, errDecryption(d.s.alg)
	}
	return plain, nil
}
