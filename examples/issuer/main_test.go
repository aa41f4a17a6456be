package main

import (
	"crypto/rand"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwkring"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// TestIssuerAndAPIUnderControlledClock runs the example's issuer and API
// (jwthttp.Middleware over a jwk.Remote found by discovery) under a clock
// moved by hand in steps of 50 ms, for five periods: every token verifies
// when it is issued and again after the next activation, and the API's
// cached key set always holds the token's key before the request, so the
// unknown-kid refetch is never needed.
func TestIssuerAndAPIUnderControlledClock(t *testing.T) {
	clock := fakeclock.New(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	store, err := jwkring.NewFileStore(filepath.Join(t.TempDir(), "keys.jwe"))
	if err != nil {
		t.Fatal(err)
	}
	kek := make([]byte, jwkring.KEKSize)
	rand.Read(kek)
	is, err := newIssuer(store, kek, jwkring.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	defer is.close()
	is.now = clock.Now
	a, err := newAPI(is.srv.URL, is.srv.Client(), []jwk.RemoteOption{jwk.WithClock(clock)}, jwt.WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	c := client{is, a}

	type sent struct {
		token string
		again time.Time
	}
	var (
		pending []sent
		signers []string
		calls   int
	)
	call := func(token string) {
		t.Helper()
		calls++
		m, err := jws.Parse(token)
		if err != nil {
			t.Fatal(err)
		}
		h, _ := m.UnverifiedHeaders(0)
		if set := a.keys.Set(); set != nil && !slices.ContainsFunc(set.Keys(), func(k *jwk.Key) bool { return k.KeyID() == h.KeyID() }) {
			t.Errorf("%v: the API's cached set lacks the token's key %s", clock.Now().Format(time.TimeOnly), h.KeyID())
		}
		if err := c.call(token); err != nil {
			t.Errorf("%v: %v", clock.Now().Format(time.StampMilli), err)
		}
	}
	end := clock.Now().Add(5 * policy.Period)
	for clock.Now().Before(end) {
		token, err := c.token("alice")
		if err != nil {
			t.Fatal(err)
		}
		call(token)
		pending = append(pending, sent{token, clock.Now().Add(policy.Lead + 100*time.Millisecond)})
		for len(pending) > 0 && !clock.Now().Before(pending[0].again) {
			call(pending[0].token)
			pending = pending[1:]
		}
		if kid := kidOf(is.ring); len(signers) == 0 || signers[len(signers)-1] != kid {
			signers = append(signers, kid)
		}
		clock.Advance(50 * time.Millisecond)
	}
	if len(signers) < 5 {
		t.Fatalf("keys that signed: %v; want at least 5 (four rotations)", signers)
	}
	t.Logf("%d calls, %d keys", calls, len(signers))
}
