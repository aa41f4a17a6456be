package jwk

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestFromKeyECPrivateMismatch builds an EC private key whose public half
// is another key's, and expects FromKey to refuse them.
func TestFromKeyECPrivateMismatch(t *testing.T) {
	a, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := FromKey(a); err != nil {
		t.Fatalf("good key: %v", err)
	}
	d, err := a.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	swapped, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d)
	if err != nil {
		t.Fatal(err)
	}
	swapped.PublicKey = b.PublicKey
	for name, k := range map[string]*ecdsa.PrivateKey{"another public key": swapped} {
		if _, err := FromKey(k); !errors.Is(err, jwa.ErrInvalidKey) {
			t.Errorf("%s: %v, want ErrInvalidKey", name, err)
		}
	}
}

// TestFromKeyNilOption: a nil Option is an error naming it, not a panic,
// whether FromKey makes a key or copies a *Key; nothing is returned with
// the error.
func TestFromKeyNilOption(t *testing.T) {
	k, err := FromKey([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	for name, raw := range map[string]any{"[]byte": []byte("0123456789abcdef0123456789abcdef"), "*Key": k} {
		got, err := FromKey(raw, WithKeyID("a"), nil)
		if got != nil || !errors.Is(err, jwa.ErrInvalidOption) || !strings.Contains(err.Error(), "option 2 is nil") {
			t.Errorf("%s: %v, %v", name, got, err)
		}
	}
	if got, err := FromKey(k, WithUse("bogus")); got != nil || err == nil {
		t.Errorf("a failing option on a *Key: %v, %v", got, err)
	}
}

// TestFromKeyString: a string, the commonest wrong key (an HMAC secret or
// a PEM text), is refused with what to give instead; another type is named.
func TestFromKeyString(t *testing.T) {
	for name, c := range map[string]struct {
		raw  any
		want string
	}{
		"string": {"a string secret of 32 bytes.....", "unsupported key type string (a secret is a []byte; a PEM or JWK text is read with jwk.ParsePEM or jwk.Parse)"},
		"int":    {42, "unsupported key type int"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := FromKey(c.raw)
			if got != nil || !errors.Is(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("FromKey(%T) = %v, %v; want jwa.ErrInvalidKey saying %q", c.raw, got, err, c.want)
			}
		})
	}
}
