package jwt_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/asn1"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// rawPrimitive returns the standard library primitive of alg alone, as
// bench/raw.go times it: sign computes the signature over input (HMAC
// with a new hash per call, SHA-256 then ECDSA, RSA PKCS #1 v1.5 or
// Ed25519), verify checks tok's signature over its signing input, split
// and decoded (and for ECDSA turned into ASN.1) beforehand. The JWT
// layer's own cost is /jwt minus /raw.
func rawPrimitive(b testing.TB, k keyPair, tok string) (sign, verify func() bool) {
	b.Helper()
	dot := strings.LastIndexByte(tok, '.')
	input := []byte(tok[:dot])
	sig, err := base64.RawURLEncoding.DecodeString(tok[dot+1:])
	if err != nil {
		b.Fatal(err)
	}
	stdKey := func(k any) any {
		if jk, ok := k.(*jwk.Key); ok {
			return jk.Raw()
		}
		return k
	}
	priv, pub := stdKey(k.priv), stdKey(k.pub)
	switch k.alg {
	case jwa.HS256:
		mac := func() []byte {
			m := hmac.New(sha256.New, priv.([]byte))
			m.Write(input)
			return m.Sum(nil)
		}
		return func() bool { return mac() != nil }, func() bool { return hmac.Equal(mac(), sig) }
	case jwa.ES256:
		n := len(sig) / 2
		der, err := asn1.Marshal(struct{ R, S *big.Int }{new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])})
		if err != nil {
			b.Fatal(err)
		}
		return func() bool {
				d := sha256.Sum256(input)
				_, err := ecdsa.SignASN1(rand.Reader, priv.(*ecdsa.PrivateKey), d[:])
				return err == nil
			}, func() bool {
				d := sha256.Sum256(input)
				return ecdsa.VerifyASN1(pub.(*ecdsa.PublicKey), d[:], der)
			}
	case jwa.EdDSA:
		return func() bool { return ed25519.Sign(priv.(ed25519.PrivateKey), input) != nil },
			func() bool { return ed25519.Verify(pub.(ed25519.PublicKey), input, sig) }
	case jwa.RS256:
		return func() bool {
				d := sha256.Sum256(input)
				_, err := rsa.SignPKCS1v15(nil, priv.(*rsa.PrivateKey), crypto.SHA256, d[:])
				return err == nil
			}, func() bool {
				d := sha256.Sum256(input)
				return rsa.VerifyPKCS1v15(pub.(*rsa.PublicKey), crypto.SHA256, d[:], sig) == nil
			}
	}
	b.Fatalf("no raw primitive for %s", k.alg)
	return nil, nil
}

// benchRaw times f, a primitive of rawPrimitive.
func benchRaw(b *testing.B, f func() bool) {
	b.ReportAllocs()
	if !f() {
		b.Fatal("the raw primitive failed")
	}
	for b.Loop() {
		f()
	}
}
