package redisstore

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
)

// BenchmarkUse compares a Use through Redis (one round trip to the
// loopback server) with dpop.MemoryStore, one call at a time and from
// 8 goroutines per core. Each call records a new id, as a Validator does.
func BenchmarkUse(b *testing.B) {
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	run := func(b *testing.B, st dpop.ReplayStore) {
		b.ReportAllocs()
		var n atomic.Int64
		b.ResetTimer()
		for range b.N {
			if err := st.Use(ctx, "jkt jti-"+strconv.FormatInt(n.Add(1), 10), exp); err != nil {
				b.Fatal(err)
			}
		}
	}
	parallel := func(b *testing.B, st dpop.ReplayStore) {
		b.ReportAllocs()
		b.SetParallelism(8) // requests in flight at once, as on a busy server
		var n atomic.Int64
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := st.Use(ctx, "jkt jti-"+strconv.FormatInt(n.Add(1), 10), exp); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	b.Run("redis", func(b *testing.B) { run(b, stores(b, 1)[0]) })
	b.Run("memory", func(b *testing.B) { run(b, dpop.NewMemoryStore(b.N+1, nil)) })
	b.Run("redis-parallel", func(b *testing.B) { parallel(b, stores(b, 1)[0]) })
	b.Run("memory-parallel", func(b *testing.B) { parallel(b, dpop.NewMemoryStore(b.N+1, nil)) })
	// A client without ContextTimeoutEnabled: each call waits in a goroutine.
	b.Run("redis-goroutine", func(b *testing.B) {
		st := stores(b, 1)[0]
		st.direct = false
		run(b, st)
	})
}
