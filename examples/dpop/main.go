// Command dpop runs an authorization server and a resource server that
// require DPoP-bound access tokens (RFC 9449), on loopback, and a client
// that uses them: a token bound to the client's key with "cnf" "jkt", a
// request with a fresh proof (accepted), the same proof replayed
// (refused), a proof made for another URL (refused), a proof made for
// another site and replayed with that site's Host header (refused: the
// resource server knows its own origin), and the token used with another
// key (refused). The resource server is protected by jwthttp.Middleware
// with jwthttp.DPoPProofs. It exits 0 when each turned out as expected.
package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// accessClaims are the claims of the access tokens the server issues.
type accessClaims struct {
	jwt.Claims
	Cnf *dpop.Confirmation `json:"cnf,omitempty"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "dpop:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

func run() error {
	issuerKey, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	validator, err := dpop.NewValidator()
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// The token endpoint binds the token to the key of the request's proof.
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		p, err := validator.Validate(r.Header, r.Method, srv.URL+r.URL.Path)
		if err != nil {
			http.Error(w, `{"error":"invalid_dpop_proof"}`, http.StatusBadRequest)
			return
		}
		now := time.Now()
		tok, err := jwt.Sign(accessClaims{
			Claims: jwt.Claims{Issuer: srv.URL, Subject: "alice",
				IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute))},
			Cnf: &dpop.Confirmation{JKT: p.Thumbprint},
		}, jwa.ES256, issuerKey, jwt.WithType("at+jwt"))
		if err != nil {
			http.Error(w, "", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, tok)
	})

	// The resource requires a DPoP-bound token and a proof made with its
	// key, for this server's own origin: behind a proxy, that is the
	// public origin clients use, never one read from the request.
	proofs, err := jwthttp.DPoPProofs(validator, []string{srv.URL})
	if err != nil {
		return err
	}
	auth, err := jwthttp.Middleware[accessClaims](
		jwthttp.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey.Public()), jwt.WithIssuer(srv.URL)),
		jwthttp.WithDPoP(proofs))
	if err != nil {
		return err
	}
	mux.Handle("GET /resource", auth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := jwthttp.ClaimsFrom[accessClaims](r.Context())
		fmt.Fprintf(w, "hello %s", c.Subject)
	})))

	// The client.
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	proof, err := dpop.NewProof("POST", srv.URL+"/token", jwa.ES256, key)
	if err != nil {
		return err
	}
	status, token, err := call("POST", srv.URL+"/token", "", proof, "")
	if err := expect("a token request with a proof", status, err, http.StatusOK); err != nil {
		return err
	}

	proof, err = dpop.NewProof("GET", srv.URL+"/resource", jwa.ES256, key, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	status, _, err = call("GET", srv.URL+"/resource", "", proof, token)
	if err := expect("the resource with a fresh proof", status, err, http.StatusOK); err != nil {
		return err
	}
	status, _, err = call("GET", srv.URL+"/resource", "", proof, token)
	if err := expect("the same proof replayed", status, err, http.StatusUnauthorized); err != nil {
		return err
	}
	other, err := dpop.NewProof("GET", srv.URL+"/elsewhere", jwa.ES256, key, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	status, _, err = call("GET", srv.URL+"/resource", "", other, token)
	if err := expect("a proof for another URL", status, err, http.StatusUnauthorized); err != nil {
		return err
	}
	// A proof the client made for another site (which relayed it here),
	// sent with that site's Host header.
	elsewhere, err := dpop.NewProof("GET", "http://other.example/resource", jwa.ES256, key, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	status, _, err = call("GET", srv.URL+"/resource", "other.example", elsewhere, token)
	if err := expect("another site's proof, with its Host", status, err, http.StatusUnauthorized); err != nil {
		return err
	}
	thief, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	stolen, err := dpop.NewProof("GET", srv.URL+"/resource", jwa.ES256, thief, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	status, _, err = call("GET", srv.URL+"/resource", "", stolen, token)
	return expect("the token with another key's proof", status, err, http.StatusUnauthorized)
}

// expect prints what a request got and returns an error unless it got
// the status wanted.
func expect(what string, status int, err error, want int) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if status != want {
		return fmt.Errorf("%s: got %d, want %d", what, status, want)
	}
	fmt.Printf("%-38s -> %d [ok]\n", what, status)
	return nil
}

// call sends a request with a DPoP proof and, if token is not empty, the
// token with the DPoP scheme; host, if not empty, is its Host header.
func call(method, url, host, proof, token string) (int, string, error) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		return 0, "", err
	}
	if host != "" {
		req.Host = host
	}
	req.Header.Set("DPoP", proof)
	if token != "" {
		req.Header.Set("Authorization", "DPoP "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, string(body), err
}
