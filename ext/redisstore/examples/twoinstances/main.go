// Command twoinstances runs two instances of one API, as behind a load
// balancer: each is an httptest server on loopback with the jwthttp
// middleware, its own DPoP Validator, and one Redis shared through
// redisstore. A client with a DPoP-bound token then shows that
//
//   - a proof accepted by instance A is refused as a replay by instance B;
//   - a token revoked through instance A (its logout) is refused by both.
//
// It prints each request and exits 0 when each turned out as expected.
//
//	go run ./examples/twoinstances -redis 127.0.0.1:6379
package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/ext/redisstore"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
	"github.com/redis/go-redis/v9"
)

// The public origin of the API: both instances are reached under it, so a
// proof's "htu" names it, not an instance's own address.
const (
	origin = "https://api.example.com"
	issuer = "https://issuer.example.com"
	leeway = 30 * time.Second
)

// accessClaims are the claims of the API's access tokens.
type accessClaims struct {
	jwt.Claims
	Cnf *dpop.Confirmation `json:"cnf,omitempty"`
}

func main() {
	addr := flag.String("redis", envOr("JOSE_TEST_REDIS", "127.0.0.1:6379"), "address of the Redis the instances share")
	flag.Parse()
	if err := run(context.Background(), *addr, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "twoinstances:", err)
		os.Exit(1)
	}
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, addr string, out io.Writer) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr, ContextTimeoutEnabled: true})
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("no Redis at %s: %w", addr, err)
	}
	// A prefix of this run's own, so that runs never see each other's keys.
	var run [6]byte
	rand.Read(run[:])
	store := redisstore.New(rdb, redisstore.WithPrefix("twoinstances:"+hex.EncodeToString(run[:])+":"))

	issuerKey, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	a, err := instance("A", store, issuerKey.Public())
	if err != nil {
		return err
	}
	defer a.Close()
	b, err := instance("B", store, issuerKey.Public())
	if err != nil {
		return err
	}
	defer b.Close()

	// The client: a key, and a token bound to it (issued here directly).
	clientKey, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	jkt, err := clientKey.Thumbprint(0)
	if err != nil {
		return err
	}
	now := time.Now()
	token, err := jwt.Sign(accessClaims{
		Claims: jwt.Claims{Issuer: issuer, Subject: "alice", Audience: jwt.Audience{origin}, ID: randomID(),
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute))},
		Cnf: &dpop.Confirmation{JKT: base64.RawURLEncoding.EncodeToString(jkt)},
	}, jwa.ES256, issuerKey, jwt.WithType("at+jwt"))
	if err != nil {
		return err
	}
	c := client{key: clientKey, token: token, out: out}

	proof, err := c.proof("GET", "/orders")
	if err != nil {
		return err
	}
	steps := []struct {
		what   string
		srv    *httptest.Server
		method string
		path   string
		proof  string // "" for a fresh one
		want   int
		code   string // the error code of the challenge
	}{
		{"fresh proof", a, "GET", "/orders", proof, http.StatusOK, ""},
		{"the same proof, replayed", b, "GET", "/orders", proof, http.StatusUnauthorized, jwthttp.CodeInvalidDPoPProof},
		{"fresh proof", b, "GET", "/orders", "", http.StatusOK, ""},
		{"logout: revokes the token", a, "POST", "/logout", "", http.StatusNoContent, ""},
		{"fresh proof, revoked token", a, "GET", "/orders", "", http.StatusUnauthorized, jwthttp.CodeInvalidToken},
		{"fresh proof, revoked token", b, "GET", "/orders", "", http.StatusUnauthorized, jwthttp.CodeInvalidToken},
	}
	var failed []string
	for _, s := range steps {
		status, challenge, err := c.do(s.srv, s.method, s.path, s.proof)
		if err != nil {
			return err
		}
		name := "A"
		if s.srv == b {
			name = "B"
		}
		fmt.Fprintf(out, "%s %-6s %-8s %-28s %d %s\n", name, s.method, s.path, s.what, status, challenge)
		if status != s.want || !strings.Contains(challenge, s.code) {
			failed = append(failed, fmt.Sprintf("%s %s %s (%s): %d %q, want %d %s", name, s.method, s.path, s.what, status, challenge, s.want, s.code))
		}
	}
	if failed != nil {
		return errors.New(strings.Join(failed, "; "))
	}
	fmt.Fprintln(out, "ok")
	return nil
}

// instance starts one instance of the API: GET /orders, and POST /logout,
// which revokes the caller's token on every instance.
func instance(name string, store *redisstore.Store, issuerKey *jwk.Key) (*httptest.Server, error) {
	proofs, err := dpop.NewValidator(dpop.WithReplayStore(store))
	if err != nil {
		return nil, err
	}
	// Behind the load balancer, the URI the client addressed is the
	// public origin's, whichever instance answers.
	dpopProofs, err := jwthttp.DPoPProofs(proofs, []string{origin})
	if err != nil {
		return nil, err
	}
	auth, err := jwthttp.Middleware[accessClaims](
		jwthttp.WithVerifyOptions(
			jwt.WithKey(jwa.ES256, issuerKey),
			jwt.WithIssuer(issuer),
			jwt.WithAudience(origin),
			jwt.WithLeeway(leeway),
			jwt.WithJTIValidator(store.JTIValidator())),
		jwthttp.WithDPoP(dpopProofs))
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /orders", func(w http.ResponseWriter, r *http.Request) {
		c, _ := jwthttp.ClaimsFrom[accessClaims](r.Context())
		fmt.Fprintf(w, "orders of %s, from instance %s\n", c.Subject, name)
	})
	mux.HandleFunc("POST /logout", func(w http.ResponseWriter, r *http.Request) {
		c, _ := jwthttp.ClaimsFrom[accessClaims](r.Context())
		// Until the last instant any instance could accept the token.
		if err := store.Revoke(r.Context(), c.ID, c.ExpiresAt.Add(leeway)); err != nil {
			http.Error(w, "the token could not be revoked", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	return httptest.NewServer(auth(mux)), nil
}

// client makes requests with the token and a DPoP proof.
type client struct {
	key   *jwk.Key
	token string
	out   io.Writer
}

func (c client) proof(method, path string) (string, error) {
	return dpop.NewProof(method, origin+path, jwa.ES256, c.key, dpop.WithAccessToken(c.token))
}

// do sends a request to srv with proof, or a fresh proof when it is "",
// and returns the status and the WWW-Authenticate challenge.
func (c client) do(srv *httptest.Server, method, path, proof string) (int, string, error) {
	if proof == "" {
		var err error
		if proof, err = c.proof(method, path); err != nil {
			return 0, "", err
		}
	}
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "DPoP "+c.token)
	req.Header.Set("DPoP", proof)
	resp, err := srv.Client().Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, resp.Header.Get("WWW-Authenticate"), nil
}

func randomID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
