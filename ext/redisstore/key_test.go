package redisstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IDs are attacker-chosen: whatever their length or bytes, the key is the
// prefix, the kind and 43 base64url characters, and distinct IDs get
// distinct keys.
func TestKeyOfHostileIDs(t *testing.T) {
	s := New(client(t), WithPrefix("svc:"))
	ids := []string{"a", "A", "a ", strings.Repeat("x", 1<<20), "\x00", "\r\nSET x y\r\n", "{tag}", "\xff\xfe", "jti:" + strings.Repeat("é", 100)}
	seen := map[string]string{}
	for _, id := range ids {
		for _, kind := range []string{kindProof, kindJTI} {
			k := s.key(kind, id)
			require.Len(t, k, len("svc:")+len(kind)+43)
			assert.True(t, strings.HasPrefix(k, "svc:"+kind))
			assert.NotContains(t, k[len("svc:")+len(kind):], "{")
			prev, dup := seen[k]
			require.False(t, dup, "%q and %q share a key", prev, id)
			seen[k] = id
		}
	}
	assert.Equal(t, DefaultPrefix+kindProof, New(client(t)).key(kindProof, "a")[:len(DefaultPrefix)+len(kindProof)])
}

// A huge or binary ID is used like any other against Redis.
func TestUseHostileIDs(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 1)[0]
	exp := time.Now().Add(time.Minute)
	for _, id := range []string{strings.Repeat("x", 1<<20), "\x00\r\n*1\r\n$4\r\nPING\r\n", "{a}b"} {
		require.NoError(t, s.Use(ctx, id, exp))
		err := s.Use(ctx, id, exp)
		require.ErrorIs(t, err, dpop.ErrReplay)
		assert.Less(t, len(err.Error()), 200)
	}
}
