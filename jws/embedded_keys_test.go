package jws

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestTokenNamedKeysNotTrusted builds an attacker's token that names its own
// key every way a header can (T06): "jwk" with the key itself, "jku" and
// "x5u" pointing at a server that publishes it. Without the opt-ins the
// verifier uses only its own key: the signature fails, and nothing is
// fetched.
func TestTokenNamedKeysNotTrusted(t *testing.T) {
	attacker, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	victim, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("victim"))
	if err != nil {
		t.Fatal(err)
	}
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		set, _ := jwk.NewSet(attacker.Public())
		_ = json.NewEncoder(w).Encode(set)
	}))
	defer srv.Close()

	tok, err := Sign([]byte(`{"sub":"admin"}`), WithKey(jwa.ES256, attacker),
		WithProtectedHeader("jwk", attacker.Public()),
		WithProtectedHeader("jku", srv.URL),
		WithProtectedHeader("x5u", srv.URL),
		WithKeyID("victim"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.NewSet(victim.Public())
	if err != nil {
		t.Fatal(err)
	}
	for name, opt := range map[string]VerifyOption{
		"WithKey":    WithKey(jwa.ES256, victim.Public()),
		"WithKeySet": WithKeySet(set, jwa.ES256),
	} {
		if payload, err := Verify(tok, opt); !errors.Is(err, ErrInvalidSignature) || payload != nil {
			t.Errorf("%s: got %q, %v; want ErrInvalidSignature", name, payload, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the verifier fetched the token's jku/x5u %d times", n)
	}
	// The opt-in with an approval that refuses the key keeps it out too.
	refuse := func(*jwk.Key) error { return errors.New("not one of ours") }
	if _, err := Verify(tok, WithEmbeddedKey(refuse, jwa.ES256)); err == nil {
		t.Fatal("an embedded jwk the caller refused was used")
	}
}
