package jws

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Calls reuse their configs (configs, a sync.Pool): nothing of one call's
// options may reach the next. A header member, a key or a key set given
// once must be gone on the call after.
func TestConfigReuseKeepsNothing(t *testing.T) {
	a, err := jwk.FromKey([]byte("a 32-byte secret for the a tests"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := jwk.FromKey([]byte("a 32-byte secret for the b tests"))
	if err != nil {
		t.Fatal(err)
	}
	ec, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.NewSet()
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		if _, err := Sign([]byte("x"), WithKey(jwa.HS256, a), WithKeyID("kid-a"), WithType("typ-a"), WithContentType("cty-a")); err != nil {
			t.Fatal(err)
		}
		tok, err := Sign([]byte("x"), WithKey(jwa.HS256, b))
		if err != nil {
			t.Fatal(err)
		}
		if head := tok[:strings.IndexByte(tok, '.')]; head != "eyJhbGciOiJIUzI1NiJ9" { // {"alg":"HS256"}
			t.Fatalf("second Sign's header is %q: members of the first call leaked", head)
		}
		if _, err := Verify(tok, WithKey(jwa.HS256, b)); err != nil {
			t.Fatal(err)
		}
		// The key of the call before is not a candidate of this one.
		_, err = Verify(tok, WithKey(jwa.HS256, a))
		if !errors.Is(err, ErrInvalidSignature) || !strings.Contains(err.Error(), "HS256") {
			t.Fatalf("verified with a key of an earlier call, or the wrong error: %v", err)
		}
		if _, err := VerifyMessage(tok, WithKey(jwa.HS256, b), WithKeySet(set, jwa.HS256)); err != nil {
			t.Fatal(err)
		}
		_, err = VerifyMessage(tok, WithKey(jwa.ES256, ec.Public()))
		if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
			t.Fatalf("got %v, want ErrAlgorithmNotAllowed: an earlier call's HS256 leaked", err)
		}
	}
}
