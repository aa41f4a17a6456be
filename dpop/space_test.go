package dpop_test

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/hostile"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestSpaceAroundProof: a proof with white space around it is the proof
// itself (each case a fresh proof, since a proof is accepted once); white
// space inside it is refused with dpop.ErrInvalidProof and jwa.ErrMalformed.
func TestSpaceAroundProof(t *testing.T) {
	key, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	v, err := dpop.NewValidator()
	if err != nil {
		t.Fatal(err)
	}
	const uri = "https://api.example.com/orders"
	proof := func() string {
		p, err := dpop.NewProof("GET", uri, jwa.ES256, key)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for i := range hostile.SpaceAround("") {
		c := hostile.SpaceAround(proof())[i]
		if _, err := v.ValidateProof(c.Token, "GET", uri); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	// The size limit counts the proof, not the white space around it.
	p := proof()
	exact, err := dpop.NewValidator(dpop.WithMaxSize(len(p)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exact.ValidateProof(" "+p+"\r\n", "GET", uri); err != nil {
		t.Errorf("a proof of exactly WithMaxSize with white space: %v", err)
	}
	for _, c := range hostile.SpaceInside(proof()) {
		_, err := v.ValidateProof(c.Token, "GET", uri)
		if !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwa.ErrMalformed) || !hostile.NamesEncoding(err) {
			t.Errorf("%s: %v, want dpop.ErrInvalidProof and jwa.ErrMalformed saying what is not base64url", c.Name, err)
		}
	}
}
