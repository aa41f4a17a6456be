// Command protected-api protects an HTTP API with JWT access tokens: a
// local identity provider publishes its keys (OpenID Connect discovery and
// a JWK Set), and the API checks each request's bearer token with
// jwthttp.Middleware and a scope with jwthttp.RequireScope. Both run on
// loopback, so the program runs offline. It exits 0 when every request got
// the answer it should, and 1 otherwise.
//
//	go run ./examples/protected-api
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

const audience = "https://api.example.com"

// AccessClaims are the claims of the provider's access tokens.
type AccessClaims struct {
	jwt.Claims
	Scope string `json:"scope"`
}

// provider is a toy identity provider with one ES256 key.
type provider struct {
	srv *httptest.Server
	key *jwk.Key
}

func newProvider() (*provider, error) {
	key, err := jwk.Generate(jwa.ES256, jwk.WithThumbprintKeyID())
	if err != nil {
		return nil, err
	}
	p := &provider{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]string{"issuer": p.srv.URL, "jwks_uri": p.srv.URL + "/jwks.json"})
	})
	mux.HandleFunc("/jwks.json", func(w http.ResponseWriter, r *http.Request) {
		set, err := jwk.NewSet(p.key)
		if err != nil {
			http.Error(w, "no key set", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_ = json.NewEncoder(w).Encode(set.Public())
	})
	p.srv = httptest.NewServer(mux)
	return p, nil
}

// issue returns an RFC 9068 access token for sub with scope, valid for ttl
// (negative: already expired).
func (p *provider) issue(sub, scope string, ttl time.Duration) (string, error) {
	return p.sign(sub, scope, ttl, "at+jwt")
}

// sign returns a token of the given "typ" ("JWT" for an ID token).
func (p *provider) sign(sub, scope string, ttl time.Duration, typ string) (string, error) {
	now := time.Now()
	return jwt.Sign(AccessClaims{Claims: jwt.Claims{
		Issuer:    p.srv.URL,
		Subject:   sub,
		Audience:  jwt.Audience{audience},
		IssuedAt:  jwt.NewNumericDate(now.Add(-time.Minute)),
		ExpiresAt: jwt.NewNumericDate(now.Add(ttl)),
	}, Scope: scope}, jwa.ES256, p.key, jwt.WithType(typ))
}

func main() {
	log.SetFlags(0)
	if err := run(os.Stdout); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func run(out io.Writer) error {
	idp, err := newProvider()
	if err != nil {
		return err
	}
	defer idp.srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// The API: find the provider's keys once at start-up (a real provider
	// is https; WithInsecureHTTP is for this loopback demo only) ...
	keys, err := jwk.Discover(ctx, idp.srv.URL, jwk.WithInsecureHTTP())
	if err != nil {
		return err
	}
	defer keys.Close() // stops its background refresh
	// ... and protect the handlers with them. Tokens must be typed at+jwt
	// (RFC 9068 §4), the middleware's default.
	auth, err := jwthttp.Middleware[AccessClaims](
		jwthttp.WithVerifyOptions(
			jwt.WithKeySet(keys, jwa.ES256, jwa.RS256),
			jwt.WithIssuer(idp.srv.URL),
			jwt.WithAudience(audience),
			jwt.WithLeeway(30*time.Second)),
		jwthttp.WithRealm("orders-api"))
	if err != nil {
		return err
	}
	orders := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := jwthttp.ClaimsFrom[AccessClaims](r.Context())
		fmt.Fprintf(w, "the orders of %s", c.Subject)
	})
	mux := http.NewServeMux()
	mux.Handle("GET /orders", auth(jwthttp.RequireScope("orders:read")(orders)))
	api := httptest.NewServer(mux)
	defer api.Close()

	good, err := idp.issue("alice", "orders:read profile", 5*time.Minute)
	if err != nil {
		return err
	}
	expired, err := idp.issue("alice", "orders:read", -5*time.Minute)
	if err != nil {
		return err
	}
	noScope, err := idp.issue("bob", "profile", 5*time.Minute)
	if err != nil {
		return err
	}
	// Same issuer, keys and audience, but not an access token.
	idToken, err := idp.sign("alice", "orders:read", 5*time.Minute, "JWT")
	if err != nil {
		return err
	}
	// A scope claim whose separator is a no-break space, not SP.
	oddScope, err := idp.issue("mallory", "profile\u00a0orders:read", 5*time.Minute)
	if err != nil {
		return err
	}
	failed := 0
	for _, c := range []struct {
		what, auth string
		want       int
	}{
		{"a valid token", "Bearer " + good, http.StatusOK},
		{"no token", "", http.StatusUnauthorized},
		{"an expired token", "Bearer " + expired, http.StatusUnauthorized},
		{"a token without the scope", "Bearer " + noScope, http.StatusForbidden},
		{"a malformed header", "Bearer not a token", http.StatusBadRequest},
		{"an ID token (typ JWT)", "Bearer " + idToken, http.StatusUnauthorized},
		{"a scope split by U+00A0", "Bearer " + oddScope, http.StatusUnauthorized},
	} {
		status, challenge, body, err := get(api.URL+"/orders", c.auth)
		if err != nil {
			return err
		}
		mark := "ok"
		if status != c.want {
			mark = fmt.Sprintf("FAILED, want %d", c.want)
			failed++
		}
		fmt.Fprintf(out, "%-26s -> %d %s [%s]\n", c.what, status, describe(challenge, body), mark)
	}
	if failed > 0 {
		return fmt.Errorf("%d request(s) got the wrong answer", failed)
	}
	return nil
}

func describe(challenge, body string) string {
	if challenge != "" {
		return "WWW-Authenticate: " + challenge
	}
	return fmt.Sprintf("%q", body)
}

func get(url, authorization string) (status int, challenge, body string, err error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, "", "", err
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, resp.Header.Get("WWW-Authenticate"), string(b), err
}
