package sdjwt_test

import (
	"fmt"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

// The function marked "README: name" is a Go block of README.md
// (TestREADME in the repository's root checks it); the Example runs it.

// README: sdjwt
func discloseSome(claims map[string]any, issuerKey, issuerPub, holderKey *jwk.Key, nonce string) error {
	// Issuer: hide chosen claims behind salted digests, bound to the holder's key.
	sd, err := sdjwt.Issue(claims, jwa.ES256, issuerKey,
		sdjwt.WithDisclosable("/given_name", "/address/street_address", "/nationalities/0"),
		sdjwt.WithConfirmationKey(holderKey.Public()),
		sdjwt.WithSignOptions(jwt.WithType("example+sd-jwt")))
	if err != nil {
		return err
	}

	// Holder: check it, pick what to reveal, sign a Key Binding JWT.
	tok, err := sdjwt.Parse(sd, sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerPub)))
	if err != nil {
		return err
	}
	var chosen []*sdjwt.Disclosure
	for _, d := range tok.Disclosures() {
		if name, ok := d.Name(); ok && name == "given_name" {
			chosen = append(chosen, d)
		}
	}
	vp, err := tok.Present(chosen, sdjwt.WithHolderKey(jwa.Ed25519, holderKey),
		sdjwt.WithKeyBinding("https://verifier.example.org", nonce))
	if err != nil {
		return err
	}

	// Verifier: issuer signature, every digest exactly once, key binding, then jwt's claim checks.
	c, err := sdjwt.Verify[map[string]any](vp,
		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerPub), jwt.WithIssuer("https://issuer.example.com")),
		sdjwt.WithRequiredKeyBinding("https://verifier.example.org", nonce))
	if err != nil {
		return err
	}
	fmt.Println(c["given_name"], c["family_name"], c["address"])
	return nil
}

func Example_readmeSelectiveDisclosure() {
	issuer, err := jwk.Generate(jwa.ES256)
	if err != nil {
		panic(err)
	}
	holder, err := jwk.Generate(jwa.Ed25519)
	if err != nil {
		panic(err)
	}
	claims := map[string]any{
		"iss":           "https://issuer.example.com",
		"exp":           time.Now().Add(time.Hour).Unix(),
		"given_name":    "Erika",
		"family_name":   "Mustermann",
		"address":       map[string]any{"locality": "Berlin", "street_address": "Heidestraße 17"},
		"nationalities": []any{"DE"},
	}
	if err := discloseSome(claims, issuer, issuer.Public(), holder, "n-0S6_WzA2Mj"); err != nil {
		fmt.Println(err)
	}
	// Output: Erika Mustermann map[locality:Berlin]
}
