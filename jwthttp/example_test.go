package jwthttp_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// The API's own claims: the registered ones and the scope.
type AccessClaims struct {
	jwt.Claims
	Scope string `json:"scope"`
}

func Example() {
	// The identity provider's key. A real API uses jwt.WithKeySet with
	// jwk.Discover or jwk.NewRemote instead.
	secret := []byte("a 32-byte secret for HS256 only!")

	auth, err := jwthttp.Middleware[AccessClaims](
		jwthttp.WithVerifyOptions(
			jwt.WithKey(jwa.HS256, secret),
			jwt.WithIssuer("https://issuer.example.com"),
			jwt.WithAudience("https://api.example.com")),
		jwthttp.WithRealm("example")) // tokens must be typed at+jwt (RFC 9068 §4)
	if err != nil {
		panic(err)
	}
	orders := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims, _ := jwthttp.ClaimsFrom[AccessClaims](r.Context())
		fmt.Fprintf(w, "orders of %s", claims.Subject)
	})
	mux := http.NewServeMux()
	mux.Handle("GET /orders", auth(jwthttp.RequireScope("orders:read")(orders)))

	send := func(token string) {
		r := httptest.NewRequest("GET", "/orders", nil)
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code == http.StatusOK {
			fmt.Println(w.Code, w.Body)
		} else {
			fmt.Println(w.Code, w.Header().Get("WWW-Authenticate"))
		}
	}
	issue := func(scope string, exp time.Duration) string {
		token, err := jwt.Sign(AccessClaims{Claims: jwt.Claims{
			Issuer:    "https://issuer.example.com",
			Subject:   "alice",
			Audience:  jwt.Audience{"https://api.example.com"},
			ExpiresAt: jwt.NewNumericDate(time.Now().Add(exp)),
		}, Scope: scope}, jwa.HS256, secret, jwt.WithType("at+jwt"))
		if err != nil {
			panic(err)
		}
		return token
	}

	send(issue("orders:read", time.Hour))
	send("")
	send(issue("orders:read", -time.Hour))
	send(issue("profile", time.Hour))
	// Output:
	// 200 orders of alice
	// 401 Bearer realm="example"
	// 401 Bearer realm="example", error="invalid_token", error_description="the access token expired"
	// 403 Bearer realm="example", error="insufficient_scope", error_description="the access token lacks a required scope", scope="orders:read"
}

// An API that accepts DPoP-bound tokens names its own public origin: a
// proof is checked against it and the request's path, never against the
// Host header the client sent.
func ExampleDPoPProofs() {
	v, err := dpop.NewValidator() // once: it remembers the proofs it saw
	if err != nil {
		panic(err)
	}
	proofs, err := jwthttp.DPoPProofs(v, []string{"https://api.example.com"})
	if err != nil {
		panic(err)
	}
	issuerKey, _ := jwk.Generate(jwa.ES256)
	auth, err := jwthttp.Middleware[AccessClaims](
		jwthttp.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey.Public()),
			jwt.WithIssuer("https://issuer.example.com")),
		jwthttp.WithDPoP(proofs))
	if err != nil {
		panic(err)
	}
	h := auth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "orders") }))

	// A client key, and a token bound to it.
	clientKey, _ := jwk.Generate(jwa.ES256)
	jkt, _ := dpop.Thumbprint(clientKey)
	token, _ := jwt.Sign(map[string]any{"iss": "https://issuer.example.com", "sub": "alice",
		"exp": time.Now().Add(time.Hour).Unix(), "cnf": dpop.Confirmation{JKT: jkt}},
		jwa.ES256, issuerKey, jwt.WithType("at+jwt"))
	send := func(htu, host string) {
		proof, _ := dpop.NewProof("GET", htu, jwa.ES256, clientKey, dpop.WithAccessToken(token))
		r := httptest.NewRequest("GET", "/orders", nil)
		r.Host = host
		r.Header.Set("Authorization", "DPoP "+token)
		r.Header.Set("DPoP", proof)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Println(strings.TrimSpace(fmt.Sprint(w.Code, " ", w.Header().Get("WWW-Authenticate"))))
	}
	send("https://api.example.com/orders", "api.example.com")
	// A proof made for another site, replayed with that site's Host.
	send("https://other.example/orders", "other.example")
	// Output:
	// 200
	// 401 DPoP error="invalid_dpop_proof", error_description="the DPoP proof is not valid"
}
