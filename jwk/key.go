package jwk

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/subtle"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// Key is a JSON Web Key (RFC 7517): a standard library key together with
// the JWK members that describe it. A Key is checked once, when it is made
// ([FromKey]) or parsed ([Parse]); it is immutable afterwards and safe for
// concurrent use.
//
// The key material is one of:
//
//   - RSA: *rsa.PrivateKey, *rsa.PublicKey, or a crypto.Signer /
//     crypto.Decrypter whose public key is *rsa.PublicKey (an HSM or KMS key);
//   - EC (P-256, P-384, P-521): *ecdsa.PrivateKey, *ecdsa.PublicKey, or a
//     crypto.Signer whose public key is *ecdsa.PublicKey;
//   - OKP Ed25519: ed25519.PrivateKey, ed25519.PublicKey, or a crypto.Signer
//     whose public key is ed25519.PublicKey;
//   - OKP X25519: *ecdh.PrivateKey, *ecdh.PublicKey;
//   - oct: []byte;
//   - AKP (Go 1.27 and later): *mldsa.PrivateKey, *mldsa.PublicKey, or a
//     crypto.Signer whose public key is *mldsa.PublicKey. An AKP key always
//     has an alg, its ML-DSA parameter set, and serves that algorithm only;
//   - AKP for HPKE's post-quantum and hybrid KEMs: *mlkem.DecapsulationKey768,
//     *mlkem.DecapsulationKey1024, their encapsulation keys, and crypto/hpke
//     private and public keys (X-Wing, for example). These serve the HPKE
//     algorithms of package jwa and have no JSON form yet.
//
// Formatting a Key with any verb prints kty, crv, kid and alg, never secret
// material.
type Key struct {
	kty     jwa.KeyType
	crv     jwa.Curve
	raw     any    // the key as given or parsed: private when private is set
	pub     any    // the public key; nil for oct
	private bool   // raw can sign or decrypt (a private key, a Signer, a Decrypter, or a secret)
	weak    bool   // pub is an RSA key the caller accepted below 2048 bits, verify only
	kem     bool   // an HPKE KEM key of kty AKP (kem.go), with no JSON form
	ecPoint []byte // the uncompressed point of an EC key, kept from its check (read-only)

	kid, alg, use string
	ops           []string
	x5u           string
	x5c           []*x509.Certificate
	x5t, x5tS256  []byte
	extra         map[string]json.RawMessage // members this package does not know, kept for round trips
	codec         KeyCodec                   // set for a key type an extension registered (extension.go)

	bindings sync.Map // binding → the jwa value bound for it, made once
}

// Option sets a JWK member when a key is made with [FromKey].
type Option func(*Key) error

// WithKeyID sets "kid".
func WithKeyID(kid string) Option { return func(k *Key) error { k.kid = kid; return nil } }

// WithAlgorithm sets "alg": the key is then usable with that algorithm only.
func WithAlgorithm[A ~string](alg A) Option {
	return func(k *Key) error { k.alg = string(alg); return nil }
}

// WithUse sets "use": "sig" or "enc" (RFC 7517 §4.2).
func WithUse(use string) Option {
	return func(k *Key) error {
		if use != "sig" && use != "enc" {
			return fmt.Errorf("jwk: use %q: %w", use, jwa.ErrMalformed)
		}
		k.use = use
		return nil
	}
}

// WithKeyOps sets "key_ops" (RFC 7517 §4.3).
func WithKeyOps(ops ...string) Option {
	return func(k *Key) error { k.ops = slices.Clone(ops); return nil }
}

// FromKey makes a Key of a standard library key (see [Key] for the types),
// a [jwa.WeakRSAPublicKey] (an RSA public key the caller accepts below 2048
// bits, for verifying legacy tokens only), or a *Key (returned as it is when
// no options are given, else copied with them). The key is checked: an RSA
// private key must be consistent and have two primes, an RSA modulus with
// the ROCA fingerprint is refused ([ErrVulnerableKey], CVE-2017-15361;
// wrap a public key in jwa.WeakRSAPublicKey to accept it for verification
// anyway), an EC or OKP key must
// be valid on its curve with a private part that matches its public part, a
// secret must not be empty, an ML-DSA key gets its parameter set as "alg"
// ([WithAlgorithm] naming another set is refused). Typed nils and other
// types wrap [jwa.ErrInvalidKey].
func FromKey(raw any, opts ...Option) (_ *Key, err error) {
	defer errwrap.Own(&err, "jwk")
	if k, ok := raw.(*Key); ok && k != nil {
		if len(opts) == 0 {
			return k, nil
		}
		c := k.clone()
		if err := c.apply(opts); err != nil {
			return nil, err
		}
		return c, nil
	}
	k, err := fromRaw(raw)
	if err != nil {
		return nil, err
	}
	if err := fipsCurve(k.crv); err != nil {
		return nil, err
	}
	if err := k.apply(opts); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *Key) apply(opts []Option) error {
	for i, o := range opts {
		if o == nil {
			return fmt.Errorf("jwk: option %d is nil: %w", i+1, jwa.ErrInvalidKey)
		}
		if err := o(k); err != nil {
			return err
		}
	}
	return k.checkMembers()
}

// checkMembers applies the rules between members once the members are set:
// use and key_ops must agree (RFC 7517 §4.3), an AKP key's alg must be its
// parameter set's, and the X.509 members must match the key (see
// checkCertificates).
func (k *Key) checkMembers() error {
	for i, op := range k.ops {
		if slices.Contains(k.ops[:i], op) {
			return fmt.Errorf("jwk: key_ops lists %q twice: %w", op, jwa.ErrMalformed)
		}
		if k.use != "" && !slices.Contains(useOps[k.use], op) {
			return fmt.Errorf("jwk: key_ops %q contradicts use %q: %w", op, k.use, jwa.ErrMalformed)
		}
	}
	if err := checkAKPAlg(k); err != nil {
		return err
	}
	return k.checkCertificates()
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("jwk: "+format+": %w", append(args, jwa.ErrInvalidKey)...)
}

// fromRaw checks a standard library key and wraps it.
func fromRaw(raw any) (*Key, error) {
	if k, ok, err := fromAKP(raw); ok { // ML-DSA keys, from Go 1.27 on (akp.go)
		return k, err
	}
	if k, ok, err := fromKEM(raw); ok { // HPKE's ML-KEM and hybrid keys (kem.go)
		return k, err
	}
	switch key := raw.(type) {
	case []byte:
		if len(key) == 0 {
			return nil, invalid("empty secret")
		}
		return &Key{kty: jwa.KeyTypeOct, raw: slices.Clone(key), private: true}, nil
	case *rsa.PrivateKey:
		if key == nil || key.N == nil {
			return nil, invalid("nil RSA private key")
		}
		if len(key.Primes) != 2 {
			return nil, invalid("RSA keys with %d primes are not supported (multi-prime keys are refused)", len(key.Primes))
		}
		if err := key.Validate(); err != nil {
			return nil, invalid("RSA private key: %w", err)
		}
		if err := checkRSAPublic(&key.PublicKey); err != nil {
			return nil, err
		}
		if err := refuseROCA(&key.PublicKey); err != nil {
			return nil, err
		}
		return &Key{kty: jwa.KeyTypeRSA, raw: key, pub: &key.PublicKey, private: true}, nil
	case *rsa.PublicKey:
		if err := checkRSAPublic(key); err != nil {
			return nil, err
		}
		if err := refuseROCA(key); err != nil {
			return nil, err
		}
		return &Key{kty: jwa.KeyTypeRSA, raw: key, pub: key}, nil
	case jwa.WeakRSAPublicKey:
		if err := checkRSAPublic(key.Key); err != nil {
			return nil, err
		}
		return &Key{kty: jwa.KeyTypeRSA, raw: key.Key, pub: key.Key, weak: true}, nil
	case *ecdsa.PrivateKey:
		if key == nil {
			return nil, invalid("nil EC private key")
		}
		crv, err := curveOf(key.Curve)
		if err != nil {
			return nil, err
		}
		// ECDH checks the point (it must be on the curve) and the scalar,
		// and computes the scalar's point; Bytes encodes the given point
		// (checked already) for the comparison, without a second ecdh
		// conversion.
		d, err := key.ECDH()
		if err != nil {
			return nil, invalid("EC private key: %w", err)
		}
		q, err := key.PublicKey.Bytes()
		if err != nil {
			return nil, invalid("EC public key: %w", err)
		}
		if subtle.ConstantTimeCompare(d.PublicKey().Bytes(), q) != 1 {
			return nil, invalid("EC private key does not match its public key")
		}
		return &Key{kty: jwa.KeyTypeEC, crv: crv, raw: key, pub: &key.PublicKey, private: true, ecPoint: q}, nil
	case *ecdsa.PublicKey:
		if key == nil {
			return nil, invalid("nil EC public key")
		}
		crv, err := curveOf(key.Curve)
		if err != nil {
			return nil, err
		}
		p, err := key.ECDH() // T10: the point must be on the curve
		if err != nil {
			return nil, invalid("EC public key: %w", err)
		}
		return &Key{kty: jwa.KeyTypeEC, crv: crv, raw: key, pub: key, ecPoint: p.Bytes()}, nil
	case ed25519.PrivateKey:
		if len(key) != ed25519.PrivateKeySize {
			return nil, invalid("Ed25519 private key of %d bytes", len(key))
		}
		pub := ed25519.NewKeyFromSeed(key.Seed()).Public().(ed25519.PublicKey)
		if !pub.Equal(key.Public()) {
			return nil, invalid("Ed25519 private key does not match its public key")
		}
		return &Key{kty: jwa.KeyTypeOKP, crv: jwa.CurveEd25519, raw: key, pub: pub, private: true}, nil
	case ed25519.PublicKey:
		if len(key) != ed25519.PublicKeySize {
			return nil, invalid("Ed25519 public key of %d bytes", len(key))
		}
		return &Key{kty: jwa.KeyTypeOKP, crv: jwa.CurveEd25519, raw: key, pub: key}, nil
	case *ecdh.PrivateKey:
		if key == nil {
			return nil, invalid("nil ECDH private key")
		}
		if key.Curve() == ecdh.X25519() {
			return &Key{kty: jwa.KeyTypeOKP, crv: jwa.X25519, raw: key, pub: key.PublicKey(), private: true}, nil
		}
		ec, err := ecdsaPrivate(key)
		if err != nil {
			return nil, err
		}
		return fromRaw(ec)
	case *ecdh.PublicKey:
		if key == nil {
			return nil, invalid("nil ECDH public key")
		}
		if key.Curve() == ecdh.X25519() {
			return &Key{kty: jwa.KeyTypeOKP, crv: jwa.X25519, raw: key, pub: key}, nil
		}
		ec, err := ecdsaPublic(key)
		if err != nil {
			return nil, err
		}
		return fromRaw(ec)
	case nil:
		return nil, invalid("no key")
	}
	// Only keys of no built-in type reach the registered codecs.
	if k, ok, err := fromExt(raw); ok {
		return k, err
	}
	switch key := raw.(type) {
	case crypto.Signer:
		return fromOpaque(key, key.Public)
	case crypto.Decrypter:
		return fromOpaque(key, key.Public)
	}
	return nil, invalid("unsupported key type %T", raw)
}

// fromOpaque wraps a key whose private part lives elsewhere (an HSM, a KMS),
// known by its public key only.
func fromOpaque(key any, public func() crypto.PublicKey) (k *Key, err error) {
	defer func() {
		if recover() != nil { // a typed nil whose Public method dereferences it
			k, err = nil, invalid("nil %T", key)
		}
	}()
	pub := public()
	switch pub.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
	default:
		if !isAKPPublic(pub) {
			return nil, invalid("%T has an unsupported public key %T", key, pub)
		}
	}
	k, err = fromRaw(pub)
	if err != nil {
		return nil, err
	}
	k.raw, k.private = key, true
	return k, nil
}

func checkRSAPublic(key *rsa.PublicKey) error {
	if key == nil || key.N == nil || key.N.Sign() <= 0 {
		return invalid("nil RSA public key")
	}
	// T09: e = 1 makes encryption the identity; an even e has no inverse.
	if key.E < 3 || key.E%2 == 0 {
		return invalid("RSA public exponent %d", key.E)
	}
	if key.N.Bit(0) == 0 {
		return invalid("RSA modulus is even")
	}
	if key.N.BitLen() > 16384 {
		return invalid("RSA modulus of %d bits is over the 16384-bit limit", key.N.BitLen())
	}
	return nil
}

// refuseROCA refuses a modulus with the ROCA fingerprint (T09,
// CVE-2017-15361; roca.go). A jwa.WeakRSAPublicKey, the caller's explicit
// acceptance of a legacy key, is not checked.
func refuseROCA(key *rsa.PublicKey) error {
	if hasROCAFingerprint(key.N) {
		return fmt.Errorf("jwk: the %d-bit RSA modulus has the ROCA fingerprint (CVE-2017-15361): its primes came from a flawed generator and can be recovered: %w",
			key.N.BitLen(), ErrVulnerableKey)
	}
	return nil
}

var curves = map[elliptic.Curve]jwa.Curve{
	elliptic.P256(): jwa.P256,
	elliptic.P384(): jwa.P384,
	elliptic.P521(): jwa.P521,
}

func curveOf(c elliptic.Curve) (jwa.Curve, error) {
	if crv, ok := curves[c]; ok {
		return crv, nil
	}
	return "", invalid("unsupported elliptic curve")
}

// ellipticCurve returns the curve of an EC crv name.
func ellipticCurve(crv jwa.Curve) (elliptic.Curve, bool) {
	for c, name := range curves {
		if name == crv {
			return c, true
		}
	}
	return nil, false
}

func nistCurve(c ecdh.Curve) (elliptic.Curve, error) {
	switch c {
	case ecdh.P256():
		return elliptic.P256(), nil
	case ecdh.P384():
		return elliptic.P384(), nil
	case ecdh.P521():
		return elliptic.P521(), nil
	}
	return nil, invalid("unsupported ECDH curve")
}

func ecdsaPublic(key *ecdh.PublicKey) (*ecdsa.PublicKey, error) {
	c, err := nistCurve(key.Curve())
	if err != nil {
		return nil, err
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c, key.Bytes())
	if err != nil {
		return nil, invalid("EC public key: %w", err)
	}
	return pub, nil
}

func ecdsaPrivate(key *ecdh.PrivateKey) (*ecdsa.PrivateKey, error) {
	c, err := nistCurve(key.Curve())
	if err != nil {
		return nil, err
	}
	priv, err := ecdsa.ParseRawPrivateKey(c, key.Bytes())
	if err != nil {
		return nil, invalid("EC private key: %w", err)
	}
	return priv, nil
}

func (k *Key) clone() *Key {
	return &Key{
		kty: k.kty, crv: k.crv, raw: k.raw, pub: k.pub, private: k.private, weak: k.weak, ecPoint: k.ecPoint,
		kid: k.kid, alg: k.alg, use: k.use, ops: slices.Clone(k.ops),
		x5u: k.x5u, x5c: slices.Clone(k.x5c), x5t: k.x5t, x5tS256: k.x5tS256,
		extra: k.extra, codec: k.codec, kem: k.kem,
	}
}

// KeyType returns "kty".
func (k *Key) KeyType() jwa.KeyType { return k.kty }

// Curve returns "crv" for EC and OKP keys, else "".
func (k *Key) Curve() jwa.Curve { return k.crv }

// KeyID returns "kid", or "".
func (k *Key) KeyID() string { return k.kid }

// Algorithm returns "alg", or "" when the key is not bound to one.
func (k *Key) Algorithm() string { return k.alg }

// Use returns "use": "sig", "enc" or "".
func (k *Key) Use() string { return k.use }

// KeyOps returns a copy of "key_ops".
func (k *Key) KeyOps() []string { return slices.Clone(k.ops) }

// Certificates returns the parsed "x5c" chain, leaf first, or nil. Nothing
// in it is trusted until [Key.VerifyCertificates] checked it.
func (k *Key) Certificates() []*x509.Certificate { return slices.Clone(k.x5c) }

// IsPrivate reports whether the key can sign or decrypt: a private key, a
// crypto.Signer or crypto.Decrypter, or a secret.
func (k *Key) IsPrivate() bool { return k.private }

// IsSymmetric reports whether the key is a secret (kty "oct").
func (k *Key) IsSymmetric() bool { return k.kty == jwa.KeyTypeOct }

// Raw returns the standard library key: the private key (or crypto.Signer,
// crypto.Decrypter) for a private key, the public key for a public key, and
// a copy of the secret for an oct key.
func (k *Key) Raw() any {
	if b, ok := k.raw.([]byte); ok {
		return slices.Clone(b)
	}
	return k.raw
}

// PublicKey returns the standard library public key, or nil for an oct key.
func (k *Key) PublicKey() crypto.PublicKey { return k.pub }

// Public returns the key without its private members (RFC 7517 §4: a public
// JWK carries no private parameters), keeping kid, alg, use, key_ops and the
// X.509 members. For an oct key, which has no public part, it returns nil.
func (k *Key) Public() *Key {
	if k.kty == jwa.KeyTypeOct {
		return nil
	}
	if !k.private {
		return k
	}
	c := k.clone()
	c.raw, c.private = k.pub, false
	c.ops = publicOps(k.ops)
	return c
}

// publicOps keeps the operations a public key can do.
func publicOps(ops []string) []string {
	if ops == nil {
		return nil
	}
	out := []string{}
	for _, op := range ops {
		if op == "verify" || op == "encrypt" || op == "wrapKey" {
			out = append(out, op)
		}
	}
	return out
}

// String describes the key by kty, crv, kid and alg, never its material.
func (k *Key) String() string {
	if k == nil {
		return "jwk.Key(nil)"
	}
	s := "jwk.Key{kty=" + string(k.kty)
	if k.crv != "" {
		s += " crv=" + string(k.crv)
	}
	if k.kid != "" {
		s += fmt.Sprintf(" kid=%q", k.kid)
	}
	if k.alg != "" {
		s += " alg=" + k.alg
	}
	if k.private {
		s += " private"
	}
	return s + "}"
}

// Format makes every fmt verb (%v, %+v, %#v, %s) print [Key.String], so a
// key in a log line never shows its secrets (docs/DESIGN.md, T54).
func (k *Key) Format(f fmt.State, _ rune) { fmt.Fprint(f, k.String()) }

// GoString returns [Key.String].
func (k *Key) GoString() string { return k.String() }
