package jwthttp_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// errRedisDown is what a shared store returns when it cannot be reached
// (ext/redisstore's ErrUnavailable wraps jwt.ErrStoreUnavailable so).
var errRedisDown = fmt.Errorf("redis: dial tcp 10.0.0.7:6379: connection refused: %w", jwt.ErrStoreUnavailable)

// downStore is a dpop.ReplayStore whose backend is down.
type downStore struct{}

func (downStore) Use(context.Context, string, time.Time) error { return errRedisDown }

// TestStoreUnavailable: a replay store or a jti hook that cannot reach its
// store gets 503 Service Unavailable, without a challenge or a
// Retry-After, not 401: the token was not found bad, and telling the client
// to get a new one would not help. The cause is kept for the logs. A hook
// that refuses the token still gets 401.
func TestStoreUnavailable(t *testing.T) {
	f := newFixture(t)
	var seen *jwthttp.ChallengeError
	record := recording(&seen)
	withJTI := func(fn func(context.Context, jwt.TokenID) error) http.Handler {
		return f.protect(record, jwthttp.WithVerifyOptions(jwt.WithJTIValidator(fn)))
	}
	token := f.token(func(m map[string]any) { m["jti"] = "id-1" })

	down := withJTI(func(context.Context, jwt.TokenID) error { return errRedisDown })
	w := request{auth: []string{"Bearer " + token}}.do(down)
	if w.Code != http.StatusServiceUnavailable || challengeOf(w) != "" || w.Header().Get("Retry-After") != "" ||
		!strings.Contains(w.Body.String(), "a store the check needs is unavailable") {
		t.Fatalf("jti store down: %d %q %q", w.Code, challengeOf(w), w.Body.String())
	}
	if !errors.Is(seen, jwt.ErrStoreUnavailable) || !errors.Is(seen, errRedisDown) || errors.Is(seen, jwt.ErrRejected) ||
		errors.Is(seen, jwthttp.ErrInvalidToken) || !strings.Contains(seen.Error(), "connection refused") {
		t.Fatalf("jti store down: cause %v", seen)
	}

	revoked := withJTI(func(context.Context, jwt.TokenID) error { return errors.New("revoked") })
	if w := (request{auth: []string{"Bearer " + token}}).do(revoked); w.Code != http.StatusUnauthorized || !errors.Is(seen, jwt.ErrRejected) {
		t.Fatalf("revoked: %d, %v", w.Code, seen)
	}

	// DPoP: a Validator whose replay store is down.
	client := f.dpopClient()
	h := f.protect(jwthttp.WithDPoP(dpopProofs(t, dpop.WithReplayStore(downStore{}))), record)
	w = request{auth: []string{"DPoP " + client.token}, dpop: client.proof("http://example.com/resource")}.do(h)
	if w.Code != http.StatusServiceUnavailable || challengeOf(w) != "" {
		t.Fatalf("replay store down: %d %q", w.Code, challengeOf(w))
	}
	if !errors.Is(seen, jwt.ErrStoreUnavailable) || errors.Is(seen, dpop.ErrInvalidProof) || errors.Is(seen, jwthttp.ErrInvalidDPoPProof) {
		t.Fatalf("replay store down: cause %v", seen)
	}
}
