package redisstore_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/ext/redisstore"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
	"github.com/redis/go-redis/v9"
)

// The functions marked "README: name" are Go blocks of the repository's
// README.md (TestREADME in its root checks them); the Example runs them.

// AppClaims are the claims of the README's API.
type AppClaims struct {
	jwt.Claims
	Scope string `json:"scope"`
}

// README: redisstore-instances
func sharedChecks(redisAddr string, keys jwk.KeySet, iss, aud string) (func(http.Handler) http.Handler, error) {
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr, ContextTimeoutEnabled: true})
	store := redisstore.New(rdb, redisstore.WithPrefix("orders-api:"))

	proofs, err := dpop.NewValidator(dpop.WithReplayStore(store)) // each proof once, on any instance
	if err != nil {
		return nil, err
	}
	dpopProofs, err := jwthttp.DPoPProofs(proofs, []string{"https://api.example.com"}) // the public origin
	if err != nil {
		return nil, err
	}
	return jwthttp.Middleware[AppClaims](
		jwthttp.WithVerifyOptions(jwt.WithKeySet(keys, jwa.ES256), jwt.WithIssuer(iss),
			jwt.WithAudience(aud), jwt.WithJTIValidator(store.JTIValidator())), // revoked tokens, everywhere
		jwthttp.WithDPoP(dpopProofs))
}

// README: redisstore-revoke
func logout(ctx context.Context, store *redisstore.Store, claims jwt.Claims, leeway time.Duration) error {
	// A logout, an administrator, a leaked token: revoked until the token's
	// exp plus the verifiers' leeway, on every instance.
	return store.Revoke(ctx, claims.ID, claims.ExpiresAt.Add(leeway))
}

// Two instances share one Redis: a token revoked through one is refused by
// both.
func Example_readmeSeveralInstances() {
	const iss, aud = "https://accounts.example.com", "https://api.example.com"
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	keys, err := jwk.NewSet(key.Public())
	if err != nil {
		panic(err)
	}
	var instances []http.Handler
	for range 2 {
		auth, err := sharedChecks(redisAddr(), keys, iss, aud)
		if err != nil {
			panic(err)
		}
		instances = append(instances, auth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintln(w, "ok")
		})))
	}
	claims := jwt.Claims{ID: randomID(), Issuer: iss, Subject: "alice", Audience: jwt.Audience{aud},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	token, err := jwt.Sign(AppClaims{Claims: claims}, jwa.ES256, key, jwt.WithType(jwthttp.TokenType))
	if err != nil {
		panic(err)
	}
	call := func(h http.Handler) int {
		r := httptest.NewRequest(http.MethodGet, "https://api.example.com/orders", nil)
		r.Header.Set("Authorization", "Bearer "+token)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}
	fmt.Println("before:", call(instances[0]), call(instances[1]))

	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(), ContextTimeoutEnabled: true})
	defer rdb.Close()
	if err := logout(context.Background(), redisstore.New(rdb, redisstore.WithPrefix("orders-api:")), claims, time.Minute); err != nil {
		panic(err)
	}
	fmt.Println("after:", call(instances[0]), call(instances[1]))
	// Output:
	// before: 200 200
	// after: 401 401
}
