package redisstore_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/joseproject/jose/ext/redisstore"
	"github.com/joseproject/jose/jwkring"
	"github.com/redis/go-redis/v9"
)

// Two instances of an issuer keep one key ring in Redis: they sign with
// the same key, and a rotation made by one is taken in by the other.
func ExampleStore_KeyRing() {
	ctx := context.Background()
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(), ContextTimeoutEnabled: true})
	defer rdb.Close()
	store := redisstore.New(rdb, redisstore.WithPrefix("example:"+randomID()+":"))

	// The key-encryption key seals the private keys before Redis sees
	// them; every instance has the same one, from its secret manager.
	kek := make([]byte, jwkring.KEKSize)
	rand.Read(kek)
	policy := jwkring.Policy{Period: 24 * time.Hour, Lead: time.Hour, MaxTokenLifetime: 15 * time.Minute}

	var instances []*jwkring.Ring
	for range 2 {
		ring, err := jwkring.New(ctx, policy, jwkring.WithStore(store.KeyRing("tokens"), kek))
		if err != nil {
			panic(err)
		}
		defer ring.Close()
		instances = append(instances, ring)
	}
	_, a := instances[0].SigningKey()
	_, b := instances[1].SigningKey()
	fmt.Println("same signing key:", a.KeyID() == b.KeyID())

	if err := instances[0].Rotate(ctx); err != nil {
		panic(err)
	}
	if err := instances[1].Refresh(ctx); err != nil { // or wait for its next reload
		panic(err)
	}
	fmt.Println("keys published by the other instance:", len(instances[1].Keys()))
	// Output:
	// same signing key: true
	// keys published by the other instance: 2
}
