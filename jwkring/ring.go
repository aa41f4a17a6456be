package jwkring

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// maxAttempts bounds the compare-and-swap rounds of one rotation: each
// lost round means another instance wrote meanwhile.
const maxAttempts = 4

// Ring is an issuer's set of signing keys under a rotation [Policy]: the
// current key signs ([Ring.Sign]), the next keys are published before they
// sign, the previous keys stay published until every token they signed has
// expired ([Ring.JWKSHandler]). Rotations happen on the policy's schedule,
// under the ring's clock, and on demand ([Ring.Rotate]).
//
// Make a Ring with [New] at start-up; it lives until [Ring.Close]. It is
// safe for concurrent use: Sign reads the schedule without a lock, and
// everything that changes it is serialized. A nil *Ring, or a Ring not
// made by New, returns errors, never panics.
type Ring struct {
	policy Policy
	cfg    config
	reload time.Duration // S: how often the shared state is read again; 0 without a store

	snap atomic.Pointer[snapshot] // never nil once New has returned

	mu        sync.Mutex // serializes what changes the state and the timer
	blob      []byte     // the stored blob the state was read from or written as
	stopTimer func() bool
	timerGen  uint64 // tells the scheduled work from work it replaced
	lastErr   error
	closed    bool
}

// snapshot is one state as the readers see it, with what the key set
// handler has made of it.
type snapshot struct {
	st   *state
	jwks atomic.Pointer[jwksDoc]
}

// New returns a ring under policy. With [WithStore] it reads the shared
// state, or writes a first one (one key, signing at once) when the store
// holds none; an existing state keeps its keys and schedule. A store that
// cannot be read, or a state that cannot be opened, is an error: the ring
// does not start with keys of its own beside a state it cannot see. ctx
// bounds this start only; the ring's background work (rotations when due,
// reloads of the shared state) runs until [Ring.Close].
//
// policy is checked first ([Policy.Validate]); errors wrap [ErrPolicy],
// [ErrStore] or [ErrState].
func New(ctx context.Context, policy Policy, opts ...Option) (_ *Ring, err error) {
	defer errwrap.Own(&err, "jwkring")
	if ctx == nil {
		return nil, policyError("New: nil context (use context.Background())")
	}
	if err := policy.Validate(); err != nil {
		return nil, err
	}
	cfg := config{clock: systemClock{}, timeout: DefaultTimeout}
	for i, o := range opts {
		f, _ := o.(option)
		if f == nil {
			return nil, optionError("option %d of New is nil", i+1)
		}
		if err := f(&cfg); err != nil {
			return nil, err
		}
	}
	r := &Ring{policy: policy, cfg: cfg}
	switch {
	case cfg.store == nil && cfg.reload != 0:
		return nil, optionError("WithReloadInterval means nothing without WithStore")
	case cfg.store != nil:
		r.reload = cfg.reload
		if r.reload == 0 {
			r.reload = policy.Lead / 10
		}
		if r.reload >= policy.Lead {
			return nil, policyError("the reload interval %v is not shorter than Policy.Lead %v: an instance could learn of a key after verifiers must have it", r.reload, policy.Lead)
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.start(ctx); err != nil {
		return nil, err
	}
	r.scheduleLocked(false)
	return r, nil
}

// start reads the shared state, or writes the first one.
func (r *Ring) start(ctx context.Context) error {
	return r.updateLocked(ctx, func(cur *state, now time.Time, newKey func() (*jwk.Key, error)) (*state, error) {
		if cur != nil {
			return nil, nil
		}
		k, err := newKey()
		if err != nil {
			return nil, err
		}
		return first(k, now)
	})
}

// updateLocked reads the latest shared state, applies change to it (nil
// before any state) and writes the result by compare-and-swap; when
// another instance wrote first, it reads again and applies change anew.
// change returns nil for no change. newKey makes one key, the same in
// every round. r.mu is held.
func (r *Ring) updateLocked(ctx context.Context, change func(cur *state, now time.Time, newKey func() (*jwk.Key, error)) (*state, error)) error {
	var k *jwk.Key
	newKey := func() (*jwk.Key, error) {
		if k != nil {
			return k, nil
		}
		var err error
		k, err = r.policy.generate()
		return k, err
	}
	for range maxAttempts {
		if err := r.loadLocked(ctx); err != nil {
			return err
		}
		var cur *state
		if s := r.snap.Load(); s != nil {
			cur = s.st
		}
		next, err := change(cur, r.cfg.clock.Now(), newKey)
		if err != nil || next == nil {
			return err
		}
		if err := r.commitLocked(ctx, next); !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return conflicts()
}

func conflicts() error {
	return fmt.Errorf("jwkring: the stored state changed under %d writes in a row: %w: %w", maxAttempts, ErrStore, ErrConflict)
}

// Sign returns claims as a JWT signed with the key the schedule names now:
// jwt.Sign(claims, alg, key, opts...) with that key's algorithm, and its
// kid in the header. claims must have an "exp" at most
// Policy.MaxTokenLifetime from now: a token without one, or with a later
// one, is refused with [ErrLifetime], since it would outlive the
// publication of its key. Verifiers find the key by its kid: a
// jwt.WithKeyID naming another one is refused ([ErrInvalidOption]).
//
// Sign takes no lock: it reads the schedule and the clock, and costs what
// jwt.Sign costs plus reading back the token's "kid" and "exp".
func (r *Ring) Sign(claims any, opts ...jwt.SignOption) (_ string, err error) {
	defer errwrap.Own(&err, "jwkring")
	s := r.loaded()
	if s == nil {
		return "", errNilRing
	}
	now := r.cfg.clock.Now()
	e := s.st.current(now)
	tok, err := jwt.Sign(claims, e.alg, e.key, opts...)
	if err != nil {
		return "", err
	}
	if err := checkSigned(tok, e.key.KeyID(), now, r.policy.MaxTokenLifetime); err != nil {
		return "", err
	}
	return tok, nil
}

// SigningKey returns the key the schedule names now and its algorithm, for
// a signature of the caller's own (jws, sdjwt, dpop): a private key, with
// its kid. Ask for it for each token, never keep it: it changes at each
// rotation. The caller then owns the rule [Ring.Sign] checks: no token may
// be valid longer than Policy.MaxTokenLifetime.
func (r *Ring) SigningKey() (jwa.SignatureAlgorithm, *jwk.Key) {
	s := r.loaded()
	if s == nil {
		return "", nil
	}
	e := s.st.current(r.cfg.clock.Now())
	return e.alg, e.key
}

// Rotate adds a new key now: published at once, signing a lead time from
// now, after which the current key stops signing and stays published for
// MaxTokenLifetime plus Leeway. Through a store, it reads the shared state
// first and writes by compare-and-swap, so that it builds on rotations
// made by other instances. The schedule's next rotation is then a period
// after the new key starts signing.
//
// A store that fails leaves the ring as it was, the current key signing,
// and returns an error wrapping [ErrStore] and the cause. More than
// [MaxKeys] keys at once wraps jwa.ErrLimitExceeded. ctx bounds the call.
func (r *Ring) Rotate(ctx context.Context) (err error) {
	defer errwrap.Own(&err, "jwkring")
	return r.run(ctx, false)
}

// Refresh brings the ring up to date now, as its background work does on
// its schedule: it reads the shared state again (taking in rotations made
// by other instances) and, when the policy's rotation is due, rotates. A
// rotation that several instances find due at once happens once: the
// first compare-and-swap wins, and the others read its state and find the
// rotation done. ctx bounds the call.
func (r *Ring) Refresh(ctx context.Context) (err error) {
	defer errwrap.Own(&err, "jwkring")
	return r.run(ctx, true)
}

func (r *Ring) run(ctx context.Context, onlyIfDue bool) error {
	if r.loaded() == nil {
		return errNilRing
	}
	if ctx == nil {
		return policyError("nil context (use context.Background())")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return ErrClosed
	}
	err := r.rotateLocked(ctx, onlyIfDue)
	r.lastErr = err
	r.scheduleLocked(err != nil)
	return err
}

// LastError returns the error of the latest rotation or reload, whoever
// asked for it, or nil when it worked.
func (r *Ring) LastError() error {
	if r.loaded() == nil {
		return errNilRing
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lastErr
}

// Close stops the background work: no more scheduled rotations or
// reloads, and [Ring.Rotate] and [Ring.Refresh] return [ErrClosed].
// Sign, SigningKey and the handlers go on with the state the ring holds,
// so that requests in flight at shutdown complete. Close is idempotent and
// returns nil.
func (r *Ring) Close() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.stopTimer != nil {
		r.stopTimer()
		r.stopTimer = nil
	}
	return nil
}

// maxAge is the key set's max-age: Lead minus the reload interval S, so
// that no verifier keeps a set past the moment a key it lacks signs.
func (r *Ring) maxAge() time.Duration { return r.policy.Lead - r.reload }

// loaded returns the state the ring holds, or nil for a nil Ring or one
// not made by New, whose methods then refuse.
func (r *Ring) loaded() *snapshot {
	if r == nil {
		return nil
	}
	return r.snap.Load()
}

// rotateLocked rotates, or only when due, building on the latest stored
// state. r.mu is held.
func (r *Ring) rotateLocked(ctx context.Context, onlyIfDue bool) error {
	return r.updateLocked(ctx, func(cur *state, now time.Time, newKey func() (*jwk.Key, error)) (*state, error) {
		if err := cur.aheadOf(now, &r.policy); err != nil {
			return nil, err
		}
		if onlyIfDue && now.Before(cur.due(&r.policy)) {
			return nil, nil
		}
		k, err := newKey()
		if err != nil {
			return nil, err
		}
		return cur.rotated(k, now, &r.policy)
	})
}

// loadLocked reads the shared state and takes it in when it changed. A
// state older than the one held is refused (T83). A store that lost its
// state gets this instance's back. r.mu is held.
func (r *Ring) loadLocked(ctx context.Context) error {
	if r.cfg.store == nil {
		return nil
	}
	blob, err := r.cfg.store.Load(ctx)
	if err != nil {
		return storeError("reading the state", err)
	}
	cur := r.snap.Load()
	switch {
	case blob == nil && cur == nil:
		return nil
	case blob == nil: // wiped: write ours back, one generation on
		r.blob = nil
		restored := &state{generation: cur.st.generation + 1, keys: cur.st.keys}
		return r.commitLocked(ctx, restored)
	case len(blob) == 0:
		// Not "nothing stored" (that is nil), and never a sealed state;
		// bytes.Equal would take it for the nil blob of a new ring.
		return fmt.Errorf("jwkring: the store holds an empty state (a store answers nil when it holds none): %w: %w", ErrState, jwa.ErrMalformed)
	case bytes.Equal(blob, r.blob):
		return nil
	}
	plain, err := r.cfg.codec.open(blob)
	if err != nil {
		return err
	}
	st, err := parseState(plain)
	if err != nil {
		return err
	}
	if cur != nil && st.generation <= cur.st.generation {
		return fmt.Errorf("jwkring: the stored state is of generation %d, and this ring holds generation %d: rolled back or forked, so it is not used: %w",
			st.generation, cur.st.generation, ErrState)
	}
	r.install(st, blob)
	return nil
}

// commitLocked writes st by compare-and-swap on the blob last read, and
// takes it in when the write worked. r.mu is held.
func (r *Ring) commitLocked(ctx context.Context, st *state) error {
	if r.cfg.store == nil {
		r.install(st, nil)
		return nil
	}
	plain, err := st.marshal()
	if err != nil {
		return err
	}
	blob, err := r.cfg.codec.seal(plain)
	if err != nil {
		return err
	}
	if err := r.cfg.store.CompareAndSwap(ctx, r.blob, blob); err != nil {
		if errors.Is(err, ErrConflict) {
			return err
		}
		return storeError("writing the state", err)
	}
	r.install(st, blob)
	return nil
}

func (r *Ring) install(st *state, blob []byte) {
	r.blob = blob
	r.snap.Store(&snapshot{st: st})
}

func storeError(what string, err error) error {
	if errors.Is(err, ErrStore) { // a FileStore's error says it already
		return fmt.Errorf("jwkring: %s: %w", what, err)
	}
	return fmt.Errorf("jwkring: %s: %w: %w", what, ErrStore, err)
}

// scheduleLocked replaces the background work with the next one: the
// rotation when due, or the next reload of the shared state if sooner, or
// a retry after a failure. r.mu is held.
func (r *Ring) scheduleLocked(failed bool) {
	if r.closed {
		return
	}
	now := r.cfg.clock.Now()
	at := r.snap.Load().st.due(&r.policy)
	if failed || (r.reload > 0 && now.Add(r.reload).Before(at)) {
		at = now.Add(r.retry())
	}
	if r.stopTimer != nil {
		r.stopTimer()
	}
	r.timerGen++
	gen := r.timerGen
	r.stopTimer = r.cfg.clock.AfterFunc(at.Sub(now), func() { r.tick(gen) })
}

// retry is the wait after a failure: the reload interval, or a tenth of
// the lead time without a store. Either is positive and shorter than the
// lead time, so that a failure costs less than the lead time's margin.
func (r *Ring) retry() time.Duration {
	if r.reload > 0 {
		return r.reload
	}
	return r.policy.Lead / 10
}

// tick is the scheduled work gen: Refresh, under the ring's own timeout.
func (r *Ring) tick(gen uint64) {
	r.mu.Lock()
	if r.closed || gen != r.timerGen {
		r.mu.Unlock()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.timeout)
	err := r.rotateLocked(ctx, true)
	cancel()
	r.lastErr = err
	r.scheduleLocked(err != nil)
	onError := r.cfg.onError
	r.mu.Unlock()
	if err != nil && onError != nil {
		onError(err)
	}
}

// systemClock is the default [jwk.Clock]: the time package.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) AfterFunc(d time.Duration, f func()) func() bool {
	return time.AfterFunc(d, f).Stop
}
