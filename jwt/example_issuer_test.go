package jwt_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// A service that trusts several issuers reads the token's "iss" before
// verifying, only to choose the issuer's keys; WithIssuer then makes the
// verified token say the same. Nothing read before Verify is trusted.
func Example_issuerFirst() {
	issuerKeys := map[string]*jwk.Key{}
	for _, iss := range []string{"https://a.example", "https://b.example"} {
		k, err := jwk.Generate(jwa.ES256)
		if err != nil {
			panic(err)
		}
		issuerKeys[iss] = k
	}
	token, err := jwt.Sign(jwt.Claims{Issuer: "https://b.example", Subject: "carol",
		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}, jwa.ES256, issuerKeys["https://b.example"])
	if err != nil {
		panic(err)
	}

	// Unverified: which issuer does the token claim?
	m, err := jws.Parse(token)
	if err != nil {
		panic(err)
	}
	var claimed struct {
		Issuer string `json:"iss"`
	}
	if err := json.Unmarshal(m.UnverifiedPayload(), &claimed); err != nil {
		panic(err)
	}
	key, ok := issuerKeys[claimed.Issuer]
	if !ok {
		fmt.Println("unknown issuer")
		return
	}

	// Verified, with the issuer it claimed.
	c, err := jwt.Verify[jwt.Claims](token, jwt.WithKey(jwa.ES256, key.Public()), jwt.WithIssuer(claimed.Issuer))
	fmt.Println(c.Issuer, c.Subject, err)
	// Output: https://b.example carol <nil>
}
