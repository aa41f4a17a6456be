package jwe

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/json"
	"math/big"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// skipRefused skips t in FIPS 140-3 mode when alg or enc is refused there
// (fips_test.go tests those refusals).
func skipRefused(t testing.TB, alg jwa.KeyAlgorithm, enc jwa.ContentEncryption) {
	t.Helper()
	fipstest.SkipUnapproved(t, string(alg), alg.CheckFIPS() == nil)
	fipstest.SkipUnapproved(t, string(enc), enc.CheckFIPS() == nil)
}

// b64 decodes base64url or fails the test.
var b64 = josetest.B64

// keyFromJWK makes a *jwk.Key of a JWK given in a test vector. It reads
// only the members the vectors use, so that these tests do not depend on
// jwk's JSON parser.
func keyFromJWK(t testing.TB, raw json.RawMessage) *jwk.Key {
	t.Helper()
	var all map[string]any
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatalf("JWK: %v", err)
	}
	m := map[string]string{}
	for k, v := range all {
		if s, ok := v.(string); ok {
			m[k] = s
		}
	}
	num := func(name string) *big.Int { return new(big.Int).SetBytes(b64(t, m[name])) }
	var key any
	switch m["kty"] {
	case "RSA":
		k := &rsa.PrivateKey{
			PublicKey: rsa.PublicKey{N: num("n"), E: int(num("e").Int64())},
			D:         num("d"),
			Primes:    []*big.Int{num("p"), num("q")},
		}
		k.Precompute()
		key = k
	case "EC":
		curve := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}[m["crv"]]
		k, err := ecdsa.ParseRawPrivateKey(curve, b64(t, m["d"]))
		if err != nil {
			t.Fatalf("EC JWK: %v", err)
		}
		key = k
	case "OKP":
		k, err := ecdh.X25519().NewPrivateKey(b64(t, m["d"]))
		if err != nil {
			t.Fatalf("X25519 JWK: %v", err)
		}
		key = k
	case "oct":
		key = b64(t, m["k"])
	default:
		t.Fatalf("JWK of kty %q", m["kty"])
	}
	var opts []jwk.Option
	if m["kid"] != "" {
		opts = append(opts, jwk.WithKeyID(m["kid"]))
	}
	k, err := jwk.FromKey(key, opts...)
	if err != nil {
		t.Fatalf("jwk.FromKey: %v", err)
	}
	return k
}

// rsaKey loads the 2048-bit RSA key committed under testdata/keys.
func rsaKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	return fipstest.RSAKey(t, "rsa2048.pem")
}

// withCEK, withP2S and withGCMIV are the test hooks that fix the randomness
// of Encrypt so that published vectors can be reproduced byte for byte.
func withCEK(cek []byte) EncryptOption {
	return encryptOption(func(c *config) error { c.testCEK = cek; return nil })
}

func withP2S(p2s []byte) EncryptOption {
	return encryptOption(func(c *config) error { c.testP2S = p2s; return nil })
}

// withGCMIV seals with AES-GCM under the given IV (AES-GCM content
// encryption only).
func withGCMIV(t testing.TB, iv []byte) EncryptOption {
	return encryptOption(func(c *config) error {
		c.testSeal = func(enc jwa.ContentEncryption, cek, plaintext, aad []byte) (jwa.Sealed, error) {
			block, err := aes.NewCipher(cek)
			if err != nil {
				return jwa.Sealed{}, err
			}
			g, err := cipher.NewGCM(block)
			if err != nil {
				return jwa.Sealed{}, err
			}
			out := g.Seal(nil, iv, plaintext, aad)
			n := len(out) - g.Overhead()
			return jwa.Sealed{IV: iv, Ciphertext: out[:n], Tag: out[n:]}, nil
		}
		return nil
	})
}

// gcmSeal encrypts with AES-GCM, for tokens built by hand.
func gcmSeal(t testing.TB, cek, iv, plaintext, aad []byte) (ct, tag []byte) {
	t.Helper()
	block, err := aes.NewCipher(cek)
	if err != nil {
		t.Fatal(err)
	}
	g, _ := cipher.NewGCM(block)
	out := g.Seal(nil, iv, plaintext, aad)
	return out[:len(out)-16], out[len(out)-16:]
}

var errKeyNotFound = jwk.ErrKeyNotFound

func jsonUnmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// wantErr checks that err wraps sentinel and that its message holds each
// of msgs.
var wantErr = josetest.WantErr

// refusedInFIPS is fipstest.Refused for jwa.ErrNotApproved.
func refusedInFIPS(err error) bool { return fipstest.Refused(err, jwa.ErrNotApproved) }
