package jwe

import (
	"crypto/ecdh"
	"crypto/rand"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// The fast epk paths must agree with jwk on every built-in curve: the
// writer byte for byte, the reader on the key it gives back.
func TestQuickEPKAgreesWithJWK(t *testing.T) {
	for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.P384(), ecdh.P521(), ecdh.X25519()} {
		if jwa.FIPSMode() && c == ecdh.X25519() {
			continue // refused in FIPS 140-3 mode
		}
		k, err := c.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub := k.PublicKey()
		slow, err := jwk.FromKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		want, err := slow.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if got, err := marshalEPK(pub); err != nil || string(got) != string(want) {
			t.Errorf("%v: marshalEPK = %s, %v; jwk writes %s", c, got, err, want)
		}
		if got := quickEPK(want); got == nil || !got.Equal(pub) {
			t.Errorf("%v: quickEPK(%s) = %v", c, want, got)
		}
	}
}

// quickEPK leaves everything unusual to jwk.Parse.
func TestQuickEPKDeclines(t *testing.T) {
	for _, raw := range []string{
		`{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}`, // short coordinates
		`{"kty":"EC","crv":"P-256","x":"VOt9fSThRxJGgtLgN_swPtALQ8XCpTAQzSvLr8P6I5M","y":"au7qKz9Ay2NhZ0Oi1Zu_FhtNtc9HOl9vpNvUf1FfJa0","d":"AA"}`,
		`{"kty":"EC","crv":"P-256","x":"VOt9fSThRxJGgtLgN_swPtALQ8XCpTAQzSvLr8P6I5M","y":"au7qKz9Ay2NhZ0Oi1Zu_FhtNtc9HOl9vpNvUf1FfJa1"}`, // off the curve
		`{"kty":"OKP","crv":"X25519","x":"uyT73EuhR29N6PmUpgq5L9gYrwW2m8mlEXVKCX9lBkc","kid":"a"}`,
		`{"kty":"OKP","crv":"Ed25519","x":"uyT73EuhR29N6PmUpgq5L9gYrwW2m8mlEXVKCX9lBkc"}`,
		`{"kty":"EC","crv":"P-256","x":1,"y":2}`,
		`{"kty":"EC","kty":"EC","crv":"P-256"}`,
		`[]`,
	} {
		if quickEPK([]byte(raw)) != nil {
			t.Errorf("quickEPK accepted %s", raw)
		}
	}
}
