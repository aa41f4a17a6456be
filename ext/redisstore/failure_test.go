package redisstore

import (
	"context"
	"errors"
	"net"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/ext/redisstore/internal/redistest"
	"github.com/joseproject/jose/jwt"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// silentServer accepts connections on loopback and never answers: a Redis
// that hangs.
func silentServer(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return l.Addr().String()
}

// closedPort returns a loopback address where nothing listens.
func closedPort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	l.Close()
	return addr
}

// unreachableClient is a client of a server that never answers, with or
// without ContextTimeoutEnabled.
func unreachableClient(t testing.TB, contextTimeouts bool) *redis.Client {
	c := redis.NewClient(&redis.Options{Addr: silentServer(t), ContextTimeoutEnabled: contextTimeouts})
	t.Cleanup(func() { c.Close() })
	return c
}

// every calls each operation of the Store once.
func every(s *Store) map[string]func(context.Context) error {
	tid := jwt.TokenID{ID: "jti-secret-123", AcceptedUntil: time.Now().Add(time.Hour)}
	return map[string]func(context.Context) error{
		"Use":          func(ctx context.Context) error { return s.Use(ctx, "jti-secret-123", time.Now().Add(time.Minute)) },
		"Revoke":       func(ctx context.Context) error { return s.Revoke(ctx, "jti-secret-123", time.Now().Add(time.Minute)) },
		"Revoked":      func(ctx context.Context) error { _, err := s.Revoked(ctx, "jti-secret-123"); return err },
		"JTIValidator": func(ctx context.Context) error { return s.JTIValidator()(ctx, tid) },
		"OneTime":      func(ctx context.Context) error { return s.OneTimeJTIValidator()(ctx, tid) },
	}
}

// A Redis that does not answer: every call is refused within the timeout,
// wrapping ErrUnavailable and context.DeadlineExceeded, whether the client
// honours context deadlines itself or not.
func TestHangingRedis(t *testing.T) {
	const timeout = 200 * time.Millisecond
	for _, ctxTimeouts := range []bool{true, false} {
		s := New(unreachableClient(t, ctxTimeouts), WithTimeout(timeout))
		require.Equal(t, ctxTimeouts, s.direct)
		for name, op := range every(s) {
			start := time.Now()
			err := op(context.Background())
			took := time.Since(start)
			require.Error(t, err, name)
			assert.ErrorIs(t, err, ErrUnavailable, name)
			assert.ErrorIs(t, err, context.DeadlineExceeded, name)
			assert.NotErrorIs(t, err, dpop.ErrReplay, name)
			assert.NotErrorIs(t, err, ErrRevoked, name)
			assert.Contains(t, err.Error(), "redis unavailable", name)
			assert.NotContains(t, err.Error(), "secret", name)
			assert.Less(t, took, timeout+150*time.Millisecond, "%s (ContextTimeoutEnabled %v) took %v", name, ctxTimeouts, took)
			assert.GreaterOrEqual(t, took, timeout, name)
		}
	}
}

// The caller's context bounds a call too, and WithTimeout(0) leaves the
// bound to it.
func TestCallerDeadline(t *testing.T) {
	s := New(unreachableClient(t, true), WithTimeout(0))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Use(ctx, newID(), time.Now().Add(time.Minute))
	assert.ErrorIs(t, err, ErrUnavailable)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 300*time.Millisecond)

	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	err = stores(t, 1)[0].Use(ctx, newID(), time.Now().Add(time.Minute))
	assert.ErrorIs(t, err, ErrUnavailable)
	assert.ErrorIs(t, err, context.Canceled)
}

// Nothing listens: refused at once, the connection error wrapped.
func TestRedisDown(t *testing.T) {
	c := redis.NewClient(&redis.Options{Addr: closedPort(t), ContextTimeoutEnabled: true, MaxRetries: -1})
	t.Cleanup(func() { c.Close() })
	s := New(c, WithTimeout(time.Second))
	for name, op := range every(s) {
		start := time.Now()
		err := op(context.Background())
		require.Error(t, err, name)
		assert.ErrorIs(t, err, ErrUnavailable, name)
		assert.ErrorIs(t, err, syscall.ECONNREFUSED, name)
		var op *net.OpError
		assert.True(t, errors.As(err, &op), name)
		assert.Less(t, time.Since(start), time.Second, name)
	}
}

// redis-server killed and started again mid-test, with persistence on:
// errors while it is down, correct answers after, and every use that was
// reported a success is still there: never a success without a write.
func TestRestart(t *testing.T) {
	srv := redistest.Start(t, "--appendonly", "yes", "--appendfsync", "always")
	c := redis.NewClient(&redis.Options{Addr: srv.Addr(), ContextTimeoutEnabled: true, MaxRetries: -1})
	t.Cleanup(func() { c.Close() })
	s := New(c, WithTimeout(300*time.Millisecond), WithPrefix(prefix(t)))
	ctx := context.Background()
	exp := time.Now().Add(time.Minute)

	before := newID()
	require.NoError(t, s.Use(ctx, before, exp))
	require.NoError(t, s.Revoke(ctx, "revoked-before", exp))

	// Clients keep using fresh ids while the server dies and comes back.
	var mu sync.Mutex
	var accepted []string
	failures := 0
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				id := newID()
				err := s.Use(ctx, id, exp)
				mu.Lock()
				if err == nil {
					accepted = append(accepted, id)
				} else {
					if !errors.Is(err, ErrUnavailable) {
						t.Errorf("Use during the restart: %v, want ErrUnavailable", err)
					}
					failures++
				}
				mu.Unlock()
				time.Sleep(time.Millisecond)
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	srv.Kill()

	// Down: every call fails, none succeeds.
	for name, op := range every(s) {
		err := op(ctx)
		assert.ErrorIs(t, err, ErrUnavailable, name)
	}
	assert.ErrorIs(t, s.Use(ctx, before, exp), ErrUnavailable)
	time.Sleep(100 * time.Millisecond)

	srv.Restart(t)
	// The client's pool waits a moment before it dials again.
	recovered := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if _, err := s.Revoked(ctx, "probe"); err == nil {
			recovered = true
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.True(t, recovered, "the client did not reconnect")
	time.Sleep(100 * time.Millisecond) // some uses after the restart
	close(stop)
	wg.Wait()
	require.Positive(t, failures, "no call failed while the server was down")
	require.NotEmpty(t, accepted)

	// After: what was recorded is still there; new ids work.
	require.ErrorIs(t, s.Use(ctx, before, exp), dpop.ErrReplay)
	for _, id := range accepted {
		require.ErrorIs(t, s.Use(ctx, id, exp), dpop.ErrReplay, "an id reported used is not in Redis")
	}
	require.ErrorIs(t, s.JTIValidator()(ctx, jwt.TokenID{ID: "revoked-before"}), ErrRevoked)
	fresh := newID()
	require.NoError(t, s.Use(ctx, fresh, exp))
	require.ErrorIs(t, s.Use(ctx, fresh, exp), dpop.ErrReplay)
	t.Logf("%d uses accepted, %d refused while the server was down or starting", len(accepted), failures)
}

// Without persistence, a restarted Redis has forgotten every id: the
// reason the package doc asks for appendonly (or a replica) in production.
func TestRestartWithoutPersistence(t *testing.T) {
	srv := redistest.Start(t)
	c := redistest.NewClient(t, srv.Addr())
	s := New(c, WithPrefix(prefix(t)))
	ctx := context.Background()
	id := newID()
	require.NoError(t, s.Use(ctx, id, time.Now().Add(time.Minute)))
	srv.Kill()
	srv.Restart(t)
	var err error
	for range 200 { // the client's pool waits a moment before it dials again
		if err = s.Use(ctx, id, time.Now().Add(time.Minute)); !errors.Is(err, ErrUnavailable) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	require.NoError(t, err, "the id is forgotten")
}

// Arguments that cannot be used are refused, never a panic.
func TestInvalidArguments(t *testing.T) {
	var nilClient *redis.Client
	var nilStore *Store
	var nilCtx context.Context
	good := stores(t, 1)[0]
	exp := time.Now().Add(time.Minute)
	cases := map[string]func() error{
		"nil client":        func() error { return New(nil).Use(context.Background(), "a", exp) },
		"typed nil client":  func() error { return New(nilClient).Use(context.Background(), "a", exp) },
		"nil Store":         func() error { return nilStore.Use(context.Background(), "a", exp) },
		"nil context":       func() error { return good.Use(nilCtx, "a", exp) },
		"empty id":          func() error { return good.Use(context.Background(), "", exp) },
		"Revoke empty":      func() error { return good.Revoke(context.Background(), "", exp) },
		"Revoke zero until": func() error { return good.Revoke(context.Background(), "a", time.Time{}) },
		"Revoked nil ctx":   func() error { _, err := good.Revoked(nilCtx, "a"); return err },
		"validator nil":     func() error { return New(nil).JTIValidator()(context.Background(), jwt.TokenID{ID: "a"}) },
		"one-time nil":      func() error { return New(nil).OneTimeJTIValidator()(context.Background(), jwt.TokenID{ID: "a"}) },
	}
	for name, f := range cases {
		err := f()
		assert.ErrorIs(t, err, ErrInvalidArgument, name)
		assert.True(t, strings.HasPrefix(err.Error(), "redisstore: "), name)
	}
	assert.Contains(t, New(nil).Use(context.Background(), "a", exp).Error(), "nil Redis client")
	assert.Contains(t, good.Revoke(context.Background(), "a", time.Time{}).Error(), "zero until")
}

// An expiry past the year 10000 has no Unix milliseconds to give Redis:
// refused as an argument, not sent.
func TestFarExpiry(t *testing.T) {
	s := stores(t, 1)[0]
	far := time.Date(1_000_000, 1, 1, 0, 0, 0, 0, time.UTC)
	err := s.Use(context.Background(), newID(), far)
	require.ErrorIs(t, err, ErrInvalidArgument)
	assert.Contains(t, err.Error(), "after the year 10000")
	require.ErrorIs(t, s.Revoke(context.Background(), newID(), far), ErrInvalidArgument)
	// The latest date a token can hold, with a leeway, is recorded.
	require.NoError(t, s.Use(context.Background(), newID(), time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Add(time.Hour)))
}

// A full Redis under maxmemory-policy noeviction refuses the write: the
// proof is refused with the OOM error, and nothing is recorded for it.
func TestRedisFull(t *testing.T) {
	srv := redistest.Start(t, "--maxmemory-policy", "noeviction")
	c := redistest.NewClient(t, srv.Addr())
	ctx := context.Background()
	info, err := c.InfoMap(ctx, "memory").Result()
	require.NoError(t, err)
	base := info["Memory"]["used_memory"]
	require.NotEmpty(t, base)
	require.NoError(t, c.ConfigSet(ctx, "maxmemory", strconv.Itoa(atoi(t, base)+200_000)).Err())

	s := New(c)
	exp := time.Now().Add(time.Minute)
	var full error
	var id string
	for i := 0; i < 100_000 && full == nil; i++ {
		id = newID()
		full = s.Use(ctx, id, exp)
	}
	require.Error(t, full, "Redis never filled up")
	assert.ErrorIs(t, full, ErrUnavailable)
	var rerr redis.Error
	require.True(t, errors.As(full, &rerr))
	assert.Contains(t, full.Error(), "OOM")

	require.NoError(t, c.ConfigSet(ctx, "maxmemory", "0").Err())
	n, err := c.Exists(ctx, s.key(kindProof, id)).Result()
	require.NoError(t, err)
	assert.Zero(t, n, "the refused id was recorded")
	require.NoError(t, s.Use(ctx, id, exp), "usable once Redis has room")
}

func atoi(t testing.TB, s string) int {
	n, err := strconv.Atoi(s)
	require.NoError(t, err)
	return n
}
