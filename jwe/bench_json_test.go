package jwe

import (
	"testing"

	"github.com/joseproject/jose/jwa"
)

// BenchmarkParseJSON measures Parse of the general and the flattened JSON
// serializations, where the JSON reading, not the cryptography, is the cost.
func BenchmarkParseJSON(b *testing.B) {
	c := benchCases(b)[0]
	for _, f := range []struct {
		name string
		opt  EncryptOption
	}{{"General", WithJSON()}, {"Flattened", WithFlattened()}} {
		tok, err := Encrypt([]byte("hello"), WithRecipient(c.alg, c.enc), WithEncryption(jwa.A256GCM), f.opt)
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
