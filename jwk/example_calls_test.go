package jwk_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Read a JWK Set, such as a key file of your own. ParseSet skips keys of
// a kind this package does not implement (the "AKP" key here). To take a
// key by its kid, range over Keys; Select is the lookup a verifier makes
// for a token, with the token's algorithm, and applies the rules of
// [jwk.Set.Select].
func ExampleParseSet() {
	set, err := jwk.ParseSet([]byte(jwks)) // os.ReadFile("keys.json"), say
	if err != nil {
		log.Fatal(err)
	}
	for _, k := range set.Keys() {
		if k.KeyID() == "bilbo.baggins@hobbiton.example" && k.KeyType() == jwa.KeyTypeRSA {
			fmt.Println(k)
		}
	}
	_, err = set.Select(context.Background(), jwk.Query{KeyID: "frodo", Signature: jwa.RS256})
	fmt.Println(errors.Is(err, jwk.ErrKeyNotFound))
	// Output:
	// jwk.Key{kty=RSA kid="bilbo.baggins@hobbiton.example"}
	// true
}

// Parse reads one JWK. A key whose JSON is malformed or whose values are
// not a valid key fails with ErrInvalidKeyData beside the cause.
func ExampleParse() {
	key, err := jwk.Parse([]byte(`{"kty":"OKP","crv":"Ed25519","kid":"ed-1",
		"x":"O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik"}`))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(key, key.IsPrivate())

	_, err = jwk.Parse([]byte(`{"kty":"OKP","crv":"Ed25519","x":"AAAA"}`))
	fmt.Println(errors.Is(err, jwk.ErrInvalidKeyData))
	// Output:
	// jwk.Key{kty=OKP crv=Ed25519 kid="ed-1"} false
	// true
}

// FromKey wraps a key the program already holds (a standard library key,
// a []byte secret, a crypto.Signer in a KMS) and can bind it to one
// algorithm and name it. Printing a key never shows its secrets.
func ExampleFromKey() {
	priv := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)) // a fixed key, for the example only
	key, err := jwk.FromKey(priv, jwk.WithAlgorithm(jwa.EdDSA), jwk.WithThumbprintKeyID())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(key)
	pub, err := key.Public().MarshalJSON()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(pub))
	// Output:
	// jwk.Key{kty=OKP crv=Ed25519 kid="9ZP03Nu8GrXPAUkbKNxHOKBzxPX83SShgFkRNK-f2lw" alg=EdDSA private}
	// {"kty":"OKP","kid":"9ZP03Nu8GrXPAUkbKNxHOKBzxPX83SShgFkRNK-f2lw","alg":"EdDSA","crv":"Ed25519","x":"O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik"}
}

// Discover finds an OpenID Connect provider's key set from its issuer URL.
// The provider here is a loopback https server; its client (which trusts
// the test certificate) is given with WithHTTPClient.
func ExampleDiscover() {
	key, err := jwk.Generate(jwa.RS256, jwk.WithKeyID("2025-01"))
	if err != nil {
		log.Fatal(err)
	}
	set, err := jwk.NewSet(key.Public())
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	provider := httptest.NewTLSServer(mux)
	defer provider.Close()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"issuer":%q,"jwks_uri":%q}`, provider.URL, provider.URL+"/jwks.json")
	})
	mux.HandleFunc("GET /jwks.json", func(w http.ResponseWriter, r *http.Request) {
		if err := json.NewEncoder(w).Encode(set); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})

	// At start-up; the context bounds the discovery request only.
	keys, err := jwk.Discover(context.Background(), provider.URL, jwk.WithHTTPClient(provider.Client()))
	if err != nil {
		log.Fatal(err)
	}
	defer keys.Close()
	fmt.Println(keys.URL() == provider.URL+"/jwks.json")

	// jwt.WithKeySet(keys, jwa.RS256) takes it; here, the lookup it makes.
	found, err := keys.Select(context.Background(), jwk.Query{KeyID: "2025-01", Signature: jwa.RS256})
	fmt.Println(len(found), err)
	// Output:
	// true
	// 1 <nil>
}
