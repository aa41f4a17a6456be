package jwk

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// checkGenerated checks a key Generate or GenerateKey made.
func checkGenerated(t *testing.T, k *Key, kty jwa.KeyType, crv jwa.Curve, octBytes int) {
	t.Helper()
	if k.KeyType() != kty || k.Curve() != crv || !k.IsPrivate() {
		t.Errorf("got %v, want a private %s key on %q", k, kty, crv)
	}
	if kty == jwa.KeyTypeOct {
		if n := len(k.Raw().([]byte)); n != octBytes {
			t.Errorf("secret of %d bytes, want %d", n, octBytes)
		}
	}
}

// TestGenerate covers every algorithm but the RSA ones, which
// TestGenerateRSA covers without generating more than one RSA key.
func TestGenerate(t *testing.T) {
	type gen func() (*Key, error)
	tests := []struct {
		alg      string
		gen      gen
		kty      jwa.KeyType
		crv      jwa.Curve
		octBytes int
	}{
		{"HS256", func() (*Key, error) { return Generate(jwa.HS256) }, jwa.KeyTypeOct, "", 32},
		{"HS384", func() (*Key, error) { return Generate(jwa.HS384) }, jwa.KeyTypeOct, "", 48},
		{"HS512", func() (*Key, error) { return Generate(jwa.HS512) }, jwa.KeyTypeOct, "", 64},
		{"HS256", func() (*Key, error) { return Generate(jwa.HS256, WithBits(512)) }, jwa.KeyTypeOct, "", 64},
		{"ES256", func() (*Key, error) { return Generate(jwa.ES256) }, jwa.KeyTypeEC, jwa.P256, 0},
		{"ES384", func() (*Key, error) { return Generate(jwa.ES384) }, jwa.KeyTypeEC, jwa.P384, 0},
		{"ES512", func() (*Key, error) { return Generate(jwa.ES512, WithCurve(jwa.P521)) }, jwa.KeyTypeEC, jwa.P521, 0},
		{"EdDSA", func() (*Key, error) { return Generate(jwa.EdDSA) }, jwa.KeyTypeOKP, jwa.CurveEd25519, 0},
		{"Ed25519", func() (*Key, error) { return Generate(jwa.Ed25519) }, jwa.KeyTypeOKP, jwa.CurveEd25519, 0},
		{"A128KW", func() (*Key, error) { return Generate(jwa.A128KW) }, jwa.KeyTypeOct, "", 16},
		{"A192KW", func() (*Key, error) { return Generate(jwa.A192KW) }, jwa.KeyTypeOct, "", 24},
		{"A256KW", func() (*Key, error) { return Generate(jwa.A256KW, WithBits(256)) }, jwa.KeyTypeOct, "", 32},
		{"A128GCMKW", func() (*Key, error) { return Generate(jwa.A128GCMKW) }, jwa.KeyTypeOct, "", 16},
		{"A192GCMKW", func() (*Key, error) { return Generate(jwa.A192GCMKW) }, jwa.KeyTypeOct, "", 24},
		{"A256GCMKW", func() (*Key, error) { return Generate(jwa.A256GCMKW) }, jwa.KeyTypeOct, "", 32},
		{"dir", func() (*Key, error) { return Generate(jwa.Direct) }, jwa.KeyTypeOct, "", 32},
		{"dir", func() (*Key, error) { return Generate(jwa.Direct, WithBits(512)) }, jwa.KeyTypeOct, "", 64},
		{"ECDH-ES", func() (*Key, error) { return Generate(jwa.ECDH_ES) }, jwa.KeyTypeEC, jwa.P256, 0},
		{"ECDH-ES+A128KW", func() (*Key, error) { return Generate(jwa.ECDH_ES_A128KW, WithCurve(jwa.P384)) }, jwa.KeyTypeEC, jwa.P384, 0},
		{"ECDH-ES+A192KW", func() (*Key, error) { return Generate(jwa.ECDH_ES_A192KW, WithCurve(jwa.P521)) }, jwa.KeyTypeEC, jwa.P521, 0},
		{"ECDH-ES+A256KW", func() (*Key, error) { return Generate(jwa.ECDH_ES_A256KW, WithCurve(jwa.X25519)) }, jwa.KeyTypeOKP, jwa.X25519, 0},
	}
	for _, tt := range tests {
		t.Run(tt.alg, func(t *testing.T) {
			skipCurveInFIPS(t, tt.crv)
			k, err := tt.gen()
			if err != nil {
				t.Fatal(err)
			}
			checkGenerated(t, k, tt.kty, tt.crv, tt.octBytes)
			if k.Algorithm() != tt.alg {
				t.Errorf("alg %q, want %q", k.Algorithm(), tt.alg)
			}
			checkBinds(t, k)
		})
	}
}

// checkBinds checks that a generated key serves its algorithm, when jwa
// implements it: it signs and verifies, or binds for key management.
func checkBinds(t *testing.T, k *Key) {
	t.Helper()
	if alg := jwa.SignatureAlgorithm(k.Algorithm()); alg.Available() {
		s, err := k.Signer(alg)
		if err != nil {
			t.Fatalf("Signer(%s): %v", alg, err)
		}
		sig, err := s.Sign([]byte("input"))
		if err != nil {
			t.Fatalf("Sign: %v", err)
		}
		verifier := k.Public()
		if k.IsSymmetric() {
			verifier = k
		}
		v, err := verifier.Verifier(alg)
		if err != nil {
			t.Fatalf("Verifier(%s): %v", alg, err)
		}
		if err := v.Verify([]byte("input"), sig); err != nil {
			t.Errorf("Verify: %v", err)
		}
	}
	if alg := jwa.KeyAlgorithm(k.Algorithm()); alg.Available() {
		if _, err := k.KeyDecrypter(alg); err != nil {
			t.Errorf("KeyDecrypter(%s): %v", alg, err)
		}
		enc := k.Public()
		if k.IsSymmetric() {
			enc = k
		}
		if _, err := enc.KeyEncrypter(alg); err != nil {
			t.Errorf("KeyEncrypter(%s): %v", alg, err)
		}
	}
}

// TestGenerateRSA generates the one RSA key of the tests, and checks the
// key type of the other RSA algorithms without generating.
func TestGenerateRSA(t *testing.T) {
	k, err := Generate(jwa.PS256, WithKeyID("rsa-1"))
	if err != nil {
		t.Fatal(err)
	}
	checkGenerated(t, k, jwa.KeyTypeRSA, "", 0)
	checkBinds(t, k)
	if n := k.PublicKey().(*rsa.PublicKey).N.BitLen(); n != 2048 || k.Algorithm() != "PS256" || k.KeyID() != "rsa-1" {
		t.Errorf("%v of %d bits", k, n)
	}
	for _, alg := range []any{jwa.RS256, jwa.RS384, jwa.RS512, jwa.PS256, jwa.PS384, jwa.PS512,
		jwa.RSA1_5, jwa.RSA_OAEP, jwa.RSA_OAEP_256, jwa.RSA_OAEP_384, jwa.RSA_OAEP_512} {
		if kty, err := (&genConfig{}).forAlgorithm(alg); kty != jwa.KeyTypeRSA || err != nil {
			t.Errorf("%s: kty %q, %v", alg, kty, err)
		}
	}
}

func TestGenerateMembers(t *testing.T) {
	k, err := Generate(jwa.ES256, WithKeyID("k1"), WithUse("sig"), WithKeyOps("sign", "verify"), WithAlgorithm(jwa.ES256))
	if err != nil {
		t.Fatal(err)
	}
	if k.KeyID() != "k1" || k.Use() != "sig" || len(k.KeyOps()) != 2 || k.Algorithm() != "ES256" {
		t.Errorf("members not set: %v use %q key_ops %v", k, k.Use(), k.KeyOps())
	}
	a, _ := Generate(jwa.HS256)
	b, _ := Generate(jwa.HS256)
	if bytes.Equal(a.Raw().([]byte), b.Raw().([]byte)) {
		t.Error("two generated secrets are equal")
	}
}

func TestGenerateRejects(t *testing.T) {
	tests := []struct {
		name string
		gen  func() (*Key, error)
		want error
	}{
		{"PBES2", func() (*Key, error) { return Generate(jwa.PBES2_HS256_A128KW) }, jwa.ErrUnsupportedAlgorithm},
		{"none", func() (*Key, error) { return Generate(jwa.NoSignature) }, jwa.ErrUnsupportedAlgorithm},
		{"unknown signature", func() (*Key, error) { return Generate(jwa.SignatureAlgorithm("XS256")) }, jwa.ErrUnsupportedAlgorithm},
		{"unknown key algorithm", func() (*Key, error) { return Generate(jwa.KeyAlgorithm("RSA-OAEP-1024")) }, jwa.ErrUnsupportedAlgorithm},
		{"key algorithm spelled as a signature", func() (*Key, error) { return Generate(jwa.SignatureAlgorithm("A128KW")) }, jwa.ErrUnsupportedAlgorithm},
		// RFC 7518 §3.2: an HMAC key at least as long as the hash.
		{"HS256 128 bits", func() (*Key, error) { return Generate(jwa.HS256, WithBits(128)) }, jwa.ErrInvalidKey},
		{"HS512 256 bits", func() (*Key, error) { return Generate(jwa.HS512, WithBits(256)) }, jwa.ErrInvalidKey},
		{"HS256 with a curve", func() (*Key, error) { return Generate(jwa.HS256, WithCurve(jwa.P256)) }, jwa.ErrInvalidKey},
		// T09: RSA under 2048 bits is never made.
		{"RS256 1024 bits", func() (*Key, error) { return Generate(jwa.RS256, WithBits(1024)) }, jwa.ErrInvalidKey},
		{"RSA-OAEP 2047 bits", func() (*Key, error) { return Generate(jwa.RSA_OAEP, WithBits(2047)) }, jwa.ErrInvalidKey},
		{"RS256 16384 bits", func() (*Key, error) { return Generate(jwa.RS256, WithBits(16384)) }, jwa.ErrInvalidKey},
		{"RS256 with a curve", func() (*Key, error) { return Generate(jwa.RS256, WithCurve(jwa.P256)) }, jwa.ErrInvalidKey},
		{"ES256 on P-384", func() (*Key, error) { return Generate(jwa.ES256, WithCurve(jwa.P384)) }, jwa.ErrInvalidKey},
		{"ES256 with a size", func() (*Key, error) { return Generate(jwa.ES256, WithBits(256)) }, jwa.ErrInvalidKey},
		{"EdDSA on X25519", func() (*Key, error) { return Generate(jwa.EdDSA, WithCurve(jwa.X25519)) }, jwa.ErrInvalidKey},
		{"A128KW 256 bits", func() (*Key, error) { return Generate(jwa.A128KW, WithBits(256)) }, jwa.ErrInvalidKey},
		{"A256GCMKW with a curve", func() (*Key, error) { return Generate(jwa.A256GCMKW, WithCurve(jwa.P256)) }, jwa.ErrInvalidKey},
		{"dir 100 bits", func() (*Key, error) { return Generate(jwa.Direct, WithBits(100)) }, jwa.ErrInvalidKey},
		{"dir 1024 bits", func() (*Key, error) { return Generate(jwa.Direct, WithBits(1024)) }, jwa.ErrInvalidKey},
		{"ECDH-ES on Ed25519", func() (*Key, error) { return Generate(jwa.ECDH_ES, WithCurve(jwa.CurveEd25519)) }, jwa.ErrInvalidKey},
		{"ECDH-ES with a size", func() (*Key, error) { return Generate(jwa.ECDH_ES, WithBits(256)) }, jwa.ErrInvalidKey},
		{"ECDH-ES on X25519 with a size", func() (*Key, error) { return Generate(jwa.ECDH_ES, WithCurve(jwa.X25519), WithBits(256)) }, jwa.ErrInvalidKey},
		{"another alg", func() (*Key, error) { return Generate(jwa.ES256, WithAlgorithm(jwa.ES384)) }, jwa.ErrInvalidKey},
		{"bad member", func() (*Key, error) { return Generate(jwa.ES256, WithUse("both")) }, jwa.ErrMalformed},
		{"use contradicts key_ops", func() (*Key, error) { return Generate(jwa.ES256, WithUse("enc"), WithKeyOps("sign")) }, jwa.ErrMalformed},

		{"kty RSA 1024 bits", func() (*Key, error) { return GenerateKey(jwa.KeyTypeRSA, WithBits(1024)) }, jwa.ErrInvalidKey},
		{"kty RSA 0 bits", func() (*Key, error) { return GenerateKey(jwa.KeyTypeRSA, WithBits(0)) }, jwa.ErrInvalidKey},
		{"kty RSA with a curve", func() (*Key, error) { return GenerateKey(jwa.KeyTypeRSA, WithCurve(jwa.P256)) }, jwa.ErrInvalidKey},
		{"kty EC unknown curve", func() (*Key, error) { return GenerateKey(jwa.KeyTypeEC, WithCurve("secp256k1")) }, jwa.ErrInvalidKey},
		{"kty EC Ed25519", func() (*Key, error) { return GenerateKey(jwa.KeyTypeEC, WithCurve(jwa.CurveEd25519)) }, jwa.ErrInvalidKey},
		{"kty EC with a size", func() (*Key, error) { return GenerateKey(jwa.KeyTypeEC, WithBits(384)) }, jwa.ErrInvalidKey},
		{"kty OKP X448", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOKP, WithCurve("X448")) }, jwa.ErrInvalidKey},
		{"kty OKP P-256", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOKP, WithCurve(jwa.P256)) }, jwa.ErrInvalidKey},
		{"kty OKP with a size", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOKP, WithBits(256)) }, jwa.ErrInvalidKey},
		{"kty oct 64 bits", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOct, WithBits(64)) }, jwa.ErrInvalidKey},
		{"kty oct 0 bits", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOct, WithBits(0)) }, jwa.ErrInvalidKey},
		{"kty oct negative", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOct, WithBits(-256)) }, jwa.ErrInvalidKey},
		{"kty oct 130 bits", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOct, WithBits(130)) }, jwa.ErrInvalidKey},
		{"kty oct huge", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOct, WithBits(1<<40)) }, jwa.ErrInvalidKey},
		{"kty oct with a curve", func() (*Key, error) { return GenerateKey(jwa.KeyTypeOct, WithCurve(jwa.P256)) }, jwa.ErrInvalidKey},
		{"unknown kty", func() (*Key, error) { return GenerateKey("DSA") }, jwa.ErrInvalidKey},
		{"empty kty", func() (*Key, error) { return GenerateKey("") }, jwa.ErrInvalidKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := tt.gen()
			if k != nil || !(errors.Is(err, tt.want) || refusedInFIPS(err)) {
				t.Errorf("got %v, %v; want %v", k, err, tt.want)
			}
		})
	}
}

func TestGenerateKey(t *testing.T) {
	tests := []struct {
		name     string
		kty      jwa.KeyType
		opts     []GenerateOption
		crv      jwa.Curve
		octBytes int
	}{
		{"EC", jwa.KeyTypeEC, nil, jwa.P256, 0},
		{"EC P-384", jwa.KeyTypeEC, []GenerateOption{WithCurve(jwa.P384)}, jwa.P384, 0},
		{"EC P-521", jwa.KeyTypeEC, []GenerateOption{WithCurve(jwa.P521)}, jwa.P521, 0},
		{"OKP", jwa.KeyTypeOKP, nil, jwa.CurveEd25519, 0},
		{"OKP X25519", jwa.KeyTypeOKP, []GenerateOption{WithCurve(jwa.X25519)}, jwa.X25519, 0},
		{"oct", jwa.KeyTypeOct, nil, "", 32},
		{"oct 128", jwa.KeyTypeOct, []GenerateOption{WithBits(128)}, "", 16},
		{"oct 8192", jwa.KeyTypeOct, []GenerateOption{WithBits(8192)}, "", 1024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			skipCurveInFIPS(t, tt.crv)
			k, err := GenerateKey(tt.kty, append(tt.opts, WithKeyID("g"))...)
			if err != nil {
				t.Fatal(err)
			}
			checkGenerated(t, k, tt.kty, tt.crv, tt.octBytes)
			if k.Algorithm() != "" || k.KeyID() != "g" {
				t.Errorf("alg %q kid %q", k.Algorithm(), k.KeyID())
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	b.Run("jwk/ES256", func(b *testing.B) {
		for b.Loop() {
			if _, err := Generate(jwa.ES256); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stdlib/ES256", func(b *testing.B) {
		for b.Loop() {
			if _, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("jwk/EdDSA", func(b *testing.B) {
		for b.Loop() {
			if _, err := Generate(jwa.EdDSA); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestGenerateWithThumbprintKeyID(t *testing.T) {
	k, err := Generate(jwa.ES256, WithThumbprintKeyID())
	if err != nil {
		t.Fatal(err)
	}
	tp, err := k.Thumbprint(0)
	if err != nil {
		t.Fatal(err)
	}
	if k.KeyID() != base64url.EncodeToString(tp) || k.Algorithm() != "ES256" {
		t.Fatalf("kid %q alg %q, want the thumbprint and ES256", k.KeyID(), k.Algorithm())
	}
}
