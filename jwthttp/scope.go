package jwthttp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/joseproject/jose/jwt"
)

// errNoMiddleware is the cause logged when [RequireScope] runs behind no
// [Middleware].
var errNoMiddleware = errors.New("RequireScope ran for a request that no Middleware verified: the chain of handlers is wrong")

// scopeList is a "scope" or "scp" claim: a string of scope-tokens
// separated by single spaces (RFC 6749 §3.3, RFC 8693 §4.2, RFC 9068
// §2.2.3) or an array of scope-tokens (the "scp" of several providers).
// Scope tokens are case-sensitive.
type scopeList []string

// UnmarshalJSON reads the claim strictly (T57). A scope-token is made of
// %x21 / %x23-5B / %x5D-7E, and only SP (0x20) separates two of them: a
// claim holding any other byte, a tab, a no-break space or a Unicode line
// separator among them, is refused whole rather than split, so that
// "repo:x\u00a0admin" cannot grant "admin" to a parser that splits on
// white space, nor one scope to this one and two to another. An empty
// string grants nothing; an empty scope-token (two spaces in a row, a
// leading or trailing space, "" in the array) is refused, as the grammar
// has none. An array element is one scope-token, never a list. Every
// error wraps [jwt.ErrInvalidClaims].
func (s *scopeList) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return fmt.Errorf("a scope claim is not a JSON string: %w: %w", err, jwt.ErrInvalidClaims)
		}
		*s = nil
		if str == "" {
			return nil
		}
		toks := strings.Split(str, " ")
		for i, tok := range toks {
			if err := checkScopeToken(i, tok); err != nil {
				return err
			}
		}
		*s = toks
		return nil
	}
	if string(b) == "null" {
		*s = nil
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("a scope claim is a string or an array of strings: %w: %w", err, jwt.ErrInvalidClaims)
	}
	for i, tok := range list {
		if err := checkScopeToken(i, tok); err != nil {
			return err
		}
	}
	*s = list
	return nil
}

// checkScopeToken explains why the i-th scope of a claim is not a
// scope-token, without repeating it.
func checkScopeToken(i int, tok string) error {
	if tok == "" {
		return fmt.Errorf("scope %d is empty (scopes are separated by exactly one space, RFC 6749 §3.3): %w", i+1, jwt.ErrInvalidClaims)
	}
	for j := 0; j < len(tok); j++ {
		if c := tok[j]; c == ' ' || !quotable(c) {
			return fmt.Errorf("scope %d holds the byte 0x%02x at %d, which is not in a scope-token (RFC 6749 §3.3: %%x21 / %%x23-5B / %%x5D-7E, separated by SP): %w", i+1, c, j, jwt.ErrInvalidClaims)
		}
	}
	return nil
}

func (s scopeList) has(scope string) bool {
	for _, v := range s {
		if v == scope {
			return true
		}
	}
	return false
}

// validScope reports whether s is a scope-token of RFC 6749 §3.3:
// 1*( %x21 / %x23-5B / %x5D-7E ).
func validScope(s string) bool { return checkScopeToken(0, s) == nil }

// HasScope reports whether the token that the [Middleware] verified for
// this request grants every one of scopes, from its "scope" or "scp" claim.
// The match is exact and case-sensitive (RFC 6749 §3.3). It is false when no
// middleware ran, and when scopes is empty: a list of required scopes that
// came out empty (from a configuration, say) must not grant access.
func HasScope(ctx context.Context, scopes ...string) bool {
	i := infoFrom(ctx)
	if i == nil || len(scopes) == 0 {
		return false
	}
	for _, s := range scopes {
		if !i.scopes.has(s) {
			return false
		}
	}
	return true
}

// RequireScope returns a middleware, to place behind [Middleware], that
// lets a request through only when its token grants every one of scopes
// (see [HasScope]). Otherwise it answers through the middleware's
// [ErrorHandler]: by default 403 with an insufficient_scope challenge whose
// "scope" attribute lists the scopes required (RFC 6750 §3.1).
//
// A request that no Middleware has verified gets 500: the chain of handlers
// is wrong, and the request must not pass.
//
// RequireScope panics when scopes is empty (a required list that came out
// empty would let every authenticated request through) and on a scope that
// is not a scope-token of RFC 6749 §3.3 (empty, or holding a space, a
// quote, a backslash or a byte outside printable ASCII), as
// [http.ServeMux.Handle] panics on a bad pattern: it is a mistake in the
// program, found when the handlers are set up.
func RequireScope(scopes ...string) func(http.Handler) http.Handler {
	if len(scopes) == 0 {
		panic("jwthttp: RequireScope needs at least one scope")
	}
	for _, s := range scopes {
		if !validScope(s) {
			panic(fmt.Sprintf("jwthttp: RequireScope: %q is not a scope-token (RFC 6749 §3.3)", s))
		}
	}
	scopes = append([]string(nil), scopes...)
	joined := strings.Join(scopes, " ")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			i := infoFrom(r.Context())
			if i == nil {
				logRefusal(r.Context(), slog.Default(), slog.LevelError, r, http.StatusInternalServerError, "", "", errNoMiddleware)
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
				return
			}
			for _, s := range scopes {
				if !i.scopes.has(s) {
					c := i.c
					c.fail(w, r, &ChallengeError{Status: http.StatusForbidden, Code: CodeInsufficientScope,
						Description: "the access token lacks a required scope", Scope: joined,
						Scheme: SchemeBearer, Realm: c.realm, DPoP: c.dpop != nil,
						Err: fmt.Errorf("%w: scope %q not granted", ErrInsufficientScope, s)})
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}
