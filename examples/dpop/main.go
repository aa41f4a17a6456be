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
	if err != nil || status != http.StatusOK {
		return fmt.Errorf("token request: %d %v", status, err)
	}

	proof, err = dpop.NewProof("GET", srv.URL+"/resource", jwa.ES256, key, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	if status, body, err := call("GET", srv.URL+"/resource", "", proof, token); err != nil || status != http.StatusOK {
		return fmt.Errorf("resource with a fresh proof: %d %q %v", status, body, err)
	}
	if status, _, err := call("GET", srv.URL+"/resource", "", proof, token); err != nil || status != http.StatusUnauthorized {
		return fmt.Errorf("replayed proof: got %d %v, want 401", status, err)
	}
	other, err := dpop.NewProof("GET", srv.URL+"/elsewhere", jwa.ES256, key, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	if status, _, err := call("GET", srv.URL+"/resource", "", other, token); err != nil || status != http.StatusUnauthorized {
		return fmt.Errorf("proof for another URL: got %d %v, want 401", status, err)
	}
	// A proof the client made for another site (which relayed it here),
	// sent with that site's Host header.
	elsewhere, err := dpop.NewProof("GET", "http://other.example/resource", jwa.ES256, key, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	if status, _, err := call("GET", srv.URL+"/resource", "other.example", elsewhere, token); err != nil || status != http.StatusUnauthorized {
		return fmt.Errorf("proof for another site with its Host: got %d %v, want 401", status, err)
	}
	thief, err := jwk.Generate(jwa.ES256)
	if err != nil {
		return err
	}
	stolen, err := dpop.NewProof("GET", srv.URL+"/resource", jwa.ES256, thief, dpop.WithAccessToken(token))
	if err != nil {
		return err
	}
	if status, _, err := call("GET", srv.URL+"/resource", "", stolen, token); err != nil || status != http.StatusUnauthorized {
		return fmt.Errorf("stolen token with another key: got %d %v, want 401", status, err)
	}
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
