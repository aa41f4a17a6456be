package jwkring

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// TestZeroFailedVerificationsAcrossRotations runs an issuer and three
// resource servers (jwk.Remote found by discovery, over TLS on loopback)
// for four periods under a clock moved by hand: a token is signed every
// minute and verified by every verifier each minute until it expires.
// Not one verification fails, and not one needs the unknown-kid refetch
// (I1, I2, I3).
func TestZeroFailedVerificationsAcrossRotations(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	r := newRing(t, clock, p, WithStore(&memStore{}, newKEK(t)), WithReloadInterval(time.Minute))
	is := serveRing(t, r)

	type live struct {
		token string
		exp   time.Time
	}
	var (
		verifiers []*verifier
		tokens    []live
		kids      []string
	)
	end := start.Add(4*p.Period + p.Lead)
	for clock.Now().Before(end) {
		now := clock.Now()
		// Verifiers start at different times, so that their refreshes are
		// out of phase with one another and with the rotations.
		if len(verifiers) < 3 && now.Sub(start) >= time.Duration(len(verifiers))*17*time.Minute {
			verifiers = append(verifiers, is.verifier(t, clock, p.Leeway))
		}
		tok := sign(t, r, clock)
		if kid := kidOf(t, tok); len(kids) == 0 || kids[len(kids)-1] != kid {
			kids = append(kids, kid)
		}
		tokens = append(tokens, live{tok, now.Add(p.MaxTokenLifetime)})
		kept := tokens[:0]
		for _, l := range tokens {
			if !now.Before(l.exp.Add(p.Leeway)) {
				continue // expired for every verifier
			}
			kept = append(kept, l)
			for i, v := range verifiers {
				if err := v.verify(t, l.token); err != nil {
					t.Errorf("%s: verifier %d refused a token of key %s signed at most %v ago: %v",
						now.Format(time.TimeOnly), i, kidOf(t, l.token), p.MaxTokenLifetime, err)
				}
			}
		}
		tokens = kept
		clock.Advance(time.Minute)
	}
	if len(kids) < 5 {
		t.Fatalf("signing keys in turn: %v; want at least 5 (4 rotations)", kids)
	}
	total := 0
	for i, v := range verifiers {
		total += v.verified
		if v.unknownKid != 0 {
			t.Errorf("verifier %d: %d of %d verifications found the kid missing from its cached set", i, v.unknownKid, v.verified)
		}
	}
	t.Logf("%d keys, %d verifications, %d key set requests (%d answered 304)", len(kids), total, is.fetches.Load(), is.notModified.Load())
}

// TestTokenSignedJustBeforeRotation signs a token an instant before the
// next key starts signing and verifies it until it expires (I3); the next
// token is signed by the new key, which every verifier already holds (I2).
func TestTokenSignedJustBeforeRotation(t *testing.T) {
	clock, p, r, v := issuerAndVerifier(t)
	if err := v.verify(t, sign(t, r, clock)); err != nil {
		t.Fatal(err)
	}
	activation := start.Add(p.Period)
	clock.Advance(activation.Add(-time.Nanosecond).Sub(clock.Now()))
	old := currentKID(r)
	last := sign(t, r, clock)
	clock.Advance(time.Nanosecond)
	next := sign(t, r, clock)
	if kidOf(t, last) != old || kidOf(t, next) == old {
		t.Fatalf("around the activation: kids %s then %s; want the old key, then another", kidOf(t, last), kidOf(t, next))
	}
	if err := v.verify(t, next); err != nil {
		t.Fatalf("the first token of the new key: %v", err)
	}
	// The last token of the old key stays valid until its exp plus the
	// leeway: the old key is still published at every minute of it.
	exp := activation.Add(-time.Nanosecond).Truncate(time.Second).Add(p.MaxTokenLifetime)
	for clock.Now().Before(exp.Add(p.Leeway)) {
		if err := v.verify(t, last); err != nil {
			t.Fatalf("%v after the rotation, the last token of the old key: %v", clock.Now().Sub(activation), err)
		}
		clock.Advance(time.Minute)
	}
	clock.Advance(exp.Add(p.Leeway).Sub(clock.Now()))
	if err := v.verify(t, last); !errors.Is(err, jwt.ErrExpired) {
		t.Fatalf("once expired: %v, want jwt.ErrExpired (the key must still be published)", err)
	}
	if v.unknownKid != 0 {
		t.Fatalf("%d verifications needed the unknown-kid refetch", v.unknownKid)
	}
}

// TestRetiredKeyStopsVerifyingOnlyAfterMaxLifetime forges, with the
// private key of the first key, a token that claims to live ten hours: it
// verifies as long as the key is published, which is until the hold has
// passed since the key stopped signing (I3), and never after (I4).
func TestRetiredKeyStopsVerifyingOnlyAfterMaxLifetime(t *testing.T) {
	clock, p, r, v := issuerAndVerifier(t)
	alg, k1 := r.SigningKey()
	forged, err := jwt.Sign(claims(clock.Now(), 10*time.Hour), alg, k1, jwt.WithType("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	retire := start.Add(p.Period + p.MaxTokenLifetime + p.Leeway) // the key stops signing a period after it started
	stillPublished := func() {
		t.Helper()
		if err := v.verify(t, forged); err != nil {
			t.Fatalf("%v before the key's retirement: %v", retire.Sub(clock.Now()), err)
		}
		if got := publishedKIDs(t, r); got[0] != k1.KeyID() {
			t.Fatalf("%v before the key's retirement, the set is %v", retire.Sub(clock.Now()), got)
		}
	}
	for clock.Now().Add(time.Minute).Before(retire) {
		stillPublished()
		clock.Advance(time.Minute)
	}
	clock.Advance(retire.Add(-time.Nanosecond).Sub(clock.Now()))
	stillPublished()
	clock.Advance(time.Nanosecond)
	if got := publishedKIDs(t, r); len(got) != 1 || got[0] == k1.KeyID() {
		t.Fatalf("published at its retirement: %v; want only the current key", got)
	}
	// Verifiers keep the set they fetched for at most the max-age.
	clock.Advance(r.maxAge())
	err = v.verify(t, forged)
	if !errors.Is(err, jwk.ErrKeyNotFound) {
		t.Fatalf("a max-age after its retirement: %v, want jwk.ErrKeyNotFound", err)
	}
	if !strings.Contains(err.Error(), k1.KeyID()) {
		t.Fatalf("the error does not name the kid: %v", err)
	}
}

// TestConcurrentSignersDuringRotation has 100 goroutines sign while the
// clock crosses an activation and an on-demand rotation runs: every token
// verifies, each with the key its kid names.
func TestConcurrentSignersDuringRotation(t *testing.T) {
	clock, p, r, v := issuerAndVerifier(t, WithStore(&memStore{}, newKEK(t)))
	if err := v.verify(t, sign(t, r, clock)); err != nil {
		t.Fatal(err)
	}
	clock.Advance(start.Add(p.Period - time.Nanosecond).Sub(clock.Now()))

	const signers = 100
	var (
		ready, done sync.WaitGroup
		stop        = make(chan struct{})
		mu          sync.Mutex
		tokens      []string
		errs        []error
	)
	ready.Add(signers)
	done.Add(signers)
	for range signers {
		go func() {
			defer done.Done()
			var mine []string
			signOne := func() {
				tok, err := r.Sign(claims(clock.Now(), p.MaxTokenLifetime), jwt.WithType("at+jwt"))
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					return
				}
				mine = append(mine, tok)
			}
			signOne()
			ready.Done()
			for stopped := false; !stopped; {
				select {
				case <-stop:
					stopped = true
				default:
					runtime.Gosched()
				}
				signOne()
			}
			mu.Lock()
			tokens = append(tokens, mine...)
			mu.Unlock()
		}()
	}
	ready.Wait()
	clock.Advance(time.Nanosecond) // the second key starts signing
	if err := r.Rotate(context.Background()); err != nil {
		t.Error(err)
	}
	clock.Advance(p.Lead) // and the rotated one
	close(stop)
	done.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	kids := map[string]int{}
	for _, tok := range tokens {
		kids[kidOf(t, tok)]++
		if err := v.verify(t, tok); err != nil {
			t.Fatalf("a token of key %s: %v", kidOf(t, tok), err)
		}
	}
	if len(tokens) < 2*signers || len(kids) < 2 {
		t.Fatalf("%d tokens by keys %v; want at least %d tokens and two keys", len(tokens), kids, 2*signers)
	}
	if v.unknownKid != 0 {
		t.Fatalf("%d verifications needed the unknown-kid refetch", v.unknownKid)
	}
	t.Logf("%d tokens verified, by key: %v", len(tokens), kids)
}

// TestRotationWithStoreUnreachable takes the store down: an on-demand
// rotation fails loudly (ErrStore and the cause), the scheduled one goes
// to the error handler and LastError, and the current key keeps signing,
// its tokens verifying, well past its period. Once the store is back, the
// retried rotation publishes a key a full lead time before it signs (I1).
func TestRotationWithStoreUnreachable(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	store := &memStore{}
	var (
		mu       sync.Mutex
		reported []error
	)
	r := newRing(t, clock, p, WithStore(store, newKEK(t)), WithErrorHandler(func(err error) {
		mu.Lock()
		reported = append(reported, err)
		mu.Unlock()
	}))
	is := serveRing(t, r)
	v := is.verifier(t, clock, p.Leeway)
	kid := currentKID(r)
	if err := v.verify(t, sign(t, r, clock)); err != nil {
		t.Fatal(err)
	}

	store.setDown(errUnreachable)
	err := r.Rotate(context.Background())
	if !errors.Is(err, ErrStore) || !errors.Is(err, errUnreachable) || !strings.Contains(err.Error(), "reading the state") {
		t.Fatalf("Rotate with the store down: %v; want ErrStore wrapping the cause", err)
	}
	if got := publishedKIDs(t, r); currentKID(r) != kid || len(got) != 1 {
		t.Fatalf("after a failed rotation: signing with %s, publishing %v; want %s alone", currentKID(r), got, kid)
	}

	// The scheduled rotation, due at P − L, fails too; the key signs on.
	clock.Advance(2 * p.Period)
	if currentKID(r) != kid {
		t.Fatalf("the current key changed while the store was down")
	}
	if err := v.verify(t, sign(t, r, clock)); err != nil {
		t.Fatalf("a token signed while the store is down: %v", err)
	}
	mu.Lock()
	n := len(reported)
	mu.Unlock()
	if n == 0 || !errors.Is(r.LastError(), ErrStore) {
		t.Fatalf("%d failures reported, LastError %v; want the scheduled rotation's failures", n, r.LastError())
	}

	store.setDown(nil)
	back := clock.Now()
	clock.Advance(r.reload) // the retry
	if r.LastError() != nil {
		t.Fatalf("after the store came back: %v", r.LastError())
	}
	keys := r.Keys()
	if len(keys) != 2 || keys[1].State != Next || keys[1].Active.Sub(keys[1].Published) != p.Lead || keys[1].Published.Before(back) {
		t.Fatalf("after the retry: %+v; want the current key and a next one published a lead time before it signs", keys)
	}
	clock.Advance(p.Lead)
	if err := v.verify(t, sign(t, r, clock)); err != nil || currentKID(r) == kid {
		t.Fatalf("the new key's first token: %v (kid %s)", err, currentKID(r))
	}
	if v.unknownKid != 0 {
		t.Fatalf("%d verifications needed the unknown-kid refetch", v.unknownKid)
	}
}

// TestVerifiersOfAnotherInstance has two instances on one store, the
// reload interval half the lead time: one of them rotates on demand now
// and then, off the schedule, and the verifiers fetch the set from the
// other, which learns of each rotation up to a reload interval late. The
// max-age (lead time minus reload interval) still has every verifier hold
// each key before it signs (I2), at either instance.
func TestVerifiersOfAnotherInstance(t *testing.T) {
	clock := fakeclock.New(start)
	p := testPolicy()
	store, kek := &memStore{}, newKEK(t)
	a := newRing(t, clock, p, WithStore(store, kek), WithReloadInterval(p.Lead/2))
	b := newRing(t, clock, p, WithStore(store, kek), WithReloadInterval(p.Lead/2))
	is := serveRing(t, b)
	var verifiers []*verifier
	for m := 0; m < 5*60; m++ {
		if m%13 == 0 && len(verifiers) < 4 {
			verifiers = append(verifiers, is.verifier(t, clock, p.Leeway))
		}
		if m%37 == 11 {
			if err := a.Rotate(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range []*Ring{a, b} {
			tok := sign(t, r, clock)
			for i, v := range verifiers {
				if err := v.verify(t, tok); err != nil {
					t.Fatalf("minute %d: verifier %d: %v", m, i, err)
				}
			}
		}
		clock.Advance(time.Minute)
	}
	for i, v := range verifiers {
		if v.unknownKid != 0 {
			t.Errorf("verifier %d: %d of %d verifications found the kid missing from its cached set", i, v.unknownKid, v.verified)
		}
	}
}

// issuerAndVerifier starts a ring under the test policy, serves it, and
// makes a verifier of it, all on one clock moved by hand.
func issuerAndVerifier(t *testing.T, opts ...Option) (*fakeclock.Clock, Policy, *Ring, *verifier) {
	t.Helper()
	clock, p := fakeclock.New(start), testPolicy()
	r := newRing(t, clock, p, opts...)
	return clock, p, r, serveRing(t, r).verifier(t, clock, p.Leeway)
}
