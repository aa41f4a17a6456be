package jwa

import (
	"crypto"
	"crypto/ecdh"
	"crypto/fips140"
	"crypto/rsa"
	"fmt"

	"github.com/joseproject/jose/internal/nilcheck"
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

// statusOf returns the status of algorithm a from its kind's status table
// and, when a is not built in, its registered scheme s (nil when none; a nil
// SignatureScheme, KeyManagementScheme or ContentScheme converts to a nil
// any).
func statusOf[A comparable](rows map[A]FIPSStatus, a A, builtin bool, s any) FIPSStatus {
	row, hasRow := rows[a]
	switch {
	case builtin:
		return row
	case s == nil:
		if hasRow {
			return row
		}
		return notImplemented
	case hasRow && !row.Approved:
		return row
	}
	if d, ok := s.(FIPSDeclarer); ok {
		return d.FIPSStatus()
	}
	return registeredUndeclared
}

// registeredScheme returns what an application registered under a in m (a
// map of the registered struct), or nil.
func registeredScheme[A comparable, S any](m *map[A]S, a A) S {
	registered.RLock()
	defer registered.RUnlock()
	return (*m)[a]
}

// FIPS returns a's FIPS 140-3 status, whether or not the program runs in
// FIPS 140-3 mode.
func (a SignatureAlgorithm) FIPS() FIPSStatus {
	_, builtin := builtinSignatures[a]
	return statusOf(signatureFIPS, a, builtin, any(registeredScheme(&registered.sig, a)))
}

// FIPS returns a's FIPS 140-3 status. ECDH-ES is approved on P-256, P-384
// and P-521 only: binding it to an X25519 or X448 key fails in FIPS 140-3
// mode.
func (a KeyAlgorithm) FIPS() FIPSStatus {
	_, builtin := builtinKeyManagement[a]
	return statusOf(keyManagementFIPS, a, builtin, any(registeredScheme(&registered.key, a)))
}

// FIPS returns e's FIPS 140-3 status.
func (e ContentEncryption) FIPS() FIPSStatus {
	_, builtin := builtinContent[e]
	return statusOf(contentFIPS, e, builtin, any(registeredScheme(&registered.content, e)))
}

// notApproved is the error for an algorithm refused in FIPS 140-3 mode.
func notApproved(name string, st FIPSStatus) error {
	return fmt.Errorf("jwa: %s: %s: %w", name, st.Basis, ErrNotApproved)
}

// CheckFIPS returns, in FIPS 140-3 mode, an error wrapping [ErrNotApproved]
// that names a and says why when a is not approved; otherwise nil. Outside
// FIPS 140-3 mode, and for a name this package neither knows nor has
// registered (which fails its lookup with [ErrUnsupportedAlgorithm]), it
// is nil. The options of jws, jwe and jwt call it so that an algorithm is
// refused by the option that names it.
func (a SignatureAlgorithm) CheckFIPS() error {
	if !fipsMode {
		return nil
	}
	return checkFIPS(a, fipsRefusals.sig, a.FIPS())
}

// CheckFIPS is [SignatureAlgorithm.CheckFIPS] for a key management
// algorithm.
func (a KeyAlgorithm) CheckFIPS() error {
	if !fipsMode {
		return nil
	}
	return checkFIPS(a, fipsRefusals.key, a.FIPS())
}

// CheckFIPS is [SignatureAlgorithm.CheckFIPS] for a content encryption.
func (e ContentEncryption) CheckFIPS() error {
	if !fipsMode {
		return nil
	}
	return checkFIPS(e, fipsRefusals.content, e.FIPS())
}

// checkFIPS is CheckFIPS in FIPS 140-3 mode: the refusal made once for a
// built-in algorithm, else the one its status st calls for.
func checkFIPS[A ~string](a A, made map[A]error, st FIPSStatus) error {
	if err := made[a]; err != nil {
		return err
	}
	return checkStatus(string(a), st)
}

// checkStatus is the refusal of an algorithm of status st, or nil when it
// is approved or unknown.
func checkStatus(name string, st FIPSStatus) error {
	if st.Approved || st == notImplemented {
		return nil
	}
	return notApproved(name, st)
}

// FIPS returns c's FIPS 140-3 status as a key's curve: the NIST curves and
// Ed25519 are approved; X25519, X448, Ed448 and secp256k1 are not. An
// unknown curve is not approved.
func (c Curve) FIPS() FIPSStatus {
	if st, ok := curveFIPS[c]; ok {
		return st
	}
	return notImplemented
}

// CheckFIPS is [SignatureAlgorithm.CheckFIPS] for a key's curve: in FIPS
// 140-3 mode jwk neither parses nor generates a key on a curve it refuses.
// It is nil for a curve this package does not name (an extension's own),
// whose keys the algorithms judge when they are bound.
func (c Curve) CheckFIPS() error {
	if !fipsMode {
		return nil
	}
	return checkStatus(string(c), c.FIPS())
}

// CheckFIPSKey reports why key may not be used in FIPS 140-3 mode whatever
// the algorithm, in an error wrapping [ErrNotApproved], or returns nil. It
// judges a key as binding does in FIPS 140-3 mode (see [FIPSMode]): an RSA
// key of under 2048 bits, of odd length or with a public exponent of at
// most 2^16, an RSA private key without exactly two primes of equal length,
// an X25519 key and a key of an extension curve ([ECDHPublicKey]) are
// refused. It answers the same whether or not the program runs in FIPS
// 140-3 mode; a key of a type it does not know is left to the algorithms.
func CheckFIPSKey(key any) error {
	if why := fipsKeyReason(key); why != "" {
		return fmt.Errorf("jwa: %s: %w", why, ErrNotApproved)
	}
	return nil
}

// fipsRefusals holds, in FIPS 140-3 mode only, the error of every built-in
// algorithm that is not approved, made once so that a refusal costs no
// allocation. Outside FIPS 140-3 mode its maps are nil.
var fipsRefusals = func() (r struct {
	sig     map[SignatureAlgorithm]error
	key     map[KeyAlgorithm]error
	content map[ContentEncryption]error
}) {
	if fipsMode {
		r.sig = refusalsOf(builtinSignatures, signatureFIPS)
		r.key = refusalsOf(builtinKeyManagement, keyManagementFIPS)
		r.content = refusalsOf(builtinContent, contentFIPS)
	}
	return r
}()

// refusalsOf makes the errors of the algorithms of builtin that rows does
// not approve.
func refusalsOf[A ~string, S any](builtin map[A]S, rows map[A]FIPSStatus) map[A]error {
	m := map[A]error{}
	for a := range builtin {
		if st := statusOf(rows, a, true, nil); !st.Approved {
			m[a] = notApproved(string(a), st)
		}
	}
	return m
}

// afterBind returns the error of binding key to alg: err, the algorithm's
// own, when it failed, and else in FIPS 140-3 mode the refusal of a key
// that mode forbids (fipsKeyError).
func afterBind(alg string, key any, err error) error {
	if err != nil || !fipsMode {
		return err
	}
	return fipsKeyError(alg, key)
}

// FIPS 186-5 §5.1 and Go's module (crypto/rsa, checkFIPS140OnlyPublicKey):
// the public exponent of an RSA key is larger than 2^16.
const fipsMinRSAExponent = 1<<16 + 1

// fipsKeyError reports why key may not be bound to alg in FIPS 140-3 mode,
// or nil. It judges only what FIPS 140-3 adds to the algorithm's own checks,
// which run first: a key of the wrong type, a typed nil or a malformed key
// is refused there with ErrInvalidKey, and only a key the algorithm accepts
// comes here.
func fipsKeyError(alg string, key any) error {
	if why := fipsKeyReason(key); why != "" {
		return fmt.Errorf("jwa: %s: %s: %w", alg, why, ErrNotApproved)
	}
	return nil
}

// fipsKeyReason says why key may not be used in FIPS 140-3 mode, or is "".
//
//   - RSA (FIPS 186-5 §5.1, SP 800-131A Rev. 2, and what Go's module
//     enforces): a modulus of at least 2048 bits and of even length, a public
//     exponent larger than 2^16, two primes of equal length. So a
//     [WeakRSAPublicKey] serves only when it holds a key of 2048 bits or
//     more.
//   - Key agreement: X25519 (crypto/ecdh) and the curves of extension
//     modules ([ECDHPublicKey], [ECDHPrivateKey]: X448) are not in SP
//     800-56A Rev. 3, and Go's module does not implement them.
func fipsKeyReason(key any) string {
	if nilcheck.IsNil(key) {
		return "" // the algorithm refuses it with ErrInvalidKey
	}
	switch k := key.(type) {
	case WeakRSAPublicKey:
		return fipsRSAReason(k.Key)
	case *WeakRSAPublicKey:
		return fipsRSAReason(k.Key)
	case *rsa.PrivateKey:
		if why := fipsRSAReason(&k.PublicKey); why != "" {
			return why
		}
		if len(k.Primes) != 2 || k.Primes[0] == nil || k.Primes[1] == nil || k.Primes[0].BitLen() != k.Primes[1].BitLen() {
			return "an RSA private key needs two primes of equal length (FIPS 186-5 Appendix A.1)"
		}
	case *rsa.PublicKey:
		return fipsRSAReason(k)
	case *ecdh.PublicKey:
		if k.Curve() == ecdh.X25519() {
			return basisX25519
		}
	case *ecdh.PrivateKey:
		if k.Curve() == ecdh.X25519() {
			return basisX25519
		}
	case ECDHPublicKey, ECDHPrivateKey:
		return fmt.Sprintf("key agreement on the curve of %T is outside Go's FIPS 140-3 module and SP 800-56A Rev. 3", key)
	case interface{ Public() crypto.PublicKey }: // a crypto.Signer or crypto.Decrypter: an HSM, a KMS
		if pub, ok := publicOf(k).(*rsa.PublicKey); ok {
			return fipsRSAReason(pub)
		}
	}
	return ""
}

// fipsRSAReason applies the FIPS 140-3 rules on an RSA public key; a nil or
// incomplete key is left to the algorithm's own checks.
func fipsRSAReason(pub *rsa.PublicKey) string {
	if pub == nil || pub.N == nil {
		return ""
	}
	switch bits := pub.N.BitLen(); {
	case bits < minRSABits:
		return fmt.Sprintf("a %d-bit RSA key is disallowed by SP 800-131A Rev. 2 (2048 bits or more)", bits)
	case bits%2 == 1:
		return fmt.Sprintf("an RSA modulus of odd length (%d bits) is refused by Go's FIPS 140-3 module", bits)
	}
	if pub.E < fipsMinRSAExponent {
		return fmt.Sprintf("RSA public exponent %d, FIPS 186-5 §5.1 needs more than 2^16", pub.E)
	}
	return ""
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
