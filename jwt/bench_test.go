package jwt_test

import (
	"encoding/json"
	"testing"

	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// The benchmarks sign and verify sampleClaims (about 300 bytes of JSON)
// with each algorithm family, and do the same with jws alone, so that the
// cost of the JWT layer (marshalling, claim parsing, validation, decoding
// into the struct) shows next to the signature's.
func BenchmarkSign(b *testing.B) {
	claims := sampleClaims()
	payload, _ := json.Marshal(claims)
	b.Logf("claim set: %d bytes", len(payload))
	for _, k := range testKeys(b) {
		b.Run(string(k.alg)+"/jwt", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jwt.Sign(claims, k.alg, k.priv); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(k.alg)+"/jws", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jws.Sign(payload, jws.WithKey(k.alg, k.priv), jws.WithType("JWT")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkVerify(b *testing.B) {
	claims := sampleClaims()
	for _, k := range testKeys(b) {
		tok, err := jwt.Sign(claims, k.alg, k.priv)
		if err != nil {
			b.Fatal(err)
		}
		opts := []jwt.VerifyOption{
			jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock),
			jwt.WithIssuer("https://issuer.example.com"), jwt.WithAudience("https://api.example.com"),
		}
		b.Run(string(k.alg)+"/jwt", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jwt.Verify[accessClaims](tok, opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(string(k.alg)+"/jws", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := jws.Verify(tok, jws.WithKey(k.alg, k.pub)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
