package dpop_test

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// A client signs a proof for each request with a key of its own, and sends
// the access token with the DPoP scheme.
func ExampleNewProof() {
	key, err := jwk.Generate(jwa.ES256) // keep it for as long as the tokens bound to it
	if err != nil {
		panic(err)
	}
	req, _ := http.NewRequest("GET", "https://api.example.com/items?page=2", nil)
	accessToken := "token-from-the-authorization-server"
	proof, err := dpop.NewProof(req.Method, req.URL.String(), jwa.ES256, key,
		dpop.WithAccessToken(accessToken))
	if err != nil {
		panic(err)
	}
	req.Header.Set("DPoP", proof)
	req.Header.Set("Authorization", "DPoP "+accessToken)
	fmt.Println(req.Header.Get("Authorization"))
	// Output: DPoP token-from-the-authorization-server
}

// A resource server checks the proof against the request, the access token
// and the key the token is bound to ("cnf" "jkt", read from the verified
// token), and answers each failure with the error code RFC 9449 names.
func ExampleValidator_Validate() {
	v, err := dpop.NewValidator() // once, at start-up
	if err != nil {
		panic(err)
	}

	// The client's side, for the example.
	key, _ := jwk.Generate(jwa.ES256)
	jkt, _ := dpop.Thumbprint(key) // what the authorization server put in cnf.jkt
	proof, _ := dpop.NewProof("GET", "https://api.example.com/items", jwa.ES256, key,
		dpop.WithAccessToken("tok"))
	h := http.Header{"Authorization": {"DPoP tok"}, "Dpop": {proof}}

	token, err := dpop.AccessToken(h)
	if err != nil {
		panic(err)
	}
	// ... verify token with jwt.Verify and read its cnf.jkt ...
	check := func() string {
		_, err := v.Validate(h, "GET", "https://api.example.com/items",
			dpop.WithAccessToken(token), dpop.WithThumbprint(jkt))
		switch {
		case err == nil:
			return "ok"
		case errors.Is(err, dpop.ErrUseNonce):
			return "401 use_dpop_nonce"
		case errors.Is(err, dpop.ErrKeyMismatch):
			return "401 invalid_token"
		case errors.Is(err, dpop.ErrInvalidProof):
			return "401 invalid_dpop_proof"
		}
		return "500"
	}
	fmt.Println(check())
	fmt.Println(check()) // the same proof again
	// Output:
	// ok
	// 401 invalid_dpop_proof
}

// An authorization server binds the token it issues to the proof's key.
func ExampleProof_Thumbprint() {
	v, _ := dpop.NewValidator(dpop.WithClock(func() time.Time { return time.Unix(1562262616, 0) }))
	// The proof of RFC 9449 §4.1.
	proof := "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0RscEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAtMjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29tL3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK70nfbV37xRZT3Lg"
	p, err := v.ValidateProof(proof, "POST", "https://server.example.com/token")
	if err != nil {
		panic(err)
	}
	cnf := dpop.Confirmation{JKT: p.Thumbprint} // the access token's "cnf" claim
	fmt.Println(cnf.JKT)
	// Output: 0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I
}

// A server whose clients use large RSA keys widens the bounds on the
// proof's key; by default a proof's RSA key has at most 4096 bits and the
// exponent 65537, since anyone can send a proof and a larger key costs the
// server more before anything is authenticated.
func ExampleWithEmbeddedKeyLimits() {
	v, err := dpop.NewValidator(dpop.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{MaxRSABits: 8192}))
	if err != nil {
		panic(err)
	}
	fmt.Println(v != nil)
	// Output: true
}
