package redisstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/ext/redisstore/internal/redistest"
	"github.com/joseproject/jose/jwt"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exercise runs each operation through two Stores over two clients.
func exercise(t *testing.T, a, b *Store) {
	t.Helper()
	ctx := context.Background()
	exp := time.Now().Add(time.Minute)
	id := newID()
	require.NoError(t, a.Use(ctx, id, exp))
	require.ErrorIs(t, b.Use(ctx, id, exp), dpop.ErrReplay)

	jti := newID()
	require.NoError(t, b.JTIValidator()(ctx, jwt.TokenID{ID: jti}))
	require.NoError(t, a.Revoke(ctx, jti, exp))
	require.ErrorIs(t, b.JTIValidator()(ctx, jwt.TokenID{ID: jti}), ErrRevoked)

	once := jwt.TokenID{ID: newID(), AcceptedUntil: exp}
	require.NoError(t, a.OneTimeJTIValidator()(ctx, once))
	require.ErrorIs(t, b.OneTimeJTIValidator()(ctx, once), ErrUsed)
}

// A Redis Cluster (of one primary holding every slot) through
// redis.ClusterClient.
func TestCluster(t *testing.T) {
	srv := redistest.Start(t, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf")
	ctx := context.Background()
	admin := redistest.NewClient(t, srv.Addr())
	require.NoError(t, admin.Do(ctx, "cluster", "addslotsrange", 0, 16383).Err())
	require.Eventually(t, func() bool {
		info, err := admin.ClusterInfo(ctx).Result()
		return err == nil && strings.Contains(info, "cluster_state:ok")
	}, 10*time.Second, 50*time.Millisecond)

	p := prefix(t)
	var s [2]*Store
	for i := range s {
		c := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{srv.Addr()}, ContextTimeoutEnabled: true})
		t.Cleanup(func() { c.Close() })
		s[i] = New(c, WithPrefix(p))
		assert.True(t, s[i].direct)
	}
	exercise(t, s[0], s[1])
}

// A primary found through Redis Sentinel, with redis.NewFailoverClient and
// with redis.NewUniversalClient.
func TestSentinel(t *testing.T) {
	primary := redistest.Start(t)
	sentinel := redistest.StartSentinel(t, primary.Addr())
	p := prefix(t)
	failover := redis.NewFailoverClient(&redis.FailoverOptions{
		MasterName: "primary", SentinelAddrs: []string{sentinel.Addr()}, ContextTimeoutEnabled: true})
	t.Cleanup(func() { failover.Close() })
	universal := redis.NewUniversalClient(&redis.UniversalOptions{
		MasterName: "primary", Addrs: []string{sentinel.Addr()}, ContextTimeoutEnabled: true})
	t.Cleanup(func() { universal.Close() })
	a, b := New(failover, WithPrefix(p)), New(universal, WithPrefix(p))
	assert.True(t, a.direct)
	assert.True(t, b.direct)
	exercise(t, a, b)

	// The records are on the primary.
	n, err := redistest.NewClient(t, primary.Addr()).DBSize(context.Background()).Result()
	require.NoError(t, err)
	assert.Equal(t, int64(3), n)
}
