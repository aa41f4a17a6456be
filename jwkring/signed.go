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

// checkSigned reads back the compact JWS jwt.Sign has just made for
// [Ring.Sign], splitting it once, and checks the two things Sign promises
// of it: the protected "kid" is kid, and the claims' "exp" is at most max
// from now. The token is jwt.Sign's own, so its header and claims are
// checked JSON objects.
func checkSigned(token, kid string, now time.Time, max time.Duration) error {
	header, payload, err := segments(token)
	if err != nil {
		return err
	}
	if err := checkKeyID(header, kid); err != nil {
		return err
	}
	return checkLifetime(payload, now, max)
}

// segments returns the protected header and the payload of a compact JWS,
// both still base64url-encoded.
func segments(token string) (header, payload string, err error) {
	header, rest, ok := strings.Cut(token, ".")
	payload, _, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 {
		return "", "", fmt.Errorf("jwkring: not a compact JWS: %w: %w", ErrLifetime, jwa.ErrMalformed)
	}
	return header, payload, nil
}

// checkKeyID refuses a protected header (base64url) whose "kid" is not kid,
// the signing key's thumbprint: a jwt.WithKeyID among the options of
// [Ring.Sign] would otherwise name a key the published set does not hold,
// and every verifier would refuse the token.
func checkKeyID(h, kid string) error {
	header, err := base64url.DecodeString(h)
	if err != nil {
		return fmt.Errorf("jwkring: the protected header: %w", err)
	}
	m, err := strictjson.ObjectAliased(header)
	if err != nil {
		return fmt.Errorf("jwkring: the protected header: %w: %w", jwa.ErrMalformed, err)
	}
	var got []byte
	if raw, ok := m["kid"]; ok {
		if got, err = strictjson.Unquote(raw); err != nil {
			return fmt.Errorf("jwkring: the protected header's kid: %w: %w", jwa.ErrMalformed, err)
		}
	}
	if string(got) != kid {
		return fmt.Errorf("jwkring: Sign: the token's kid is %q, not the signing key's %q: the ring writes its key's kid, leave jwt.WithKeyID out: %w", got, kid, ErrInvalidOption)
	}
	return nil
}

// checkLifetime refuses a payload (base64url) whose claims have no "exp",
// or one later than now plus max (T82): the key that signed it stays
// published only max (plus the leeway) after its last signature.
func checkLifetime(payload string, now time.Time, max time.Duration) error {
	exp, err := expiry(payload)
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

// expiry returns the "exp" claim of a payload (base64url), in seconds
// since the epoch.
func expiry(payload string) (float64, error) {
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
