package jwt

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/joseproject/jose/internal/errwrap"
)

// validate applies the claim checks of the config to a parsed claim set,
// in a fixed order: required claims, time claims, issuer, subject,
// audience. It does not run the caller's callbacks: [finish] does, once the
// claims are decoded.
func (c *config) validate(s *claimSet) error {
	cl := &s.claims
	if !c.allowNoExp && !s.has("exp") {
		return fmt.Errorf("jwt: claim \"exp\" is required (WithAllowNoExpiry accepts tokens without it): %w", ErrMissingClaim)
	}
	for _, name := range c.required {
		if !s.has(name) {
			return fmt.Errorf("jwt: claim %q is required: %w", name, ErrMissingClaim)
		}
	}

	now := c.clock()
	if cl.ExpiresAt != nil && !now.Before(cl.ExpiresAt.Add(c.leeway)) {
		// RFC 7519 §4.1.4: the current time MUST be before "exp".
		return fmt.Errorf("jwt: claim \"exp\": expired at %s (now %s, leeway %v): %w",
			stamp(cl.ExpiresAt.Time), stamp(now), c.leeway, ErrExpired)
	}
	if cl.NotBefore != nil && now.Before(cl.NotBefore.Add(-c.leeway)) {
		// RFC 7519 §4.1.5: the current time MUST be after or equal to "nbf".
		return fmt.Errorf("jwt: claim \"nbf\": not valid before %s (now %s, leeway %v): %w",
			stamp(cl.NotBefore.Time), stamp(now), c.leeway, ErrNotValidYet)
	}
	if cl.IssuedAt != nil && cl.IssuedAt.After(now.Add(c.leeway)) {
		return fmt.Errorf("jwt: claim \"iat\": issued at %s, in the future (now %s, leeway %v): %w",
			stamp(cl.IssuedAt.Time), stamp(now), c.leeway, ErrIssuedInFuture)
	}
	if c.maxAge > 0 {
		if cl.IssuedAt == nil {
			return fmt.Errorf("jwt: claim \"iat\" is required by WithMaxAge: %w", ErrMissingClaim)
		}
		if now.After(cl.IssuedAt.Add(c.maxAge + c.leeway)) {
			return fmt.Errorf("jwt: claim \"iat\": issued at %s, more than %v ago (now %s, leeway %v): %w",
				stamp(cl.IssuedAt.Time), c.maxAge, stamp(now), c.leeway, ErrTooOld)
		}
	}

	if len(c.issuers) > 0 {
		if !s.has("iss") {
			return fmt.Errorf("jwt: claim \"iss\" is required by WithIssuer: %w: %w", ErrMissingClaim, ErrInvalidIssuer)
		}
		if !slices.Contains(c.issuers, cl.Issuer) {
			return fmt.Errorf("jwt: claim \"iss\": %q is not an accepted issuer: %w", clip(cl.Issuer), ErrInvalidIssuer)
		}
	}
	if c.subject != nil {
		if !s.has("sub") {
			return fmt.Errorf("jwt: claim \"sub\" is required by WithSubject: %w: %w", ErrMissingClaim, ErrInvalidSubject)
		}
		if cl.Subject != *c.subject {
			return fmt.Errorf("jwt: claim \"sub\": %q is not the expected subject: %w", clip(cl.Subject), ErrInvalidSubject)
		}
	}
	switch {
	case len(c.audiences) == 0 && s.has("aud"):
		// RFC 7519 §4.1.3: a principal that does not identify itself with a
		// value of "aud" MUST reject the token.
		return fmt.Errorf("jwt: claim \"aud\": the token names an audience and WithAudience accepts none: %w", ErrInvalidAudience)
	case len(c.audiences) > 0 && !s.has("aud"):
		return fmt.Errorf("jwt: claim \"aud\" is required by WithAudience: %w: %w", ErrMissingClaim, ErrInvalidAudience)
	case len(c.audiences) > 0 && !slices.ContainsFunc(c.audiences, cl.Audience.Contains):
		switch len(cl.Audience) {
		case 0:
			return fmt.Errorf("jwt: claim \"aud\" is an empty array, which names no audience to accept: %w", ErrInvalidAudience)
		case 1:
			return fmt.Errorf("jwt: claim \"aud\": %q is not an accepted audience: %w", clip(cl.Audience[0]), ErrInvalidAudience)
		}
		return fmt.Errorf("jwt: claim \"aud\": none of the token's %d audiences (the first %q) is accepted: %w",
			len(cl.Audience), clip(cl.Audience[0]), ErrInvalidAudience)
	}
	return nil
}

// stamp formats a time for an error message.
func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// clip shortens a claim quoted in an error message, so that a hostile token
// cannot make huge errors (and log lines).
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// typeMatches compares a "typ" or "cty" value with the one expected,
// ignoring case and an "application/" prefix when the rest holds no "/"
// (RFC 7515 §4.1.9, §4.1.10).
func typeMatches(got, want string) bool {
	return strings.EqualFold(mediaType(got), mediaType(want))
}

func mediaType(s string) string {
	const prefix = "application/"
	if len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) && !strings.Contains(s[len(prefix):], "/") {
		return s[len(prefix):]
	}
	return s
}

// claimsOf parses and validates a claim set whose signature (or
// decryption) has been checked, decodes it into T, and runs the caller's
// callbacks. It returns claims only when every check passed.
// e is T's embedding.
func claimsOf[T any](c *config, payload []byte, e *embedding) (T, error) {
	var zero T
	var planSet claimSet
	s := &planSet
	var t T
	if planned(&t, payload, s, e) {
		// Read, checked and decoded in one pass: only the rules are left.
		if err := c.validate(s); err != nil {
			return zero, err
		}
	} else {
		// The reference path, which also says why the planned one gave up.
		t = zero
		// A claimSet of its own: given to the reference path, planSet
		// would escape to the heap on every call, the planned path's
		// included (one more allocation in TestJWTLayerAllocations).
		slow := new(claimSet)
		if err := readClaims(payload, slow, e); err != nil {
			return zero, err
		}
		if err := c.validate(slow); err != nil {
			return zero, err
		}
		if p, ok := any(&t).(*Claims); ok {
			*p = slow.claims // nothing more to decode
		} else if err := decodeClaims(&t, payload, slow, e); err != nil {
			return zero, fmt.Errorf("jwt: claim set does not decode into %T: %w", t, errwrap.Beside(err, ErrInvalidClaims))
		}
		s = slow
	}
	for _, v := range c.validators {
		if err := v.run(&t); err != nil {
			return zero, callbackError("validator", err)
		}
	}
	if c.jtiValidator != nil {
		id, err := c.tokenID(s)
		if err != nil {
			return zero, err
		}
		if err := c.jtiValidator(c.ctx, id); err != nil {
			return zero, callbackError(`claim "jti"`, err)
		}
	}
	return t, nil
}

// callbackError wraps the error of a caller's callback: a refusal
// ([ErrRejected]), or, when err says so, a store it could not ask
// ([ErrStoreUnavailable]), which is not a verdict on the token.
func callbackError(what string, err error) error {
	if errors.Is(err, ErrStoreUnavailable) {
		return fmt.Errorf("jwt: %s: %w", what, err)
	}
	return fmt.Errorf("jwt: %s: %w: %w", what, ErrRejected, err)
}

// decodeClaims decodes the claim set into *p. For a type that embeds
// Claims (see embedding) only the members other than the registered claims
// go through encoding/json; the Claims field is set from s.
func decodeClaims[T any](p *T, payload []byte, s *claimSet, e *embedding) error {
	v := reflect.ValueOf(p).Elem()
	if err := e.fields.CheckNested(s.members); err != nil {
		return err
	}
	if e.index == noClaims {
		return json.Unmarshal(payload, p)
	}
	if err := json.Unmarshal(withoutRegistered(s.members, len(payload)), p); err != nil {
		return err
	}
	*v.Field(e.index).Addr().Interface().(*Claims) = s.claims
	return nil
}
