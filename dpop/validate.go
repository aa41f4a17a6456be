package dpop

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Validator checks DPoP proofs for a server. Make one with [NewValidator]
// and share it: it holds the replay store. It is safe for concurrent use.
type Validator struct {
	algs    []jwa.SignatureAlgorithm
	maxAge  time.Duration
	leeway  time.Duration
	maxSize int
	clock   func() time.Time
	store   ReplayStore
	limits  jwk.EmbeddedKeyLimits
}

// NewValidator returns a Validator. Options: [WithAllowedAlgorithms]
// (default [DefaultAlgorithms]), [WithMaxAge] (default [DefaultMaxAge]),
// [WithLeeway] (default [DefaultLeeway]), [WithMaxSize] (default
// [DefaultMaxSize]), [WithEmbeddedKeyLimits] (default: RSA keys of at most
// 4096 bits with e = 65537), [WithClock] (default time.Now) and
// [WithReplayStore] (default a [MemoryStore] of [DefaultMaxEntries] on the
// Validator's clock).
func NewValidator(opts ...ValidatorOption) (_ *Validator, err error) {
	defer errwrap.Own(&err, "dpop")
	c, err := configure(callValidator, opts)
	if err != nil {
		return nil, err
	}
	v := &Validator{algs: c.algs, maxAge: c.maxAge, leeway: c.leeway, maxSize: c.maxSize, clock: c.clock, store: c.store}
	if v.algs == nil {
		v.algs = DefaultAlgorithms
	}
	if !c.seen["WithMaxAge"] {
		v.maxAge = DefaultMaxAge
	}
	if !c.seen["WithLeeway"] {
		v.leeway = DefaultLeeway
	}
	if v.maxSize == 0 {
		v.maxSize = DefaultMaxSize
	}
	if v.store == nil {
		v.store = NewMemoryStore(0, v.clock)
	}
	if c.limits != nil {
		v.limits = *c.limits
	}
	return v, nil
}

// Proof is a proof that passed every check.
type Proof struct {
	Claims
	// Key is the public key of the proof's "jwk" header, which signed it.
	Key *jwk.Key
	// Thumbprint is the base64url SHA-256 JWK thumbprint of Key (RFC 7638),
	// the value an authorization server puts in the "cnf" "jkt" of the
	// tokens it binds to this key (RFC 9449 §6.1).
	Thumbprint string
}

// Validate checks the DPoP proof of an HTTP request with header h, method
// and uri: the target URI as the client addressed it (scheme, host and
// path the client used; a server behind a proxy must rebuild it from its
// own configuration, not from the request alone). See
// [Validator.ValidateProof] for the checks.
//
// h must hold exactly one DPoP header field ([ErrMissingProof],
// [ErrMultipleProofs]; RFC 9449 §4.3 step 1).
func (v *Validator) Validate(h http.Header, method, uri string, opts ...ValidateOption) (_ *Proof, err error) {
	defer errwrap.Own(&err, "dpop")
	values := h.Values("DPoP")
	switch len(values) {
	case 0:
		return nil, fmt.Errorf("dpop: %w", ErrMissingProof)
	case 1:
	default:
		return nil, fmt.Errorf("dpop: %d DPoP header fields: %w", len(values), ErrMultipleProofs)
	}
	return v.validate(values[0], method, uri, opts)
}

// ValidateProof checks one DPoP proof, as RFC 9449 §4.3 lists, for a
// request with method and uri (see [Validator.Validate]). The steps, in
// the order they run; each failure wraps the sentinel named:
//
//   - the proof, without the white space (SP, HT, CR, LF) around it, is at
//     most the maximum size ([jwa.ErrLimitExceeded]) and a single compact
//     JWS, with no white space inside ([jwa.ErrMalformed],
//     [jwt.ErrUnexpectedForm]; step 2);
//   - its protected "jwk" is a public key ([jwa.ErrInvalidKey], step 7),
//     not of the ROCA generator ([jwk.ErrVulnerableKey]) and within the
//     Validator's key limits (by default an RSA key of at most 4096 bits
//     with e = 65537, else [jwa.ErrLimitExceeded], before any RSA
//     arithmetic); its "alg" is one of the Validator's asymmetric algorithms
//     ([jwa.ErrAlgorithmNotAllowed], step 5), and the signature verifies
//     with that key ([jwa.ErrInvalidSignature], step 6);
//   - "typ" is "dpop+jwt" ([jwt.ErrInvalidType], step 4; case and an
//     "application/" prefix are ignored, RFC 7515 §4.1.9);
//   - the claims are well-typed ([jwt.ErrInvalidClaims]) and "jti", "htm",
//     "htu", "iat" are present ([jwt.ErrMissingClaim], step 3); "exp" and
//     "nbf" are checked if present; a proof with "aud" is refused;
//   - "iat" is at most the leeway in the future ([jwt.ErrIssuedInFuture])
//     and at most the maximum age plus the leeway in the past
//     ([jwt.ErrTooOld], step 11);
//   - "htm" equals method, case-sensitively ([ErrMethodMismatch], step 8);
//     "htu" equals uri after [NormalizeURI] of both ([ErrURIMismatch],
//     step 9);
//   - with [WithAllowedNonces], "nonce" is one of them ([ErrUseNonce], step
//     10);
//   - with [WithAccessToken], "ath" is the token's hash
//     ([ErrAccessTokenHash], step 12);
//   - with [WithThumbprint], the key's thumbprint is the one given
//     ([ErrKeyMismatch], step 12);
//   - last, the key's thumbprint and "jti" are recorded in the replay
//     store through the last instant the proof could be accepted (iat +
//     max age + leeway, inclusive), and a proof recorded before is refused
//     ([ErrReplay]); a store that cannot record it refuses it too.
//
// Options: [WithAccessToken], [WithAllowedNonces], [WithThumbprint],
// [WithContext].
// uri must be an absolute http or https URI and method not empty, else the
// error wraps [ErrInvalidOption]. The Proof is returned only when every
// check passed.
func (v *Validator) ValidateProof(proof, method, uri string, opts ...ValidateOption) (_ *Proof, err error) {
	defer errwrap.Own(&err, "dpop")
	return v.validate(proof, method, uri, opts)
}

func (v *Validator) validate(proof, method, uri string, opts []ValidateOption) (*Proof, error) {
	c, err := configure(callValidate, opts)
	if err != nil {
		return nil, err
	}
	if method == "" {
		return nil, optionError("empty request method")
	}
	want, err := NormalizeURI(uri)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", err, ErrInvalidOption)
	}
	proof = header.TrimSpace(proof)
	if len(proof) > v.maxSize {
		return nil, fmt.Errorf("dpop: the proof has %d bytes, more than %d: %w: %w", len(proof), v.maxSize, ErrInvalidProof, jwa.ErrLimitExceeded)
	}
	now := v.clock()
	var (
		key *jwk.Key // the "jwk" that jws verifies the signature with
		jkt string
		iat time.Time
		// own is the error of a check of this package (the claims, the key
		// binding, the replay store), returned as it is rather than as
		// jwt's callback refusal; final marks one that is not the proof's
		// fault (another key, a store that failed).
		own   error
		final bool
	)
	approve := func(k *jwk.Key) error { key = k; return nil }
	check := func(cl Claims) error {
		if jkt, own = thumbprint(key); own != nil {
			return own
		}
		iat = cl.IssuedAt.Time
		if own = c.checkClaims(cl, method, want); own != nil {
			return own
		}
		if c.jkt != nil && (*c.jkt == "" || subtle.ConstantTimeCompare([]byte(*c.jkt), []byte(jkt)) != 1) {
			own, final = fmt.Errorf("dpop: the proof's key has thumbprint %s, the access token is bound to %.64q: %w", jkt, *c.jkt, ErrKeyMismatch), true
			return own
		}
		return nil
	}
	replay := func(ctx context.Context, id jwt.TokenID) error {
		// RFC 9449 §11.1: remember the proof for as long as it could be
		// accepted: jwt refuses it once now is after iat + maxAge + leeway,
		// so that instant is the last one (T55). The thumbprint scopes the
		// jti to the key.
		own = v.store.Use(ctx, jkt+" "+id.ID, iat.Add(v.maxAge+v.leeway))
		final = own != nil && !errors.Is(own, ErrInvalidProof) // not a replay nor too old: the store's failure
		return own
	}
	cl, err := jwt.Verify[Claims](proof,
		jwt.WithEmbeddedKey(approve, v.algs...),
		jwt.WithEmbeddedKeyLimits(v.limits),
		jwt.WithExpectedType(Type),
		jwt.WithAllowNoExpiry(),
		jwt.WithRequiredClaims("jti", "htm", "htu", "iat"),
		jwt.WithMaxAge(v.maxAge),
		jwt.WithLeeway(v.leeway),
		jwt.WithClock(func() time.Time { return now }),
		jwt.WithValidator(check),
		jwt.WithJTIValidator(replay),
		jwt.WithContext(c.ctx))
	if err != nil {
		if own != nil {
			err = own
		}
		if final || errors.Is(err, ErrInvalidProof) || errors.Is(err, ErrUseNonce) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrInvalidProof, err)
	}
	return &Proof{Claims: cl, Key: key, Thumbprint: jkt}, nil
}

// checkClaims checks "htm", "htu", "nonce" and "ath".
func (c *config) checkClaims(cl Claims, method, wantURI string) error {
	if cl.Method != method { // RFC 9449 §4.3 step 8; methods are case-sensitive (RFC 9110 §9.1)
		return fmt.Errorf("dpop: \"htm\" is %.20q, the request's method %.20q: %w", cl.Method, method, ErrMethodMismatch)
	}
	got, err := NormalizeURI(cl.URI) // RFC 9449 §4.3 step 9
	if err != nil {
		return fmt.Errorf("dpop: \"htu\": %w: %w", err, ErrURIMismatch)
	}
	if got != wantURI {
		return fmt.Errorf("dpop: \"htu\" is %.100q, the request's URI %.100q: %w", got, wantURI, ErrURIMismatch)
	}
	if c.nonces != nil && !containsConstantTime(c.nonces, cl.Nonce) { // step 10
		if cl.Nonce == "" {
			return fmt.Errorf("dpop: the server requires a nonce: %w", ErrUseNonce)
		}
		return fmt.Errorf("dpop: \"nonce\" is not current: %w", ErrUseNonce)
	}
	if c.accessToken != nil { // step 12, RFC 9449 §7
		if cl.AccessTokenHash == "" {
			return fmt.Errorf("dpop: \"ath\" is missing and an access token was presented: %w", ErrAccessTokenHash)
		}
		if subtle.ConstantTimeCompare([]byte(cl.AccessTokenHash), []byte(AccessTokenHash(*c.accessToken))) != 1 {
			return fmt.Errorf("dpop: %w", ErrAccessTokenHash)
		}
	}
	return nil
}

func containsConstantTime(list []string, s string) bool {
	found := 0
	for _, v := range list {
		found |= subtle.ConstantTimeCompare([]byte(v), []byte(s))
	}
	return found == 1 && s != ""
}

// AccessToken returns the access token of an "Authorization: DPoP <token>"
// header (RFC 9449 §7.1). h must hold exactly one Authorization field, with
// the scheme DPoP (in any case) and a token68 value (RFC 9110 §11.2);
// anything else, a missing header included, is an error wrapping
// [jwa.ErrMalformed]. The token itself is not checked.
func AccessToken(h http.Header) (_ string, err error) {
	defer errwrap.Own(&err, "dpop")
	values := h.Values("Authorization")
	if len(values) != 1 {
		return "", fmt.Errorf("dpop: %d Authorization header fields, want one: %w", len(values), jwa.ErrMalformed)
	}
	scheme, token, ok := strings.Cut(values[0], " ")
	if !ok || !strings.EqualFold(scheme, "DPoP") {
		return "", fmt.Errorf("dpop: the Authorization scheme is not DPoP: %w", jwa.ErrMalformed)
	}
	if !isToken68(token) {
		return "", fmt.Errorf("dpop: the DPoP access token is not a token68: %w", jwa.ErrMalformed)
	}
	return token, nil
}

// isToken68 reports whether s is a token68 (RFC 9110 §11.2):
// 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isToken68(s string) bool {
	s = strings.TrimRight(s, "=")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isUnreserved(c) && c != '+' && c != '/' {
			return false
		}
	}
	return true
}
