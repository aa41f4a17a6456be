package jwa

import (
	"crypto/rand"
	"fmt"
	"io"

	"github.com/joseproject/jose/internal/nilcheck"
)

// ECDHPublicKey is a public key on a key agreement curve that crypto/ecdh
// does not implement, such as X448 (RFC 8037 §3.2), which the nested module
// github.com/joseproject/jose/ext/ed448 provides. ECDH-ES and ECDH-ES+A*KW
// accept it as the recipient's key, exactly as they accept an
// *ecdh.PublicKey: the ephemeral key goes to [KeyParams.ExtEPK] and the
// shared secret through the same Concat KDF (RFC 7518 §4.6.2).
//
// The implementation owns the curve's checks: the key was validated when it
// was made. Its Curve method names the curve: ECDH-ES refuses an ephemeral
// key whose curve differs from the recipient key's.
type ECDHPublicKey interface {
	// Curve returns the name of the key's curve, as the "crv" member of
	// its JWK says it ([X448]).
	Curve() Curve
	// GenerateEphemeral draws a fresh private key on the key's curve from
	// random.
	GenerateEphemeral(random io.Reader) (ECDHPrivateKey, error)
}

// ECDHPrivateKey is the private half of an [ECDHPublicKey]. ECDH-ES accepts
// it as a decryption key.
type ECDHPrivateKey interface {
	// PublicKey returns the public half.
	PublicKey() ECDHPublicKey
	// ECDH returns the shared secret Z with peer. It fails when peer is not
	// a key of the same curve, and when Z is all zeros (a peer point of
	// small order, threat T34).
	ECDH(peer ECDHPublicKey) ([]byte, error)
}

func (s ecdhES) newExtEncrypter(pub ECDHPublicKey) (KeyEncrypter, error) {
	if nilcheck.IsNil(pub) {
		return nil, fmt.Errorf("jwa: %s: nil %T: %w", s.alg, pub, ErrInvalidKey)
	}
	return &ecdhExtEncrypter{ecdhES: s, pub: pub}, nil
}

func (s ecdhES) newExtDecrypter(priv ECDHPrivateKey) (KeyDecrypter, error) {
	if nilcheck.IsNil(priv) {
		return nil, fmt.Errorf("jwa: %s: nil %T: %w", s.alg, priv, ErrInvalidKey)
	}
	pub := priv.PublicKey()
	if nilcheck.IsNil(pub) {
		return nil, fmt.Errorf("jwa: %s: %T has no public key: %w", s.alg, priv, ErrInvalidKey)
	}
	crv := pub.Curve()
	if crv == "" {
		return nil, fmt.Errorf("jwa: %s: %T names no curve: %w", s.alg, pub, ErrInvalidKey)
	}
	return &ecdhExtDecrypter{ecdhES: s, priv: priv, curve: crv}, nil
}

type ecdhExtEncrypter struct {
	ecdhES
	pub ECDHPublicKey
}

// EncryptKey is [ecdhEncrypter.EncryptKey] for an extension curve: the
// ephemeral public key goes to p.ExtEPK.
func (e *ecdhExtEncrypter) EncryptKey(cek []byte, p *KeyParams) ([]byte, []byte, error) {
	return e.encryptWith(cek, p, func() ([]byte, error) {
		eph, err := e.pub.GenerateEphemeral(rand.Reader)
		if err != nil || nilcheck.IsNil(eph) {
			return nil, fmt.Errorf("jwa: %s: ephemeral key: %w", e.alg, err)
		}
		z, err := eph.ECDH(e.pub)
		if err != nil {
			return nil, fmt.Errorf("jwa: %s: %w: %w", e.alg, err, ErrInvalidKey)
		}
		p.EPK, p.ExtEPK = nil, eph.PublicKey()
		return z, nil
	})
}

type ecdhExtDecrypter struct {
	ecdhES
	priv  ECDHPrivateKey
	curve Curve // the curve of the recipient's key
}

// DecryptKey is [ecdhDecrypter.DecryptKey] for an extension curve: p.ExtEPK
// must be present and of the recipient key's type (else ErrMalformed, T33);
// a failed agreement (a small-order epk, T34) and a failed unwrap give
// ErrDecryption.
func (d *ecdhExtDecrypter) DecryptKey(encryptedKey []byte, p *KeyParams) ([]byte, error) {
	algID, size, err := d.keyDataLen(p)
	if err != nil {
		return nil, err
	}
	if nilcheck.IsNil(p.ExtEPK) || p.EPK != nil {
		return nil, fmt.Errorf("jwa: %s: no epk on the curve of the key: %w", d.alg, ErrMalformed)
	}
	if p.ExtEPK.Curve() != d.curve {
		return nil, fmt.Errorf("jwa: %s: epk is not on the curve of the key: %w", d.alg, ErrMalformed)
	}
	return d.decryptWith(encryptedKey, p, algID, size, func() ([]byte, error) { return d.priv.ECDH(p.ExtEPK) })
}
