package jwa

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
)

// This file holds test-only helpers for the signature tests: a tiny JWK
// reader (package jwk sits above jwa and cannot be imported), the committed
// RSA test keys, and a crypto.Signer wrapper that hides the concrete key.

// jwkKeys turns the JSON of a test JWK into standard library keys: priv is
// nil when the JWK has no private part. For "oct" both are the secret.
func jwkKeys(t testing.TB, raw json.RawMessage) (priv, pub any) {
	t.Helper()
	var j struct {
		Kty, Crv, K, N, E, D, P, Q, X, Y string
	}
	if err := json.Unmarshal(raw, &j); err != nil {
		t.Fatalf("JWK: %v", err)
	}
	num := func(s string) *big.Int { return new(big.Int).SetBytes(b64(t, s)) }
	switch j.Kty {
	case "oct":
		k := b64(t, j.K)
		return k, k
	case "RSA":
		pk := &rsa.PublicKey{N: num(j.N), E: int(num(j.E).Int64())}
		if j.D == "" {
			return nil, pk
		}
		sk := &rsa.PrivateKey{PublicKey: *pk, D: num(j.D), Primes: []*big.Int{num(j.P), num(j.Q)}}
		sk.Precompute()
		if err := sk.Validate(); err != nil {
			t.Fatalf("JWK RSA key: %v", err)
		}
		return sk, &sk.PublicKey
	case "EC":
		curve := map[string]elliptic.Curve{"P-256": elliptic.P256(), "P-384": elliptic.P384(), "P-521": elliptic.P521()}[j.Crv]
		point := append(append([]byte{4}, b64(t, j.X)...), b64(t, j.Y)...)
		pk, err := ecdsa.ParseUncompressedPublicKey(curve, point)
		if err != nil {
			t.Fatalf("JWK EC key: %v", err)
		}
		if j.D == "" {
			return nil, pk
		}
		sk, err := ecdsa.ParseRawPrivateKey(curve, b64(t, j.D))
		if err != nil || !sk.PublicKey.Equal(pk) {
			t.Fatalf("JWK EC private key: %v", err)
		}
		return sk, pk
	case "OKP":
		pk := ed25519.PublicKey(b64(t, j.X))
		if j.D == "" {
			return nil, pk
		}
		return ed25519.NewKeyFromSeed(b64(t, j.D)), pk
	}
	t.Fatalf("JWK: unsupported kty %q", j.Kty)
	return nil, nil
}

// readRSA reads a PKCS #8 PEM key from testdata/keys.
func readRSA(name string) (*rsa.PrivateKey, error) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "keys", name))
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: no PEM block", name)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: %T, want an RSA key", name, k)
	}
	return rk, nil
}

// opaqueSigner hides the concrete key behind crypto.Signer, as an HSM or a
// KMS client does.
type opaqueSigner struct{ s crypto.Signer }

func (o opaqueSigner) Public() crypto.PublicKey { return o.s.Public() }
func (o opaqueSigner) Sign(r io.Reader, d []byte, opts crypto.SignerOpts) ([]byte, error) {
	return o.s.Sign(r, d, opts)
}

// fakeSigner is a crypto.Signer with a chosen public key and output.
type fakeSigner struct {
	pub   crypto.PublicKey
	out   []byte
	panic bool
}

func (f fakeSigner) Public() crypto.PublicKey {
	if f.panic {
		panic("boom")
	}
	return f.pub
}
func (f fakeSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) { return f.out, nil }

// keys is the set of test keys, made once per test binary. The RSA keys are
// loaded from testdata; the EC keys are generated (cheap); the Ed25519 key
// is the one of RFC 8037 Appendix A.1.
type keys struct {
	rsa1024, rsa2048    *rsa.PrivateKey
	p256, p384, p521    *ecdsa.PrivateKey
	ed                  ed25519.PrivateKey
	hs256, hs384, hs512 []byte
}

var testKeysOnce = sync.OnceValues(func() (*keys, error) {
	seed, _ := base64url.DecodeString("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
	k := &keys{
		ed:    ed25519.NewKeyFromSeed(seed),
		hs256: make([]byte, 32),
		hs384: make([]byte, 48),
		hs512: make([]byte, 64),
	}
	var err error
	if k.rsa1024, err = readRSA("rsa1024.pem"); err != nil {
		return nil, err
	}
	if k.rsa2048, err = readRSA("rsa2048.pem"); err != nil {
		return nil, err
	}
	for _, p := range []struct {
		dst   **ecdsa.PrivateKey
		curve elliptic.Curve
	}{{&k.p256, elliptic.P256()}, {&k.p384, elliptic.P384()}, {&k.p521, elliptic.P521()}} {
		if *p.dst, err = ecdsa.GenerateKey(p.curve, rand.Reader); err != nil {
			return nil, err
		}
	}
	for _, b := range [][]byte{k.hs256, k.hs384, k.hs512} {
		_, _ = rand.Read(b)
	}
	return k, nil
})

func testKeys(t testing.TB) *keys {
	t.Helper()
	k, err := testKeysOnce()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// pair returns, for each built-in algorithm, a private key and the
// matching public key.
func (k *keys) pair(alg SignatureAlgorithm) (priv, pub any) {
	switch alg {
	case HS256:
		return k.hs256, k.hs256
	case HS384:
		return k.hs384, k.hs384
	case HS512:
		return k.hs512, k.hs512
	case RS256, RS384, RS512, PS256, PS384, PS512:
		return k.rsa2048, &k.rsa2048.PublicKey
	case ES256:
		return k.p256, &k.p256.PublicKey
	case ES384:
		return k.p384, &k.p384.PublicKey
	case ES512:
		return k.p521, &k.p521.PublicKey
	case EdDSA, Ed25519:
		return k.ed, k.ed.Public()
	}
	if priv, pub, ok := mldsaPair(alg); ok {
		return priv, pub
	}
	panic("no test key for " + alg)
}

// allBuiltin lists the built-in signature algorithms in a fixed order.
// The ML-DSA ones are there when the Go release builds them (mldsaBuiltin).
var allBuiltin = append([]SignatureAlgorithm{
	HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512,
	ES256, ES384, ES512, EdDSA, Ed25519,
}, mldsaBuiltin...)
