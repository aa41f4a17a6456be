package jwk

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/x509"
	"encoding/base64"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// parseX5C reads the "x5c" member.
func parseX5C(m members) ([]*x509.Certificate, error) {
	ders, ok, err := m.Strings("x5c")
	if err != nil || !ok {
		return nil, err
	}
	return ParseCertificates(ders)
}

// ParseCertificates decodes an "x5c" value (RFC 7517 §4.7, RFC 7515
// §4.1.6): one to 16 DER certificates, each in standard base64 with padding
// (not base64url), leaf first. It parses them and trusts nothing; errors
// wrap [jwa.ErrMalformed].
func ParseCertificates(x5c []string) (_ []*x509.Certificate, err error) {
	defer errwrap.Own(&err, "jwk")
	if len(x5c) == 0 {
		return nil, malformed("\"x5c\" is empty") // RFC 7517 §4.7: one or more
	}
	if len(x5c) > maxCertsInX5C {
		return nil, malformed("\"x5c\" has %d certificates, over the limit of %d", len(x5c), maxCertsInX5C)
	}
	certs := make([]*x509.Certificate, len(x5c))
	for i, s := range x5c {
		// The standard decoder skips CR and LF; the RFC's encoding has none.
		if strings.ContainsAny(s, "\r\n") {
			return nil, malformed("x5c certificate %d is not base64", i)
		}
		der, err := base64.StdEncoding.Strict().DecodeString(s)
		if err != nil {
			return nil, malformed("x5c certificate %d is not base64: %w", i, err)
		}
		if certs[i], err = x509.ParseCertificate(der); err != nil {
			return nil, malformed("x5c certificate %d: %w", i, err)
		}
	}
	return certs, nil
}

// FromCertificates makes a Key of the leaf certificate's public key, with
// the chain (leaf first) as its "x5c". Nothing in the chain is trusted until
// [Key.VerifyCertificates] has checked it.
func FromCertificates(chain []*x509.Certificate, opts ...Option) (_ *Key, err error) {
	defer errwrap.Own(&err, "jwk")
	if len(chain) == 0 || slices.Contains(chain, nil) {
		return nil, invalid("no certificate")
	}
	k, err := FromKey(chain[0].PublicKey, opts...)
	if err != nil {
		return nil, err
	}
	if k == chain[0].PublicKey {
		k = k.clone()
	}
	// RFC 7517 §4.7: the key in the first certificate is the JWK's key, here
	// by construction.
	k.x5c = slices.Clone(chain)
	return k, nil
}

// checkCertificates checks the X.509 members against each other and the key:
// the leaf of x5c must hold the key's public key (RFC 7517 §4.7), and x5t
// and x5t#S256 must be the leaf's digests (RFC 7517 §4.8, §4.9). Without
// x5c, the digests cannot be checked and are kept as given; so is x5t, a
// SHA-1 digest, in FIPS 140-3 mode, where Go's module refuses SHA-1
// (fips140=only panics on it): x5t#S256 is checked there.
func (k *Key) checkCertificates() error {
	if len(k.x5c) == 0 {
		return nil
	}
	leaf := k.x5c[0]
	pub, ok := leaf.PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(k.PublicKey()) {
		return invalid("the x5c leaf certificate holds another public key than the JWK")
	}
	if k.x5t != nil && !jwa.FIPSMode() { // SHA-1: not in FIPS 140-3 mode
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
