package jwthttp

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/nilcheck"
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
// with a DPoP proof that v checks (usually [DPoPProofs]), and a token
// whose "cnf" claim has the "jkt" of the proof's key (RFC 9449 §7.1).
// Bearer tokens stay accepted, except DPoP-bound ones (RFC 9449 §7.2),
// which are refused with or without this option. A request with no token
// then gets both a Bearer and a DPoP challenge. A nil v, or a nil pointer
// in v, is refused: it would fail at the first request.
func WithDPoP(v DPoPVerifier) Option {
	return option(func(c *config) error {
		if nilcheck.IsNil(v) {
			return optionError("WithDPoP: the DPoPVerifier is nil (did DPoPProofs return an error?)")
		}
		c.dpop = v
		return nil
	})
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
		if err := json.Unmarshal(raw, &jkt); err != nil {
			return c.invalidToken(scheme, "the claims are malformed", fmt.Errorf("jwthttp: \"cnf\" \"jkt\" is not a string: %w: %w", err, jwt.ErrInvalidClaims))
		}
		if jkt == "" {
			return c.invalidToken(scheme, "the claims are malformed", fmt.Errorf("jwthttp: \"cnf\" \"jkt\" is empty: %w", jwt.ErrInvalidClaims))
		}
	}
	if scheme != SchemeDPoP {
		if jkt != "" {
			// RFC 9449 §7.2: a DPoP-bound token presented as a bearer token.
			return c.invalidToken(scheme, "the token is DPoP-bound", errors.New("jwthttp: a DPoP-bound token sent as a bearer token"))
		}
		return nil
	}
	if jkt == "" {
		// Refused before the proof is read: an unbound token never costs
		// a proof check or a write to the replay store, and a store that
		// is down does not turn its refusal into a 503.
		return c.invalidToken(scheme, "the token is not DPoP-bound", errors.New("jwthttp: a DPoP request with a token that has no \"cnf\" \"jkt\""))
	}
	proofJKT, err := c.dpop.VerifyDPoP(r, token)
	if e := c.unavailable(err, SchemeDPoP); e != nil {
		return e
	}
	if err != nil {
		return &ChallengeError{Status: http.StatusUnauthorized, Code: CodeInvalidDPoPProof,
			Description: "the DPoP proof is not valid", Scheme: SchemeDPoP, Realm: c.realm, DPoP: true,
			Err: errwrap.Beside(err, ErrInvalidDPoPProof)}
	}
	if subtle.ConstantTimeCompare([]byte(jkt), []byte(proofJKT)) != 1 {
		// RFC 9449 §7.1: the proof's key must be the one the token is bound to.
		return c.invalidToken(scheme, "the DPoP proof key does not match the token", errors.New("jwthttp: the proof's key thumbprint differs from \"cnf\" \"jkt\""))
	}
	return nil
}

// DPoPProofs is the [DPoPVerifier] of package dpop: it checks each request's
// proof with v (RFC 9449 §4.3), for the access token the request carries
// (its "ath") and with opts (for example dpop.WithNonce).
//
// origins are the URIs by which clients address this server: each a
// scheme, a host and an optional port ("https://api.example.com",
// "http://127.0.0.1:8080"), at least one. The proof's "htu" must be one of
// them followed by the request's path. The request alone cannot say which
// URI the client used: its Host header is whatever the client sent, so a
// proof made for another site, replayed here with that site's Host, would
// pass if the target were rebuilt from it (T56). Hence:
//
//   - with one origin, the Host header is not read at all: the target is
//     the origin and the request's path;
//   - with several (a server known by several names), the Host header only
//     chooses among them, and a request for any other host is refused with
//     an error wrapping dpop.ErrURIMismatch. Two origins the Host cannot
//     tell apart (the same host and port) are refused here.
//
// Behind a reverse proxy or load balancer, give the public origins, the
// ones clients use, not the address the proxy calls. An origin may end
// with a path prefix that the proxy strips before the request reaches this
// server ("https://example.com/api" when the proxy sends /api/orders on as
// /orders). A server whose target URI cannot be told this way implements
// DPoPVerifier itself, calling v.Validate with the URI it knows.
//
// Errors wrap [ErrInvalidOption]: a nil v, no origin, an origin that
// is not an absolute http or https URI of that form (with user
// information, a query or a fragment), origins the Host cannot tell apart,
// and opts that Validate does not take (dpop.WithAccessToken and
// dpop.WithContext are set by the middleware).
func DPoPProofs(v *dpop.Validator, origins []string, opts ...dpop.ValidateOption) (_ DPoPVerifier, err error) {
	defer errwrap.Own(&err, "jwthttp")
	if v == nil {
		return nil, optionError("DPoPProofs: the Validator is nil (did dpop.NewValidator return an error?)")
	}
	if len(origins) == 0 {
		return nil, optionError("DPoPProofs: no origin: give the URIs clients address this server by, such as https://api.example.com")
	}
	d := &dpopProofs{v: v, opts: slices.Clone(opts)}
	for _, o := range origins {
		t, err := parseOrigin(o)
		if err != nil {
			return nil, err
		}
		for _, prev := range d.origins {
			if slices.ContainsFunc(t.hosts, func(h string) bool { return slices.Contains(prev.hosts, h) }) {
				return nil, optionError("DPoPProofs: origins %.100q and %.100q have the same host: the request's Host cannot tell them apart", prev.base, t.base)
			}
		}
		d.origins = append(d.origins, t)
	}
	// Validate checks its options before it reads the proof.
	probe := append([]dpop.ValidateOption{dpop.WithAccessToken("probe"), dpop.WithContext(context.Background())}, d.opts...)
	if _, err := v.ValidateProof("", http.MethodGet, d.origins[0].base+"/", probe...); errors.Is(err, dpop.ErrInvalidOption) {
		return nil, fmt.Errorf("jwthttp: DPoPProofs: %w", err)
	}
	return d, nil
}

type dpopProofs struct {
	v       *dpop.Validator
	origins []origin
	opts    []dpop.ValidateOption
}

// VerifyDPoP implements [DPoPVerifier].
func (d *dpopProofs) VerifyDPoP(r *http.Request, accessToken string) (string, error) {
	uri, err := d.target(r)
	if err != nil {
		return "", err
	}
	opts := append([]dpop.ValidateOption{dpop.WithAccessToken(accessToken), dpop.WithContext(r.Context())}, d.opts...)
	p, err := d.v.Validate(r.Header, r.Method, uri, opts...)
	if err != nil {
		return "", err
	}
	return p.Thumbprint, nil
}
