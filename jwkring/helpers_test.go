package jwkring

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// start is where every test clock starts.
var start = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// testPolicy is the policy of most tests: a key signs for an hour and is
// published ten minutes before; tokens live fifteen minutes, verifiers
// allow a minute of skew.
func testPolicy() Policy {
	return Policy{Period: time.Hour, Lead: 10 * time.Minute, MaxTokenLifetime: 15 * time.Minute, Leeway: time.Minute}
}

// memStore is a Store in memory that a test can take down.
type memStore struct {
	mu    sync.Mutex
	blob  []byte
	down  error // when set, every call fails with it
	swaps int   // successful writes
}

func (s *memStore) Load(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down != nil {
		return nil, s.down
	}
	return bytes.Clone(s.blob), nil
}

func (s *memStore) CompareAndSwap(ctx context.Context, old, new []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down != nil {
		return s.down
	}
	if (old == nil) != (s.blob == nil) || !bytes.Equal(old, s.blob) {
		return fmt.Errorf("memStore: %w", ErrConflict)
	}
	s.blob = bytes.Clone(new)
	s.swaps++
	return nil
}

func (s *memStore) setDown(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = err
}

func (s *memStore) writes() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.swaps
}

// errUnreachable is what a store that is down answers.
var errUnreachable = errors.New("dial tcp 10.0.0.1:6379: connect: connection refused")

func newKEK(t testing.TB) []byte {
	t.Helper()
	kek := make([]byte, KEKSize)
	rand.Read(kek)
	return kek
}

// newRing makes a ring on clock, closed when the test ends.
func newRing(t testing.TB, clock *fakeclock.Clock, p Policy, opts ...Option) *Ring {
	t.Helper()
	r, err := New(context.Background(), p, append([]Option{WithClock(clock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// claims are the claims of a token signed at now that lives for life.
func claims(now time.Time, life time.Duration) jwt.Claims {
	return jwt.Claims{
		Issuer:    "https://issuer.example",
		Subject:   "alice",
		Audience:  jwt.Audience{"https://api.example"},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(life)),
	}
}

// sign signs a token with the ring that lives as long as the policy allows.
func sign(t testing.TB, r *Ring, clock *fakeclock.Clock) string {
	t.Helper()
	tok, err := r.Sign(claims(clock.Now(), r.policy.MaxTokenLifetime), jwt.WithType("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// kidOf returns the kid of a compact JWS.
func kidOf(t testing.TB, token string) string {
	t.Helper()
	m, err := jws.Parse(token)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := m.UnverifiedHeaders(0)
	return h.KeyID()
}

// currentKID returns the kid the ring signs with now.
func currentKID(r *Ring) string {
	_, k := r.SigningKey()
	return k.KeyID()
}

// publishedKIDs returns the kids the handler's set holds now.
func publishedKIDs(t testing.TB, r *Ring) []string {
	t.Helper()
	doc, err := r.jwks()
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.ParseSet(doc.body)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, k := range set.Keys() {
		out = append(out, k.KeyID())
	}
	return out
}
