package jwk

import (
	"context"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

func TestParseSetSkipsUnknownKinds(t *testing.T) {
	data := []byte(`{"keys":[
		{"kty":"AKP","alg":"SLH-DSA-SHA2-128s","pub":"AAAA"},
		{"kty":"OKP","crv":"Ed448","x":"AAAA"},
		{"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"},
		{"kty":"oct","k":"AAAA","use":"attest"},
		{"kty":"oct","k":"AAAA","kid":"kept"}
	],"issuer":"https://example.com","n":[1]}`)
	s, err := ParseSet(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || s.Keys()[0].KeyID() != "kept" {
		t.Fatalf("keys: %v", s.Keys())
	}
	out, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"keys":[{"kty":"oct","kid":"kept","k":"AAAA"}],"issuer":"https://example.com","n":[1]}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestParseSetRejects(t *testing.T) {
	many := `{"keys":[` + strings.Repeat(`{"kty":"oct","k":"AAAA"},`, MaxSetKeys) + `{"kty":"oct","k":"AAAA"}]}`
	for _, tt := range []struct {
		name, data string
		want       error
	}{
		{"no keys", `{"kids":[]}`, jwa.ErrMalformed},
		{"keys an object", `{"keys":{}}`, jwa.ErrMalformed},
		{"keys null", `{"keys":null}`, jwa.ErrMalformed},
		{"key a string", `{"keys":["AAAA"]}`, jwa.ErrMalformed},
		{"not an object", `[]`, jwa.ErrMalformed},
		{"duplicate keys", `{"keys":[],"keys":[]}`, jwa.ErrMalformed},
		{"duplicate in a key", `{"keys":[{"kty":"oct","k":"AAAA","K":"AAAB"}]}`, jwa.ErrMalformed},
		{"malformed known key", `{"keys":[{"kty":"oct","k":"AAAA"},{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}]}`, jwa.ErrInvalidKey},
		{"known key of wrong type", `{"keys":[{"kty":"oct","k":5}]}`, jwa.ErrMalformed},
		{"empty oct", `{"keys":[{"kty":"oct","k":""}]}`, jwa.ErrInvalidKey},
		{"too many keys", many, jwa.ErrLimitExceeded},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSet([]byte(tt.data))
			if !errorsIs(err, tt.want) || s != nil {
				t.Fatalf("ParseSet = %v, %v; want %v", s, err, tt.want)
			}
			var s2 Set
			if err := s2.UnmarshalJSON([]byte(tt.data)); !errorsIs(err, tt.want) {
				t.Errorf("UnmarshalJSON: %v", err)
			}
		})
	}
}

func TestSetPublic(t *testing.T) {
	priv, err := ParseSet(readTestdata(t, "jwk/rfc7517_A.2.private_keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := priv.Public().MarshalJSON()
	if !jsonEqual(t, out, readTestdata(t, "jwk/rfc7517_A.1.public_keys.json")) {
		t.Errorf("public set %s", out)
	}
}

// Key selection through the real signature algorithms (T05, T52).
func TestSelect(t *testing.T) {
	ec := mustParse(t, readTestdata(t, "rfc7520/jwk/3_1.ec_public_key.json"))
	rsa := mustParse(t, readTestdata(t, "rfc7520/jwk/3_3.rsa_public_key.json"))
	const bilbo = "bilbo.baggins@hobbiton.example"
	cookbook := must(NewSet(ec, rsa))
	ctx := context.Background()

	// One kid names an RSA and an EC key: kty decides.
	for alg, want := range map[jwa.SignatureAlgorithm]*Key{jwa.ES512: ec, jwa.RS256: rsa, jwa.PS384: rsa} {
		got, err := cookbook.Select(ctx, Query{KeyID: bilbo, Signature: alg})
		if err != nil || len(got) != 1 || got[0] != want {
			t.Errorf("%s: %v %v", alg, got, err)
		}
	}
	// A key without kid or alg fits any query of its type.
	noKid := mustParse(t, []byte(`{"kty":"RSA","n":"`+loadObj(t, "rfc7520/jwk/3_3.rsa_public_key.json", -1)["n"].(string)+`","e":"AQAB"}`))
	if got, err := must(NewSet(noKid)).Select(ctx, Query{Signature: jwa.RS512}); err != nil || len(got) != 1 {
		t.Errorf("no kid: %v %v", got, err)
	}
	for _, tt := range []struct {
		name string
		set  *Set
		q    Query
		want error
	}{
		{"wrong curve", cookbook, Query{KeyID: bilbo, Signature: jwa.ES256}, ErrKeyNotFound},
		{"unknown kid", cookbook, Query{KeyID: "frodo", Signature: jwa.RS256}, ErrKeyNotFound},
		{"ambiguous kid", must(NewSet(rsa, mustParse(t, readTestdata(t, "rfc7520/jwk/3_4.rsa_private_key.json")))), Query{KeyID: bilbo, Signature: jwa.RS256}, ErrAmbiguousKey},
		{"mixed set", must(NewSet(rsa, mustParse(t, readTestdata(t, "rfc7520/jwk/3_5.symmetric_key_mac_computation.json")))), Query{Signature: jwa.RS256}, ErrMixedKeySet},
		{"use enc", must(NewSet(must(FromKey(rsa, WithUse("enc"))))), Query{KeyID: bilbo, Signature: jwa.RS256}, ErrKeyNotFound},
		{"alg mismatch", must(NewSet(must(FromKey(rsa, WithAlgorithm(jwa.PS256))))), Query{KeyID: bilbo, Signature: jwa.RS256}, ErrKeyNotFound},
		{"no algorithm", cookbook, Query{KeyID: bilbo}, jwa.ErrMalformed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.set.Select(ctx, tt.q)
			if !errorsIs(err, tt.want) || got != nil {
				t.Errorf("Select = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	// The binding errors behind the last two rows.
	if _, err := must(FromKey(rsa, WithUse("enc"))).Verifier(jwa.RS256); !errorsIs(err, ErrKeyUsage) {
		t.Errorf("use enc: %v", err)
	}
	if _, err := must(FromKey(rsa, WithAlgorithm(jwa.PS256))).Verifier(jwa.RS256); !errorsIs(err, jwa.ErrAlgorithmNotAllowed) {
		t.Errorf("alg mismatch: %v", err)
	}
	if _, err := ec.Verifier(jwa.RS256); !errorsIs(err, jwa.ErrInvalidKey) {
		t.Errorf("EC key for RS256: %v", err)
	}
}
