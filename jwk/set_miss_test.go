package jwk

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// A miss says what was asked for and what the set had: the kid, the
// algorithm, and the keys tried or the kids held.
func TestSelectMissSaysWhatWasExpected(t *testing.T) {
	ec := mustParse(t, readTestdata(t, "rfc7520/jwk/3_1.ec_public_key.json"))
	rsa := mustParse(t, readTestdata(t, "rfc7520/jwk/3_3.rsa_public_key.json"))
	const bilbo = "bilbo.baggins@hobbiton.example"
	cookbook := must(NewSet(ec, rsa))
	var many []*Key
	for i := range 8 {
		many = append(many, ecKey(t, fmt.Sprint("k", i)))
	}
	for name, c := range map[string]struct {
		set  *Set
		q    Query
		want []string
	}{
		"kid of keys that do not fit": {cookbook, Query{KeyID: bilbo, Signature: jwa.ES256},
			[]string{`no key with kid "` + bilbo + `" fits ES256`, `tried jwk.Key{kty=EC crv=P-521 kid="` + bilbo + `"}, jwk.Key{kty=RSA kid="` + bilbo + `"}`}},
		"unknown kid": {cookbook, Query{KeyID: "frodo", KeyManagement: jwa.RSA_OAEP_256},
			[]string{`no key with kid "frodo" for RSA-OAEP-256`, `the set's 2 keys have kids "` + bilbo + `", "` + bilbo + `"`}},
		"unknown kid, many keys": {must(NewSet(many...)), Query{KeyID: "x", Signature: jwa.ES256},
			[]string{`no key with kid "x" for ES256`, `the set's 8 keys have kids "k0", "k1", "k2", "k3", "k4" and 3 more`}},
		"no kid": {must(NewSet(rsa)), Query{Signature: jwa.EdDSA},
			[]string{"no key fits EdDSA", "tried jwk.Key{kty=RSA"}},
		"empty set": {must(NewSet()), Query{Signature: jwa.ES256},
			[]string{"no key fits ES256: the set is empty"}},
		"huge kid": {cookbook, Query{KeyID: strings.Repeat("z", 10000), Signature: jwa.ES256},
			[]string{`kid "` + strings.Repeat("z", 64) + `" for ES256`}}, // cut at 64 characters
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.set.Select(bg, c.q)
			wantErr(t, err, []error{ErrKeyNotFound}, c.want...)
			if len(err.Error()) > 1000 {
				t.Fatalf("a %d-byte error", len(err.Error()))
			}
		})
	}
}

// A query that names no algorithm, or both kinds, is refused with a message
// that says what Select needs and how to find a key by kid alone.
func TestSelectQueryNamesOneAlgorithm(t *testing.T) {
	set := must(NewSet(ecKey(t, "k1")))
	for name, q := range map[string]Query{
		"kid only": {KeyID: "k1"},
		"both":     {KeyID: "k1", Signature: jwa.ES256, KeyManagement: jwa.ECDH_ES},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := set.Select(t.Context(), q)
			if !errors.Is(err, jwa.ErrMalformed) {
				t.Fatalf("err = %v, want jwa.ErrMalformed", err)
			}
			const want = "Select needs exactly one of Query.Signature and Query.KeyManagement (to find a key by kid alone, range over Keys)"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("err = %v, want it to say %q", err, want)
			}
		})
	}
}
