package jwkring

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// checkLifetime refuses a compact JWS whose claims have no "exp", or one
// later than now plus max (T82): the key that signed it stays published
// only max (plus the leeway) after its last signature. The token is the
// one jwt.Sign has just made, so its claims are a checked JSON object.
func checkLifetime(token string, now time.Time, max time.Duration) error {
	exp, err := expiry(token)
	if err != nil {
		return err
	}
	limit := now.Add(max)
	if exp > float64(limit.Unix())+float64(limit.Nanosecond())/1e9 {
		return fmt.Errorf("jwkring: the token's exp is %s, later than the policy's MaxTokenLifetime (%v) from now (%s): %w",
			time.Unix(int64(exp), 0).UTC().Format(time.RFC3339), max, limit.UTC().Format(time.RFC3339), ErrLifetime)
	}
	return nil
}

// expiry returns the "exp" claim of a compact JWS, in seconds since the
// epoch.
func expiry(token string) (float64, error) {
	_, rest, ok := strings.Cut(token, ".")
	payload, _, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 {
		return 0, fmt.Errorf("jwkring: not a compact JWS: %w: %w", ErrLifetime, jwa.ErrMalformed)
	}
	claims, err := base64url.DecodeString(payload)
	if err != nil {
		return 0, fmt.Errorf("jwkring: the payload: %w: %w", ErrLifetime, err)
	}
	m, err := strictjson.ObjectAliased(claims)
	if err != nil {
		return 0, fmt.Errorf("jwkring: the claims: %w: %w: %w", ErrLifetime, jwa.ErrMalformed, err)
	}
	raw, ok := m["exp"]
	if !ok {
		return 0, fmt.Errorf("jwkring: the token has no exp, so it would never expire: %w", ErrLifetime)
	}
	exp, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.IsInf(exp, 0) || math.IsNaN(exp) {
		return 0, fmt.Errorf("jwkring: the token's exp is not a number: %w: %w", ErrLifetime, jwa.ErrMalformed)
	}
	return exp, nil
}
