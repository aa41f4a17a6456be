package secp256k1

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	dcr "github.com/decred/dcrd/dcrec/secp256k1/v4"
	decdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// testdata/key.json is a key generated once for these tests (RFC 8812 has
// no example key); testdata/es256k-rfc6979.jws is the JWS this module made
// with it. ES256K signing is deterministic (RFC 6979), so Sign must give
// the same token again, and the raw decred verification must accept it.
func loadKey(t testing.TB) *jwk.Key {
	t.Helper()
	data, err := os.ReadFile("testdata/key.json")
	if err != nil {
		t.Fatal(err)
	}
	k, err := jwk.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

const payload = `{"iss":"joe","msg":"ES256K vector"}`

func TestVector(t *testing.T) {
	k := loadKey(t)
	want, err := os.ReadFile("testdata/es256k-rfc6979.jws")
	if err != nil {
		t.Fatal(err)
	}
	got, err := jws.Sign([]byte(payload), jws.WithKey(jwa.ES256K, k))
	if err != nil || got != string(want) {
		t.Fatalf("Sign = %s, %v; want %s", got, err, want)
	}
	out, err := jws.Verify(string(want), jws.WithKey(jwa.ES256K, k.Public()))
	if err != nil || string(out) != payload {
		t.Fatalf("Verify = %s, %v", out, err)
	}
	// The raw primitive agrees: R||S over SHA-256 of the signing input.
	parts := strings.Split(string(want), ".")
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	var r, s dcr.ModNScalar
	r.SetByteSlice(sig[:32])
	s.SetByteSlice(sig[32:])
	h := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !decdsa.NewSignature(&r, &s).Verify(h[:], k.PublicKey().(*dcr.PublicKey)) {
		t.Fatal("decred does not verify the vector")
	}
	// The thumbprint covers crv, kty, x, y only (RFC 7638 §3.2).
	pub, _ := k.Public().MarshalJSON()
	if bytes.Contains(pub, []byte(`"d"`)) {
		t.Fatalf("public JWK carries d: %s", pub)
	}
}

func TestRoundTrips(t *testing.T) {
	k, err := jwk.GenerateKey(jwa.KeyTypeEC, jwk.WithCurve(jwa.Secp256k1))
	if err != nil {
		t.Fatal(err)
	}
	if k.Curve() != jwa.Secp256k1 || k.KeyType() != jwa.KeyTypeEC {
		t.Fatalf("generated %v", k)
	}
	data, err := k.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	again, err := jwk.Parse(data)
	if err != nil || !again.Equal(k) {
		t.Fatalf("Parse(MarshalJSON) = %v, %v", again, err)
	}
	for _, opt := range []jws.SignOption{nil, jws.WithJSON()} {
		opts := []jws.SignOption{jws.WithKey(jwa.ES256K, k)}
		if opt != nil {
			opts = append(opts, opt)
		}
		tok, err := jws.Sign([]byte("hello"), opts...)
		if err != nil {
			t.Fatal(err)
		}
		if out, err := jws.Verify(tok, jws.WithKey(jwa.ES256K, again.Public())); err != nil || string(out) != "hello" {
			t.Fatalf("Verify = %q, %v", out, err)
		}
	}
	// The decred key types work directly.
	raw := k.Raw().(*dcr.PrivateKey)
	tok, err := jwt.Sign(jwt.Claims{Issuer: "me", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}, jwa.ES256K, raw)
	if err != nil {
		t.Fatal(err)
	}
	c, err := jwt.Verify[jwt.Claims](tok, jwt.WithKey(jwa.ES256K, raw.PubKey()))
	if err != nil || c.Issuer != "me" {
		t.Fatalf("jwt.Verify = %v, %v", c, err)
	}
	set, _ := jwk.NewSet(k.Public())
	if _, err := jwt.Verify[jwt.Claims](tok, jwt.WithKeySet(set, jwa.ES256K)); err != nil {
		t.Fatalf("jwt.Verify with a set: %v", err)
	}
}

func TestBindingRejections(t *testing.T) {
	k := loadKey(t)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p256Key, _ := jwk.FromKey(p256)
	var nilPriv *dcr.PrivateKey
	var nilPub *dcr.PublicKey
	for _, tc := range []struct {
		name string
		run  func() error
		err  error
	}{
		{"secp256k1 key for ES256", func() error { _, err := k.Signer(jwa.ES256); return err }, jwa.ErrInvalidKey},
		{"secp256k1 public key for ES256", func() error { _, err := k.Public().Verifier(jwa.ES256); return err }, jwa.ErrInvalidKey},
		{"P-256 key for ES256K", func() error { _, err := p256Key.Signer(jwa.ES256K); return err }, jwa.ErrInvalidKey},
		{"P-256 public key for ES256K", func() error { _, err := p256Key.Public().Verifier(jwa.ES256K); return err }, jwa.ErrInvalidKey},
		{"secp256k1 key for ECDH-ES", func() error { _, err := k.KeyDecrypter(jwa.ECDH_ES); return err }, jwa.ErrInvalidKey},
		{"secp256k1 key for EdDSA", func() error { _, err := k.Signer(jwa.EdDSA); return err }, jwa.ErrInvalidKey},
		{"private key to verify", func() error { _, err := jwa.ES256K.NewVerifier(k.Raw()); return err }, jwa.ErrInvalidKey},
		{"typed nil private key", func() error { _, err := jwa.ES256K.NewSigner(nilPriv); return err }, jwa.ErrInvalidKey},
		{"typed nil public key", func() error { _, err := jwa.ES256K.NewVerifier(nilPub); return err }, jwa.ErrInvalidKey},
		{"typed nil to FromKey", func() error { _, err := jwk.FromKey(nilPub); return err }, jwa.ErrInvalidKey},
		{"zero public key", func() error { _, err := jwk.FromKey(&dcr.PublicKey{}); return err }, jwa.ErrInvalidKey},
		{"zero private key", func() error { _, err := jwk.FromKey(&dcr.PrivateKey{}); return err }, jwa.ErrInvalidKey},
		{"key bound to ES256", func() error {
			b, _ := jwk.FromKey(k, jwk.WithAlgorithm(jwa.ES256))
			_, err := b.Signer(jwa.ES256K)
			return err
		}, jwa.ErrAlgorithmNotAllowed},
		{"WithBits", func() error {
			_, err := jwk.GenerateKey(jwa.KeyTypeEC, jwk.WithCurve(jwa.Secp256k1), jwk.WithBits(256))
			return err
		}, jwa.ErrInvalidKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
	if err := Register(); !errors.Is(err, jwa.ErrAlreadyRegistered) {
		t.Fatalf("second Register: %v", err)
	}
}

func TestSignatureRejections(t *testing.T) {
	k := loadKey(t)
	v, err := k.Public().Verifier(jwa.ES256K)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := k.Signer(jwa.ES256K)
	msg := []byte("x.y")
	good, _ := s.Sign(msg)
	// n, the order of secp256k1, big-endian.
	n, _ := base64.StdEncoding.DecodeString("/////////////////////rqu3OavSKA7v9JejNA2QUE=")
	var rs dcr.ModNScalar
	rs.SetByteSlice(good[32:])
	rs.Negate() // n - s verifies too (T14)
	high := append(bytes.Clone(good[:32]), make([]byte, 32)...)
	rs.PutBytesUnchecked(high[32:])
	if err := v.Verify(msg, high); err != nil {
		t.Fatalf("n-s: %v", err)
	}
	for name, sig := range map[string][]byte{
		"empty":      nil,
		"short":      good[:63],
		"long":       append(bytes.Clone(good), 0),
		"r zero":     append(make([]byte, 32), good[32:]...),
		"s zero":     append(bytes.Clone(good[:32]), make([]byte, 32)...),
		"r is n":     append(bytes.Clone(n), good[32:]...),
		"s is n":     append(bytes.Clone(good[:32]), n...),
		"r all ones": append(bytes.Repeat([]byte{0xff}, 32), good[32:]...),
		"flipped":    append(bytes.Clone(good[:63]), good[63]^1),
		"DER":        decdsa.Sign(k.Raw().(*dcr.PrivateKey), msg).Serialize(),
	} {
		if err := v.Verify(msg, sig); !errors.Is(err, jwa.ErrInvalidSignature) {
			t.Errorf("%s: got %v, want ErrInvalidSignature", name, err)
		}
	}
	if err := v.Verify([]byte("x.z"), good); !errors.Is(err, jwa.ErrInvalidSignature) {
		t.Errorf("other message: %v", err)
	}
}

func TestParseRejections(t *testing.T) {
	const x, y, d = "6VgqbwZzr9Osaty1DD3dALeq8vPq2FV_X6wCEG401iU", "3-0793yqmWVcvLfrI3OjrxXrBJhe3Rae5Q1r4OeSMx0", "bL74HktIykwclEQInylLmPNTyc9gAf3mhGOWUvbsHos"
	ec := func(members string) []byte { return []byte(`{"kty":"EC","crv":"secp256k1",` + members + `}`) }
	for _, tc := range []struct {
		name string
		json []byte
		err  error
	}{
		{"point not on the curve", ec(`"x":"` + x + `","y":"` + d + `"`), jwa.ErrInvalidKey},
		{"x of 30 bytes", ec(`"x":"` + x[:40] + `","y":"` + y + `"`), jwa.ErrInvalidKey},
		{"no y (compressed form)", ec(`"x":"` + x + `"`), jwa.ErrMalformed},
		{"d does not match", ec(`"x":"` + x + `","y":"` + y + `","d":"` + x + `"`), jwa.ErrInvalidKey},
		{"d zero", ec(`"x":"` + x + `","y":"` + y + `","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"`), jwa.ErrInvalidKey},
		{"d is n", ec(`"x":"` + x + `","y":"` + y + `","d":"_____________________rqu3OavSKA7v9JejNA2QUE"`), jwa.ErrInvalidKey},
		{"OKP kty", []byte(`{"kty":"OKP","crv":"secp256k1","x":"` + x + `"}`), jwa.ErrInvalidKey},
		{"RSA member", ec(`"x":"` + x + `","y":"` + y + `","n":"AQAB"`), jwa.ErrMalformed},
		{"padding", ec(`"x":"` + x + `=","y":"` + y + `"`), jwa.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := jwk.Parse(tc.json)
			if !errors.Is(err, tc.err) || k != nil {
				t.Fatalf("got %v, %v; want %v", k, err, tc.err)
			}
		})
	}
}

func FuzzParseKey(f *testing.F) {
	data, err := os.ReadFile("testdata/key.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := jwk.Parse(data)
		if err != nil {
			if k != nil {
				t.Fatal("a key returned with an error")
			}
			return
		}
		out, err := k.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		again, err := jwk.Parse(out)
		if err != nil || !again.Equal(k) {
			t.Fatalf("re-parse of %s: %v", out, err)
		}
	})
}

func BenchmarkSign(b *testing.B) {
	k := loadKey(b)
	s, _ := k.Signer(jwa.ES256K)
	in := []byte(payload)
	b.Run("jwa", func(b *testing.B) {
		for b.Loop() {
			_, _ = s.Sign(in)
		}
	})
	b.Run("raw", func(b *testing.B) {
		priv := k.Raw().(*dcr.PrivateKey)
		for b.Loop() {
			h := sha256.Sum256(in)
			_ = decdsa.Sign(priv, h[:])
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	k := loadKey(b)
	s, _ := k.Signer(jwa.ES256K)
	v, _ := k.Public().Verifier(jwa.ES256K)
	in := []byte(payload)
	sig, _ := s.Sign(in)
	b.Run("jwa", func(b *testing.B) {
		for b.Loop() {
			_ = v.Verify(in, sig)
		}
	})
	b.Run("raw", func(b *testing.B) {
		pub := k.PublicKey().(*dcr.PublicKey)
		dsig := decdsa.Sign(k.Raw().(*dcr.PrivateKey), func() []byte { h := sha256.Sum256(in); return h[:] }())
		for b.Loop() {
			h := sha256.Sum256(in)
			_ = dsig.Verify(h[:], pub)
		}
	})
}
