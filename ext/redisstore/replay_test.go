package redisstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A proof used through one client is refused through another: two
// instances of a service behind a load balancer.
func TestUseReplayAcrossClients(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 2)
	id := "jkt jti-" + newID()
	exp := time.Now().Add(time.Minute)

	require.NoError(t, s[0].Use(ctx, id, exp))
	for i, st := range []*Store{s[1], s[0]} {
		err := st.Use(ctx, id, exp)
		require.Error(t, err, "replay %d", i)
		assert.ErrorIs(t, err, dpop.ErrReplay)
		assert.ErrorIs(t, err, dpop.ErrInvalidProof)
		assert.Contains(t, err.Error(), "used before")
		assert.NotContains(t, err.Error(), id)
	}
	// Another id is not affected.
	require.NoError(t, s[1].Use(ctx, id+"x", exp))
}

// 200 concurrent uses of one id through 4 clients: exactly one succeeds,
// every other is a replay.
func TestUseConcurrent(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 4)
	id := newID()
	exp := time.Now().Add(time.Minute)

	var wg sync.WaitGroup
	errs := make([]error, 200)
	start := make(chan struct{})
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = s[i%4].Use(ctx, id, exp)
		}()
	}
	close(start)
	wg.Wait()
	requireOneSuccess(t, errs, dpop.ErrReplay)
}

// An id is refused until its expiry and usable again once it passed; the
// key's expiry is the given one rounded up to the millisecond, so that
// Redis keeps it until strictly after it.
func TestUseExpiry(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 2)
	id := newID()
	exp := time.Now().Add(700 * time.Millisecond).Truncate(time.Millisecond).Add(300 * time.Microsecond)

	require.NoError(t, s[0].Use(ctx, id, exp))
	got, err := client(t).PExpireTime(ctx, s[0].key(kindProof, id)).Result()
	require.NoError(t, err)
	assert.Equal(t, time.Duration(exp.Truncate(time.Millisecond).UnixMilli()+1)*time.Millisecond, got, "PEXPIRETIME")

	// Not before: refused until the last moment we can check.
	for time.Until(exp) > 50*time.Millisecond {
		require.ErrorIs(t, s[1].Use(ctx, id, exp.Add(time.Minute)), dpop.ErrReplay)
		time.Sleep(50 * time.Millisecond)
	}
	// After: usable again, once.
	time.Sleep(time.Until(exp) + 5*time.Millisecond)
	require.NoError(t, s[1].Use(ctx, id, time.Now().Add(time.Minute)))
	require.ErrorIs(t, s[0].Use(ctx, id, time.Now().Add(time.Minute)), dpop.ErrReplay)
}

// An expiry that is not after now cannot be recorded: it is refused, and
// nothing is written (Redis would answer OK to SET NX PXAT in the past
// and keep nothing).
func TestUsePastExpiry(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 1)[0]
	for _, exp := range []time.Time{time.Now(), time.Now().Add(-time.Second), time.Unix(0, 0), {}} {
		id := newID()
		err := s.Use(ctx, id, exp)
		require.Error(t, err)
		assert.ErrorIs(t, err, jwt.ErrTooOld)
		assert.ErrorIs(t, err, dpop.ErrInvalidProof)
		assert.NotErrorIs(t, err, dpop.ErrReplay)
		assert.Contains(t, err.Error(), "cannot be recorded")
		n, err := client(t).Exists(ctx, s.key(kindProof, id)).Result()
		require.NoError(t, err)
		assert.Zero(t, n, "a key was written")
	}
}

// Two dpop Validators, one per instance, sharing the Store: a proof
// accepted by one is a replay at the other.
func TestUseWithDPoPValidators(t *testing.T) {
	s := stores(t, 2)
	key := dpopKey(t)
	const uri = "https://api.example.com/items"
	proof, err := dpop.NewProof("GET", uri, jwa.ES256, key)
	require.NoError(t, err)

	a, err := dpop.NewValidator(dpop.WithReplayStore(s[0]))
	require.NoError(t, err)
	b, err := dpop.NewValidator(dpop.WithReplayStore(s[1]))
	require.NoError(t, err)

	_, err = a.ValidateProof(proof, "GET", uri)
	require.NoError(t, err)
	_, err = b.ValidateProof(proof, "GET", uri)
	require.ErrorIs(t, err, dpop.ErrReplay)
	assert.Contains(t, err.Error(), "replayed")
}

// A store error reaches the caller of Validate with its cause: the proof
// is refused.
func TestUseUnavailableThroughDPoP(t *testing.T) {
	st := New(unreachableClient(t, true), WithTimeout(200*time.Millisecond))
	v, err := dpop.NewValidator(dpop.WithReplayStore(st))
	require.NoError(t, err)
	key := dpopKey(t)
	const uri = "https://api.example.com/items"
	proof, err := dpop.NewProof("GET", uri, jwa.ES256, key)
	require.NoError(t, err)
	_, err = v.ValidateProof(proof, "GET", uri)
	require.ErrorIs(t, err, ErrUnavailable)
	assert.NotErrorIs(t, err, dpop.ErrReplay)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func dpopKey(t testing.TB) *jwk.Key {
	t.Helper()
	k, err := jwk.Generate(jwa.ES256)
	require.NoError(t, err)
	return k
}
