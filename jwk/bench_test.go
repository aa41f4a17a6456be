package jwk

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/json"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// BenchmarkParseEC parses a public P-521 JWK; BenchmarkParseECStdlib is the
// standard library's own point decoding, the floor under it.
func BenchmarkParseEC(b *testing.B) {
	data := readTestdata(b, "rfc7520/jwk/3_1.ec_public_key.json")
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseECStdlib(b *testing.B) {
	k := mustParse(b, readTestdata(b, "rfc7520/jwk/3_1.ec_public_key.json"))
	point, _ := k.PublicKey().(*ecdsa.PublicKey).Bytes()
	for b.Loop() {
		if _, err := ecdsa.ParseUncompressedPublicKey(elliptic.P521(), point); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseRSAPublic(b *testing.B) {
	data := readTestdata(b, "rfc7520/jwk/3_3.rsa_public_key.json")
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThumbprint against BenchmarkThumbprintSHA256, the hash alone.
func BenchmarkThumbprint(b *testing.B) {
	k := mustParse(b, readTestdata(b, "rfc7520/jwk/3_3.rsa_public_key.json"))
	for b.Loop() {
		if _, err := k.Thumbprint(0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkThumbprintSHA256(b *testing.B) {
	k := mustParse(b, readTestdata(b, "rfc7520/jwk/3_3.rsa_public_key.json"))
	in, _ := k.thumbprintInput()
	for b.Loop() {
		sha256.Sum256(in)
	}
}

func BenchmarkMarshalRSAPublic(b *testing.B) {
	k := mustParse(b, readTestdata(b, "rfc7520/jwk/3_3.rsa_public_key.json"))
	for b.Loop() {
		if _, err := k.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSet parses the public set of RFC 7517 §A.1 (one EC, one
// RSA key); BenchmarkParseSetEncodingJSON is encoding/json alone decoding
// the same set into strings, without any base64 or key work.
func BenchmarkParseSet(b *testing.B) {
	data := readTestdata(b, "jwk/rfc7517_A.1.public_keys.json")
	for b.Loop() {
		if _, err := ParseSet(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSetEncodingJSON(b *testing.B) {
	data := readTestdata(b, "jwk/rfc7517_A.1.public_keys.json")
	for b.Loop() {
		var set struct{ Keys []map[string]string }
		if err := json.Unmarshal(data, &set); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromKeyECPrivate is the per-call check of a standard library
// P-256 private key given to jws or jwe instead of a *Key.
func BenchmarkFromKeyECPrivate(b *testing.B) {
	k, err := Generate(jwa.ES256)
	if err != nil {
		b.Fatal(err)
	}
	raw := k.Raw()
	for b.Loop() {
		if _, err := FromKey(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThumbprintEC is the thumbprint of a P-521 public key.
func BenchmarkThumbprintEC(b *testing.B) {
	k := mustParse(b, readTestdata(b, "rfc7520/jwk/3_1.ec_public_key.json"))
	for b.Loop() {
		if _, err := k.Thumbprint(0); err != nil {
			b.Fatal(err)
		}
	}
}
