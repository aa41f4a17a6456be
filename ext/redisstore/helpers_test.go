package redisstore

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/joseproject/jose/ext/redisstore/internal/redistest"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// Every test runs against a real redis-server: the one `make test`
// started, or one that redistest.Main starts when redis-server is
// installed.
func TestMain(m *testing.M) { os.Exit(redistest.Main(m)) }

// prefix returns a key prefix no other test (or earlier run) uses.
func prefix(t testing.TB) string {
	var b [6]byte
	rand.Read(b[:])
	return "test:" + hex.EncodeToString(b[:]) + ":"
}

// stores returns n Stores over n clients of the shared server, with the same
// prefix: n instances of one service.
func stores(t testing.TB, n int, opts ...Option) []*Store {
	t.Helper()
	opts = append([]Option{WithPrefix(prefix(t))}, opts...)
	out := make([]*Store, n)
	for i := range out {
		out[i] = New(redistest.Client(t), opts...)
	}
	return out
}

// client returns a client of the shared server for looking at the keys.
func client(t testing.TB) *redis.Client { return redistest.Client(t) }

// newID returns a fresh random ID.
func newID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requireOneSuccess checks that exactly one of errs is nil and that every
// other wraps want.
func requireOneSuccess(t *testing.T, errs []error, want error) {
	t.Helper()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
			continue
		}
		require.ErrorIs(t, err, want)
	}
	require.Equal(t, 1, ok, "successes")
}
