package jwt_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// jwksServer publishes the public halves of keys on loopback and counts
// the requests.
func jwksServer(t *testing.T, keys *[]*jwk.Key, mu *sync.Mutex) (*httptest.Server, *atomic.Int32) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		time.Sleep(20 * time.Millisecond) // let concurrent callers pile up
		mu.Lock()
		set, err := jwk.NewSet(*keys...)
		mu.Unlock()
		if err != nil {
			t.Error(err)
			return
		}
		_ = json.NewEncoder(w).Encode(set.Public())
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

func TestVerifyWithRemoteKeySet(t *testing.T) {
	k1, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	keys := []*jwk.Key{k1}
	srv, hits := jwksServer(t, &keys, &mu)
	set, err := jwk.NewRemote(srv.URL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	claims := jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	token, err := jwt.Sign(claims, jwa.ES256, k1)
	if err != nil {
		t.Fatal(err)
	}

	// 100 goroutines verify at once: one fetch serves them all.
	var wg sync.WaitGroup
	var failures atomic.Int32
	for range 100 {
		wg.Go(func() {
			c, err := jwt.Verify[jwt.Claims](token, jwt.WithKeySet(set, jwa.ES256))
			if err != nil || c.Subject != "alice" {
				failures.Add(1)
			}
		})
	}
	wg.Wait()
	if failures.Load() != 0 || hits.Load() != 1 {
		t.Fatalf("%d failures, %d fetches; want 0 and 1", failures.Load(), hits.Load())
	}

	// The provider rotates to k2: its first token refreshes the set once.
	k2, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k2"))
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	keys = []*jwk.Key{k2}
	mu.Unlock()
	token2, err := jwt.Sign(claims, jwa.ES256, k2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jwt.Verify[jwt.Claims](token2, jwt.WithKeySet(set, jwa.ES256)); err != nil {
		t.Fatalf("token of the rotated key: %v", err)
	}
	// The old key is gone from the set.
	if _, err := jwt.Verify[jwt.Claims](token, jwt.WithKeySet(set, jwa.ES256)); !errors.Is(err, jwk.ErrKeyNotFound) {
		t.Fatalf("token of the retired key: got %v, want ErrKeyNotFound", err)
	}
	// The allow-list still rules: an ES256 key set asked for RS256 only.
	if _, err := jwt.Verify[jwt.Claims](token2, jwt.WithKeySet(set, jwa.RS256)); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("algorithm outside the allow-list: got %v", err)
	}
	if n := hits.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2", n)
	}
}
