package jwthttp_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwthttp"
)

// TestDPoPProofs runs the middleware with package dpop's real proofs.
func TestDPoPProofs(t *testing.T) {
	f := newFixture(t)
	client, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	jkt, err := dpop.Thumbprint(client)
	if err != nil {
		t.Fatal(err)
	}
	token := f.token(func(m map[string]any) { m["cnf"] = dpop.Confirmation{JKT: jkt} })
	v, err := dpop.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	var seen error
	proofs, err := jwthttp.DPoPProofs(v, []string{"http://example.com"})
	if err != nil {
		t.Fatal(err)
	}
	h := f.protect(jwthttp.WithDPoP(proofs),
		jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) {
			seen = e
			e.WriteResponse(w)
		}))
	const target = "http://example.com/resource" // what httptest.NewRequest addresses
	proof := func(key *jwk.Key, uri string) string {
		p, err := dpop.NewProof(http.MethodGet, uri, jwa.ES256, key, dpop.WithAccessToken(token))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	good := proof(client, target)
	if w := (request{auth: []string{"DPoP " + token}, dpop: good}).do(h); w.Code != http.StatusOK {
		t.Fatalf("a valid proof: %d %s (%v)", w.Code, challengeOf(w), seen)
	}
	other, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		q    request
		want error
	}{
		"replayed proof":    {request{auth: []string{"DPoP " + token}, dpop: good}, dpop.ErrReplay},
		"another URL":       {request{auth: []string{"DPoP " + token}, dpop: proof(client, "http://example.com/other")}, dpop.ErrURIMismatch},
		"another key":       {request{auth: []string{"DPoP " + token}, dpop: proof(other, target)}, jwthttp.ErrInvalidToken},
		"no proof":          {request{auth: []string{"DPoP " + token}}, dpop.ErrMissingProof},
		"bound as a bearer": {request{auth: []string{"Bearer " + token}}, jwthttp.ErrInvalidToken},
	} {
		t.Run(name, func(t *testing.T) {
			seen = nil
			w := c.q.do(h)
			if w.Code != http.StatusUnauthorized || !errors.Is(seen, c.want) {
				t.Fatalf("got %d %s, error %v; want 401 and %v", w.Code, challengeOf(w), seen, c.want)
			}
		})
	}
}
