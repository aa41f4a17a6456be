package jwkring_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwkring"
	"github.com/joseproject/jose/jwt"
)

// An issuer signs access tokens with the ring's current key and serves its
// key set; an API verifies them through the set, found by discovery.
func Example() {
	ctx := context.Background()
	ring, err := jwkring.New(ctx, jwkring.Policy{
		Period:           24 * time.Hour,
		Lead:             time.Hour,
		MaxTokenLifetime: 15 * time.Minute,
		Leeway:           time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer ring.Close()

	// The issuer's routes (a real issuer is https on its own name).
	mux := http.NewServeMux()
	srv := httptest.NewTLSServer(mux)
	defer srv.Close()
	discovery, err := jwkring.DiscoveryHandler(srv.URL, srv.URL+"/jwks.json")
	if err != nil {
		log.Fatal(err)
	}
	mux.Handle("GET /.well-known/openid-configuration", discovery)
	mux.Handle("GET /jwks.json", ring.JWKSHandler())

	token, err := ring.Sign(jwt.Claims{
		Issuer:    srv.URL,
		Subject:   "alice",
		Audience:  jwt.Audience{"https://api.example.com"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute)),
	}, jwt.WithType("at+jwt"))
	if err != nil {
		log.Fatal(err)
	}

	// The API.
	keys, err := jwk.Discover(ctx, srv.URL, jwk.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	defer keys.Close()
	claims, err := jwt.Verify[jwt.Claims](token, jwt.WithKeySet(keys, jwa.ES256),
		jwt.WithIssuer(srv.URL), jwt.WithAudience("https://api.example.com"), jwt.WithExpectedType("at+jwt"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("verified a token for", claims.Subject)
	// Output: verified a token for alice
}

// Sign refuses a token that would outlive the publication of its key.
func ExampleRing_Sign() {
	ring, err := jwkring.New(context.Background(), jwkring.Policy{
		Period: 24 * time.Hour, Lead: time.Hour, MaxTokenLifetime: 15 * time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer ring.Close()
	_, err = ring.Sign(jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(24 * time.Hour))})
	fmt.Println(err != nil)
	// Output: true
}

// A rotation on demand publishes a new key, which signs a lead time later.
func ExampleRing_Rotate() {
	ring, err := jwkring.New(context.Background(), jwkring.Policy{
		Period: 24 * time.Hour, Lead: time.Hour, MaxTokenLifetime: 15 * time.Minute,
	})
	if err != nil {
		log.Fatal(err)
	}
	defer ring.Close()
	if err := ring.Rotate(context.Background()); err != nil {
		log.Fatal(err)
	}
	for _, k := range ring.Keys() {
		fmt.Println(k.State, k.Algorithm, k.Active.Sub(k.Published).Round(time.Hour))
	}
	// Output:
	// current ES256 0s
	// next ES256 1h0m0s
}

// A file store keeps the ring across restarts, its private keys encrypted
// under a key-encryption key that the service keeps elsewhere (an
// environment variable, a secret manager).
func ExampleNewFileStore() {
	dir, err := os.MkdirTemp("", "issuer")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	kek := make([]byte, jwkring.KEKSize)
	rand.Read(kek)

	policy := jwkring.Policy{Period: 24 * time.Hour, Lead: time.Hour, MaxTokenLifetime: 15 * time.Minute}
	kids := map[string]bool{}
	for range 2 { // the second time is a restart
		store, err := jwkring.NewFileStore(filepath.Join(dir, "signing-keys.jwe"))
		if err != nil {
			log.Fatal(err)
		}
		ring, err := jwkring.New(context.Background(), policy, jwkring.WithStore(store, kek))
		if err != nil {
			log.Fatal(err)
		}
		_, key := ring.SigningKey()
		kids[key.KeyID()] = true
		ring.Close()
	}
	fi, err := os.Stat(filepath.Join(dir, "signing-keys.jwe"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(kids), "signing key across the restart; file mode", fi.Mode().Perm())
	// Output: 1 signing key across the restart; file mode -rw-------
}
