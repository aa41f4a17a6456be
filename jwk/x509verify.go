package jwk

import (
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// ErrUntrustedCertificate means that the key's "x5c" chain could not be trusted: the
// key has no chain, the caller gave no roots, or the chain does not verify
// against them (unknown root, expired, wrong usage, bad signature).
var ErrUntrustedCertificate = errors.New("certificate chain not trusted")

// publicKeyEqual is the Equal method every standard library public key has.
type publicKeyEqual interface{ Equal(crypto.PublicKey) bool }

// VerifyCertificates verifies the key's "x5c" chain (RFC 7517 §4.7) against
// the caller's roots and returns the verified chains, as
// [x509.Certificate.Verify] does. The first certificate is the leaf; the
// others are added to opts.Intermediates (the caller's pool is not changed).
// The leaf's public key must equal the key's (RFC 7517 §4.7: "The key in
// the first certificate MUST match the public key").
//
// opts.Roots is required: a nil pool is an error, never a silent fall-back
// to the system roots. Pass x509.SystemCertPool() explicitly to use those.
// The other options keep their crypto/x509 meaning: a zero CurrentTime is
// now, and nil KeyUsages means server authentication; a JWS signer's
// certificate often has another extended key usage, so set KeyUsages (to
// []x509.ExtKeyUsage{x509.ExtKeyUsageAny} to accept any). The leaf's
// KeyUsage bits (digitalSignature, keyEncipherment) are not checked, nor is
// revocation.
//
// Every failure wraps [ErrUntrustedCertificate]; a leaf whose key differs
// from the key also wraps [jwa.ErrInvalidKey].
func (k *Key) VerifyCertificates(opts x509.VerifyOptions) (_ [][]*x509.Certificate, err error) {
	defer errwrap.Own(&err, "jwk")
	if k == nil || len(k.x5c) == 0 {
		return nil, fmt.Errorf("jwk: %v has no x5c certificates: %w", k, ErrUntrustedCertificate)
	}
	if opts.Roots == nil {
		return nil, fmt.Errorf("jwk: no root certificates given (x509.VerifyOptions.Roots is nil): %w", ErrUntrustedCertificate)
	}
	leaf := k.x5c[0]
	if p, ok := leaf.PublicKey.(publicKeyEqual); !ok || !p.Equal(k.PublicKey()) {
		return nil, fmt.Errorf("jwk: %v: the x5c leaf certificate holds another key: %w: %w", k, ErrUntrustedCertificate, jwa.ErrInvalidKey)
	}
	if len(k.x5c) > 1 {
		if opts.Intermediates == nil {
			opts.Intermediates = x509.NewCertPool()
		} else {
			opts.Intermediates = opts.Intermediates.Clone()
		}
		for _, c := range k.x5c[1:] {
			opts.Intermediates.AddCert(c)
		}
	}
	chains, err := leaf.Verify(opts)
	if err != nil {
		return nil, fmt.Errorf("jwk: %v: x5c: %w: %w", k, err, ErrUntrustedCertificate)
	}
	return chains, nil
}
