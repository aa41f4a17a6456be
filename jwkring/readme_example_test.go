package jwkring_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwkring"
	"github.com/joseproject/jose/jwt"
)

// The function marked "README: name" is a Go block of README.md
// (TestREADME in the repository's root checks it); the Example runs it.

// README: jwkring-issuer
func runIssuer(ctx context.Context, dir string, kek []byte, ln net.Listener) error {
	store, err := jwkring.NewFileStore(filepath.Join(dir, "signing-keys.jwe")) // one process; see below for several
	if err != nil {
		return err
	}
	ring, err := jwkring.New(ctx, jwkring.Policy{
		Period:           7 * 24 * time.Hour, // a new key signs every week (ES256 unless Algorithm says otherwise)
		Lead:             time.Hour,          // each key is published an hour before it signs
		MaxTokenLifetime: 15 * time.Minute,   // no token lives longer
		Leeway:           time.Minute,        // the verifiers' allowance for clock skew
	}, jwkring.WithStore(store, kek)) // kek: 32 bytes from your secret manager
	if err != nil {
		return err
	}
	defer ring.Close()

	discovery, err := jwkring.DiscoveryHandler("https://issuer.example.com", "https://issuer.example.com/jwks.json")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /.well-known/openid-configuration", discovery) // what jwk.Discover reads
	mux.Handle("GET /jwks.json", ring.JWKSHandler())
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		// Once the client is authenticated:
		token, err := ring.Sign(jwt.Claims{Issuer: "https://issuer.example.com", Subject: "alice",
			Audience:  jwt.Audience{"https://api.example.com"},
			ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute))}, jwt.WithType("at+jwt"))
		if err != nil {
			http.Error(w, "no token can be issued now", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, token)
	})
	return http.Serve(ln, mux)
}

func Example_readmeIssuer() {
	dir, err := os.MkdirTemp("", "issuer")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	kek := make([]byte, 32)
	if _, err := rand.Read(kek); err != nil {
		panic(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	done := make(chan error, 1)
	go func() { done <- runIssuer(context.Background(), dir, kek, ln) }()
	base := "http://" + ln.Addr().String()

	resp, err := http.Post(base+"/token", "", nil)
	if err != nil {
		panic(err)
	}
	token, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		panic(err)
	}
	// A verifier reads the key set the issuer publishes.
	keys, err := jwk.NewRemote(base+"/jwks.json", jwk.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	defer keys.Close()
	claims, err := jwt.Verify[jwt.Claims](string(token), jwt.WithKeySet(keys, jwa.ES256),
		jwt.WithIssuer("https://issuer.example.com"), jwt.WithAudience("https://api.example.com"), jwt.WithExpectedType("at+jwt"))
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(claims.Subject)

	ln.Close()
	if err := <-done; !errors.Is(err, net.ErrClosed) {
		fmt.Println(err)
	}
	// Output: alice
}
