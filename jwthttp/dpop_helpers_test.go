package jwthttp_test

import (
	"net/http"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwthttp"
)

// dpopClient is a client with a DPoP key and an access token of the
// fixture bound to it.
type dpopClient struct {
	t     testing.TB
	key   *jwk.Key
	token string
}

func (f *fixture) dpopClient() *dpopClient {
	f.t.Helper()
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		f.t.Fatal(err)
	}
	jkt, err := dpop.Thumbprint(key)
	if err != nil {
		f.t.Fatal(err)
	}
	return &dpopClient{t: f.t, key: key, token: f.token(func(m map[string]any) { m["cnf"] = dpop.Confirmation{JKT: jkt} })}
}

// proof is a proof of the client's key for a GET of uri with its token.
func (c *dpopClient) proof(uri string) string {
	c.t.Helper()
	p, err := dpop.NewProof(http.MethodGet, uri, jwa.ES256, c.key, dpop.WithAccessToken(c.token))
	if err != nil {
		c.t.Fatal(err)
	}
	return p
}

// dpopProofs is package dpop's DPoPVerifier for http://example.com (what
// httptest.NewRequest addresses), with a Validator made with opts.
func dpopProofs(t testing.TB, opts ...dpop.ValidatorOption) jwthttp.DPoPVerifier {
	t.Helper()
	v, err := dpop.NewValidator(opts...)
	if err != nil {
		t.Fatal(err)
	}
	proofs, err := jwthttp.DPoPProofs(v, []string{"http://example.com"})
	if err != nil {
		t.Fatal(err)
	}
	return proofs
}
