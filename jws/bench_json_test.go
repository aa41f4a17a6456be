package jws

import (
	"testing"

	"github.com/joseproject/jose/jwa"
)

// BenchmarkParseJSON measures Parse of the general and the flattened JSON
// serializations, where the JSON reading, not the signature, is the cost.
func BenchmarkParseJSON(b *testing.B) {
	keys := testKeys(b)
	priv, _, _ := benchToken(b, keys, jwa.HS256, nil)
	payload := []byte(`{"iss":"https://issuer.example","sub":"1234567890","exp":1900000000}`)
	for _, f := range []struct {
		name string
		opt  SignOption
	}{{"General", WithJSON()}, {"Flattened", WithFlattened()}} {
		tok, err := Sign(payload, WithKey(jwa.HS256, priv), f.opt)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(tok); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
