package dpop_test

import (
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/fakeweb"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// The functions marked "README: name" are the Go blocks of README.md
// (TestREADME in the repository's root checks them); the Example runs them.

// AccessClaims are the claims of a DPoP-bound access token.
type AccessClaims struct {
	jwt.Claims
	Cnf dpop.Confirmation `json:"cnf"`
}

// README: dpop-client
func getItems(client *http.Client, key *jwk.Key, token string) (*http.Response, error) {
	// One proof per request.
	proof, err := dpop.NewProof("GET", "https://api.example.com/items", jwa.ES256, key,
		dpop.WithAccessToken(token))
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest("GET", "https://api.example.com/items", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("DPoP", proof)
	req.Header.Set("Authorization", "DPoP "+token)
	return client.Do(req)
}

// README: dpop-server
func checkProof(v *dpop.Validator, r *http.Request, token string, claims AccessClaims) error {
	// v is made once, at start-up, with dpop.NewValidator: it remembers
	// the proofs it has seen. Then, for each request:
	p, err := v.Validate(r.Header, r.Method, "https://api.example.com/items",
		dpop.WithAccessToken(token), dpop.WithThumbprint(claims.Cnf.JKT))
	if err != nil {
		return err // errors.Is(err, dpop.ErrReplay), dpop.ErrKeyMismatch, ...
	}
	fmt.Println("proof of key", p.Thumbprint == claims.Cnf.JKT)
	return nil
}

func Example_readmeDPoP() {
	issuer, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	v, err := dpop.NewValidator()
	if err != nil {
		panic(err)
	}
	// api.example.com, on loopback: the access token's signature first,
	// then the proof.
	api := fakeweb.Start(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		token, err := dpop.AccessToken(r.Header)
		var claims AccessClaims
		if err == nil {
			claims, err = jwt.Verify[AccessClaims](token, jwt.WithKey(jwa.ES256, issuer.Public()))
		}
		if err == nil {
			err = checkProof(v, r, token, claims)
		}
		if err != nil {
			http.Error(w, "refused", http.StatusUnauthorized)
			return
		}
		fmt.Fprintln(w, "the items")
	}), "api.example.com")
	defer api.Close()

	key, err := jwk.Generate(jwa.ES256) // the client's DPoP key
	if err != nil {
		panic(err)
	}
	jkt, err := dpop.Thumbprint(key)
	if err != nil {
		panic(err)
	}
	token, err := jwt.Sign(AccessClaims{
		Claims: jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))},
		Cnf:    dpop.Confirmation{JKT: jkt},
	}, jwa.ES256, issuer)
	if err != nil {
		panic(err)
	}
	resp, err := getItems(api.Client(), key, token)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		panic(err)
	}
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output:
	// proof of key true
	// 200 the items
}
