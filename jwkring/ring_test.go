package jwkring

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// TestSignRefusesLongLifetimes (T82): a token without "exp", or with one
// later than MaxTokenLifetime from now, would outlive its key's
// publication; Sign refuses it. One that lives exactly the maximum is
// signed.
func TestSignRefusesLongLifetimes(t *testing.T) {
	clock := fakeclock.New(start.Add(300 * time.Millisecond))
	p := testPolicy()
	r := newRing(t, clock, p)
	now := clock.Now()
	for _, c := range []struct {
		name   string
		claims any
		msg    string
	}{
		{"no exp", jwt.Claims{Subject: "a"}, "the token has no exp"},
		{"a second too long", claims(now, p.MaxTokenLifetime+time.Second), "later than the policy's MaxTokenLifetime (15m0s) from now"},
		{"a day", claims(now, 24*time.Hour), "the token's exp is 2030-01-02T00:00:00Z"},
		{"map, fractional", map[string]any{"exp": float64(now.Add(p.MaxTokenLifetime).Unix()) + 0.9}, "later than"},
		{"map, far future", map[string]any{"exp": 9e9}, "later than"},
	} {
		tok, err := r.Sign(c.claims)
		if tok != "" || !errors.Is(err, ErrLifetime) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %q, %v; want ErrLifetime saying %q", c.name, tok, err, c.msg)
		}
	}
	for _, ok := range []any{
		claims(now, p.MaxTokenLifetime),
		claims(now, time.Second),
		map[string]any{"exp": now.Add(p.MaxTokenLifetime).Unix()},
		map[string]any{"exp": now.Add(-time.Hour).Unix()}, // expired already: the verifiers' business
	} {
		if _, err := r.Sign(ok); err != nil {
			t.Errorf("Sign(%v): %v", ok, err)
		}
	}
	// jwt's own refusals pass through.
	if _, err := r.Sign(map[string]any{"exp": "tomorrow"}); !errors.Is(err, jwt.ErrInvalidClaims) {
		t.Errorf("a string exp: %v", err)
	}
}

// TestNilRing: every method of a nil *Ring answers, none panics.
func TestNilRing(t *testing.T) {
	var r *Ring
	ctx := context.Background()
	if _, err := r.Sign(jwt.Claims{}); !errors.Is(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), "nil") {
		t.Errorf("Sign: %v", err)
	}
	if err := r.Rotate(ctx); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("Rotate: %v", err)
	}
	if err := r.Refresh(ctx); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("Refresh: %v", err)
	}
	if err := r.LastError(); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("LastError: %v", err)
	}
	if alg, k := r.SigningKey(); alg != "" || k != nil {
		t.Errorf("SigningKey: %v %v", alg, k)
	}
	if r.Keys() != nil || r.Close() != nil {
		t.Error("Keys or Close of a nil ring")
	}
	live := newRing(t, fakeclock.New(start), testPolicy())
	//lint:ignore SA1012 a nil context is what is tested
	if err := live.Rotate(nil); !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "nil context") {
		t.Errorf("Rotate(nil): %v", err)
	}
}

// TestClose: after Close no scheduled rotation runs and Rotate and Refresh
// refuse, while Sign and the key set go on.
func TestClose(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	r := newRing(t, clock, p)
	kid := currentKID(r)
	if err := r.Close(); err != nil || r.Close() != nil {
		t.Fatal("Close is not idempotent")
	}
	clock.Advance(3 * p.Period)
	if currentKID(r) != kid || len(r.Keys()) != 1 {
		t.Fatal("a closed ring rotated")
	}
	if err := r.Rotate(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Rotate: %v", err)
	}
	if err := r.Refresh(context.Background()); !errors.Is(err, ErrClosed) {
		t.Fatalf("Refresh: %v", err)
	}
	if _, err := r.Sign(claims(clock.Now(), time.Minute)); err != nil {
		t.Fatal(err)
	}
	if len(clock.Pending()) != 0 {
		t.Fatalf("timers left: %v", clock.Pending())
	}
}

// TestWipedStoreGetsStateBack: a store that lost the state (a Redis
// restarted without persistence) gets a running instance's state back,
// one generation on, and an instance started afterwards signs with the
// same key rather than make a key of its own.
func TestWipedStoreGetsStateBack(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	store, kek := &memStore{}, newKEK(t)
	a := newRing(t, clock, p, WithStore(store, kek))
	store.mu.Lock()
	store.blob = nil
	store.mu.Unlock()
	if err := a.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	b := newRing(t, clock, p, WithStore(store, kek))
	if currentKID(b) != currentKID(a) || b.snap.Load().st.generation != 2 {
		t.Fatalf("after the store was wiped: instance a signs with %s, b with %s (generation %d)",
			currentKID(a), currentKID(b), b.snap.Load().st.generation)
	}
}

// TestConflictsAreRetried: a rotation whose compare-and-swap loses reads
// the state again and builds on it; one that loses every time fails with
// ErrStore and ErrConflict.
func TestConflictsAreRetried(t *testing.T) {
	clock := fakeclock.New(start)
	store, kek := &racingStore{}, newKEK(t)
	r := newRing(t, clock, testPolicy(), WithStore(store, kek))
	other := newRing(t, clock, testPolicy(), WithStore(store, kek))
	store.before = func() { // another instance wins once
		store.before = nil
		_ = other.Rotate(context.Background())
	}
	if err := r.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(r.Keys()); n != 3 {
		t.Fatalf("%d keys; want the first, the other instance's and this one's", n)
	}
	var again func()
	again = func() { // another instance wins every round
		store.before = nil
		_ = other.Rotate(context.Background())
		store.before = again
	}
	store.before = again
	err := r.Rotate(context.Background())
	if !errors.Is(err, ErrStore) || !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "4 writes in a row") {
		t.Fatalf("losing every round: %v", err)
	}
}

// racingStore is a memStore that runs before ahead of each write.
type racingStore struct {
	memStore
	before func()
}

func (s *racingStore) CompareAndSwap(ctx context.Context, old, new []byte) error {
	if s.before != nil {
		s.before()
	}
	return s.memStore.CompareAndSwap(ctx, old, new)
}

// TestRotationsBeyondMaxKeys: on-demand rotations faster than keys retire
// stop at MaxKeys keys, refused with jwa.ErrLimitExceeded, and the ring
// keeps what it had.
func TestRotationsBeyondMaxKeys(t *testing.T) {
	r := newRing(t, fakeclock.New(start), testPolicy())
	for range MaxKeys - 1 {
		if err := r.Rotate(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	kid := currentKID(r)
	err := r.Rotate(context.Background())
	if !errors.Is(err, jwa.ErrLimitExceeded) || !strings.Contains(err.Error(), "33 keys published at once, over MaxKeys (32)") {
		t.Fatalf("rotation %d: %v", MaxKeys, err)
	}
	if len(r.Keys()) != MaxKeys || currentKID(r) != kid {
		t.Fatalf("%d keys after the refused rotation", len(r.Keys()))
	}
}

// TestZeroRing: a Ring not made by New (its zero value) refuses as a nil
// one does; no method panics.
func TestZeroRing(t *testing.T) {
	var r Ring
	ctx := context.Background()
	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), "not made by New") {
			t.Errorf("%s of a zero Ring: %v; want jwa.ErrInvalidKey, \"not made by New\"", what, err)
		}
	}
	_, err := r.Sign(jwt.Claims{})
	check("Sign", err)
	check("Rotate", r.Rotate(ctx))
	check("Refresh", r.Refresh(ctx))
	check("LastError", r.LastError())
	if alg, k := r.SigningKey(); alg != "" || k != nil {
		t.Errorf("SigningKey of a zero Ring: %v %v", alg, k)
	}
	if r.Keys() != nil {
		t.Error("Keys of a zero Ring")
	}
	w := httptest.NewRecorder()
	r.JWKSHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/jwks.json", nil))
	if w.Code != http.StatusInternalServerError {
		t.Errorf("the key set of a zero Ring: %d", w.Code)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close of a zero Ring: %v", err)
	}
}

// TestEmptyStoredState: a store that answers an empty state (not nil,
// which means none) is refused, at start and on a reload, rather than
// taken for an empty store (bytes.Equal finds nil and empty equal).
func TestEmptyStoredState(t *testing.T) {
	clock := fakeclock.New(start)
	kek := newKEK(t)
	want := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrState) || !errors.Is(err, jwa.ErrMalformed) || !strings.Contains(err.Error(), "empty state") {
			t.Errorf("%s: %v; want ErrState, jwa.ErrMalformed, \"empty state\"", what, err)
		}
	}
	r, err := New(context.Background(), testPolicy(), WithStore(&memStore{blob: []byte{}}, kek), WithClock(clock))
	if r != nil {
		r.Close()
	}
	want("New over an empty state", err)
	store := &memStore{}
	r = newRing(t, clock, testPolicy(), WithStore(store, kek))
	kid := currentKID(r)
	store.mu.Lock()
	store.blob = []byte{}
	store.mu.Unlock()
	want("Refresh over an empty state", r.Refresh(context.Background()))
	if currentKID(r) != kid {
		t.Fatal("the ring changed over an empty state")
	}
}

// TestClockRanAhead: an instance whose clock ran decades ahead rotates
// into a schedule whose newest key starts signing then. Back on time, no
// instance could rotate before that key signs, so the current key would
// sign on for decades: each Refresh and Rotate fails with ErrState naming
// the clocks, loudly and without adding a key, and the current key keeps
// signing. Clocks that agree within the leeway are not refused.
func TestClockRanAhead(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	store, kek := &memStore{}, newKEK(t)
	var reported []error
	r := newRing(t, clock, p, WithStore(store, kek), WithErrorHandler(func(err error) { reported = append(reported, err) }))
	kid := currentKID(r)
	ahead := newRing(t, fakeclock.New(start.Add(50*365*24*time.Hour)), p, WithStore(store, kek))
	if err := ahead.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	want := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrState) || !strings.Contains(err.Error(), "written by a clock running ahead") {
			t.Errorf("%s: %v; want ErrState, \"written by a clock running ahead\"", what, err)
		}
	}
	want("Refresh", r.Refresh(context.Background()))
	want("LastError", r.LastError())
	n := len(r.Keys())
	want("Rotate", r.Rotate(context.Background()))
	if len(r.Keys()) != n || currentKID(r) != kid {
		t.Fatalf("the ring changed under a schedule ahead of its clock: %d keys, was %d", len(r.Keys()), n)
	}
	clock.Advance(p.Lead / 10) // the background reload
	if len(reported) == 0 {
		t.Fatal("the background work reported nothing")
	}
	want("the error handler", reported[len(reported)-1])

	// A clock behind the writer's by the leeway rotates as usual.
	store2 := &memStore{}
	a := newRing(t, fakeclock.New(start.Add(p.Leeway)), p, WithStore(store2, kek))
	if err := a.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	b := newRing(t, fakeclock.New(start), p, WithStore(store2, kek))
	if err := b.Rotate(context.Background()); err != nil {
		t.Fatalf("a clock a leeway behind: %v", err)
	}
}
