package jwa

import (
	"crypto/ecdh"
	"fmt"
	"sync"
)

// Signer computes JWS signatures with one key for one algorithm. The key was
// checked once, when the Signer was made; Sign does no key checks.
type Signer interface {
	// Sign returns the signature of the JWS Signing Input.
	Sign(signingInput []byte) ([]byte, error)
}

// Verifier checks JWS signatures with one key for one algorithm. Verify
// returns an error that wraps [ErrInvalidSignature] for any signature that
// does not verify, including one of the wrong length or encoding, and whose
// message names the algorithm ("ES256 signature: ...").
type Verifier interface {
	Verify(signingInput, signature []byte) error
}

// SignatureScheme is the implementation of a signature algorithm. The
// built-in ones are listed in one table; an application may add its own with
// [RegisterSignature].
type SignatureScheme interface {
	// KeyType is the kind of key the algorithm uses.
	KeyType() KeyType
	// NewSigner checks key and binds it to the algorithm.
	NewSigner(key any) (Signer, error)
	// NewVerifier checks key and binds it to the algorithm.
	NewVerifier(key any) (Verifier, error)
}

// KeyParams carries what key management reads and writes for one
// recipient, in decoded form, so that jwa needs no JSON: the content
// encryption, the JWE header members of the key management algorithms, and
// the limits a decrypter applies to them. An encrypter fills in the members
// it produces; a decrypter reads what the header gave.
//
// It grows along two lines only, each kept apart. A header member gets a
// field when a published specification registers it for an algorithm
// built in here (RFC 7518 §4 and RFC 8037 so far); a member that only a
// draft defines is marked "draft; may change" and is outside the
// compatibility promise until the draft is an RFC. A decrypter's bound on
// a member goes in [KeyLimits], never beside the members.
type KeyParams struct {
	// Enc is the content encryption in use. ECDH-ES in direct mode uses it as
	// the Concat KDF AlgorithmID and to size the CEK; every decrypter uses it
	// to know the CEK length.
	Enc ContentEncryption

	// EPK is the ephemeral public key of ECDH-ES ("epk", RFC 7518 §4.6.1.1):
	// written by the encrypter, read by the decrypter.
	EPK *ecdh.PublicKey
	// ExtEPK is the ephemeral public key instead of EPK when the curve is
	// one an extension provides ([ECDHPublicKey], X448). At most one of EPK
	// and ExtEPK is set.
	ExtEPK ECDHPublicKey
	// APU and APV are the Concat KDF PartyUInfo and PartyVInfo ("apu",
	// "apv", RFC 7518 §4.6.1.2 and §4.6.1.3), already base64url-decoded.
	// Both are optional.
	APU, APV []byte

	// IV and Tag are the AES-GCM key wrap's "iv" and "tag" (RFC 7518
	// §4.7.1).
	IV, Tag []byte

	// P2S is the PBES2 salt input ("p2s", RFC 7518 §4.8.1.1, decoded). An
	// encrypter draws a random one when it is empty.
	P2S []byte
	// P2C is the PBES2 iteration count ("p2c", RFC 7518 §4.8.1.2). An
	// encrypter uses [DefaultP2C] when it is zero.
	P2C int

	// EK is the HPKE encapsulated secret of key encryption ("ek",
	// draft-ietf-jose-hpke-encrypt §4.1), base64url-decoded: written by the
	// encrypter, read by the decrypter. Draft; may change.
	EK []byte

	// Limits bounds what a decrypter accepts from the members above and
	// the work they may cost it. The zero value is the defaults.
	Limits KeyLimits
}

// KeyLimits are the bounds a key decrypter applies to the header members
// a token chose, before any work they would cost. Encrypters ignore them.
type KeyLimits struct {
	// MinP2C is the smallest PBES2 "p2c" a decrypter accepts; zero means
	// [MinP2C]. A smaller count fails with [ErrLimitExceeded] before any
	// PBKDF2 work.
	MinP2C int
	// MaxP2C is the largest PBES2 "p2c" a decrypter accepts; zero means
	// [DefaultMaxP2C]. A larger count fails with [ErrLimitExceeded] before
	// any PBKDF2 work.
	MaxP2C int
	// PBKDF2, when not nil, bounds the PBKDF2 work of every PBES2
	// DecryptKey call that shares it: all the recipients and keys tried on
	// one token. See [PBKDF2Budget].
	PBKDF2 *PBKDF2Budget
}

// KeyEncrypter protects the content encryption key for one recipient.
type KeyEncrypter interface {
	// EncryptKey returns the CEK to use and the JWE Encrypted Key, and
	// fills in the header parameters the algorithm produces.
	//
	// A wrapping algorithm protects cek and returns it unchanged. A direct
	// algorithm (dir, ECDH-ES; see [KeyAlgorithm.IsDirect]) ignores cek,
	// returns the CEK it determined and an empty encrypted key.
	EncryptKey(cek []byte, p *KeyParams) (cekUsed, encryptedKey []byte, err error)
}

// KeyDecrypter recovers the content encryption key for one recipient.
type KeyDecrypter interface {
	// DecryptKey returns the CEK, of the length p.Enc needs. Every failure
	// wraps [ErrDecryption], except a p2c outside its bounds or over the
	// budget ([ErrLimitExceeded]), malformed parameters ([ErrMalformed])
	// and, in FIPS 140-3 mode, parameters that mode refuses
	// ([ErrNotApproved]: a p2s under SP 800-132's 128 bits), which are
	// checked first.
	// RSA1_5 returns a random CEK instead of an error when the padding is
	// wrong (RFC 7516 §11.5).
	DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error)
}

// KeyManagementScheme is the implementation of a JWE key management
// algorithm. An application may add its own with [RegisterKeyManagement].
type KeyManagementScheme interface {
	// KeyType is the kind of key the algorithm uses.
	KeyType() KeyType
	// Direct reports whether the algorithm determines the CEK itself (dir,
	// ECDH-ES), which allows a single recipient only.
	Direct() bool
	// NewKeyEncrypter checks key and binds it to the algorithm.
	NewKeyEncrypter(key any) (KeyEncrypter, error)
	// NewKeyDecrypter checks key and binds it to the algorithm.
	NewKeyDecrypter(key any) (KeyDecrypter, error)
}

// Sealed is the output of content encryption.
type Sealed struct {
	IV, Ciphertext, Tag []byte
}

// ContentCipher encrypts and decrypts JWE content with one CEK. It is safe
// for concurrent use; so are the Signer, Verifier, KeyEncrypter and
// KeyDecrypter values of this package, and implementations registered by an
// application must be too.
type ContentCipher interface {
	// Seal encrypts plaintext with a fresh random IV and authenticates aad
	// along with it.
	Seal(plaintext, aad []byte) (Sealed, error)
	// Open checks the tag and decrypts. Every failure, including an IV or
	// tag of the wrong length, wraps [ErrDecryption].
	Open(s Sealed, aad []byte) ([]byte, error)
}

// ContentScheme is the implementation of a content encryption algorithm. An
// application may add its own with [RegisterContentEncryption].
type ContentScheme interface {
	// KeySize is the CEK length in bytes.
	KeySize() int
	// NewCipher checks the CEK's length and binds it to the algorithm.
	NewCipher(cek []byte) (ContentCipher, error)
}

// registered holds the algorithms that applications add at start-up. The
// built-in tables (builtinSignatures, builtinKeyManagement, builtinContent)
// are read without locking.
var registered struct {
	sync.RWMutex
	sig     map[SignatureAlgorithm]SignatureScheme
	key     map[KeyAlgorithm]KeyManagementScheme
	content map[ContentEncryption]ContentScheme
}

// RegisterSignature adds a signature algorithm. It fails with
// [ErrAlreadyRegistered] when the name is built in or already registered.
// Registering makes an algorithm available, never acceptable: a verifier
// still lists the algorithms it accepts.
func RegisterSignature(name SignatureAlgorithm, s SignatureScheme) error {
	if name == "" || name == NoSignature || s == nil {
		return fmt.Errorf("jwa: cannot register signature algorithm %q", name)
	}
	registered.Lock()
	defer registered.Unlock()
	if _, ok := builtinSignatures[name]; ok || registered.sig[name] != nil {
		return fmt.Errorf("jwa: %q: %w", name, ErrAlreadyRegistered)
	}
	if registered.sig == nil {
		registered.sig = map[SignatureAlgorithm]SignatureScheme{}
	}
	registered.sig[name] = s
	return nil
}

// RegisterKeyManagement adds a JWE key management algorithm; see
// [RegisterSignature].
func RegisterKeyManagement(name KeyAlgorithm, s KeyManagementScheme) error {
	if name == "" || s == nil {
		return fmt.Errorf("jwa: cannot register key management algorithm %q", name)
	}
	registered.Lock()
	defer registered.Unlock()
	if _, ok := builtinKeyManagement[name]; ok || registered.key[name] != nil {
		return fmt.Errorf("jwa: %q: %w", name, ErrAlreadyRegistered)
	}
	if registered.key == nil {
		registered.key = map[KeyAlgorithm]KeyManagementScheme{}
	}
	registered.key[name] = s
	return nil
}

// RegisterContentEncryption adds a JWE content encryption algorithm; see
// [RegisterSignature].
func RegisterContentEncryption(name ContentEncryption, s ContentScheme) error {
	if name == "" || s == nil {
		return fmt.Errorf("jwa: cannot register content encryption %q", name)
	}
	registered.Lock()
	defer registered.Unlock()
	if _, ok := builtinContent[name]; ok || registered.content[name] != nil {
		return fmt.Errorf("jwa: %q: %w", name, ErrAlreadyRegistered)
	}
	if registered.content == nil {
		registered.content = map[ContentEncryption]ContentScheme{}
	}
	registered.content[name] = s
	return nil
}

// Scheme returns the implementation of a, or an error wrapping
// [ErrUnsupportedAlgorithm].
//
// In FIPS 140-3 mode ([FIPSMode]) an algorithm that is not approved
// ([SignatureAlgorithm.FIPS]) is refused with an error wrapping
// [ErrNotApproved], so that nothing can bind a key to it.
func (a SignatureAlgorithm) Scheme() (SignatureScheme, error) {
	if s, ok := builtinSignatures[a]; ok {
		if fipsMode && fipsRefusals.sig[a] != nil {
			return nil, fipsRefusals.sig[a]
		}
		return s, nil
	}
	registered.RLock()
	s := registered.sig[a]
	registered.RUnlock()
	if s == nil {
		if why := unavailableSignatures[a]; why != "" {
			return nil, fmt.Errorf("jwa: signature algorithm %q %s: %w", a, why, ErrUnsupportedAlgorithm)
		}
		return nil, fmt.Errorf("jwa: signature algorithm %q: %w", a, ErrUnsupportedAlgorithm)
	}
	if fipsMode {
		if st := statusOf(signatureFIPS, a, false, any(s)); !st.Approved {
			return nil, notApproved(string(a), st)
		}
	}
	return s, nil
}

// Scheme returns the implementation of a, or an error wrapping
// [ErrUnsupportedAlgorithm].
//
// In FIPS 140-3 mode an algorithm that is not approved
// ([KeyAlgorithm.FIPS]) is refused with an error wrapping [ErrNotApproved].
func (a KeyAlgorithm) Scheme() (KeyManagementScheme, error) {
	if s, ok := builtinKeyManagement[a]; ok {
		if fipsMode && fipsRefusals.key[a] != nil {
			return nil, fipsRefusals.key[a]
		}
		return s, nil
	}
	registered.RLock()
	s := registered.key[a]
	registered.RUnlock()
	if s == nil {
		return nil, fmt.Errorf("jwa: key management algorithm %q: %w", a, ErrUnsupportedAlgorithm)
	}
	if fipsMode {
		if st := statusOf(keyManagementFIPS, a, false, any(s)); !st.Approved {
			return nil, notApproved(string(a), st)
		}
	}
	return s, nil
}

// Scheme returns the implementation of e, or an error wrapping
// [ErrUnsupportedAlgorithm].
//
// In FIPS 140-3 mode an algorithm that is not approved
// ([ContentEncryption.FIPS]) is refused with an error wrapping
// [ErrNotApproved].
func (e ContentEncryption) Scheme() (ContentScheme, error) {
	if s, ok := builtinContent[e]; ok {
		if fipsMode && fipsRefusals.content[e] != nil {
			return nil, fipsRefusals.content[e]
		}
		return s, nil
	}
	registered.RLock()
	s := registered.content[e]
	registered.RUnlock()
	if s == nil {
		return nil, fmt.Errorf("jwa: content encryption %q: %w", e, ErrUnsupportedAlgorithm)
	}
	if fipsMode {
		if st := statusOf(contentFIPS, e, false, any(s)); !st.Approved {
			return nil, notApproved(string(e), st)
		}
	}
	return s, nil
}

// Available reports whether a is implemented (built in or registered) and,
// in FIPS 140-3 mode, approved.
func (a SignatureAlgorithm) Available() bool { _, err := a.Scheme(); return err == nil }

// Available reports whether a is implemented (built in or registered) and,
// in FIPS 140-3 mode, approved.
func (a KeyAlgorithm) Available() bool { _, err := a.Scheme(); return err == nil }

// Available reports whether e is implemented (built in or registered) and,
// in FIPS 140-3 mode, approved.
func (e ContentEncryption) Available() bool { _, err := e.Scheme(); return err == nil }

// NewSigner checks key and binds it to a. See the algorithm's documentation
// in the package overview for the key types each accepts.
func (a SignatureAlgorithm) NewSigner(key any) (Signer, error) {
	s, err := a.Scheme()
	if err != nil {
		return nil, err
	}
	v, err := s.NewSigner(key)
	if err = afterBind(string(a), key, err); err != nil {
		return nil, err
	}
	return v, nil
}

// NewVerifier checks key and binds it to a.
func (a SignatureAlgorithm) NewVerifier(key any) (Verifier, error) {
	s, err := a.Scheme()
	if err != nil {
		return nil, err
	}
	v, err := s.NewVerifier(key)
	if err = afterBind(string(a), key, err); err != nil {
		return nil, err
	}
	return v, nil
}

// KeyType is the kind of key a uses, or "" when a is not available.
func (a SignatureAlgorithm) KeyType() KeyType {
	if s, err := a.Scheme(); err == nil {
		return s.KeyType()
	}
	return ""
}

// NewKeyEncrypter checks key and binds it to a.
func (a KeyAlgorithm) NewKeyEncrypter(key any) (KeyEncrypter, error) {
	s, err := a.Scheme()
	if err != nil {
		return nil, err
	}
	v, err := s.NewKeyEncrypter(key)
	if err = afterBind(string(a), key, err); err != nil {
		return nil, err
	}
	return v, nil
}

// NewKeyDecrypter checks key and binds it to a.
func (a KeyAlgorithm) NewKeyDecrypter(key any) (KeyDecrypter, error) {
	s, err := a.Scheme()
	if err != nil {
		return nil, err
	}
	v, err := s.NewKeyDecrypter(key)
	if err = afterBind(string(a), key, err); err != nil {
		return nil, err
	}
	return v, nil
}

// KeyType is the kind of key a uses, or "" when a is not available.
func (a KeyAlgorithm) KeyType() KeyType {
	if s, err := a.Scheme(); err == nil {
		return s.KeyType()
	}
	return ""
}

// IsDirect reports whether a determines the CEK itself (dir, ECDH-ES), so
// that a JWE using it has a single recipient and an empty encrypted key.
func (a KeyAlgorithm) IsDirect() bool {
	s, err := a.Scheme()
	return err == nil && s.Direct()
}

// KeySize is the CEK length in bytes that e needs, or 0 when e is not
// implemented.
func (e ContentEncryption) KeySize() int {
	if s, err := e.Scheme(); err == nil {
		return s.KeySize()
	}
	return 0
}

// NewCipher checks the CEK's length and binds it to e.
func (e ContentEncryption) NewCipher(cek []byte) (ContentCipher, error) {
	s, err := e.Scheme()
	if err != nil {
		return nil, err
	}
	return s.NewCipher(cek)
}
