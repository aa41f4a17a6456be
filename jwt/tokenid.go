package jwt

import (
	"fmt"
	"time"
)

// TokenID is what a [WithJTIValidator] function is given: the token's "jti"
// and the claims that bound how long the token can be used, so that a
// revocation list or a one-time-use store knows how long to remember the
// ID. More fields may be added; none will be removed.
type TokenID struct {
	// ID is the "jti" claim (RFC 7519 §4.1.7). It is never empty: a token
	// without "jti", or with an empty one, is refused before the function
	// is called.
	ID string

	// Issuer is the "iss" claim, or "" when the token has none. A "jti" is
	// unique only among the tokens of one issuer, so a store shared by
	// several issuers keys its entries by both.
	Issuer string

	// IssuedAt is the "iat" claim, or the zero time when the token has none.
	IssuedAt time.Time

	// ExpiresAt is the "exp" claim, or the zero time when the token has none
	// (which [WithAllowNoExpiry] allows).
	ExpiresAt time.Time

	// AcceptedUntil bounds the token's use: Verify, with the same options,
	// accepts it at no instant after AcceptedUntil. It is "exp" plus the
	// leeway or, with [WithMaxAge], "iat" plus the maximum age plus the
	// leeway when that is sooner. It is the zero time when nothing bounds
	// the token's use (no "exp" and no WithMaxAge): an ID that must be
	// remembered for as long as its token is accepted then has to be
	// remembered for ever, and a one-time-use store should refuse it.
	AcceptedUntil time.Time
}

// tokenID builds what the [WithJTIValidator] function is given, or refuses
// a token whose "jti" is absent or empty: an empty ID is the same for every
// token that has it, so it could be neither revoked nor used once.
func (c *config) tokenID(s *claimSet) (TokenID, error) {
	cl := &s.claims
	if !s.has("jti") {
		return TokenID{}, fmt.Errorf("jwt: claim \"jti\" is required by WithJTIValidator: %w", ErrMissingClaim)
	}
	if cl.ID == "" {
		return TokenID{}, fmt.Errorf("jwt: claim \"jti\" is empty, which identifies no token (WithJTIValidator): %w", ErrMissingClaim)
	}
	id := TokenID{ID: cl.ID, Issuer: cl.Issuer}
	if cl.IssuedAt != nil {
		id.IssuedAt = cl.IssuedAt.Time
	}
	if cl.ExpiresAt != nil {
		id.ExpiresAt = cl.ExpiresAt.Time
		id.AcceptedUntil = id.ExpiresAt.Add(c.leeway)
	}
	if c.maxAge > 0 && cl.IssuedAt != nil {
		// validate refused a token without "iat" under WithMaxAge.
		byAge := id.IssuedAt.Add(c.maxAge + c.leeway)
		if id.AcceptedUntil.IsZero() || byAge.Before(id.AcceptedUntil) {
			id.AcceptedUntil = byAge
		}
	}
	return id, nil
}
