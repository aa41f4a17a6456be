package sdjwt_test

import (
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

// The keys of the examples: the issuer's, and the holder's (wallet) key.
var (
	issuerKey, _ = jwk.Generate(jwa.ES256)
	holderKey, _ = jwk.Generate(jwa.Ed25519)
)

// issueExample is the SD-JWT the issuer of ExampleIssue gives the holder.
func issueExample() string {
	claims := map[string]any{
		"iss":           "https://issuer.example.com",
		"exp":           time.Now().Add(time.Hour).Unix(),
		"given_name":    "Erika",
		"birthdate":     "1964-08-12",
		"address":       map[string]any{"locality": "Berlin", "street_address": "Heidestraße 17"},
		"nationalities": []string{"DE", "FR"},
	}
	sd, err := sdjwt.Issue(claims, jwa.ES256, issuerKey,
		sdjwt.WithDisclosable("/given_name", "/birthdate", "/address/street_address", "/nationalities/0", "/nationalities/1"),
		sdjwt.WithDecoys(2),
		sdjwt.WithConfirmationKey(holderKey.Public()),
		sdjwt.WithSignOptions(jwt.WithType("example+sd-jwt")))
	if err != nil {
		panic(err)
	}
	return sd
}

// An issuer hides some claims behind digests; the holder receives the
// SD-JWT with every disclosure.
func ExampleIssue() {
	sd := issueExample()
	tok, err := sdjwt.ParseUnverified(sd)
	if err != nil {
		panic(err)
	}
	for _, d := range tok.Disclosures() {
		fmt.Println(d.Path(), string(d.Value()))
	}
	// Output:
	// /address/street_address "Heidestraße 17"
	// /birthdate "1964-08-12"
	// /given_name "Erika"
	// /nationalities/0 "DE"
	// /nationalities/1 "FR"
}

// A holder checks the SD-JWT it received, then presents only some claims to a
// verifier, with a Key Binding JWT for the verifier's nonce.
func ExampleSDJWT_Present() {
	tok, err := sdjwt.Parse(issueExample(), sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey.Public())))
	if err != nil {
		panic(err)
	}
	var chosen []*sdjwt.Disclosure
	for _, d := range tok.Disclosures() {
		if d.Path() == "/given_name" || d.Path() == "/nationalities/1" {
			chosen = append(chosen, d)
		}
	}
	vp, err := tok.Present(chosen,
		sdjwt.WithHolderKey(jwa.Ed25519, holderKey),
		sdjwt.WithKeyBinding("https://verifier.example.org", "XZOUco1u_gEPknxS78sWWg"))
	if err != nil {
		panic(err)
	}
	fmt.Println(len(vp) > 0)
	// Output: true
}

// A verifier checks a presentation and reads the claims revealed.
func ExampleVerify() {
	tok, _ := sdjwt.ParseUnverified(issueExample())
	var chosen []*sdjwt.Disclosure
	for _, d := range tok.Disclosures() {
		if d.Path() == "/given_name" || d.Path() == "/nationalities/1" {
			chosen = append(chosen, d)
		}
	}
	vp, _ := tok.Present(chosen, sdjwt.WithHolderKey(jwa.Ed25519, holderKey),
		sdjwt.WithKeyBinding("https://verifier.example.org", "XZOUco1u_gEPknxS78sWWg"))

	claims, err := sdjwt.Verify[map[string]any](vp,
		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey.Public()), jwt.WithExpectedType("example+sd-jwt"),
			jwt.WithIssuer("https://issuer.example.com")),
		sdjwt.WithRequiredKeyBinding("https://verifier.example.org", "XZOUco1u_gEPknxS78sWWg"))
	if err != nil {
		panic(err)
	}
	fmt.Println(claims["given_name"], claims["nationalities"], claims["birthdate"], claims["address"])
	// Output: Erika [FR] <nil> map[locality:Berlin]
}
