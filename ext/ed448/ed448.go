package ed448

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"math/big"

	"github.com/cloudflare/circl/ecc/goldilocks"
	"github.com/cloudflare/circl/sign/ed448"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

func init() {
	if err := Register(); err != nil {
		panic(err)
	}
}

// Register registers the Ed448 signature algorithm with jwa and the Ed448
// and X448 key codecs with jwk; ECDH-ES accepts X448 keys through
// [jwa.ECDHPublicKey] without registration. The package's init function
// calls it; calling it again returns an error wrapping
// [jwa.ErrAlreadyRegistered].
func Register() error {
	if err := jwa.RegisterSignature(jwa.Ed448, Scheme{}); err != nil {
		return err
	}
	if err := jwk.RegisterKeyCodec(Ed448Codec{}); err != nil {
		return err
	}
	return jwk.RegisterKeyCodec(X448Codec{})
}

// Scheme is Ed448 (RFC 9864 §2.3; RFC 8037 §3.1 with crv Ed448) as a
// [jwa.SignatureScheme]. Importing the package registers it.
type Scheme struct{}

// KeyType is "OKP".
func (Scheme) KeyType() jwa.KeyType { return jwa.KeyTypeOKP }

// NewSigner takes an ed448.PrivateKey of 114 bytes (seed, then public key)
// whose public half matches its seed. The key is copied.
func (Scheme) NewSigner(key any) (jwa.Signer, error) {
	priv, ok := key.(ed448.PrivateKey)
	if !ok {
		return nil, keyError("got %T, want ed448.PrivateKey", key)
	}
	if err := checkPrivate(priv); err != nil {
		return nil, err
	}
	return signer{bytes.Clone(priv)}, nil
}

// NewVerifier takes an ed448.PublicKey of 57 bytes that decodes to a point
// not of small order. The key is copied.
func (Scheme) NewVerifier(key any) (jwa.Verifier, error) {
	pub, ok := key.(ed448.PublicKey)
	if !ok {
		return nil, keyError("got %T, want ed448.PublicKey", key)
	}
	if err := checkPublic(pub); err != nil {
		return nil, err
	}
	return verifier{bytes.Clone(pub)}, nil
}

func keyError(format string, args ...any) error {
	return fmt.Errorf("ed448: %s: "+format+": %w", append(append([]any{jwa.Ed448}, args...), jwa.ErrInvalidKey)...)
}

// smallOrder are the encodings, sign bit clear, of the y coordinates of the
// points of order 1, 2 and 4 of edwards448 (cofactor 4): y = 1, y = -1 and
// y = 0.
var smallOrder = func() [][ed448.PublicKeySize]byte {
	p := new(big.Int).Lsh(big.NewInt(1), 448)
	p.Sub(p, new(big.Int).Lsh(big.NewInt(1), 224)).Sub(p, big.NewInt(1))
	var out [][ed448.PublicKeySize]byte
	for _, y := range []*big.Int{big.NewInt(1), new(big.Int).Sub(p, big.NewInt(1)), big.NewInt(0)} {
		var e [ed448.PublicKeySize]byte
		y.FillBytes(e[:])
		for i, j := 0, len(e)-1; i < j; i, j = i+1, j-1 {
			e[i], e[j] = e[j], e[i] // little-endian
		}
		out = append(out, e)
	}
	return out
}()

func checkPublic(pub ed448.PublicKey) error {
	if len(pub) != ed448.PublicKeySize {
		return keyError("public key of %d bytes, want %d", len(pub), ed448.PublicKeySize)
	}
	if _, err := goldilocks.FromBytes(pub); err != nil {
		return keyError("public key is not a point of edwards448")
	}
	var y [ed448.PublicKeySize]byte
	copy(y[:], pub)
	y[len(y)-1] &= 0x7f
	for _, s := range smallOrder {
		if y == s {
			return keyError("public key of small order")
		}
	}
	return nil
}

func checkPrivate(priv ed448.PrivateKey) error {
	if len(priv) != ed448.PrivateKeySize {
		return keyError("private key of %d bytes, want %d", len(priv), ed448.PrivateKeySize)
	}
	// A public half that is not the seed's would leak the key when it
	// signs: refuse it once here.
	derived := ed448.NewKeyFromSeed(priv.Seed())
	if subtle.ConstantTimeCompare(derived, priv) != 1 {
		return keyError("public half of the private key does not match its seed")
	}
	return checkPublic(ed448.PublicKey(priv[ed448.SeedSize:]))
}

type signer struct{ priv ed448.PrivateKey }

// Sign returns the 114-byte pure Ed448 signature with an empty context
// (RFC 8037 §3.1).
func (s signer) Sign(signingInput []byte) ([]byte, error) {
	return ed448.Sign(s.priv, signingInput, ""), nil
}

type verifier struct{ pub ed448.PublicKey }

// Verify checks a 114-byte signature; circl refuses S not below the group
// order (T15).
func (v verifier) Verify(signingInput, signature []byte) error {
	if len(signature) != ed448.SignatureSize {
		return fmt.Errorf("ed448: %s signature: %d bytes, want %d: %w", jwa.Ed448, len(signature), ed448.SignatureSize, jwa.ErrInvalidSignature)
	}
	if !ed448.Verify(v.pub, signingInput, signature, "") {
		return fmt.Errorf("ed448: %s signature: verification failed: %w", jwa.Ed448, jwa.ErrInvalidSignature)
	}
	return nil
}

// Ed448Codec is the [jwk.KeyCodec] of kty "OKP", crv "Ed448" (RFC 8037 §2):
// x is the 57-byte public key, d the 57-byte seed. Importing the package
// registers it.
type Ed448Codec struct{}

// KeyType is "OKP".
func (Ed448Codec) KeyType() jwa.KeyType { return jwa.KeyTypeOKP }

// Curve is "Ed448".
func (Ed448Codec) Curve() jwa.Curve { return jwa.CurveEd448 }

// Members are x and the private d, 57 bytes each.
func (Ed448Codec) Members() []jwk.KeyMember {
	return []jwk.KeyMember{{Name: "x", Size: ed448.PublicKeySize}, {Name: "d", Size: ed448.SeedSize, Private: true}}
}

// Decode checks x (a point not of small order) and that the seed d gives x.
func (Ed448Codec) Decode(m map[string][]byte) (any, error) {
	pub := ed448.PublicKey(m["x"])
	if err := checkPublic(pub); err != nil {
		return nil, err
	}
	d, ok := m["d"]
	if !ok {
		return pub, nil
	}
	priv := ed448.NewKeyFromSeed(d)
	if subtle.ConstantTimeCompare(priv[ed448.SeedSize:], pub) != 1 {
		return nil, keyError("\"d\" does not match \"x\"")
	}
	return priv, nil
}

// Encode writes x, and the seed d for a private key when private is set.
func (Ed448Codec) Encode(key any, private bool) (map[string][]byte, error) {
	switch k := key.(type) {
	case ed448.PublicKey:
		return map[string][]byte{"x": k}, nil
	case ed448.PrivateKey:
		out := map[string][]byte{"x": k[ed448.SeedSize:]}
		if private {
			out["d"] = k.Seed()
		}
		return out, nil
	}
	return nil, keyError("cannot encode %T", key)
}

// FromKey accepts ed448.PrivateKey and ed448.PublicKey, checked as
// [Scheme.NewSigner] and [Scheme.NewVerifier] do.
func (Ed448Codec) FromKey(key any) (pub any, private, ok bool, err error) {
	switch k := key.(type) {
	case ed448.PrivateKey:
		if err := checkPrivate(k); err != nil {
			return nil, false, true, err
		}
		return ed448.PublicKey(bytes.Clone(k[ed448.SeedSize:])), true, true, nil
	case ed448.PublicKey:
		if err := checkPublic(k); err != nil {
			return nil, false, true, err
		}
		return k, false, true, nil
	}
	return nil, false, false, nil
}

// GenerateKey makes an Ed448 key from crypto/rand, for
// jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.CurveEd448)).
func (Ed448Codec) GenerateKey() (any, error) {
	_, priv, err := ed448.GenerateKey(nil)
	return priv, err
}
