package jwthttp_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/joseproject/jose/jwa"
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
			jwt.WithAudience("https://api.example.com"),
			jwt.WithType("at+jwt")),
		jwthttp.WithRealm("example"))
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
