package jwk

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// Algorithm is a JWS or JWE "alg" value, as [Generate] takes.
type Algorithm interface {
	jwa.SignatureAlgorithm | jwa.KeyAlgorithm
}

// Bounds on generated keys.
const (
	minRSABits    = 2048 // RFC 7518 §3.3, §4.2, §4.3: 2048 bits or larger
	maxRSABits    = 8192 // generation time grows as the cube of the size
	defaultRSABit = 2048
	minOctBits    = 128
	maxOctBits    = 8192
	defaultOctBit = 256
)

// GenerateOption shapes a key made by [Generate] or [GenerateKey]: its size
// ([WithBits]) or curve ([WithCurve]). Every [Option] is a GenerateOption
// too, and sets a member of the new key (kid, use, key_ops), so one list
// can mix both: Generate(jwa.ES256, WithKeyID("k1")). It is an interface
// that only this package implements; a size or curve the key cannot have
// is an error wrapping [ErrInvalidOption] and [jwa.ErrInvalidKey].
type GenerateOption interface {
	isGenerateOption()
}

type genConfig struct {
	bits    int // 0: the default
	bitsSet bool
	crv     jwa.Curve
	members []Option
}

// genOption is the implementation of the GenerateOptions that are not
// Options.
type genOption func(*genConfig)

func (genOption) isGenerateOption() {}

// WithBits sets the size of a generated key in bits, a multiple of 8: the
// RSA modulus (2048 to 8192, default 2048) or the length of a secret (128
// to 8192, default 256). It is an error for EC and OKP keys, whose size is
// their curve's.
func WithBits(bits int) GenerateOption {
	return genOption(func(c *genConfig) { c.bits, c.bitsSet = bits, true })
}

// WithCurve sets the curve of a generated EC key (P-256, P-384, P-521;
// default P-256) or OKP key (Ed25519, X25519; default Ed25519). It is an
// error for RSA and oct keys.
func WithCurve(crv jwa.Curve) GenerateOption {
	return genOption(func(c *genConfig) { c.crv = crv })
}

// GenerateKey makes a fresh private key of a key type, from crypto/rand,
// with no "alg": RSA (2048 bits unless [WithBits] says more), EC (P-256
// unless [WithCurve] says otherwise), OKP (Ed25519, or X25519 with
// WithCurve), or oct (a 256-bit secret unless WithBits says otherwise).
// Sizes under the minimums (RSA 2048 bits, secrets 128 bits), over 8192
// bits, unknown curves, a curve for RSA or oct and a size for EC or OKP
// wrap [jwa.ErrInvalidKey]. Prefer [Generate], which binds the key to its
// algorithm.
func GenerateKey(kty jwa.KeyType, opts ...GenerateOption) (_ *Key, err error) {
	defer errwrap.Own(&err, "jwk")
	c, err := newGenConfig(opts)
	if err != nil {
		return nil, err
	}
	raw, err := generateRaw(kty, c)
	if err != nil {
		return nil, err
	}
	return FromKey(raw, c.members...)
}

// Generate makes a fresh private key, from crypto/rand, that fits the
// algorithm, and sets its "alg" so that it serves that algorithm only:
//
//   - HS256, HS384, HS512: a secret as long as the hash (RFC 7518 §3.2); a
//     longer one with [WithBits];
//   - RS*, PS*, RSA1_5, RSA-OAEP*: an RSA key of 2048 bits, or more with
//     WithBits;
//   - ES256, ES384, ES512: an EC key on P-256, P-384, P-521;
//   - EdDSA, Ed25519: an Ed25519 key;
//   - A128KW, A192KW, A256KW, A128GCMKW, A192GCMKW, A256GCMKW: a secret of
//     the algorithm's key size;
//   - dir: a 256-bit secret (the content key of A256GCM and A128CBC-HS256);
//     WithBits(128, 192, 384 or 512) makes one for the other "enc" values;
//   - ECDH-ES, ECDH-ES+A*KW: an EC key on P-256, or on the curve of
//     [WithCurve] (P-384, P-521, X25519).
//
// PBES2 keys are passwords chosen by people and are not generated; they,
// "none" and unknown or registered algorithms wrap
// [jwa.ErrUnsupportedAlgorithm]. In FIPS 140-3 mode (jwa.FIPSMode) an
// algorithm or a curve that is not approved wraps [jwa.ErrNotApproved]. Options that contradict the algorithm (a
// size or curve it does not use, an [Option] setting another "alg") wrap
// [jwa.ErrInvalidKey].
func Generate[A Algorithm](alg A, opts ...GenerateOption) (_ *Key, err error) {
	defer errwrap.Own(&err, "jwk")
	if err := any(alg).(interface{ CheckFIPS() error }).CheckFIPS(); err != nil {
		return nil, fmt.Errorf("jwk: Generate: %w", err)
	}
	c, err := newGenConfig(opts)
	if err != nil {
		return nil, err
	}
	kty, err := c.forAlgorithm(any(alg))
	if err != nil {
		return nil, err
	}
	raw, err := generateRaw(kty, c)
	if err != nil {
		return nil, err
	}
	k, err := FromKey(raw, c.members...)
	if err != nil {
		return nil, err
	}
	if k.alg != "" && k.alg != string(alg) {
		return nil, invalidOption("Generate(%s) given an option that sets alg %q", alg, k.alg)
	}
	k.alg = string(alg)
	return k, nil
}

func newGenConfig(opts []GenerateOption) (*genConfig, error) {
	c := &genConfig{}
	for i, o := range opts {
		switch o := o.(type) {
		case genOption:
			if o != nil {
				o(c)
				continue
			}
		case keyOption:
			if o != nil {
				c.members = append(c.members, o)
				continue
			}
		}
		return nil, optionError("option %d is nil", i+1)
	}
	return c, nil
}

// forAlgorithm fills in the size or curve an algorithm needs and returns the
// key type to make.
func (c *genConfig) forAlgorithm(alg any) (jwa.KeyType, error) {
	switch alg {
	case jwa.HS256, jwa.HS384, jwa.HS512:
		need := map[any]int{jwa.HS256: 256, jwa.HS384: 384, jwa.HS512: 512}[alg]
		if !c.bitsSet {
			c.bits, c.bitsSet = need, true
		} else if c.bits < need {
			// RFC 7518 §3.2: a key of the same size as the hash output or
			// larger MUST be used.
			return "", invalidOption("%s needs a secret of at least %d bits, not %d", alg, need, c.bits)
		}
		return jwa.KeyTypeOct, nil
	case jwa.RS256, jwa.RS384, jwa.RS512, jwa.PS256, jwa.PS384, jwa.PS512,
		jwa.RSA1_5, jwa.RSA_OAEP, jwa.RSA_OAEP_256, jwa.RSA_OAEP_384, jwa.RSA_OAEP_512:
		return jwa.KeyTypeRSA, nil
	case jwa.ES256, jwa.ES384, jwa.ES512:
		return jwa.KeyTypeEC, c.fixCurve(alg, map[any]jwa.Curve{jwa.ES256: jwa.P256, jwa.ES384: jwa.P384, jwa.ES512: jwa.P521}[alg])
	case jwa.EdDSA, jwa.Ed25519:
		return jwa.KeyTypeOKP, c.fixCurve(alg, jwa.CurveEd25519)
	case jwa.A128KW, jwa.A128GCMKW:
		return jwa.KeyTypeOct, c.fixBits(alg, 128)
	case jwa.A192KW, jwa.A192GCMKW:
		return jwa.KeyTypeOct, c.fixBits(alg, 192)
	case jwa.A256KW, jwa.A256GCMKW:
		return jwa.KeyTypeOct, c.fixBits(alg, 256)
	case jwa.Direct:
		if !c.bitsSet {
			c.bits, c.bitsSet = 256, true
		} else if !slices.Contains([]int{128, 192, 256, 384, 512}, c.bits) {
			return "", invalidOption("dir: a content key of %d bits fits no content encryption (128, 192, 256, 384 or 512)", c.bits)
		}
		return jwa.KeyTypeOct, nil
	case jwa.ECDH_ES, jwa.ECDH_ES_A128KW, jwa.ECDH_ES_A192KW, jwa.ECDH_ES_A256KW:
		switch c.crv {
		case "":
			c.crv = jwa.P256
			return jwa.KeyTypeEC, nil
		case jwa.P256, jwa.P384, jwa.P521:
			return jwa.KeyTypeEC, nil
		case jwa.X25519:
			return jwa.KeyTypeOKP, nil
		}
		return "", invalidOption("%s: curve %q (P-256, P-384, P-521 or X25519)", alg, c.crv)
	case jwa.PBES2_HS256_A128KW, jwa.PBES2_HS384_A192KW, jwa.PBES2_HS512_A256KW:
		return "", fmt.Errorf("jwk: %s uses a password, which Generate does not make: %w", alg, jwa.ErrUnsupportedAlgorithm)
	}
	return "", fmt.Errorf("jwk: cannot generate a key for algorithm %q: %w", alg, jwa.ErrUnsupportedAlgorithm)
}

// fixCurve sets the one curve an algorithm allows.
func (c *genConfig) fixCurve(alg any, crv jwa.Curve) error {
	if c.crv != "" && c.crv != crv {
		return invalidOption("%s uses curve %s, not %s", alg, crv, c.crv)
	}
	c.crv = crv
	return nil
}

// fixBits sets the one size an algorithm allows.
func (c *genConfig) fixBits(alg any, bits int) error {
	if c.bitsSet && c.bits != bits {
		return invalidOption("%s uses a %d-bit key, not %d", alg, bits, c.bits)
	}
	c.bits, c.bitsSet = bits, true
	return nil
}

// generateRaw makes a standard library key of a key type from the config.
func generateRaw(kty jwa.KeyType, c *genConfig) (any, error) {
	if err := fipsCurve(c.crv); err != nil {
		return nil, err
	}
	if raw, ok, err := extGenerate(kty, c); ok {
		return raw, err
	}
	switch kty {
	case jwa.KeyTypeRSA:
		bits, err := c.size("RSA keys", defaultRSABit, minRSABits, maxRSABits)
		if err != nil {
			return nil, err
		}
		key, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			return nil, invalid("RSA key generation: %w", err)
		}
		return key, nil
	case jwa.KeyTypeEC:
		if c.bitsSet {
			return nil, invalidOption("an EC key's size is its curve's; use WithCurve, not WithBits")
		}
		crv := c.crv
		if crv == "" {
			crv = jwa.P256
		}
		curve := jwkcodec.LookupCurve(jwa.KeyTypeEC, crv)
		if curve == nil {
			return nil, invalidOption("EC curve %q (P-256, P-384 or P-521%s)", crv, extModuleHint(crv))
		}
		return ecdsa.GenerateKey(curve.Elliptic, rand.Reader)
	case jwa.KeyTypeOKP:
		if c.bitsSet {
			return nil, invalidOption("an OKP key's size is its curve's; use WithCurve, not WithBits")
		}
		switch c.crv {
		case "", jwa.CurveEd25519:
			_, key, err := ed25519.GenerateKey(rand.Reader)
			return key, err
		case jwa.X25519:
			return ecdh.X25519().GenerateKey(rand.Reader)
		}
		return nil, invalidOption("OKP curve %q (Ed25519 or X25519%s)", c.crv, extModuleHint(c.crv))
	case jwa.KeyTypeOct:
		bits, err := c.size("secrets", defaultOctBit, minOctBits, maxOctBits)
		if err != nil {
			return nil, err
		}
		secret := make([]byte, bits/8)
		_, _ = rand.Read(secret) // crypto/rand.Read never fails (Go 1.24)
		return secret, nil
	}
	return nil, invalid("cannot generate a key of type %q (RSA, EC, OKP or oct)", kty)
}

// size returns the size in bits of an RSA key or a secret: the default, or
// the caller's within the bounds. A curve means nothing for these keys.
func (c *genConfig) size(what string, def, lo, hi int) (int, error) {
	if c.crv != "" {
		return 0, invalidOption("%s have no curve (got %s)", what, c.crv)
	}
	bits := def
	if c.bitsSet {
		bits = c.bits
	}
	if bits < lo || bits > hi || bits%8 != 0 {
		return 0, invalidOption("%s of %d bits are not generated (a multiple of 8, %d to %d)", what, bits, lo, hi)
	}
	return bits, nil
}

// extModuleHint names the nested module that adds a curve this package
// knows by name only, for error messages.
func extModuleHint(crv jwa.Curve) string {
	switch crv {
	case jwa.Secp256k1:
		return "; secp256k1 comes with the module github.com/joseproject/jose/ext/secp256k1, which this program does not import"
	case jwa.CurveEd448, jwa.X448:
		return "; " + string(crv) + " comes with the module github.com/joseproject/jose/ext/ed448, which this program does not import"
	}
	return ""
}

// invalidOption is the error of a size, curve or member the options ask
// for that the key cannot have: it wraps jwa.ErrInvalidKey and
// ErrInvalidOption.
func invalidOption(format string, args ...any) error {
	return fmt.Errorf("%w: %w", invalid(format, args...), ErrInvalidOption)
}
