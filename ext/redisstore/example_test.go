package redisstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/ext/redisstore"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/redis/go-redis/v9"
)

// redisAddr is the Redis of the examples: the test server (a real service
// reads its own configuration).
func redisAddr() string { return os.Getenv("JOSE_TEST_REDIS") }

func randomID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Two instances of a service, each with its own DPoP Validator and one
// Redis between them: a proof accepted by one is a replay at the other.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(), ContextTimeoutEnabled: true})
	defer rdb.Close()
	store := redisstore.New(rdb, redisstore.WithPrefix("example:"+randomID()+":"))

	instanceA, err := dpop.NewValidator(dpop.WithReplayStore(store))
	if err != nil {
		panic(err)
	}
	instanceB, err := dpop.NewValidator(dpop.WithReplayStore(store))
	if err != nil {
		panic(err)
	}

	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	const uri = "https://api.example.com/items"
	proof, err := dpop.NewProof("GET", uri, jwa.ES256, key)
	if err != nil {
		panic(err)
	}
	_, err = instanceA.ValidateProof(proof, "GET", uri)
	fmt.Println("instance A:", err)
	_, err = instanceB.ValidateProof(proof, "GET", uri)
	fmt.Println("instance B, the same proof:", errors.Is(err, dpop.ErrReplay))
	// Output:
	// instance A: <nil>
	// instance B, the same proof: true
}

// Revoking a token at one instance: every instance that verifies with the
// Store's JTIValidator refuses it from then on.
func ExampleStore_Revoke() {
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(), ContextTimeoutEnabled: true})
	defer rdb.Close()
	store := redisstore.New(rdb, redisstore.WithPrefix("example:"+randomID()+":"))

	secret := []byte("a secret of at least 32 bytes...")
	exp := time.Now().Add(time.Hour)
	jti := randomID()
	token, err := jwt.Sign(jwt.Claims{ID: jti, ExpiresAt: jwt.NewNumericDate(exp)}, jwa.HS256, secret)
	if err != nil {
		panic(err)
	}
	verify := func() error {
		_, err := jwt.Verify[jwt.Claims](token, jwt.WithKey(jwa.HS256, secret),
			jwt.WithJTIValidator(store.JTIValidator()))
		return err
	}
	fmt.Println("before:", verify())

	// Until the last instant the token could be accepted: "exp" plus the
	// verifiers' leeway (none here).
	if err := store.Revoke(context.Background(), jti, exp); err != nil {
		panic(err)
	}
	err = verify()
	fmt.Println("after:", errors.Is(err, redisstore.ErrRevoked), errors.Is(err, jwt.ErrRejected))
	// Output:
	// before: <nil>
	// after: true true
}

// A one-time token (a link sent by mail, a single-use grant) is accepted
// once, whichever instance sees it first.
func ExampleStore_OneTimeJTIValidator() {
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(), ContextTimeoutEnabled: true})
	defer rdb.Close()
	store := redisstore.New(rdb, redisstore.WithPrefix("example:"+randomID()+":"))

	secret := []byte("a secret of at least 32 bytes...")
	token, err := jwt.Sign(jwt.Claims{
		ID:        randomID(),
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(10 * time.Minute)),
	}, jwa.HS256, secret)
	if err != nil {
		panic(err)
	}
	verify := func() error {
		_, err := jwt.Verify[jwt.Claims](token, jwt.WithKey(jwa.HS256, secret),
			jwt.WithJTIValidator(store.OneTimeJTIValidator()))
		return err
	}
	fmt.Println("first use:", verify())
	fmt.Println("second use:", errors.Is(verify(), redisstore.ErrUsed))
	// Output:
	// first use: <nil>
	// second use: true
}
