package secp256k1

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"

	dcr "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Sizes of RFC 8812 §3.1 and RFC 7518 §3.4.
const (
	coordSize     = 32 // x, y and d
	signatureSize = 2 * coordSize
)

func init() {
	if err := Register(); err != nil {
		panic(err)
	}
}

// Register registers ES256K with jwa and the secp256k1 key codec with jwk.
// The package's init function calls it; calling it again returns an error
// wrapping [jwa.ErrAlreadyRegistered].
func Register() error {
	if err := jwa.RegisterSignature(jwa.ES256K, Scheme{}); err != nil {
		return err
	}
	return jwk.RegisterKeyCodec(KeyCodec{})
}

// Scheme is ES256K (RFC 8812 §3.2) as a [jwa.SignatureScheme]. Most
// programs do not use it directly: importing the package registers it.
type Scheme struct{}

// KeyType is "EC".
func (Scheme) KeyType() jwa.KeyType { return jwa.KeyTypeEC }

// NewSigner takes a non-nil *secp256k1.PrivateKey of the decred module
// whose scalar is in [1, n-1]. The key is copied.
func (Scheme) NewSigner(key any) (jwa.Signer, error) {
	priv, ok := key.(*dcr.PrivateKey)
	if !ok {
		return nil, keyError("got %T, want *secp256k1.PrivateKey", key)
	}
	if priv == nil || priv.Key.IsZero() {
		return nil, keyError("nil or zero private key")
	}
	c := *priv
	return &signer{priv: &c}, nil
}

// NewVerifier takes a non-nil *secp256k1.PublicKey on the curve (T10).
// The key is copied.
func (Scheme) NewVerifier(key any) (jwa.Verifier, error) {
	pub, ok := key.(*dcr.PublicKey)
	if !ok {
		if _, isPriv := key.(*dcr.PrivateKey); isPriv {
			return nil, keyError("got *secp256k1.PrivateKey, want its public key (PubKey())")
		}
		return nil, keyError("got %T, want *secp256k1.PublicKey", key)
	}
	if pub == nil || !pub.IsOnCurve() {
		return nil, keyError("nil public key or point not on secp256k1")
	}
	c := *pub
	return &verifier{pub: &c}, nil
}

func keyError(format string, args ...any) error {
	return fmt.Errorf("secp256k1: %s: "+format+": %w", append(append([]any{jwa.ES256K}, args...), jwa.ErrInvalidKey)...)
}

func sigError(format string, args ...any) error {
	return fmt.Errorf("secp256k1: %s signature: "+format+": %w", append(append([]any{jwa.ES256K}, args...), jwa.ErrInvalidSignature)...)
}

type signer struct{ priv *dcr.PrivateKey }

// Sign returns the 64-byte R||S signature (RFC 8812 §3.2, RFC 7518 §3.4)
// of the SHA-256 digest of signingInput, with an RFC 6979 nonce.
func (s *signer) Sign(signingInput []byte) ([]byte, error) {
	h := sha256.Sum256(signingInput)
	sig := ecdsa.Sign(s.priv, h[:])
	r, ss := sig.R(), sig.S()
	out := make([]byte, signatureSize)
	r.PutBytesUnchecked(out[:coordSize])
	ss.PutBytesUnchecked(out[coordSize:])
	return out, nil
}

type verifier struct{ pub *dcr.PublicKey }

// Verify accepts only the 64-byte R||S form, with 0 < r < n and 0 < s < n
// checked before the curve arithmetic (T12, T13); DER fails on its length.
func (v *verifier) Verify(signingInput, signature []byte) error {
	if len(signature) != signatureSize {
		return sigError("%d bytes, want %d (R||S, RFC 7518 §3.4)", len(signature), signatureSize)
	}
	var r, s dcr.ModNScalar
	if overflow := r.SetByteSlice(signature[:coordSize]); overflow || r.IsZero() {
		return sigError("r is zero or not below the group order")
	}
	if overflow := s.SetByteSlice(signature[coordSize:]); overflow || s.IsZero() {
		return sigError("s is zero or not below the group order")
	}
	h := sha256.Sum256(signingInput)
	if !ecdsa.NewSignature(&r, &s).Verify(h[:], v.pub) {
		return sigError("ECDSA verification failed")
	}
	return nil
}

// KeyCodec is the [jwk.KeyCodec] of kty "EC", crv "secp256k1" (RFC 8812
// §3.1). Most programs do not use it directly: importing the package
// registers it.
type KeyCodec struct{}

// KeyType is "EC".
func (KeyCodec) KeyType() jwa.KeyType { return jwa.KeyTypeEC }

// Curve is "secp256k1".
func (KeyCodec) Curve() jwa.Curve { return jwa.Secp256k1 }

// Members are x and y (32 bytes each, RFC 8812 §3.1: "MUST be exactly
// 256 bits") and the private d (32 bytes, RFC 7518 §6.2.2.1).
func (KeyCodec) Members() []jwk.KeyMember {
	return []jwk.KeyMember{
		{Name: "x", Size: coordSize},
		{Name: "y", Size: coordSize},
		{Name: "d", Size: coordSize, Private: true},
	}
}

// Decode checks that (x, y) is on the curve and that d, when present, is in
// [1, n-1] and gives (x, y).
func (KeyCodec) Decode(m map[string][]byte) (any, error) {
	point := make([]byte, 0, 1+2*coordSize)
	point = append(append(append(point, 4), m["x"]...), m["y"]...)
	pub, err := dcr.ParsePubKey(point)
	if err != nil { // T10
		return nil, fmt.Errorf("secp256k1: point (x, y) is not on the curve: %w", jwa.ErrInvalidKey)
	}
	d, ok := m["d"]
	if !ok {
		return pub, nil
	}
	priv, err := privateFromBytes(d)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare(priv.PubKey().SerializeUncompressed(), point) != 1 {
		return nil, fmt.Errorf("secp256k1: \"d\" does not match \"x\" and \"y\": %w", jwa.ErrInvalidKey)
	}
	return priv, nil
}

func privateFromBytes(d []byte) (*dcr.PrivateKey, error) {
	var s dcr.ModNScalar
	if overflow := s.SetByteSlice(d); overflow || s.IsZero() {
		return nil, fmt.Errorf("secp256k1: \"d\" is not in [1, n-1]: %w", jwa.ErrInvalidKey)
	}
	return dcr.NewPrivateKey(&s), nil
}

// Encode writes x and y of the uncompressed point, and d for a private key
// when private is set.
func (KeyCodec) Encode(key any, private bool) (map[string][]byte, error) {
	var pub *dcr.PublicKey
	var priv *dcr.PrivateKey
	switch k := key.(type) {
	case *dcr.PublicKey:
		pub = k
	case *dcr.PrivateKey:
		priv, pub = k, k.PubKey()
	default:
		return nil, fmt.Errorf("secp256k1: cannot encode %T: %w", key, jwa.ErrInvalidKey)
	}
	p := pub.SerializeUncompressed()
	out := map[string][]byte{"x": p[1 : 1+coordSize], "y": p[1+coordSize:]}
	if private && priv != nil {
		d := priv.Key.Bytes()
		out["d"] = d[:]
	}
	return out, nil
}

// FromKey accepts the decred module's *secp256k1.PrivateKey (scalar in
// [1, n-1]) and *secp256k1.PublicKey (on the curve); typed nils are
// refused.
func (KeyCodec) FromKey(key any) (pub any, private, ok bool, err error) {
	switch k := key.(type) {
	case *dcr.PrivateKey:
		if k == nil || k.Key.IsZero() {
			return nil, false, true, fmt.Errorf("secp256k1: nil or zero private key: %w", jwa.ErrInvalidKey)
		}
		return k.PubKey(), true, true, nil
	case *dcr.PublicKey:
		if k == nil || !k.IsOnCurve() {
			return nil, false, true, fmt.Errorf("secp256k1: nil public key or point not on the curve: %w", jwa.ErrInvalidKey)
		}
		return k, false, true, nil
	}
	return nil, false, false, nil
}

// GenerateKey makes a private key from crypto/rand; it makes
// jwk.GenerateKey(jwa.KeyTypeEC, jwk.WithCurve(jwa.Secp256k1)) work.
func (KeyCodec) GenerateKey() (any, error) { return dcr.GeneratePrivateKey() }
