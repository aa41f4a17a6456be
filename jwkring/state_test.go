package jwkring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// testState returns the plaintext of a state of two keys, and the JSON of
// their private JWKs.
func testState(t testing.TB) (plain []byte, key1, key2 string) {
	t.Helper()
	p := testPolicy()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	k1, err := p.generate()
	if err != nil {
		t.Fatal(err)
	}
	k2, err := p.generate()
	if err != nil {
		t.Fatal(err)
	}
	st, err := first(k1, start)
	if err != nil {
		t.Fatal(err)
	}
	if st, err = st.rotated(k2, start.Add(time.Minute), &p); err != nil {
		t.Fatal(err)
	}
	if plain, err = st.marshal(); err != nil {
		t.Fatal(err)
	}
	raw1, _ := k1.MarshalJSON()
	raw2, _ := k2.MarshalJSON()
	return plain, string(raw1), string(raw2)
}

// TestStateRoundTrip: a state reads back as it was written.
func TestStateRoundTrip(t *testing.T) {
	plain, _, _ := testState(t)
	st, err := parseState(plain)
	if err != nil {
		t.Fatal(err)
	}
	again, err := st.marshal()
	if err != nil || !bytes.Equal(again, plain) {
		t.Fatalf("marshal(parse(x)) != x: %v\n%s\n%s", err, plain, again)
	}
	if st.generation != 2 || len(st.keys) != 2 || !st.keys[1].active.Equal(start.Add(time.Minute+testPolicy().Lead)) {
		t.Fatalf("read back: generation %d, %d keys", st.generation, len(st.keys))
	}
}

// TestStateRefused builds hostile and broken states; each is refused
// with ErrState, the specific sentinel and a message that says why.
func TestStateRefused(t *testing.T) {
	plain, key1, key2 := testState(t)
	valid := string(plain)
	pub := func() string {
		k, _ := jwk.Parse([]byte(key2))
		b, _ := json.Marshal(k.Public())
		return string(b)
	}()
	secret, _ := jwk.Generate(jwa.HS256, jwk.WithThumbprintKeyID())
	secretJSON, _ := secret.MarshalJSON()
	ecdh, _ := jwk.Generate(jwa.ECDH_ES, jwk.WithThumbprintKeyID())
	ecdhJSON, _ := ecdh.MarshalJSON()
	otherKid := strings.Replace(key2, `"kid":"`, `"kid":"x`, 1)
	entry := func(pub, act, k string) string {
		return fmt.Sprintf(`{"published":%q,"active":%q,"jwk":%s}`, pub, act, k)
	}
	t0, t1 := "2030-01-01T00:00:00Z", "2030-01-01T00:10:00Z"
	state := func(entries ...string) string {
		return `{"jwkring":1,"generation":3,"keys":[` + strings.Join(entries, ",") + `]}`
	}
	many := make([]string, MaxKeys+1)
	for i := range many {
		many[i] = entry(t0, t1, key2)
	}
	for _, c := range []struct {
		name, input string
		also        error
		msg         string
	}{
		{"not JSON", "jwkring", jwa.ErrMalformed, "stored state"},
		{"an array", "[]", jwa.ErrMalformed, "stored state"},
		{"duplicate member", strings.Replace(valid, `"generation":2`, `"generation":2,"generation":9`, 1), jwa.ErrMalformed, "duplicate"},
		{"case-folded member", strings.Replace(valid, `"generation":2`, `"generation":2,"Generation":9`, 1), jwa.ErrMalformed, "stored state"},
		{"unknown member", strings.Replace(valid, `"generation":2`, `"generation":2,"note":"x"`, 1), jwa.ErrMalformed, `unknown member "note"`},
		{"no format", strings.Replace(valid, `"jwkring":1,`, ``, 1), jwa.ErrMalformed, `no member "jwkring"`},
		{"format 2", strings.Replace(valid, `"jwkring":1`, `"jwkring":2`, 1), jwa.ErrMalformed, "format 2, want 1"},
		{"generation 0", strings.Replace(valid, `"generation":2`, `"generation":0`, 1), jwa.ErrMalformed, "generation 0"},
		{"negative generation", strings.Replace(valid, `"generation":2`, `"generation":-2`, 1), jwa.ErrMalformed, `member "generation" is not a non-negative integer`},
		{"fractional generation", strings.Replace(valid, `"generation":2`, `"generation":2.5`, 1), jwa.ErrMalformed, `"generation" is not`},
		{"leading zero", strings.Replace(valid, `"generation":2`, `"generation":02`, 1), jwa.ErrMalformed, "stored state"},
		{"string generation", strings.Replace(valid, `"generation":2`, `"generation":"2"`, 1), jwa.ErrMalformed, `"generation" is not`},
		{"huge generation", strings.Replace(valid, `"generation":2`, `"generation":18446744073709551616`, 1), jwa.ErrMalformed, `"generation" is not`},
		{"no keys", state(), jwa.ErrMalformed, "0 keys, want 1 to 32"},
		{"keys an object", `{"jwkring":1,"generation":3,"keys":{}}`, jwa.ErrMalformed, `"keys" is not an array`},
		{"too many keys", state(many...), jwa.ErrMalformed, "33 keys, want 1 to 32"},
		{"key not an object", state(`"x"`), jwa.ErrMalformed, "a key is not an object"},
		{"key unknown member", state(strings.Replace(entry(t0, t1, key2), `"jwk"`, `"extra":1,"jwk"`, 1)), jwa.ErrMalformed, `unknown member "extra"`},
		{"no jwk", state(fmt.Sprintf(`{"published":%q,"active":%q}`, t0, t1)), jwa.ErrMalformed, `a key without "jwk"`},
		{"no published", state(fmt.Sprintf(`{"active":%q,"jwk":%s}`, t1, key2)), jwa.ErrMalformed, `no member "published"`},
		{"time not a string", state(fmt.Sprintf(`{"published":1,"active":%q,"jwk":%s}`, t1, key2)), jwa.ErrMalformed, `member "published"`},
		{"time not RFC 3339", state(entry("yesterday", t1, key2)), jwa.ErrMalformed, `member "published" is not an RFC 3339 time`},
		{"signs before published", state(entry(t1, t0, key2)), jwa.ErrMalformed, "starts signing before it is published"},
		{"out of order", state(entry(t0, t1, key1), entry(t0, t0, key2)), jwa.ErrMalformed, "key 1 starts signing before key 0"},
		{"duplicate kid", state(entry(t0, t1, key2), entry(t0, t1, key2)), jwa.ErrMalformed, "repeats the kid"},
		{"public key only", state(entry(t0, t1, pub)), jwa.ErrInvalidKey, "is not a private signing key"},
		{"a secret", state(entry(t0, t1, string(secretJSON))), jwa.ErrMalformed, `a key for "HS256", not a signature algorithm of a ring`},
		{"an ECDH key", state(entry(t0, t1, string(ecdhJSON))), jwa.ErrMalformed, `a key for "ECDH-ES"`},
		{"kid not the thumbprint", state(entry(t0, t1, otherKid)), jwa.ErrMalformed, "is not the key's RFC 7638 thumbprint"},
		{"broken JWK", state(entry(t0, t1, `{"kty":"EC"}`)), jwa.ErrMalformed, "jwk"},
		{"trailing data", valid + "{}", jwa.ErrMalformed, "stored state"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, err := parseState([]byte(c.input))
			if st != nil || !errors.Is(err, ErrState) || !errors.Is(err, c.also) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("parseState: %v; want ErrState, %v, saying %q", err, c.also, c.msg)
			}
			if strings.Contains(err.Error(), `"d":`) {
				t.Fatalf("the error holds key material: %v", err)
			}
		})
	}
}
