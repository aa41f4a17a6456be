package jose_test

import (
	"fmt"
	"testing"

	"github.com/joseproject/jose"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jws"
)

func TestDetect(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	signed, err := jws.Sign([]byte("hi"), jws.WithKey(jwa.HS256, secret))
	if err != nil {
		t.Fatal(err)
	}
	signedJSON, err := jws.Sign([]byte("hi"), jws.WithKey(jwa.HS256, secret), jws.WithJSON())
	if err != nil {
		t.Fatal(err)
	}
	enc, err := jwe.Encrypt([]byte("hi"), jwe.WithRecipient(jwa.Direct, secret), jwe.WithEncryption(jwa.A256GCM))
	if err != nil {
		t.Fatal(err)
	}
	encJSON, err := jwe.Encrypt([]byte("hi"), jwe.WithRecipient(jwa.Direct, secret), jwe.WithEncryption(jwa.A256GCM), jwe.WithFlattened())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want jose.Kind
	}{
		{signed, jose.JWS},
		{signed + "\n", jose.JWS},
		{signedJSON, jose.JWS},
		{enc, jose.JWE},
		{encJSON, jose.JWE},
		{"a.b", jose.Unknown},
		{"{}", jose.Unknown},
		{"not a token", jose.Unknown},
		{"", jose.Unknown},
	} {
		if got := jose.Detect(c.in); got != c.want {
			t.Errorf("Detect(%.30q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func ExampleDetect() {
	token := "eyJhbGciOiJIUzI1NiJ9.aGk.bm90LWNoZWNrZWQ"
	fmt.Println(jose.Detect(token))
	// Output: JWS
}
