package jwk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Verify tokens against an identity provider's key set. The provider here
// is a loopback server; a real one is an https:// jwks_uri (or use
// [jwk.Discover] with the issuer URL).
func ExampleNewRemote() {
	key, _ := jwk.Generate(jwa.ES256, jwk.WithKeyID("2025-01"))
	set, _ := jwk.NewSet(key)
	provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(set.Public())
	}))
	defer provider.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // stops the background refresh
	keys, err := jwk.NewRemote(ctx, provider.URL, jwk.WithInsecureHTTP())
	if err != nil {
		panic(err)
	}
	// jws, jwe and jwt take it as a key set: jwt.WithKeySet(keys, jwa.ES256).
	// Here, the key for a token with kid "2025-01" and alg ES256:
	found, err := keys.Select(ctx, jwk.Query{KeyID: "2025-01", Signature: jwa.ES256})
	fmt.Println(len(found), found[0].KeyID(), found[0].IsPrivate(), err)
	// Output: 1 2025-01 false <nil>
}
