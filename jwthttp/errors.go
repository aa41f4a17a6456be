package jwthttp

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Sentinel errors. Every [ChallengeError] wraps one of them together with
// the cause, so that errors.Is(err, jwt.ErrExpired) works on it too, except
// a 503: a key set that could not be fetched wraps [jwk.ErrFetch], and a
// store that a check needs and could not ask (a DPoP replay store, the
// store behind jwt.WithJTIValidator) wraps [jwt.ErrStoreUnavailable].
var (
	// ErrMissingToken: the request carries no access token in a form the
	// middleware accepts (RFC 6750 §3.1: no error code is sent).
	ErrMissingToken = errors.New("no access token in the request")

	// ErrInvalidRequest: the request is malformed: several Authorization
	// header fields, a Bearer credential that is not a b64token, a token
	// sent in more than one way (RFC 6750 §3.1 "invalid_request").
	ErrInvalidRequest = errors.New("malformed authorization request")

	// ErrInvalidToken: the token did not verify, expired, or failed another
	// check of jwt.Verify or of its binding (RFC 6750 §3.1
	// "invalid_token").
	ErrInvalidToken = errors.New("invalid access token")

	// ErrInsufficientScope: the token is valid but lacks a scope that
	// [RequireScope] asks for (RFC 6750 §3.1 "insufficient_scope").
	ErrInsufficientScope = errors.New("insufficient scope")

	// ErrInvalidDPoPProof: the DPoP proof of a DPoP request did not pass the
	// [DPoPVerifier] (RFC 9449 §7.1 "invalid_dpop_proof").
	ErrInvalidDPoPProof = errors.New("invalid DPoP proof")

	// ErrInvalidOption is [jwa.ErrInvalidOption], which every error of
	// [Middleware] and [DPoPProofs] about their options wraps.
	ErrInvalidOption = jwa.ErrInvalidOption
)

// Error codes of RFC 6750 §3.1 and RFC 9449 §7.1, as they appear in
// [ChallengeError.Code].
const (
	CodeInvalidRequest    = "invalid_request"
	CodeInvalidToken      = "invalid_token"
	CodeInsufficientScope = "insufficient_scope"
	CodeInvalidDPoPProof  = "invalid_dpop_proof"
)

// Authentication schemes, as they appear in [ChallengeError.Scheme].
const (
	SchemeBearer = "Bearer" // RFC 6750 §2.1
	SchemeDPoP   = "DPoP"   // RFC 9449 §7.1
)

// ChallengeError is a refused request: the response the middleware would
// send, and why. The [ErrorHandler] receives it; its WriteResponse method is
// the default handler.
//
// Description is short, fixed text chosen from the failure's sentinel: it
// never echoes the token, a claim value or key material, so it is safe to
// send. Err is the full cause, for logs only.
type ChallengeError struct {
	// Status is the HTTP status: 400, 401, 403, or 503 when the key set
	// could not be fetched or a store the check needs did not answer.
	Status int
	// Code is the error code of the challenge (CodeInvalidToken and so on),
	// or "" for a request with no token (RFC 6750 §3.1) and for a 503.
	Code string
	// Description is the error_description: short, safe to send.
	Description string
	// Scope lists, space-separated, the scopes needed (insufficient_scope).
	Scope string
	// Scheme is the scheme the challenge is written for: SchemeBearer, or
	// SchemeDPoP for a refused DPoP request.
	Scheme string
	// Realm is the realm of [WithRealm], or "".
	Realm string
	// DPoP is set when the middleware accepts DPoP ([WithDPoP]): a request
	// with no token is then answered with a DPoP challenge beside the
	// Bearer one (RFC 9449 §7.1).
	DPoP bool
	// Err is the cause: a sentinel of this package wrapping the jwt, jwk or
	// jwa error, or for a 503 an error wrapping jwk.ErrFetch or
	// jwt.ErrStoreUnavailable. Never sent to the client.
	Err error
}

// Error returns a message for logs, with the cause: "jwthttp: ", the
// cause's message without the names of the packages it went through, then
// the status and code.
func (e *ChallengeError) Error() string {
	code := e.Code
	if code == "" {
		code = http.StatusText(e.Status)
	}
	if e.Err == nil {
		return fmt.Sprintf("jwthttp: %s (%d %s)", e.Description, e.Status, code)
	}
	return fmt.Sprintf("jwthttp: %s (%d %s)", errwrap.StripText(e.Err.Error()), e.Status, code)
}

// Unwrap returns the cause.
func (e *ChallengeError) Unwrap() error { return e.Err }

// Challenge returns the value of the WWW-Authenticate header field for the
// error's scheme (RFC 6750 §3): the scheme, then realm, error,
// error_description and scope where they are set. Characters that RFC 6750
// §3 does not allow in these values (a quote, a backslash, controls,
// non-ASCII) are dropped, so a description set by a custom handler cannot
// break the header.
func (e *ChallengeError) Challenge() string {
	return challenge(e.Scheme, e.Realm, e.Code, e.Description, e.Scope)
}

// WriteResponse writes the default response: the status, the
// WWW-Authenticate challenge (none for a 503; for a missing token, a bare
// Bearer challenge and, with DPoP, a DPoP one too) and the description as a
// plain-text body.
func (e *ChallengeError) WriteResponse(w http.ResponseWriter) {
	h := w.Header()
	switch {
	case e.Status == http.StatusServiceUnavailable:
	case e.Code == "" && e.DPoP:
		h.Add("WWW-Authenticate", challenge(SchemeBearer, e.Realm, "", "", ""))
		h.Add("WWW-Authenticate", challenge(SchemeDPoP, e.Realm, "", "", ""))
	default:
		h.Set("WWW-Authenticate", e.Challenge())
	}
	body := e.Description
	if body == "" {
		body = http.StatusText(e.Status)
	}
	http.Error(w, body, e.Status)
}

// challenge formats one challenge (RFC 7235 §2.1, RFC 6750 §3).
func challenge(scheme, realm, code, desc, scope string) string {
	if scheme == "" {
		scheme = SchemeBearer
	}
	var b strings.Builder
	b.WriteString(scheme)
	sep := " "
	param := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString(sep)
		b.WriteString(name)
		b.WriteString(`="`)
		for i := 0; i < len(value); i++ {
			if c := value[i]; quotable(c) {
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
		sep = ", "
	}
	param("realm", realm)
	param("error", code)
	param("error_description", desc)
	param("scope", scope)
	return b.String()
}

// quotable reports whether c may stand in an error_description
// (RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E).
func quotable(c byte) bool {
	return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\'
}

// descriptions maps the failures of verification to the text sent in
// error_description, in the order they are tested (a more specific sentinel
// before the one it wraps). None of them repeats anything of the token.
var descriptions = []struct {
	err  error
	desc string
}{
	{jwt.ErrExpired, "the access token expired"},
	{jwt.ErrNotValidYet, "the access token is not valid yet"},
	{jwt.ErrIssuedInFuture, "the access token is issued in the future"},
	{jwt.ErrTooOld, "the access token is too old"},
	{jwt.ErrInvalidIssuer, "the issuer is not accepted"},
	{jwt.ErrInvalidAudience, "the audience is not accepted"},
	{jwt.ErrInvalidSubject, "the subject is not accepted"},
	{jwt.ErrInvalidType, "the token type is not accepted"},
	{jwt.ErrMissingClaim, "a required claim is missing"},
	{jwt.ErrRejected, "the access token was rejected"},
	{jwt.ErrUnexpectedForm, "the token is not in the expected form"},
	{jwt.ErrInvalidClaims, "the claims are malformed"},
	{jwa.ErrInvalidSignature, "the signature did not verify"},
	{jwa.ErrAlgorithmNotAllowed, "the algorithm is not accepted"},
	{jwa.ErrUnsupportedAlgorithm, "the algorithm is not accepted"},
	{jwk.ErrKeyNotFound, "no key matches the token"},
	{jwk.ErrAmbiguousKey, "no key matches the token"},
	{jwk.ErrKeyUsage, "no key matches the token"},
	{jwa.ErrInvalidKey, "no key matches the token"},
	{jwa.ErrDecryption, "the token could not be decrypted"},
	{jwa.ErrLimitExceeded, "the token is too large"},
	{jwa.ErrMalformed, "the token is malformed"},
}

// tokenError turns an error of jwt.Verify into the response.
func (c *config) tokenError(err error, scheme string) *ChallengeError {
	if e := c.unavailable(err, scheme); e != nil {
		return e
	}
	desc := "the access token is not valid"
	for _, d := range descriptions {
		if errors.Is(err, d.err) {
			desc = d.desc
			break
		}
	}
	return c.invalidToken(scheme, desc, err)
}

// unavailable answers 503 when err says that the check could not be made:
// the key set could not be fetched and nothing is cached, or a store that
// a check needs did not answer. It is the server's fault, not the token's,
// so the client is not told to get a new token. No Retry-After is sent:
// the middleware cannot know when the provider or the store will be back,
// and one fixed delay would bring every client back at the same instant.
func (c *config) unavailable(err error, scheme string) *ChallengeError {
	var desc string
	switch {
	case errors.Is(err, jwk.ErrFetch):
		desc = "the key set is unavailable"
	case errors.Is(err, jwt.ErrStoreUnavailable):
		desc = "a store the check needs is unavailable"
	default:
		return nil
	}
	return &ChallengeError{Status: http.StatusServiceUnavailable, Description: desc,
		Scheme: scheme, Realm: c.realm, DPoP: c.dpop != nil, Err: err}
}

func (c *config) invalidToken(scheme, desc string, cause error) *ChallengeError {
	return &ChallengeError{Status: http.StatusUnauthorized, Code: CodeInvalidToken, Description: desc,
		Scheme: scheme, Realm: c.realm, DPoP: c.dpop != nil, Err: fmt.Errorf("%w: %w", ErrInvalidToken, cause)}
}

func (c *config) invalidRequest(desc string) *ChallengeError {
	return &ChallengeError{Status: http.StatusBadRequest, Code: CodeInvalidRequest, Description: desc,
		Scheme: SchemeBearer, Realm: c.realm, DPoP: c.dpop != nil, Err: fmt.Errorf("%w: %s", ErrInvalidRequest, desc)}
}

func (c *config) missingToken() *ChallengeError {
	return &ChallengeError{Status: http.StatusUnauthorized, Scheme: SchemeBearer, Realm: c.realm,
		DPoP: c.dpop != nil, Err: ErrMissingToken}
}
