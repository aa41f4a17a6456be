// Command jwks verifies tokens the way an API verifies an identity
// provider's access tokens: through the provider's JWK Set URL, found by
// OpenID Connect discovery and cached. It starts a small local provider on
// loopback, so it runs offline.
//
//	go run ./examples/jwks
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// provider is a toy identity provider: it signs tokens and publishes its
// public keys at /jwks.json, announced by /.well-known/openid-configuration.
type provider struct {
	srv     *httptest.Server
	mu      sync.Mutex
	current *jwk.Key
	keys    []*jwk.Key // published
	fetches int
}

func newProvider() *provider {
	p := &provider{}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": p.srv.URL, "jwks_uri": p.srv.URL + "/jwks.json"})
	})
	mux.HandleFunc("/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.fetches++
		set, err := jwk.NewSet(p.keys...)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/jwk-set+json")
		w.Header().Set("Cache-Control", "max-age=300")
		_ = json.NewEncoder(w).Encode(set.Public())
	})
	p.srv = httptest.NewServer(mux)
	p.rotate()
	return p
}

// rotate makes a new signing key and publishes it beside the old ones.
func (p *provider) rotate() {
	key, err := jwk.Generate(jwa.ES256, jwk.WithThumbprintKeyID())
	check(err)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current = key
	p.keys = append(p.keys, key)
}

// fetched returns how many times the key set was fetched.
func (p *provider) fetched() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fetches
}

func (p *provider) issue(sub string) string {
	p.mu.Lock()
	key := p.current
	p.mu.Unlock()
	token, err := jwt.Sign(jwt.Claims{
		Issuer:    p.srv.URL,
		Subject:   sub,
		Audience:  jwt.Audience{"https://api.example.com"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(5 * time.Minute)),
	}, jwa.ES256, key, jwt.WithType("at+jwt"))
	check(err)
	return token
}

func main() {
	log.SetFlags(0)
	idp := newProvider()
	defer idp.srv.Close()

	// The API: discover the provider's key set once at start-up. (A real
	// provider is https; WithInsecureHTTP is for this loopback demo only.)
	// The context bounds the discovery request only; the key set lives
	// until it is closed, refreshing itself in the background.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	keys, err := jwk.Discover(ctx, idp.srv.URL, jwk.WithInsecureHTTP())
	cancel()
	check(err)
	defer keys.Close()
	verify := func(token string) (jwt.Claims, error) {
		return jwt.Verify[jwt.Claims](token,
			jwt.WithKeySet(keys, jwa.ES256, jwa.RS256),
			jwt.WithIssuer(idp.srv.URL),
			jwt.WithAudience("https://api.example.com"),
			jwt.WithExpectedType("at+jwt"))
	}

	for _, sub := range []string{"alice", "bob", "carol"} {
		c, err := verify(idp.issue(sub))
		check(err)
		fmt.Printf("verified a token for %s\n", c.Subject)
	}
	fmt.Printf("key set fetched %d time(s) for 3 tokens\n", idp.fetched())

	// The provider rotates its key: the first token with the new kid makes
	// the cache refresh once.
	idp.rotate()
	c, err := verify(idp.issue("dave"))
	check(err)
	fmt.Printf("after rotation, verified a token for %s; key set fetched %d time(s)\n", c.Subject, idp.fetched())

	// A token signed by a key the provider never published is refused, and
	// a flood of such tokens does not make the API hammer the provider.
	stranger, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("unknown"))
	check(err)
	forged, err := jwt.Sign(jwt.Claims{Issuer: idp.srv.URL, Subject: "mallory",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Minute))}, jwa.ES256, stranger)
	check(err)
	for range 100 {
		if _, err = verify(forged); !errors.Is(err, jwk.ErrKeyNotFound) {
			log.Fatalf("a token from an unknown key: got %v", err)
		}
	}
	fmt.Printf("100 tokens with an unknown kid refused (%v); key set fetched %d time(s)\n", err, idp.fetched())
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
