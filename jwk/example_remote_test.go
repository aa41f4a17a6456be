package jwk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Verify tokens against an identity provider's key set. The provider here
// is a loopback server; a real one is an https:// jwks_uri (or use
// [jwk.Discover] with the issuer URL).
func ExampleNewRemote() {
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("2025-01"))
	if err != nil {
		log.Fatal(err)
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		log.Fatal(err)
	}
	provider := serveJSON(set.Public()) // publish the public keys only
	defer provider.Close()

	// A Remote lives until it is closed; it is made once, at start-up, not
	// per request.
	keys, err := jwk.NewRemote(provider.URL, jwk.WithInsecureHTTP())
	if err != nil {
		log.Fatal(err)
	}
	defer keys.Close() // stops the background refresh

	// jws, jwe and jwt take it as a key set: jwt.WithKeySet(keys, jwa.ES256).
	// Here, the key for a token with kid "2025-01" and alg ES256; the
	// context bounds this call only.
	found, err := keys.Select(context.Background(), jwk.Query{KeyID: "2025-01", Signature: jwa.ES256})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(found), found[0].KeyID(), found[0].IsPrivate())
	// Output: 1 2025-01 false
}

// A provider that publishes its private key is refused: anyone could sign
// with it.
func ExampleErrPublishedSecret() {
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("leaked"))
	if err != nil {
		log.Fatal(err)
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		log.Fatal(err)
	}
	provider := serveJSON(set) // the mistake: the private key, "d" and all
	defer provider.Close()

	keys, err := jwk.NewRemote(provider.URL, jwk.WithInsecureHTTP())
	if err != nil {
		log.Fatal(err)
	}
	defer keys.Close()
	_, err = keys.Select(context.Background(), jwk.Query{KeyID: "leaked", Signature: jwa.ES256})
	fmt.Println(errors.Is(err, jwk.ErrFetch), errors.Is(err, jwk.ErrPublishedSecret))
	// Output: true true
}

// serveJSON is a loopback identity provider that serves v as JSON.
func serveJSON(v any) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := json.NewEncoder(w).Encode(v); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	}))
}
