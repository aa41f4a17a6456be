package jws_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// The tests of FIPS 140-3 mode through the public API of jws; `make test`
// runs them with GODEBUG=fips140=on and with fips140=only.

// fipsSigningKeys has a private key for every approved signature algorithm
// this build implements (ML-DSA with Go 1.27: see fips_mldsa_test.go).
func fipsSigningKeys(t *testing.T) map[jwa.SignatureAlgorithm]any {
	t.Helper()
	rk := fipstest.RSAKey(t, "rsa2048.pem")
	ec := func(c elliptic.Curve) *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	_, ed, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[jwa.SignatureAlgorithm]any{
		jwa.HS256: []byte("a 256-bit secret for HS256 tests"),
		jwa.HS384: []byte("a 384-bit secret for the HS384 tests of FIPS mode"),
		jwa.HS512: []byte("a 512-bit secret for the HS512 tests of FIPS 140-3 mode, 64 bytes"),
		jwa.RS256: rk, jwa.RS384: rk, jwa.RS512: rk, jwa.PS256: rk, jwa.PS384: rk, jwa.PS512: rk,
		jwa.ES256: ec(elliptic.P256()), jwa.ES384: ec(elliptic.P384()), jwa.ES512: ec(elliptic.P521()),
		jwa.EdDSA: ed, jwa.Ed25519: ed,
	}
	for alg, k := range fipsMLDSAKeys(t) {
		keys[alg] = k
	}
	return keys
}

// TestFIPSApprovedRoundTrip: in FIPS 140-3 mode every approved signature
// algorithm signs and verifies, in the compact and JSON forms.
func TestFIPSApprovedRoundTrip(t *testing.T) {
	fipstest.Require(t)
	keys := fipsSigningKeys(t)
	for _, alg := range []jwa.SignatureAlgorithm{jwa.HS256, jwa.HS384, jwa.HS512, jwa.RS256, jwa.RS384, jwa.RS512,
		jwa.PS256, jwa.PS384, jwa.PS512, jwa.ES256, jwa.ES384, jwa.ES512, jwa.EdDSA, jwa.Ed25519,
		jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87} {
		t.Run(string(alg), func(t *testing.T) {
			if !alg.FIPS().Approved {
				t.Fatalf("%s is not approved: %v", alg, alg.FIPS())
			}
			key, ok := keys[alg]
			if !ok {
				if alg.Available() {
					t.Fatalf("no test key for %s", alg)
				}
				t.Skipf("%s is not built in with this Go", alg)
			}
			k, err := jwk.FromKey(key)
			if err != nil {
				t.Fatal(err)
			}
			verifyKey := k
			if pub := k.Public(); pub != nil {
				verifyKey = pub
			}
			for _, form := range []jws.SignOption{jws.WithFlattened(), jws.WithJSON(), nil} {
				opts := []jws.SignOption{jws.WithKey(alg, k)}
				if form != nil {
					opts = append(opts, form)
				}
				tok, err := jws.Sign([]byte("approved"), opts...)
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				got, err := jws.Verify(tok, jws.WithKey(alg, verifyKey))
				if err != nil || string(got) != "approved" {
					t.Fatalf("Verify: %q, %v", got, err)
				}
			}
		})
	}
}

// TestFIPSRefusedAtTheOption: in FIPS 140-3 mode each option that names a
// signature algorithm that is not approved, or binds a key that mode
// refuses, fails with jwa.ErrNotApproved, saying which and why, before any
// token is read or signed.
func TestFIPSRefusedAtTheOption(t *testing.T) {
	fipstest.Require(t)
	small := fipstest.RSAKey(t, "rsa1024.pem")
	rk := fipstest.RSAKey(t, "rsa2048.pem")
	hs := []byte("a 256-bit secret for HS256 tests")
	good, err := jws.Sign([]byte("p"), jws.WithKey(jwa.HS256, hs))
	if err != nil {
		t.Fatal(err)
	}
	set, _ := jwk.NewSet()
	for _, tc := range []struct {
		name  string
		run   func() error
		parts []string
	}{
		{"Sign with none", func() error {
			_, err := jws.Sign([]byte("p"), jws.WithUnsafeNone(), jws.WithKey(jwa.NoSignature, nil))
			return err
		}, []string{"WithUnsafeNone", "none"}},
		{"Verify with WithUnsafeNone", func() error { _, err := jws.Verify(good, jws.WithUnsafeNone()); return err }, []string{"WithUnsafeNone"}},
		{"Sign with ES256K", func() error { _, err := jws.Sign([]byte("p"), jws.WithKey(jwa.ES256K, hs)); return err }, []string{"WithKey", "ES256K", "secp256k1"}},
		{"Verify with Ed448", func() error { _, err := jws.Verify(good, jws.WithKey(jwa.Ed448, hs)); return err }, []string{"WithKey", "Ed448"}},
		{"key set with ES256K", func() error { _, err := jws.Verify(good, jws.WithKeySet(set, jwa.HS256, jwa.ES256K)); return err }, []string{"WithKeySet", "ES256K"}},
		{"embedded key with Ed448", func() error {
			_, err := jws.Verify(good, jws.WithEmbeddedKey(func(*jwk.Key) error { return nil }, jwa.Ed448))
			return err
		}, []string{"WithEmbeddedKey", "Ed448"}},
		{"x5c with ES256K", func() error {
			_, err := jws.Verify(good, jws.WithX509(x509.VerifyOptions{Roots: x509.NewCertPool()}, jwa.ES256K))
			return err
		}, []string{"WithX509", "ES256K"}},
		{"1024-bit legacy verification key", func() error {
			_, err := jws.Verify(good, jws.WithKey(jwa.RS256, jwa.WeakRSAPublicKey{Key: &small.PublicKey}))
			return err
		}, []string{"WithKey", "RS256", "1024-bit", "SP 800-131A"}},
		{"RSA exponent 3", func() error {
			_, err := jws.Verify(good, jws.WithKey(jwa.PS256, &rsa.PublicKey{N: rk.N, E: 3}))
			return err
		}, []string{"WithKey", "PS256", "2^16"}},
	} {
		t.Run(tc.name, func(t *testing.T) { fipstest.CheckRefusal(t, tc.run(), jwa.ErrNotApproved, tc.parts...) })
	}
}
