package jwthttp_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/fakeweb"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// The functions marked "README: name" are the Go blocks of README.md
// (TestREADME in the repository's root checks them); the Examples run them.

// AppClaims are the claims of the README's API, as its "Your own claims"
// block declares them.
type AppClaims struct {
	jwt.Claims
	Scope string             `json:"scope"`
	Cnf   *dpop.Confirmation `json:"cnf,omitempty"` // a DPoP-bound token's key
}

// README: jwthttp-middleware
func serveOrders(ctx context.Context, ln net.Listener) error {
	keys, err := jwk.Discover(ctx, "https://accounts.example.com")
	if err != nil {
		return err
	}
	defer keys.Close()
	auth, err := jwthttp.Middleware[AppClaims](
		jwthttp.WithVerifyOptions(
			jwt.WithKeySet(keys, jwa.RS256, jwa.ES256),
			jwt.WithIssuer("https://accounts.example.com"),
			jwt.WithAudience("https://api.example.com")),
		jwthttp.WithRealm("api")) // tokens must be typed at+jwt (RFC 9068 §4)
	if err != nil {
		return err
	}

	mux := http.NewServeMux()
	mux.Handle("GET /orders", auth(jwthttp.RequireScope("orders:read")(http.HandlerFunc(orders))))
	return http.Serve(ln, mux)
}

// README: jwthttp-handler (declaration)
// orders runs behind the middleware, which leaves the verified claims in
// the request's context.
func orders(w http.ResponseWriter, r *http.Request) {
	claims, ok := jwthttp.ClaimsFrom[AppClaims](r.Context())
	if !ok {
		http.Error(w, "no claims", http.StatusInternalServerError)
		return
	}
	fmt.Fprintf(w, "the orders of %s\n", claims.Subject)
}

func Example_readmeMiddleware() {
	idpKey, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("2026-01"))
	if err != nil {
		panic(err)
	}
	idp := fakeweb.Start(fakeweb.Provider("https://accounts.example.com", publicJWKS(idpKey)), "accounts.example.com")
	defer idp.Close()
	defer idp.Install()()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	done := make(chan error, 1)
	go func() { done <- serveOrders(context.Background(), ln) }()

	get := func(token string) {
		req, err := http.NewRequest(http.MethodGet, "http://"+ln.Addr().String()+"/orders", nil)
		if err != nil {
			panic(err)
		}
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%d %s", resp.StatusCode, body)
	}
	get(accessToken(idpKey, "orders:read", ""))
	get(accessToken(idpKey, "profile", ""))
	get("")

	ln.Close()
	if err := <-done; !errors.Is(err, net.ErrClosed) {
		fmt.Println(err)
	}
	// Output:
	// 200 the orders of alice
	// 403 the access token lacks a required scope
	// 401 Unauthorized
}

// README: jwthttp-dpop
func dpopMiddleware(keys jwk.KeySet) (func(http.Handler) http.Handler, error) {
	v, err := dpop.NewValidator()
	if err != nil {
		return nil, err
	}
	proofs, err := jwthttp.DPoPProofs(v, []string{"https://api.example.com"})
	if err != nil {
		return nil, err
	}
	return jwthttp.Middleware[AppClaims](
		jwthttp.WithVerifyOptions(
			jwt.WithKeySet(keys, jwa.ES256),
			jwt.WithIssuer("https://accounts.example.com"),
			jwt.WithAudience("https://api.example.com")),
		jwthttp.WithDPoP(proofs))
}

func Example_readmeDPoPMiddleware() {
	idpKey, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	keys, err := jwk.NewSet(idpKey.Public())
	if err != nil {
		panic(err)
	}
	auth, err := dpopMiddleware(keys)
	if err != nil {
		panic(err)
	}
	h := auth(http.HandlerFunc(orders))

	client, err := jwk.Generate(jwa.ES256) // the client's DPoP key
	if err != nil {
		panic(err)
	}
	jkt, err := dpop.Thumbprint(client)
	if err != nil {
		panic(err)
	}
	token := accessToken(idpKey, "orders:read", jkt)
	proof, err := dpop.NewProof(http.MethodGet, "https://api.example.com/orders", jwa.ES256, client, dpop.WithAccessToken(token))
	if err != nil {
		panic(err)
	}
	for _, p := range []string{proof, proof} { // the second time, a replay
		r := httptest.NewRequest(http.MethodGet, "https://api.example.com/orders", nil)
		r.Header.Set("Authorization", "DPoP "+token)
		r.Header.Set("DPoP", p)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		fmt.Print(w.Code, " ", w.Body.String())
	}
	// Output:
	// 200 the orders of alice
	// 401 the DPoP proof is not valid
}

// accessToken is an access token of accounts.example.com for alice, with
// scope, bound to the DPoP key of thumbprint jkt if not empty.
func accessToken(key *jwk.Key, scope, jkt string) string {
	claims := AppClaims{Claims: jwt.Claims{
		Issuer: "https://accounts.example.com", Subject: "alice", Audience: jwt.Audience{"https://api.example.com"},
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour)),
	}, Scope: scope}
	if jkt != "" {
		claims.Cnf = &dpop.Confirmation{JKT: jkt}
	}
	token, err := jwt.Sign(claims, jwa.ES256, key, jwt.WithType(jwthttp.TokenType))
	if err != nil {
		panic(err)
	}
	return token
}

// publicJWKS is the JWK Set of key's public half.
func publicJWKS(key *jwk.Key) []byte {
	set, err := jwk.NewSet(key.Public())
	if err != nil {
		panic(err)
	}
	b, err := json.Marshal(set)
	if err != nil {
		panic(err)
	}
	return b
}
