package jwk

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// ErrEncryptedPEM means that the PEM data holds a password-protected private key
// (an "ENCRYPTED PRIVATE KEY" block, or a block with a "Proc-Type:
// 4,ENCRYPTED" header). [ParsePEM] does not decrypt keys; decrypt it first,
// for example with `openssl pkey -in encrypted.pem -out key.pem`. Errors
// that wrap it also wrap [jwa.ErrMalformed].
var ErrEncryptedPEM = errors.New("PEM private key is encrypted")

// PEM block types that ParsePEM reads (RFC 7468 labels, and OpenSSL's
// traditional ones).
const (
	pemPKCS8       = "PRIVATE KEY"     // PKCS#8, RFC 5208 (RSA, EC, Ed25519, X25519)
	pemPKCS1       = "RSA PRIVATE KEY" // PKCS#1, RFC 8017 Appendix A.1.2
	pemPKCS1Public = "RSA PUBLIC KEY"  // PKCS#1, RFC 8017 Appendix A.1.1
	pemSEC1        = "EC PRIVATE KEY"  // SEC 1, RFC 5915
	pemECParams    = "EC PARAMETERS"   // the named curve OpenSSL writes before a SEC 1 key
	pemPKIX        = "PUBLIC KEY"      // SubjectPublicKeyInfo, RFC 5280 §4.1
	pemCertificate = "CERTIFICATE"     // X.509, RFC 5280
	pemEncrypted   = "ENCRYPTED PRIVATE KEY"
)

func malformedPEM(format string, args ...any) error {
	return fmt.Errorf("jwk: PEM: "+format+": %w", append(args, jwa.ErrMalformed)...)
}

// ParsePEM reads a key from PEM data (RFC 7468) and checks it as [FromKey]
// does, with the options applied. The data holds exactly one of:
//
//   - a private key: "PRIVATE KEY" (PKCS#8: RSA, EC, Ed25519 or X25519),
//     "RSA PRIVATE KEY" (PKCS#1) or "EC PRIVATE KEY" (SEC 1, optionally
//     preceded by the "EC PARAMETERS" block OpenSSL writes, whose curve must
//     be the key's);
//   - a public key: "PUBLIC KEY" (PKIX: RSA, EC, Ed25519 or X25519) or
//     "RSA PUBLIC KEY" (PKCS#1);
//   - one or more "CERTIFICATE" blocks, leaf first: the key is the leaf's
//     public key, and the certificates become the key's "x5c" chain (see
//     [Key.Certificates]). Nothing about the chain is checked here; use
//     [Key.VerifyCertificates] before trusting it.
//
// Only white space may stand before, between and after the blocks; PEM
// headers are refused. Other block types, bad base64, a second key, and
// text around the blocks wrap [jwa.ErrMalformed], as do DER structures the
// standard library cannot parse (unsupported curves such as secp256k1,
// Ed448). An encrypted key wraps [ErrEncryptedPEM]. A key that parses but
// fails the checks of [FromKey] wraps [jwa.ErrInvalidKey]. Every error
// also wraps [ErrInvalidKeyData]. RSA keys under 2048 bits are read (they
// are refused later, when bound to an algorithm).
func ParsePEM(data []byte, opts ...Option) (_ *Key, err error) {
	defer errwrap.Own(&err, "jwk")
	k, err := parsePEM(data, opts)
	if err != nil {
		return nil, keyDataError(err)
	}
	return k, nil
}

// parsePEM is ParsePEM without the ErrInvalidKeyData mark.
func parsePEM(data []byte, opts []Option) (*Key, error) {
	block, rest, err := nextPEMBlock(data)
	if err != nil {
		return nil, err
	}
	if block == nil {
		return nil, malformedPEM("no PEM block found")
	}
	var ecParams *pem.Block
	if block.Type == pemECParams {
		ecParams = block
		if block, rest, err = nextPEMBlock(rest); err != nil {
			return nil, err
		}
		if block == nil || block.Type != pemSEC1 {
			return nil, malformedPEM("%q must be followed by %q", pemECParams, pemSEC1)
		}
	}
	if block.Type == pemCertificate {
		return parseCertificates(block, rest, opts)
	}
	raw, err := parseKeyBlock(block)
	if err != nil {
		return nil, err
	}
	if ecParams != nil {
		if err := checkECParams(ecParams, raw); err != nil {
			return nil, err
		}
	}
	if next, _, err := nextPEMBlock(rest); err != nil || next != nil {
		return nil, malformedPEM("data after the %q block (one key per PEM input)", block.Type)
	}
	return FromKey(raw, opts...)
}

// nextPEMBlock decodes the PEM block at the start of data, after white
// space. It returns a nil block at the end of data. Unlike pem.Decode, it
// neither skips text before a block nor moves on to a later block when this
// one is broken.
func nextPEMBlock(data []byte) (*pem.Block, []byte, error) {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return nil, nil, nil
	}
	const begin, end, dashes = "-----BEGIN ", "-----END ", "-----"
	if !bytes.HasPrefix(data, []byte(begin)) {
		return nil, nil, malformedPEM("data is not a PEM block")
	}
	i := bytes.Index(data, []byte(end))
	if i < 0 {
		return nil, nil, malformedPEM("no END line")
	}
	j := bytes.Index(data[i+len(end):], []byte(dashes))
	if j < 0 {
		return nil, nil, malformedPEM("no END line")
	}
	stop := i + len(end) + j + len(dashes)
	block, rest := pem.Decode(data[:stop])
	if block == nil || len(rest) != 0 {
		return nil, nil, malformedPEM("invalid PEM block (bad base64, or BEGIN and END lines that differ)")
	}
	if block.Type == pemEncrypted || strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED") {
		return nil, nil, fmt.Errorf("%w (decrypt it first, e.g. with openssl pkey): %w", ErrEncryptedPEM, jwa.ErrMalformed)
	}
	if len(block.Headers) != 0 {
		return nil, nil, malformedPEM("%q block has headers", block.Type)
	}
	return block, data[stop:], nil
}

// parseKeyBlock parses the DER of a key block into a standard library key.
func parseKeyBlock(block *pem.Block) (any, error) {
	var (
		key any
		err error
	)
	switch block.Type {
	case pemPKCS8:
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case pemPKCS1:
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case pemPKCS1Public:
		key, err = x509.ParsePKCS1PublicKey(block.Bytes)
	case pemSEC1:
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case pemPKIX:
		key, err = x509.ParsePKIXPublicKey(block.Bytes)
	default:
		return nil, malformedPEM("unsupported block type %q", block.Type)
	}
	if err != nil {
		return nil, malformedPEM("%q block: %w", block.Type, err)
	}
	return key, nil
}

// checkECParams checks that the curve named by an "EC PARAMETERS" block is
// the curve of the SEC 1 key that follows it.
func checkECParams(block *pem.Block, key any) error {
	var oid asn1.ObjectIdentifier
	rest, err := asn1.Unmarshal(block.Bytes, &oid)
	if err != nil || len(rest) != 0 {
		return malformedPEM("%q block is not a named curve", pemECParams)
	}
	named := map[string]elliptic.Curve{
		"1.2.840.10045.3.1.7": elliptic.P256(), // RFC 5480 §2.1.1.1
		"1.3.132.0.34":        elliptic.P384(),
		"1.3.132.0.35":        elliptic.P521(),
	}
	ec, ok := key.(*ecdsa.PrivateKey)
	if !ok || named[oid.String()] != ec.Curve {
		return malformedPEM("%q names curve %s, not the key's", pemECParams, oid)
	}
	return nil
}

// parseCertificates reads a chain of CERTIFICATE blocks, leaf first; first
// block is the first, already decoded.
func parseCertificates(block *pem.Block, rest []byte, opts []Option) (*Key, error) {
	var chain []*x509.Certificate
	for block != nil {
		if block.Type != pemCertificate {
			return nil, malformedPEM("%q block among certificates", block.Type)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, malformedPEM("certificate %d: %w", len(chain), err)
		}
		chain = append(chain, cert)
		if block, rest, err = nextPEMBlock(rest); err != nil {
			return nil, err
		}
	}
	return FromCertificates(chain, opts...)
}

// PEM encodes the key: a private key as PKCS#8 ("PRIVATE KEY", RFC 5208),
// a public key as PKIX ("PUBLIC KEY", RFC 5280 §4.1.2.7). Only the key
// material is written: the JWK members (kid, alg, use, key_ops) and the x5c
// certificates are not. Secrets (kty "oct") have no PEM form, and a key held
// by a crypto.Signer or crypto.Decrypter (an HSM, a KMS) cannot be exported;
// both wrap [jwa.ErrInvalidKey] (use [Key.Public] to write the public part
// of the latter).
func (k *Key) PEM() (_ []byte, err error) {
	defer errwrap.Own(&err, "jwk")
	if k == nil {
		return nil, invalid("nil key")
	}
	if k.IsSymmetric() {
		return nil, invalid("%v: a secret (kty oct) has no PEM form", k)
	}
	if !k.IsPrivate() {
		der, err := x509.MarshalPKIXPublicKey(k.PublicKey())
		if err != nil {
			return nil, invalid("%v: %w", k, err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: pemPKIX, Bytes: der}), nil
	}
	raw := k.km().goKey()
	if isOpaque(raw) {
		return nil, invalid("%v: a %T key cannot be exported; use Public().PEM() for its public key", k, raw)
	}
	der, err := x509.MarshalPKCS8PrivateKey(raw)
	if err != nil {
		return nil, invalid("%v: %w", k, err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPKCS8, Bytes: der}), nil
}

// isOpaque reports whether a private key is held behind an interface
// (crypto.Signer, crypto.Decrypter) rather than as key material.
func isOpaque(raw any) bool {
	switch raw.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey, *ecdh.PrivateKey:
		return false
	}
	return true
}
