package jwthttp

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwt"
)

// DPoPVerifier checks the DPoP proof of a request (RFC 9449 §4.3) for
// [WithDPoP]. The dpop package of this module provides one.
type DPoPVerifier interface {
	// VerifyDPoP checks the request's DPoP proof for accessToken: exactly
	// one DPoP header field holding a valid proof JWT, its "htm" and "htu"
	// matching the request, its "iat" recent, its "jti" not replayed, and
	// its "ath" the hash of accessToken (RFC 9449 §4.3, §7.1). It returns
	// the JWK SHA-256 thumbprint of the proof's public key (RFC 7638),
	// base64url-encoded, which the middleware compares with the token's
	// "cnf" "jkt" claim (RFC 9449 §6.1).
	VerifyDPoP(r *http.Request, accessToken string) (jkt string, err error)
}

// WithDPoP accepts DPoP-bound access tokens: "Authorization: DPoP <token>"
// with a DPoP proof that v checks, and a token whose "cnf" claim has the
// "jkt" of the proof's key (RFC 9449 §7.1). Bearer tokens stay accepted,
// except DPoP-bound ones (RFC 9449 §7.2), which are refused with or without
// this option. A request with no token then gets both a Bearer and a DPoP
// challenge.
func WithDPoP(v DPoPVerifier) Option {
	return func(c *config) error {
		if v == nil {
			return optionError("WithDPoP: nil DPoPVerifier")
		}
		c.dpop = v
		return nil
	}
}

// checkBinding checks the token's confirmation claim (RFC 7800 §3.1)
// against the scheme it came with.
func (c *config) checkBinding(r *http.Request, token, scheme string, x extra) *ChallengeError {
	var jkt string
	for method, raw := range x.cnf {
		if method != "jkt" {
			// RFC 8705 §3 and others: a bound token whose binding cannot be
			// checked here must not be accepted as a bearer token.
			return c.invalidToken(scheme, "the token's confirmation method is not supported",
				fmt.Errorf("jwthttp: \"cnf\" member %.40q is not supported", method))
		}
		if err := json.Unmarshal(raw, &jkt); err != nil || jkt == "" {
			return c.invalidToken(scheme, "the claims are malformed", fmt.Errorf("jwthttp: \"cnf\" \"jkt\" is not a non-empty string: %w", jwt.ErrInvalidClaims))
		}
	}
	if scheme != SchemeDPoP {
		if jkt != "" {
			// RFC 9449 §7.2: a DPoP-bound token presented as a bearer token.
			return c.invalidToken(scheme, "the token is DPoP-bound", errors.New("jwthttp: a DPoP-bound token sent as a bearer token"))
		}
		return nil
	}
	proofJKT, err := c.dpop.VerifyDPoP(r, token)
	if err != nil {
		return &ChallengeError{Status: http.StatusUnauthorized, Code: CodeInvalidDPoPProof,
			Description: "the DPoP proof is not valid", Scheme: SchemeDPoP, Realm: c.realm, DPoP: true,
			Err: fmt.Errorf("%w: %w", ErrInvalidDPoPProof, err)}
	}
	if jkt == "" {
		return c.invalidToken(scheme, "the token is not DPoP-bound", errors.New("jwthttp: a DPoP request with a token that has no \"cnf\" \"jkt\""))
	}
	if subtle.ConstantTimeCompare([]byte(jkt), []byte(proofJKT)) != 1 {
		// RFC 9449 §7.1: the proof's key must be the one the token is bound to.
		return c.invalidToken(scheme, "the DPoP proof key does not match the token", errors.New("jwthttp: the proof's key thumbprint differs from \"cnf\" \"jkt\""))
	}
	return nil
}

// DPoPProofs is the [DPoPVerifier] of package dpop: it checks each request's
// proof with v (RFC 9449 §4.3), for the access token the request carries
// (its "ath") and with opts (for example dpop.WithNonce). targetURI gives
// the URI the client addressed; a server behind a proxy must build it from
// its own configuration, since the request alone does not tell. With a nil
// targetURI it is rebuilt from the request: https when the connection is
// TLS, the Host header and the path.
func DPoPProofs(v *dpop.Validator, targetURI func(*http.Request) string, opts ...dpop.Option) DPoPVerifier {
	if targetURI == nil {
		targetURI = requestURI
	}
	return dpopProofs{v: v, uri: targetURI, opts: opts}
}

type dpopProofs struct {
	v    *dpop.Validator
	uri  func(*http.Request) string
	opts []dpop.Option
}

// VerifyDPoP implements [DPoPVerifier].
func (d dpopProofs) VerifyDPoP(r *http.Request, accessToken string) (string, error) {
	opts := append([]dpop.Option{dpop.WithAccessToken(accessToken), dpop.WithContext(r.Context())}, d.opts...)
	p, err := d.v.Validate(r.Header, r.Method, d.uri(r), opts...)
	if err != nil {
		return "", err
	}
	return p.Thumbprint, nil
}

func requestURI(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.EscapedPath()
}
