package jwe

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
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
		if got, _ := quickEPK(want); got == nil || !got.Equal(pub) {
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
		if pub, _ := quickEPK([]byte(raw)); pub != nil {
			t.Errorf("quickEPK accepted %s", raw)
		}
	}
}

// FuzzQuickEPK: the fast epk reader accepts nothing that jwk.Parse refuses,
// and gives the key jwk.Parse gives.
func FuzzQuickEPK(f *testing.F) {
	for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.P384(), ecdh.P521(), ecdh.X25519()} {
		k, err := c.GenerateKey(rand.Reader)
		if err != nil {
			f.Fatal(err)
		}
		epk, err := marshalEPK(k.PublicKey())
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(epk))
	}
	f.Add([]byte(`{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}`))
	f.Add([]byte(`{"kty":"OKP","crv":"X25519","x":"uyT73EuhR29N6PmUpgq5L9gYrwW2m8mlEXVKCX9lBkc","kid":"a"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		pub, qerr := quickEPK(data)
		k, err := jwk.Parse(data)
		if qerr != nil {
			// FIPS 140-3 mode: refused up front, as jwk.Parse refuses it.
			if !jwa.FIPSMode() || !errors.Is(qerr, jwa.ErrNotApproved) || !errors.Is(err, jwa.ErrNotApproved) {
				t.Fatalf("quickEPK refused %s with %v; jwk.Parse says %v", data, qerr, err)
			}
			return
		}
		if pub == nil {
			return
		}
		if err != nil || k.IsPrivate() {
			t.Fatalf("quickEPK accepted what jwk.Parse refuses: %v", err)
		}
		var want *ecdh.PublicKey
		switch p := k.PublicKey().(type) {
		case *ecdsa.PublicKey:
			want, _ = p.ECDH()
		case *ecdh.PublicKey:
			want = p
		}
		if want == nil || !want.Equal(pub) {
			t.Fatalf("quickEPK read %x, jwk.Parse %v", pub.Bytes(), k)
		}
	})
}
