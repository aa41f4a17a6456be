package jwk

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"strings"
)

// parseX5C reads "x5c" (RFC 7517 §4.7): one or more DER certificates, each
// in standard base64 with padding (not base64url), leaf first.
func parseX5C(m members) ([]*x509.Certificate, error) {
	ders, ok, err := m.strings("x5c")
	if err != nil || !ok {
		return nil, err
	}
	if len(ders) == 0 {
		return nil, malformed("member \"x5c\" is empty") // RFC 7517 §4.7: one or more
	}
	if len(ders) > maxCertsInX5C {
		return nil, malformed("member \"x5c\" has %d certificates, over the limit of %d", len(ders), maxCertsInX5C)
	}
	certs := make([]*x509.Certificate, len(ders))
	for i, s := range ders {
		// The standard decoder skips CR and LF; the RFC's encoding has none.
		if strings.ContainsAny(s, "\r\n") {
			return nil, malformed("x5c certificate %d is not base64", i)
		}
		der, err := base64.StdEncoding.Strict().DecodeString(s)
		if err != nil {
			return nil, malformed("x5c certificate %d is not base64", i)
		}
		if certs[i], err = x509.ParseCertificate(der); err != nil {
			return nil, malformed("x5c certificate %d: %v", i, err)
		}
	}
	return certs, nil
}

// checkCertificates checks the X.509 members against each other and the key:
// the leaf of x5c must hold the key's public key (RFC 7517 §4.7), and x5t
// and x5t#S256 must be the leaf's digests (RFC 7517 §4.8, §4.9). Without
// x5c, the digests cannot be checked and are kept as given.
func (k *Key) checkCertificates() error {
	if len(k.x5c) == 0 {
		return nil
	}
	leaf := k.x5c[0]
	pub, ok := leaf.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(k.pub) {
		return invalid("the x5c leaf certificate holds another public key than the JWK")
	}
	if k.x5t != nil {
		sum := sha1.Sum(leaf.Raw)
		if subtle.ConstantTimeCompare(sum[:], k.x5t) != 1 {
			return invalid("member \"x5t\" is not the SHA-1 digest of the x5c leaf certificate")
		}
	}
	if k.x5tS256 != nil {
		sum := sha256.Sum256(leaf.Raw)
		if subtle.ConstantTimeCompare(sum[:], k.x5tS256) != 1 {
			return invalid("member \"x5t#S256\" is not the SHA-256 digest of the x5c leaf certificate")
		}
	}
	return nil
}
