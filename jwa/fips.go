package jwa

import (
	"crypto"
	"crypto/ecdh"
	"crypto/fips140"
	"crypto/rsa"
	"fmt"
)

// FIPS 140-3 mode.
//
// When the program runs in FIPS 140-3 mode (GODEBUG=fips140=on or only, or
// a build with GOFIPS140 set), every algorithm whose [FIPSStatus] is not
// approved is refused where it is looked up ([SignatureAlgorithm.Scheme] and
// its twins), so that binding a key to it, and so every option of jws, jwe,
// jwt and jwk that binds one, fails at once with [ErrNotApproved] instead of
// deep inside crypto/ (or, with fips140=on, silently running a non-approved
// service). Binding also refuses the keys that an approved algorithm may
// not use in FIPS 140-3 mode (fipsKeyError). Outside FIPS 140-3 mode
// nothing here changes what the package does.

// fipsMode is crypto/fips140.Enabled, read once: the mode cannot change
// after the program has started.
var fipsMode = fips140.Enabled()

// FIPSMode reports whether the program runs in FIPS 140-3 mode
// (crypto/fips140.Enabled), in which the package refuses the algorithms and
// keys that are not approved, with [ErrNotApproved].
func FIPSMode() bool { return fipsMode }

// FIPSStatus is an algorithm's standing under FIPS 140-3, as a program that
// uses Go's FIPS 140-3 module (crypto/internal/fips140) sees it.
//
// An algorithm is approved when Go's module performs it as an approved
// service, or when this package composes it from the module's approved
// services exactly as a NIST recommendation specifies (AES Key Wrap over the
// module's AES, SP 800-38F; the one-step KDF of ECDH-ES over its SHA-256, SP
// 800-56C; encrypt-then-MAC AES-CBC with HMAC). An algorithm the module does
// not offer, or refuses with GODEBUG=fips140=only, is not approved.
//
// The status of a registered algorithm is what its registration declares
// ([FIPSDeclarer]), and "not approved" when it declares nothing. A
// registration never makes approved a name this package lists as not
// approved (ES256K, Ed448).
type FIPSStatus struct {
	// Approved reports whether the algorithm is allowed in FIPS 140-3 mode.
	Approved bool
	// Basis cites the standards that approve the algorithm, or says why it
	// is not approved.
	Basis string
}

// String is "approved: " or "not approved: " followed by the basis.
func (s FIPSStatus) String() string {
	if s.Approved {
		return "approved: " + s.Basis
	}
	return "not approved: " + s.Basis
}

// FIPSDeclarer is an optional interface of a [SignatureScheme],
// [KeyManagementScheme] or [ContentScheme] that an application registers:
// it declares the scheme's FIPS 140-3 status. A registered scheme without
// it is not approved, and is refused in FIPS 140-3 mode.
type FIPSDeclarer interface {
	FIPSStatus() FIPSStatus
}

// notImplemented is the status of a name that is neither built in nor
// registered.
var notImplemented = FIPSStatus{Basis: "not implemented"}

// registeredUndeclared is the status of a registered scheme that does not
// implement FIPSDeclarer.
var registeredUndeclared = FIPSStatus{Basis: "registered by the application without a FIPS 140-3 declaration (jwa.FIPSDeclarer)"}

// statusOf returns the status of an algorithm from its row in the status
// table (when it has one) and, when it is not built in, its registered
// scheme (nil when none; a nil SignatureScheme, KeyManagementScheme or
// ContentScheme converts to a nil any).
func statusOf(row FIPSStatus, hasRow, builtin bool, registered any) FIPSStatus {
	switch {
	case builtin:
		return row
	case registered == nil:
		if hasRow {
			return row
		}
		return notImplemented
	case hasRow && !row.Approved:
		return row
	}
	if d, ok := registered.(FIPSDeclarer); ok {
		return d.FIPSStatus()
	}
	return registeredUndeclared
}

// FIPS returns a's FIPS 140-3 status, whether or not the program runs in
// FIPS 140-3 mode.
func (a SignatureAlgorithm) FIPS() FIPSStatus {
	_, builtin := builtinSignatures[a]
	var s SignatureScheme
	if !builtin {
		registered.RLock()
		s = registered.sig[a]
		registered.RUnlock()
	}
	return a.status(builtin, s)
}

func (a SignatureAlgorithm) status(builtin bool, s SignatureScheme) FIPSStatus {
	row, ok := signatureFIPS[a]
	return statusOf(row, ok, builtin, s)
}

// FIPS returns a's FIPS 140-3 status. ECDH-ES is approved on P-256, P-384
// and P-521 only: binding it to an X25519 or X448 key fails in FIPS 140-3
// mode.
func (a KeyAlgorithm) FIPS() FIPSStatus {
	_, builtin := builtinKeyManagement[a]
	var s KeyManagementScheme
	if !builtin {
		registered.RLock()
		s = registered.key[a]
		registered.RUnlock()
	}
	return a.status(builtin, s)
}

func (a KeyAlgorithm) status(builtin bool, s KeyManagementScheme) FIPSStatus {
	row, ok := keyManagementFIPS[a]
	return statusOf(row, ok, builtin, s)
}

// FIPS returns e's FIPS 140-3 status.
func (e ContentEncryption) FIPS() FIPSStatus {
	_, builtin := builtinContent[e]
	var s ContentScheme
	if !builtin {
		registered.RLock()
		s = registered.content[e]
		registered.RUnlock()
	}
	return e.status(builtin, s)
}

func (e ContentEncryption) status(builtin bool, s ContentScheme) FIPSStatus {
	row, ok := contentFIPS[e]
	return statusOf(row, ok, builtin, s)
}

// notApproved is the error for an algorithm refused in FIPS 140-3 mode.
func notApproved(name string, st FIPSStatus) error {
	return fmt.Errorf("jwa: %s: %s: %w", name, st.Basis, ErrNotApproved)
}

// fipsRefusals holds, in FIPS 140-3 mode only, the error of every built-in
// algorithm that is not approved, made once so that a refusal costs no
// allocation. Outside FIPS 140-3 mode its maps are nil.
var fipsRefusals = func() (r struct {
	sig     map[SignatureAlgorithm]error
	key     map[KeyAlgorithm]error
	content map[ContentEncryption]error
}) {
	if !fipsMode {
		return r
	}
	r.sig = map[SignatureAlgorithm]error{}
	for a := range builtinSignatures {
		if st := a.status(true, nil); !st.Approved {
			r.sig[a] = notApproved(string(a), st)
		}
	}
	r.key = map[KeyAlgorithm]error{}
	for a := range builtinKeyManagement {
		if st := a.status(true, nil); !st.Approved {
			r.key[a] = notApproved(string(a), st)
		}
	}
	r.content = map[ContentEncryption]error{}
	for e := range builtinContent {
		if st := e.status(true, nil); !st.Approved {
			r.content[e] = notApproved(string(e), st)
		}
	}
	return r
}()

// FIPS 186-5 §5.1 and Go's module (crypto/rsa, checkFIPS140OnlyPublicKey):
// the public exponent of an RSA key is larger than 2^16.
const fipsMinRSAExponent = 1<<16 + 1

// fipsKeyError reports why key may not be bound to alg in FIPS 140-3 mode,
// or nil. It judges only what FIPS 140-3 adds to the algorithm's own checks,
// which run first: a key of the wrong type, a typed nil or a malformed key
// is refused there with ErrInvalidKey, and only a key the algorithm accepts
// comes here.
//
//   - RSA (FIPS 186-5 §5.1, SP 800-131A Rev. 2, and what Go's module
//     enforces): a modulus of at least 2048 bits and of even length, a public
//     exponent larger than 2^16, two primes of equal length. So a
//     [WeakRSAPublicKey] serves only when it holds a key of 2048 bits or
//     more.
//   - Key agreement: X25519 (crypto/ecdh) and the curves of extension
//     modules ([ECDHPublicKey], [ECDHPrivateKey]: X448) are not in SP
//     800-56A Rev. 3, and Go's module does not implement them.
func fipsKeyError(alg string, key any) error {
	if isNil(key) {
		return nil // the algorithm refuses it with ErrInvalidKey
	}
	switch k := key.(type) {
	case WeakRSAPublicKey:
		return fipsRSAPublic(alg, k.Key)
	case *WeakRSAPublicKey:
		return fipsRSAPublic(alg, k.Key)
	case *rsa.PrivateKey:
		if err := fipsRSAPublic(alg, &k.PublicKey); err != nil {
			return err
		}
		if len(k.Primes) != 2 || k.Primes[0] == nil || k.Primes[1] == nil || k.Primes[0].BitLen() != k.Primes[1].BitLen() {
			return fmt.Errorf("jwa: %s: an RSA private key needs two primes of equal length (FIPS 186-5 §A.1): %w", alg, ErrNotApproved)
		}
	case *rsa.PublicKey:
		return fipsRSAPublic(alg, k)
	case *ecdh.PublicKey:
		if k.Curve() == ecdh.X25519() {
			return fipsX25519(alg)
		}
	case *ecdh.PrivateKey:
		if k.Curve() == ecdh.X25519() {
			return fipsX25519(alg)
		}
	case ECDHPublicKey, ECDHPrivateKey:
		return fmt.Errorf("jwa: %s: key agreement on the curve of %T is outside Go's FIPS 140-3 module and SP 800-56A Rev. 3: %w", alg, key, ErrNotApproved)
	case interface{ Public() crypto.PublicKey }: // a crypto.Signer or crypto.Decrypter: an HSM, a KMS
		if pub, ok := publicOf(k).(*rsa.PublicKey); ok {
			return fipsRSAPublic(alg, pub)
		}
	}
	return nil
}

func fipsX25519(alg string) error {
	return fmt.Errorf("jwa: %s: X25519 key agreement is not in SP 800-56A Rev. 3, and Go's FIPS 140-3 module refuses it: %w", alg, ErrNotApproved)
}

// fipsRSAPublic applies the FIPS 140-3 rules on an RSA public key; a nil or
// incomplete key is left to the algorithm's own checks.
func fipsRSAPublic(alg string, pub *rsa.PublicKey) error {
	if pub == nil || pub.N == nil {
		return nil
	}
	switch bits := pub.N.BitLen(); {
	case bits < minRSABits:
		return fmt.Errorf("jwa: %s: a %d-bit RSA key is disallowed by SP 800-131A Rev. 2 (2048 bits or more): %w", alg, bits, ErrNotApproved)
	case bits%2 == 1:
		return fmt.Errorf("jwa: %s: an RSA modulus of odd length (%d bits) is refused by Go's FIPS 140-3 module: %w", alg, bits, ErrNotApproved)
	}
	if pub.E < fipsMinRSAExponent {
		return fmt.Errorf("jwa: %s: RSA public exponent %d, FIPS 186-5 §5.1 needs more than 2^16: %w", alg, pub.E, ErrNotApproved)
	}
	return nil
}

// fipsMinP2S is the shortest PBES2 salt input ("p2s") accepted in FIPS
// 140-3 mode: SP 800-132 §5.1 wants at least 128 random bits in the salt,
// and the rest of the PBES2 salt (the alg name) is not random.
const fipsMinP2S = 16

// fipsP2S refuses, in FIPS 140-3 mode, a p2s shorter than SP 800-132
// allows, whether the caller gave it to encrypt or a token carries it.
func fipsP2S(alg KeyAlgorithm, p2s []byte) error {
	if fipsMode && len(p2s) < fipsMinP2S {
		return fmt.Errorf("jwa: %s: p2s of %d bytes, SP 800-132 §5.1 needs at least %d random bytes: %w", alg, len(p2s), fipsMinP2S, ErrNotApproved)
	}
	return nil
}
