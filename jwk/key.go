package jwk

import (
	"crypto"
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
	kind keyKind // the key material (kind.go)
	meta
	bindings sync.Map // binding → the jwa value bound for it, made once
}

// meta are the members of a JWK other than its key material.
type meta struct {
	kid, alg, use string
	ops           []string
	x5u           string
	x5c           []*x509.Certificate
	x5t, x5tS256  []byte
	extra         map[string]json.RawMessage // members this package does not know, kept for round trips
}

// newKey makes a Key of a checked kind, with the alg the kind is bound to.
func newKey(kind keyKind) *Key {
	return &Key{kind: kind, meta: meta{alg: kind.fixedAlg()}}
}

// Option sets a JWK member of a key made by [FromKey], [FromCertificates],
// [ParsePEM], [Generate] or [GenerateKey]: every Option is a
// [GenerateOption] too. It is an interface that only this package
// implements; a misused one (nil, an invalid value, members that
// contradict each other or the key) fails the call with an error wrapping
// [ErrInvalidOption] that names it.
type Option interface {
	GenerateOption
	isOption()
}

// keyOption is the implementation of Option.
type keyOption func(*Key) error

func (keyOption) isGenerateOption() {}
func (keyOption) isOption()         {}

// ErrInvalidOption is [jwa.ErrInvalidOption], which every misused option of
// this package wraps ([Option], [GenerateOption], [RemoteOption]).
var ErrInvalidOption = jwa.ErrInvalidOption

// optionError is the error of a misused option: it wraps ErrInvalidOption.
func optionError(format string, args ...any) error {
	return fmt.Errorf("jwk: "+format+": %w", append(args, ErrInvalidOption)...)
}

// WithKeyID sets "kid".
func WithKeyID(kid string) Option { return keyOption(func(k *Key) error { k.kid = kid; return nil }) }

// WithAlgorithm sets "alg": the key is then usable with that algorithm only.
func WithAlgorithm[A ~string](alg A) Option {
	return keyOption(func(k *Key) error { k.alg = string(alg); return nil })
}

// WithUse sets "use": "sig" or "enc" (RFC 7517 §4.2).
func WithUse(use string) Option {
	return keyOption(func(k *Key) error {
		if use != "sig" && use != "enc" {
			return optionError("WithUse(%q): want \"sig\" or \"enc\": %w", use, jwa.ErrMalformed)
		}
		k.use = use
		return nil
	})
}

// WithKeyOps sets "key_ops" (RFC 7517 §4.3).
func WithKeyOps(ops ...string) Option {
	return keyOption(func(k *Key) error { k.ops = slices.Clone(ops); return nil })
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
	kind, err := fromRaw(raw)
	if err != nil {
		return nil, err
	}
	if err := fipsCurve(kind.curve()); err != nil {
		return nil, err
	}
	k := newKey(kind)
	if err := k.apply(opts); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *Key) apply(opts []Option) error {
	for i, o := range opts {
		f, _ := o.(keyOption)
		if f == nil {
			return optionError("option %d is nil", i+1)
		}
		if err := f(k); err != nil {
			return err
		}
	}
	if err := k.checkMembers(); err != nil {
		if len(opts) > 0 { // the members the options set
			return fmt.Errorf("%w: %w", err, ErrInvalidOption)
		}
		return err
	}
	return nil
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
	// An ML-DSA key's alg is required (draft-ietf-cose-dilithium-11 §3)
	// and must be its parameter set's (§7.4: mismatched parameters).
	if want := k.km().fixedAlg(); want != "" && k.alg != want {
		return invalid("%s key with alg %q", want, k.alg)
	}
	return k.checkCertificates()
}

func (k *Key) clone() *Key {
	c := &Key{kind: k.kind, meta: k.meta}
	c.ops, c.x5c = slices.Clone(k.ops), slices.Clone(k.x5c)
	return c
}

// KeyType returns "kty".
func (k *Key) KeyType() jwa.KeyType { return k.km().keyType() }

// Curve returns "crv" for EC and OKP keys, else "".
func (k *Key) Curve() jwa.Curve { return k.km().curve() }

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
func (k *Key) IsPrivate() bool { return k.km().isPrivate() }

// IsSymmetric reports whether the key is a secret (kty "oct").
func (k *Key) IsSymmetric() bool { return k.KeyType() == jwa.KeyTypeOct }

// Raw returns the standard library key: the private key (or crypto.Signer,
// crypto.Decrypter) for a private key, the public key for a public key, and
// a copy of the secret for an oct key.
func (k *Key) Raw() any {
	raw := k.km().goKey()
	if b, ok := raw.([]byte); ok {
		return slices.Clone(b)
	}
	return raw
}

// PublicKey returns the standard library public key, or nil for an oct key.
func (k *Key) PublicKey() crypto.PublicKey { return k.km().publicKey() }

// Public returns the key without its private members (RFC 7517 §4: a public
// JWK carries no private parameters), keeping kid, alg, use, key_ops and the
// X.509 members. For an oct key, which has no public part, it returns nil.
func (k *Key) Public() *Key {
	if k.IsSymmetric() {
		return nil
	}
	if !k.IsPrivate() {
		return k
	}
	c := k.clone()
	c.kind = k.km().public()
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
	s := "jwk.Key{kty=" + string(k.KeyType())
	if crv := k.Curve(); crv != "" {
		s += " crv=" + string(crv)
	}
	if k.kid != "" {
		s += fmt.Sprintf(" kid=%q", k.kid)
	}
	if k.alg != "" {
		s += " alg=" + k.alg
	}
	if k.IsPrivate() {
		s += " private"
	}
	return s + "}"
}

// Format makes every fmt verb (%v, %+v, %#v, %s) print [Key.String], so a
// key in a log line never shows its secrets (docs/DESIGN.md, T54).
func (k *Key) Format(f fmt.State, _ rune) { fmt.Fprint(f, k.String()) }

// GoString returns [Key.String].
func (k *Key) GoString() string { return k.String() }
