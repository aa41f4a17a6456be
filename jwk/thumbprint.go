package jwk

import (
	"crypto"
	"crypto/sha256"   // SHA-256, the default thumbprint hash
	_ "crypto/sha512" // SHA-384 and SHA-512 thumbprints
	"fmt"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// thumbprintURIPrefix is the URN of RFC 9278 §3, followed by the hash name.
const thumbprintURIPrefix = "urn:ietf:params:oauth:jwk-thumbprint:"

// hashNames are the names of the IANA "Named Information Hash Algorithm"
// registry that RFC 9278 §3 uses in thumbprint URIs.
var hashNames = map[crypto.Hash]string{
	crypto.SHA256: "sha-256",
	crypto.SHA384: "sha-384",
	crypto.SHA512: "sha-512",
}

// thumbprintInput is the JSON that RFC 7638 §3 hashes: the required members
// only, in lexicographic order, without white space. They are kty and the
// public material members (RFC 7638 §3.2; k for an oct key), and alg too
// for AKP (draft-ietf-cose-dilithium-11 §6): the members a public JWK of
// the key is written with, so no private member is ever part of it (T54).
func (k *Key) thumbprintInput() ([]byte, error) {
	return k.appendThumbprintInput(make([]byte, 0, 128))
}

// appendThumbprintInput appends the thumbprint input to b.
func (k *Key) appendThumbprintInput(b []byte) ([]byte, error) {
	kind := k.km()
	req, err := kind.required()
	if err != nil {
		return b, k.named(err)
	}
	return jwkcodec.AppendWithKeyType(b, jwkcodec.KeyType(kind.keyType()), req), nil
}

// Thumbprint returns the JWK thumbprint of RFC 7638: the digest, with h, of
// the key's required members. h = 0 means SHA-256. The thumbprint of an
// oct key is a digest of the secret: do not publish it for a secret that
// could be guessed (a password). In FIPS 140-3 mode a hash other than SHA-2
// and SHA-3 (SHA-1, MD5) wraps [jwa.ErrNotApproved].
func (k *Key) Thumbprint(h crypto.Hash) (_ []byte, err error) {
	defer errwrap.Own(&err, "jwk")
	if h == 0 {
		h = crypto.SHA256
	}
	if !h.Available() {
		return nil, fmt.Errorf("jwk: thumbprint hash %v is not linked into the program: %w", h, jwa.ErrUnsupportedAlgorithm)
	}
	if err := fipsHash(h); err != nil {
		return nil, err
	}
	if h == crypto.SHA256 {
		var buf [768]byte // the input of a key up to RSA 4096 fits
		in, err := k.appendThumbprintInput(buf[:0])
		if err != nil {
			return nil, err
		}
		d := sha256.Sum256(in)
		return d[:], nil
	}
	in, err := k.thumbprintInput()
	if err != nil {
		return nil, err
	}
	d := h.New()
	d.Write(in)
	return d.Sum(nil), nil
}

// ThumbprintURI returns the JWK thumbprint URI of RFC 9278:
// "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" and the base64url of the
// thumbprint. h is SHA-256 (also when 0), SHA-384 or SHA-512; other hashes
// wrap [jwa.ErrUnsupportedAlgorithm].
func (k *Key) ThumbprintURI(h crypto.Hash) (_ string, err error) {
	defer errwrap.Own(&err, "jwk")
	if h == 0 {
		h = crypto.SHA256
	}
	name, ok := hashNames[h]
	if !ok {
		return "", fmt.Errorf("jwk: no thumbprint URI name for hash %v: %w", h, jwa.ErrUnsupportedAlgorithm)
	}
	tp, err := k.Thumbprint(h)
	if err != nil {
		return "", err
	}
	return thumbprintURIPrefix + name + ":" + b64(tp), nil
}

// ThumbprintString returns the JWK thumbprint of RFC 7638 as people print
// and compare it: the base64url of [Key.Thumbprint], without padding (the
// "jkt" of RFC 9449 §6.1 with SHA-256). h = 0 means SHA-256.
func (k *Key) ThumbprintString(h crypto.Hash) (string, error) {
	tp, err := k.Thumbprint(h)
	if err != nil {
		return "", err
	}
	return b64(tp), nil
}

// WithThumbprintKeyID sets "kid" to the base64url of the key's SHA-256
// thumbprint (RFC 7638 §1), replacing any kid set before it.
func WithThumbprintKeyID() Option {
	return keyOption(func(k *Key) error {
		tp, err := k.Thumbprint(crypto.SHA256)
		if err != nil {
			return err
		}
		k.kid = b64(tp)
		return nil
	})
}
