package jwthttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwt"
)

// Option configures [Middleware]. It is an interface that only this
// package implements. A misused option (nil, an invalid argument, options
// that contradict each other, a jwt option that jwt refuses) fails
// Middleware itself, never a request, with an error wrapping
// [ErrInvalidOption] that names the option.
type Option interface {
	isOption()
}

// option is the implementation of Option.
type option func(*config) error

func (option) isOption() {}

// ErrorHandler writes the response to a refused request. The default calls
// e.WriteResponse(w). A handler may write any response it likes (a JSON
// body, a log line first); to stay within RFC 6750 it should keep e.Status
// and the WWW-Authenticate header of e.Challenge.
type ErrorHandler func(w http.ResponseWriter, r *http.Request, e *ChallengeError)

type config struct {
	verify   []jwt.VerifyOption
	realm    string
	onError  ErrorHandler
	query    bool
	dpop     DPoPVerifier
	anyType  bool
	typAsCty bool
	logger   *slog.Logger // nil: slog.Default() when a request is refused
}

// TokenType is the "typ" the middleware requires by default: an OAuth 2.0
// JWT access token (RFC 9068 §2.1, §4). "application/at+jwt" is accepted
// as the same type.
const TokenType = "at+jwt"

func optionError(format string, args ...any) error {
	return fmt.Errorf("jwthttp: "+format+": %w", append(args, ErrInvalidOption)...)
}

// WithVerifyOptions gives the options of [jwt.Verify] that every token must
// pass: the keys (jwt.WithKey) or key set (jwt.WithKeySet, such as a
// jwk.Remote) with the allowed algorithms, and usually jwt.WithIssuer,
// jwt.WithAudience, jwt.WithLeeway, jwt.WithRequiredClaims; for nested
// tokens the decryption keys, jwt.WithAllowedEncryptions and
// jwt.WithDecryptLimits. It is required, with at least a key. The "typ"
// [TokenType] is required unless these options hold a jwt.WithExpectedType
// of their own, which then replaces it, or [WithAnyTokenType] is given.
// The request's context is given to Verify with jwt.WithContext, replacing
// any the options hold. May be given several times; the options add up.
// Middleware applies them once, so that a nil key set (or any other option
// jwt refuses) fails Middleware, never a request.
func WithVerifyOptions(opts ...jwt.VerifyOption) Option {
	return option(func(c *config) error {
		for i, o := range opts {
			if o == nil {
				return optionError("WithVerifyOptions: option %d is nil", i+1)
			}
		}
		c.verify = append(c.verify, opts...)
		return nil
	})
}

// WithRealm sets the realm of the WWW-Authenticate challenges (RFC 6750
// §3). It must be printable ASCII without '"' or '\'. By default no realm
// is sent.
func WithRealm(realm string) Option {
	return option(func(c *config) error {
		for i := 0; i < len(realm); i++ {
			if !quotable(realm[i]) {
				return optionError("WithRealm: byte %d of the realm is not printable ASCII, or is a quote or backslash", i)
			}
		}
		c.realm = realm
		return nil
	})
}

// WithErrorHandler replaces the default response to a refused request
// ([ChallengeError.WriteResponse]). It is also used by [RequireScope]
// behind this middleware.
func WithErrorHandler(h ErrorHandler) Option {
	return option(func(c *config) error {
		if h == nil {
			return optionError("WithErrorHandler: the handler is nil")
		}
		c.onError = h
		return nil
	})
}

// WithQueryToken also accepts the token in the "access_token" query
// parameter (RFC 6750 §2.3). Tokens in URLs end up in logs, browser history
// and Referer headers, so RFC 6750 §5.3 advises against it: use it only
// for clients that cannot set a header (a WebSocket or EventSource in a
// browser). A response to such a request gets "Cache-Control: private"
// (RFC 6750 §2.3). Without this option a request with "access_token" in
// the query is refused with invalid_request, so that the token is not
// silently ignored.
func WithQueryToken() Option {
	return option(func(c *config) error {
		c.query = true
		return nil
	})
}

// WithAnyTokenType accepts access tokens of any "typ", or none, instead of
// requiring [TokenType]. RFC 9068 §4 requires a resource server to check
// that a JWT access token is typed "at+jwt": without that check, any other
// JWT that the same keys sign for the same audience (an OpenID Connect ID
// token, a logout token, a token meant for another flow) is taken for an
// access token (RFC 8725 §3.11). Give this option only for an identity
// provider whose access tokens are plain JWTs ("typ" "JWT" or absent), and
// then tell its access tokens apart by something else, such as a claim
// only they carry (jwt.WithRequiredClaims, jwt.WithValidator).
// WithVerifyOptions must then hold no jwt.WithExpectedType.
func WithAnyTokenType() Option {
	return option(func(c *config) error {
		c.anyType = true
		return nil
	})
}

// WithTypeAsContentType accepts nested (signed, then encrypted) access
// tokens whose outer "cty" is the access token type ([TokenType], or the
// jwt.WithExpectedType of WithVerifyOptions) instead of the "JWT" that RFC
// 7519 §5.2 requires, as panva's oidc-provider writes them
// ("cty":"at+jwt"); it gives [jwt.WithTypeAsContentType] to Verify. The
// inner token is verified in full all the same, its "typ" included.
// Without it such a token is refused (jwt.ErrUnexpectedForm). It needs the
// decryption keys in WithVerifyOptions, and contradicts
// [WithAnyTokenType].
func WithTypeAsContentType() Option {
	return option(func(c *config) error {
		c.typAsCty = true
		return nil
	})
}

// Middleware returns a middleware that lets a request through only with a
// valid access token, and gives the handler its claims, decoded into T, in
// the request's context ([ClaimsFrom]).
//
// The token is read from one "Authorization: Bearer" header field (RFC 6750
// §2.1; the scheme is case-insensitive), or "Authorization: DPoP" with
// [WithDPoP], or the query with [WithQueryToken]. It is checked by
// [jwt.Verify] with the options of [WithVerifyOptions], and must be typed
// [TokenType] (RFC 9068 §4; a token of another "typ", such as a DPoP proof
// or an ID token, is refused with jwt.ErrInvalidType, unless
// [WithAnyTokenType]). Then the
// confirmation claim "cnf" (RFC 7800) is checked: a token bound to a DPoP
// key ("jkt") is refused as a bearer token (RFC 9449 §7.2) and needs its
// proof; a token bound by any other method (mTLS "x5t#S256", RFC 8705) is
// refused, since this middleware cannot check that binding. The scopes
// ("scope" and "scp") are read for [RequireScope] and [HasScope]; either
// may be a string of scope-tokens separated by single spaces or an array
// of scope-tokens (RFC 6749 §3.3), and a claim with any other byte, an
// empty scope included, makes the token invalid (jwt.ErrInvalidClaims).
//
// A refused request goes to the [ErrorHandler] (default:
// [ChallengeError.WriteResponse]):
//   - no token, or another scheme such as Basic: 401 with a bare challenge
//     (RFC 6750 §3.1);
//   - a malformed Authorization header, several of them, a token sent in two
//     ways, or a query token without WithQueryToken: 400 invalid_request;
//   - a token that fails verification: 401 invalid_token, with a short
//     description naming the check that failed and nothing of the token;
//   - a remote key set that could not be fetched (jwk.ErrFetch), or a
//     store a check needs that did not answer (jwt.ErrStoreUnavailable:
//     the DPoP replay store, the store behind jwt.WithJTIValidator): 503,
//     without Retry-After.
//
// Each refused request is logged first ([WithLogger]).
//
// Middleware checks its options once, including the jwt options (a call of
// jwt.Verify on an empty token), and returns an error wrapping
// [ErrInvalidOption] when they are wrong: nothing a request does can then
// meet a nil key set or another misused option. The middleware is safe for
// concurrent use; it costs one jwt.Verify per request and the context.
// "scope", "scp" and "cnf" are read from the authenticated claim set that
// jwt.Verify hands over (through jwt.WithClaimsTransform, which the
// middleware therefore uses itself: WithVerifyOptions must not give one),
// by their exact names, for signed and nested tokens alike.
func Middleware[T any](opts ...Option) (_ func(http.Handler) http.Handler, err error) {
	defer errwrap.Own(&err, "jwthttp")
	c := &config{}
	for i, o := range opts {
		f, _ := o.(option)
		if f == nil {
			return nil, optionError("option %d of Middleware is nil", i+1)
		}
		if err := f(c); err != nil {
			return nil, err
		}
	}
	if len(c.verify) == 0 {
		return nil, optionError("Middleware needs WithVerifyOptions with a key or key set")
	}
	// jwt.Verify applies and checks its options before it reads the token.
	probe := func(opts []jwt.VerifyOption) error {
		check := append(slices.Clone(opts), jwt.WithClaimsTransform(func(b []byte) ([]byte, error) { return b, nil }))
		_, err := jwt.Verify[T]("", check...)
		if errors.Is(err, ErrInvalidOption) {
			return err
		}
		return nil
	}
	if err := probe(c.verify); err != nil {
		return nil, fmt.Errorf("jwthttp: WithVerifyOptions: %w", err)
	}
	// RFC 9068 §4 (T51): the options are valid; one more WithExpectedType
	// makes them invalid exactly when they hold one already.
	ownType := probe(append(c.verify, jwt.WithExpectedType(TokenType))) != nil
	switch {
	case ownType && c.anyType:
		return nil, optionError("WithAnyTokenType contradicts the jwt.WithExpectedType of WithVerifyOptions")
	case !ownType && !c.anyType:
		c.verify = append(slices.Clip(c.verify), jwt.WithExpectedType(TokenType))
	}
	if c.typAsCty {
		if c.anyType {
			return nil, optionError("WithTypeAsContentType contradicts WithAnyTokenType: it accepts the access token type as \"cty\"")
		}
		c.verify = append(slices.Clip(c.verify), jwt.WithTypeAsContentType())
		if err := probe(c.verify); err != nil {
			return nil, fmt.Errorf("jwthttp: WithTypeAsContentType: %w", err)
		}
	}
	return func(next http.Handler) http.Handler {
		if next == nil {
			next = http.NotFoundHandler()
		}
		return &handler[T]{c: c, next: next}
	}, nil
}

type handler[T any] struct {
	c    *config
	next http.Handler
}

func (h *handler[T]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c := h.c
	token, scheme, fromQuery, e := c.extract(r)
	if e != nil {
		c.fail(w, r, e)
		return
	}
	// The claim set as signed, handed over once the signature (and the
	// decryption of a nested token) passed; jwt.Verify returns claims only
	// when every check passed, so it is read only then.
	var signed []byte
	opts := make([]jwt.VerifyOption, len(c.verify)+2)
	copy(opts, c.verify)
	opts[len(c.verify)] = jwt.WithContext(r.Context())
	opts[len(c.verify)+1] = jwt.WithClaimsTransform(func(b []byte) ([]byte, error) { signed = b; return b, nil })
	claims, err := jwt.Verify[T](token, opts...)
	if err != nil {
		c.fail(w, r, c.tokenError(err, scheme))
		return
	}
	extra, err := extraClaims(signed)
	if err != nil {
		c.fail(w, r, c.invalidToken(scheme, "the claims are malformed", err))
		return
	}
	if e := c.checkBinding(r, token, scheme, extra); e != nil {
		c.fail(w, r, e)
		return
	}
	if fromQuery {
		w.Header().Set("Cache-Control", "private") // RFC 6750 §2.3
	}
	ctx := context.WithValue(r.Context(), infoKey{}, &info{claims: claims, scopes: extra.scopes, c: c})
	h.next.ServeHTTP(w, r.WithContext(ctx))
}

func (c *config) fail(w http.ResponseWriter, r *http.Request, e *ChallengeError) {
	c.logRefusal(r, e)
	if c.onError != nil {
		c.onError(w, r, e)
		return
	}
	e.WriteResponse(w)
}

// extract finds the token in the request (RFC 6750 §2).
func (c *config) extract(r *http.Request) (token, scheme string, fromQuery bool, e *ChallengeError) {
	fields := r.Header.Values("Authorization")
	if len(fields) > 1 {
		return "", "", false, c.invalidRequest("more than one Authorization header")
	}
	queryTokens, inQuery := r.URL.Query()["access_token"]
	if inQuery && !c.query {
		return "", "", false, c.invalidRequest("a token in the query string is not accepted")
	}
	if inQuery && len(queryTokens) != 1 {
		return "", "", false, c.invalidRequest("more than one access_token parameter")
	}
	if len(fields) == 1 {
		s, cred, _ := strings.Cut(fields[0], " ")
		switch {
		case strings.EqualFold(s, SchemeBearer):
			scheme = SchemeBearer
		case strings.EqualFold(s, SchemeDPoP) && c.dpop != nil:
			scheme = SchemeDPoP
		default:
			// RFC 6750 §3.1: an unsupported method gets a bare challenge.
			return "", "", false, c.missingToken()
		}
		if inQuery {
			// RFC 6750 §2: one method per request.
			return "", "", false, c.invalidRequest("the token is sent in more than one way")
		}
		token = strings.TrimLeft(cred, " ")
		if !isB64Token(token) {
			return "", "", false, c.invalidRequest("the " + scheme + " credentials are not a token")
		}
		return token, scheme, false, nil
	}
	if inQuery {
		if !isB64Token(queryTokens[0]) {
			return "", "", false, c.invalidRequest("the access_token parameter is not a token")
		}
		return queryTokens[0], SchemeBearer, true, nil
	}
	return "", "", false, c.missingToken()
}

// isB64Token reports whether s is a b64token (RFC 6750 §2.1):
// 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
func isB64Token(s string) bool {
	n := len(strings.TrimRight(s, "="))
	if n == 0 {
		return false
	}
	for i := 0; i < n; i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-', c == '.', c == '_', c == '~', c == '+', c == '/':
		default:
			return false
		}
	}
	return true
}

// extra holds the claims the middleware reads itself.
type extra struct {
	scopes scopeList
	cnf    map[string]json.RawMessage
}

// claimNames and cnfNames are the members extraClaims usually meets, so
// that their names cost no allocation.
var (
	claimNames = strictjson.NewNames("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "scope", "scp", "cnf", "client_id")
	cnfNames   = strictjson.NewNames("jkt", "jwk", "x5t#S256")
)

// extraClaims reads "scope", "scp" and "cnf" from the authenticated claim
// set by their exact names (encoding/json would also take "SCOPE" for
// "scope"). jwt.Verify already refused duplicate and case-folded duplicate
// members, so these are the values it checked.
func extraClaims(claims []byte) (extra, error) {
	m, err := claimNames.ObjectAliased(claims)
	if err != nil {
		return extra{}, fmt.Errorf("jwthttp: claim set: %w: %w", err, jwt.ErrInvalidClaims)
	}
	var x extra
	for _, name := range []string{"scope", "scp"} {
		if v, ok := m[name]; ok {
			var l scopeList
			if err := l.UnmarshalJSON(v); err != nil {
				return extra{}, fmt.Errorf("jwthttp: %q claim: %w", name, err)
			}
			x.scopes = append(x.scopes, l...)
		}
	}
	if v, ok := m["cnf"]; ok && string(v) != "null" {
		if x.cnf, err = cnfNames.ObjectAliased(v); err != nil {
			return extra{}, fmt.Errorf("jwthttp: \"cnf\" claim: %w: %w", err, jwt.ErrInvalidClaims)
		}
	}
	return x, nil
}

type infoKey struct{}

// info is what the middleware leaves in the request's context.
type info struct {
	claims any
	scopes scopeList
	c      *config
}

func infoFrom(ctx context.Context) *info {
	i, _ := ctx.Value(infoKey{}).(*info)
	return i
}

// ClaimsFrom returns the claims that the [Middleware] verified for this
// request. ok is false when no middleware ran, or when T is not the type
// argument the middleware was made with.
func ClaimsFrom[T any](ctx context.Context) (claims T, ok bool) {
	if i := infoFrom(ctx); i != nil {
		claims, ok = i.claims.(T)
	}
	return claims, ok
}
