package strictjson

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// benchInputs are the objects of the benchmarks: a JWS protected header, a
// JWT claim set of about 300 bytes, an RSA 2048 private JWK (RFC 7520
// §3.4), and an object of 64 KiB.
func benchInputs(b *testing.B) []struct {
	name string
	data []byte
} {
	rsa, err := os.ReadFile("../../testdata/rfc7520/jwk/3_4.rsa_private_key.json")
	if err != nil {
		b.Fatal(err)
	}
	claims := `{"iss":"https://issuer.example.com","sub":"user-1234567890","aud":["https://api.example.com","https://other.example.com"],` +
		`"exp":1900000000,"nbf":1700000000,"iat":1700000000,"jti":"4f1e2d3c-aaaa-bbbb-cccc-0123456789ab",` +
		`"scope":"openid profile email","email":"someone@example.com","email_verified":true,"roles":["admin","user"]}`
	var big strings.Builder
	big.WriteString("{")
	for i := 0; big.Len() < 64<<10; i++ {
		if i > 0 {
			big.WriteString(",")
		}
		fmt.Fprintf(&big, `"member-%d":{"id":%d,"name":"value \u00e9 %d","tags":["a","b"],"ok":true}`, i, i, i)
	}
	big.WriteString("}")
	return []struct {
		name string
		data []byte
	}{
		{"header", []byte(`{"alg":"ES256","typ":"JWT","kid":"2024-05-key-1"}`)},
		{"claims", []byte(claims)},
		{"jwk-rsa2048", rsa},
		{"64KiB", []byte(big.String())},
	}
}

// benchNames is a table of the names the readers of this module keep in
// theirs (JOSE headers, JWT claims, JWKs, the JSON serializations), for the
// "aliased-names" benchmarks, which read as those readers do.
var benchNames = NewNames(
	"alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
	"epk", "apu", "apv", "iv", "tag", "p2s", "p2c", "b64",
	"iss", "sub", "aud", "exp", "nbf", "iat", "jti",
	"kty", "use", "key_ops", "crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "k", "keys",
	"payload", "protected", "header", "signature", "signatures", "unprotected", "recipients",
	"encrypted_key", "aad", "ciphertext",
)

// BenchmarkObject compares Object with the Decoder.Token implementation it
// replaced (old) and with a plain, non-strict json.Unmarshal into a map
// (stdlib), which checks no duplicates.
func BenchmarkObject(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name+"/new", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, err := Object(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/aliased", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, err := ObjectAliased(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/aliased-names", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, err := benchNames.ObjectAliased(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/old", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if _, err := refObject(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/stdlib", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				var m map[string]json.RawMessage
				if err := json.Unmarshal(in.data, &m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheck compares Check with the old one and with json.Valid.
func BenchmarkCheck(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name+"/new", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if err := Check(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/old", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if err := refCheck(in.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(in.name+"/json.Valid", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in.data)))
			for b.Loop() {
				if !json.Valid(in.data) {
					b.Fatal("invalid")
				}
			}
		})
	}
}
