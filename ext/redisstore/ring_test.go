package redisstore

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/ext/redisstore/internal/redistest"
	"github.com/joseproject/jose/jwkring"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handClock is the clock these tests give their rings: a time moved by
// hand, and timers that never fire, since the tests call Refresh
// themselves (the jwkring tests run its timers).
type handClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *handClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *handClock) AfterFunc(time.Duration, func()) func() bool { return func() bool { return true } }

func (c *handClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var ringPolicy = jwkring.Policy{Period: time.Hour, Lead: 10 * time.Minute, MaxTokenLifetime: 15 * time.Minute, Leeway: time.Minute}

func testKEK() []byte { return []byte("0123456789abcdef0123456789abcdef") }

// ring starts an instance of an issuer whose key ring is rs.
func ring(t *testing.T, rs *RingStore, clock *handClock) *jwkring.Ring {
	t.Helper()
	r, err := jwkring.New(context.Background(), ringPolicy, jwkring.WithStore(rs, testKEK()), jwkring.WithClock(clock))
	require.NoError(t, err)
	t.Cleanup(func() { r.Close() })
	return r
}

func signingKID(r *jwkring.Ring) string {
	_, k := r.SigningKey()
	return k.KeyID()
}

func kids(r *jwkring.Ring) []string {
	var out []string
	for _, k := range r.Keys() {
		out = append(out, k.KeyID+" "+k.State.String())
	}
	return out
}

// TestRingStoreTwoInstances: two instances of an issuer, each with its
// own Redis client, sign with the same key; when a rotation is due and
// both refresh at once, it is written once, and both then hold the same
// keys and switch to the new key together. Three rotations.
func TestRingStoreTwoInstances(t *testing.T) {
	p := prefix(t)
	clock := &handClock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	a := ring(t, New(client(t), WithPrefix(p)).KeyRing("issuer"), clock)
	b := ring(t, New(client(t), WithPrefix(p)).KeyRing("issuer"), clock)
	require.Equal(t, signingKID(a), signingKID(b), "the second instance signs with the first one's key")

	for rotation := 1; rotation <= 3; rotation++ {
		clock.advance(ringPolicy.Period - ringPolicy.Lead) // the rotation is due
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, r := range []*jwkring.Ring{a, b} {
			wg.Go(func() { errs[i] = r.Refresh(context.Background()) })
		}
		wg.Wait()
		require.NoError(t, errs[0])
		require.NoError(t, errs[1])
		require.Equal(t, kids(a), kids(b), "rotation %d", rotation)
		require.Len(t, a.Keys(), 2, "rotation %d: the current key and one next key: %v", rotation, kids(a))
		before := signingKID(a)
		clock.advance(ringPolicy.Lead)
		assert.NotEqual(t, before, signingKID(a), "rotation %d", rotation)
		assert.Equal(t, signingKID(a), signingKID(b), "rotation %d", rotation)
	}
}

// TestRingStoreCompareAndSwap: the store's own contract.
func TestRingStoreCompareAndSwap(t *testing.T) {
	ctx := context.Background()
	rs := New(client(t), WithPrefix(prefix(t))).KeyRing("cas")
	b, err := rs.Load(ctx)
	require.NoError(t, err)
	require.Nil(t, b, "an empty store")
	require.ErrorIs(t, rs.CompareAndSwap(ctx, []byte("a"), []byte("b")), jwkring.ErrConflict)
	require.NoError(t, rs.CompareAndSwap(ctx, nil, []byte("one")))
	err = rs.CompareAndSwap(ctx, nil, []byte("two"))
	require.ErrorIs(t, err, jwkring.ErrConflict)
	require.ErrorContains(t, err, `key ring "cas": another instance wrote first`)
	require.ErrorIs(t, rs.CompareAndSwap(ctx, []byte("on"), []byte("two")), jwkring.ErrConflict)
	require.NoError(t, rs.CompareAndSwap(ctx, []byte("one"), []byte("two")))
	b, err = rs.Load(ctx)
	require.NoError(t, err)
	require.Equal(t, "two", string(b))

	// Concurrent writers over the same state: exactly one wins.
	var wg sync.WaitGroup
	errs := make([]error, 20)
	for i := range errs {
		wg.Go(func() { errs[i] = rs.CompareAndSwap(ctx, []byte("two"), []byte{'w', byte(i)}) })
	}
	wg.Wait()
	requireOneSuccess(t, errs, jwkring.ErrConflict)
}

// TestRingStoreHoldsNoPlaintext (T84): Redis holds the ring's JWE only,
// under the prefix, with no expiry.
func TestRingStoreHoldsNoPlaintext(t *testing.T) {
	p := prefix(t)
	r := ring(t, New(client(t), WithPrefix(p)).KeyRing("tokens"), &handClock{now: time.Now()})
	require.NoError(t, r.Rotate(context.Background()))
	c := client(t)
	raw, err := c.Get(context.Background(), p+"ring:tokens").Result()
	require.NoError(t, err)
	assert.Equal(t, 4, strings.Count(raw, "."), "a compact JWE")
	assert.NotContains(t, raw, `"d"`)
	assert.NotContains(t, raw, "{")
	ttl, err := c.TTL(context.Background(), p+"ring:tokens").Result()
	require.NoError(t, err)
	assert.Equal(t, time.Duration(-1), ttl, "the state has no expiry")
}

// TestRingStoreUnreachable: with Redis down, a ring does not start, and a
// running ring's rotation fails loudly (ErrStore and ErrUnavailable) and
// keeps the current key; once Redis is back, it rotates.
func TestRingStoreUnreachable(t *testing.T) {
	ctx := context.Background()
	down := New(redistest.NewClient(t, closedPort(t)), WithTimeout(200*time.Millisecond)).KeyRing("x")
	_, err := down.Load(ctx)
	require.ErrorIs(t, err, ErrUnavailable)
	require.ErrorIs(t, down.CompareAndSwap(ctx, nil, []byte("x")), ErrUnavailable)
	_, err = jwkring.New(ctx, ringPolicy, jwkring.WithStore(down, testKEK()))
	require.ErrorIs(t, err, jwkring.ErrStore)
	require.ErrorIs(t, err, ErrUnavailable)

	srv := redistest.Start(t)
	clock := &handClock{now: time.Now()}
	r := ring(t, New(redistest.NewClient(t, srv.Addr()), WithTimeout(200*time.Millisecond)).KeyRing("x"), clock)
	kid := signingKID(r)
	srv.Kill()
	err = r.Rotate(ctx)
	require.ErrorIs(t, err, jwkring.ErrStore)
	require.ErrorIs(t, err, ErrUnavailable)
	require.ErrorContains(t, err, "reading a key ring")
	require.Equal(t, kid, signingKID(r), "the current key after a failed rotation")
	require.Len(t, r.Keys(), 1)

	srv.Restart(t) // empty: persistence is off, so the ring writes its state back
	require.NoError(t, r.Rotate(ctx))
	require.Len(t, r.Keys(), 2)
	require.Equal(t, kid, signingKID(r))
}

// TestRingStoreArguments: calls that cannot be made are refused.
func TestRingStoreArguments(t *testing.T) {
	ctx := context.Background()
	var nilStore *Store
	for name, rs := range map[string]*RingStore{
		"nil store":  nilStore.KeyRing("x"),
		"nil client": New(nil).KeyRing("x"),
		"no name":    New(client(t)).KeyRing(""),
	} {
		_, err := rs.Load(ctx)
		assert.ErrorIs(t, err, ErrInvalidArgument, name)
		assert.ErrorIs(t, rs.CompareAndSwap(ctx, nil, []byte("x")), ErrInvalidArgument, name)
	}
	rs := New(client(t)).KeyRing("x")
	//lint:ignore SA1012 a nil context is what is tested
	_, err := rs.Load(nil)
	assert.ErrorIs(t, err, ErrInvalidArgument)
	assert.ErrorIs(t, rs.CompareAndSwap(ctx, nil, nil), ErrInvalidArgument)
	var nilRing *RingStore
	_, err = nilRing.Load(ctx)
	assert.ErrorIs(t, err, ErrInvalidArgument)
}
