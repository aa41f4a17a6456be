package ed448

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cloudflare/circl/sign/ed448"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readJSON(t testing.TB, name string, v any) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// RFC 8032 §7.4: pure Ed448 with an empty context is what the Ed448 JWS
// algorithm computes over the signing input (RFC 8037 §3.1).
func TestRFC8032Vectors(t *testing.T) {
	var vs []struct{ Name, Secret, Public, Message, Signature string }
	readJSON(t, "rfc8032-7.4-ed448.json", &vs)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			priv := ed448.NewKeyFromSeed(unhex(t, v.Secret))
			k, err := jwk.FromKey(priv)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(k.PublicKey().(ed448.PublicKey), unhex(t, v.Public)) {
				t.Fatal("public key differs from the RFC's")
			}
			s, err := k.Signer(jwa.Ed448)
			if err != nil {
				t.Fatal(err)
			}
			msg, want := unhex(t, v.Message), unhex(t, v.Signature)
			if got, err := s.Sign(msg); err != nil || !bytes.Equal(got, want) {
				t.Fatalf("Sign = %x, %v", got, err)
			}
			ver, err := k.Public().Verifier(jwa.Ed448)
			if err != nil {
				t.Fatal(err)
			}
			if err := ver.Verify(msg, want); err != nil {
				t.Fatal(err)
			}
			bad := bytes.Clone(want)
			bad[0] ^= 1
			if err := ver.Verify(msg, bad); !errors.Is(err, jwa.ErrInvalidSignature) {
				t.Fatalf("flipped bit: %v", err)
			}
		})
	}
}

// RFC 7748 §6.2, and the same keys as JWKs of RFC 8037 Appendix A.7.
func TestRFC7748Vector(t *testing.T) {
	var v struct{ AlicePrivate, AlicePublic, BobPrivate, BobPublic, Shared string }
	readJSON(t, "rfc7748-6.2-x448.json", &v)
	alice, _ := NewX448PrivateKey(unhex(t, v.AlicePrivate))
	bob, _ := NewX448PrivateKey(unhex(t, v.BobPrivate))
	if !bytes.Equal(alice.pub.Bytes(), unhex(t, v.AlicePublic)) || !bytes.Equal(bob.pub.Bytes(), unhex(t, v.BobPublic)) {
		t.Fatal("public keys differ from the RFC's")
	}
	for _, z := range [][]byte{
		must(alice.ECDH(bob.PublicKey())),
		must(bob.ECDH(alice.PublicKey())),
	} {
		if !bytes.Equal(z, unhex(t, v.Shared)) {
			t.Fatalf("shared secret %x", z)
		}
	}
	// RFC 8037 A.7: Bob's public key and Alice's (the ephemeral) key pair.
	bobJWK, err := jwk.Parse([]byte(`{"kty":"OKP","crv":"X448","kid":"Dave","x":"PreoKbDNIPW8_AtZm2_sz22kYnEHvbDU80W0MCfYuXL8PjT7QjKhPKcG3LV67D2uB73BxnvzNgk"}`))
	if err != nil || !bobJWK.PublicKey().(*X448PublicKey).Equal(bob.PublicKey()) {
		t.Fatalf("A.7 public key: %v", err)
	}
	ephJWK, err := jwk.Parse([]byte(`{"kty":"OKP","crv":"X448","x":"mwj3zDG34-Z9ItWuoSEHSic70rg94Jxj-qc9LCLF2bvINmRyQdlT1AxbEtqIEg1TF3-A5TLEH6A","d":"mo9JJdFRn1d1z0awS1gA1O6e6LrovFVl1JjCjdnJuvV0qUGXRIlzkQBjgqbxJ6sdmsLYwKWYcms"}`))
	if err != nil || !ephJWK.Raw().(*X448PrivateKey).Equal(alice) {
		t.Fatalf("A.7 ephemeral key: %v", err)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestRoundTrips(t *testing.T) {
	ed, err := jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.CurveEd448))
	if err != nil || ed.Curve() != jwa.CurveEd448 {
		t.Fatalf("GenerateKey Ed448 = %v, %v", ed, err)
	}
	xk, err := jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.X448))
	if err != nil || xk.Curve() != jwa.X448 {
		t.Fatalf("GenerateKey X448 = %v, %v", xk, err)
	}
	for _, k := range []*jwk.Key{ed, xk} {
		data, _ := k.MarshalJSON()
		again, err := jwk.Parse(data)
		if err != nil || !again.Equal(k) {
			t.Fatalf("%v: Parse(MarshalJSON) = %v, %v", k, again, err)
		}
		pub, _ := k.Public().MarshalJSON()
		if bytes.Contains(pub, []byte(`"d"`)) {
			t.Fatalf("public JWK carries d: %s", pub)
		}
	}

	tok, err := jws.Sign([]byte("hello"), jws.WithKey(jwa.Ed448, ed), jws.WithJSON())
	if err != nil {
		t.Fatal(err)
	}
	if out, err := jws.Verify(tok, jws.WithKey(jwa.Ed448, ed.Public())); err != nil || string(out) != "hello" {
		t.Fatalf("jws.Verify = %q, %v", out, err)
	}
	jt, err := jwt.Sign(jwt.Claims{Subject: "s", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}, jwa.Ed448, ed.Raw())
	if err != nil {
		t.Fatal(err)
	}
	if c, err := jwt.Verify[jwt.Claims](jt, jwt.WithKey(jwa.Ed448, ed.PublicKey())); err != nil || c.Subject != "s" {
		t.Fatalf("jwt.Verify = %v, %v", c, err)
	}

	for _, alg := range []jwa.KeyAlgorithm{jwa.ECDH_ES, jwa.ECDH_ES_A128KW, jwa.ECDH_ES_A256KW} {
		enc, err := jwe.Encrypt([]byte("secret"), jwe.WithRecipient(alg, xk.Public()), jwe.WithEncryption(jwa.A256GCM))
		if err != nil {
			t.Fatalf("%s: %v", alg, err)
		}
		m, err := jwe.Parse(enc)
		if err != nil {
			t.Fatal(err)
		}
		_ = m
		if !bytes.Contains(protectedOf(t, enc), []byte(`"crv":"X448"`)) {
			t.Fatalf("%s: epk is not an X448 JWK: %s", alg, protectedOf(t, enc))
		}
		plain, err := jwe.Decrypt(enc, jwe.WithKey(alg, xk), jwe.WithAllowedEncryptions(jwa.A256GCM))
		if err != nil || string(plain) != "secret" {
			t.Fatalf("%s: Decrypt = %q, %v", alg, plain, err)
		}
	}
}

func protectedOf(t *testing.T, compact string) []byte {
	t.Helper()
	i := strings.IndexByte(compact, '.')
	b, err := jsonB64([]byte(compact[:i]))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func jsonB64(s []byte) ([]byte, error) {
	out := make([]byte, len(s))
	n, err := b64.Decode(out, s)
	return out[:n], err
}

func TestBindingRejections(t *testing.T) {
	ed, _ := jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.CurveEd448))
	xk, _ := jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.X448))
	_, ed25519Priv, _ := ed25519.GenerateKey(nil)
	e25519, _ := jwk.FromKey(ed25519Priv)
	x25519Priv, _ := ecdh.X25519().GenerateKey(nil)
	p256Priv, _ := ecdh.P256().GenerateKey(nil)

	// A JWE for a P-256 key and one for an X25519 key: an X448 key must not
	// decrypt them, and an X448 JWE must not reach the other keys.
	p256JWE, _ := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.ECDH_ES, p256Priv.PublicKey()), jwe.WithEncryption(jwa.A128GCM))
	x448JWE, _ := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.ECDH_ES, xk.Public()), jwe.WithEncryption(jwa.A128GCM))

	var nilX *X448PrivateKey
	for _, tc := range []struct {
		name string
		run  func() error
		err  error
	}{
		{"Ed448 key for EdDSA", func() error { _, err := ed.Signer(jwa.EdDSA); return err }, jwa.ErrInvalidKey},
		{"Ed448 key for Ed25519", func() error { _, err := ed.Public().Verifier(jwa.Ed25519); return err }, jwa.ErrInvalidKey},
		{"Ed448 raw key for EdDSA", func() error { _, err := jwa.EdDSA.NewSigner(ed.Raw()); return err }, jwa.ErrInvalidKey},
		{"Ed25519 key for Ed448", func() error { _, err := e25519.Signer(jwa.Ed448); return err }, jwa.ErrInvalidKey},
		{"Ed25519 public key for Ed448", func() error { _, err := e25519.Public().Verifier(jwa.Ed448); return err }, jwa.ErrInvalidKey},
		{"Ed448 key for ECDH-ES", func() error { _, err := ed.KeyDecrypter(jwa.ECDH_ES); return err }, jwa.ErrInvalidKey},
		{"X448 key for Ed448", func() error { _, err := xk.Signer(jwa.Ed448); return err }, jwa.ErrInvalidKey},
		{"X448 key for ES256", func() error { _, err := xk.Public().Verifier(jwa.ES256); return err }, jwa.ErrInvalidKey},
		{"X448 key for A128KW", func() error { _, err := xk.KeyEncrypter(jwa.A128KW); return err }, jwa.ErrInvalidKey},
		{"X448 key on a P-256 JWE", func() error {
			_, err := jwe.Decrypt(p256JWE, jwe.WithKey(jwa.ECDH_ES, xk), jwe.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, jwa.ErrMalformed},
		{"X25519 key on an X448 JWE", func() error {
			_, err := jwe.Decrypt(x448JWE, jwe.WithKey(jwa.ECDH_ES, x25519Priv), jwe.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, jwa.ErrMalformed},
		{"P-256 key on an X448 JWE", func() error {
			_, err := jwe.Decrypt(x448JWE, jwe.WithKey(jwa.ECDH_ES, p256Priv), jwe.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, jwa.ErrMalformed},
		{"typed nil X448 key", func() error { _, err := jwk.FromKey(nilX); return err }, jwa.ErrInvalidKey},
		{"short Ed448 private key", func() error { _, err := jwa.Ed448.NewSigner(ed448.PrivateKey(make([]byte, 57))); return err }, jwa.ErrInvalidKey},
		{"Ed448 private key for verifying", func() error { _, err := jwa.Ed448.NewVerifier(ed.Raw()); return err }, jwa.ErrInvalidKey},
		{"Ed448 key bound to EdDSA", func() error {
			b, _ := jwk.FromKey(ed, jwk.WithAlgorithm(jwa.EdDSA))
			_, err := b.Signer(jwa.Ed448)
			return err
		}, jwa.ErrAlgorithmNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
	// Small-order X448 points give an all-zero secret (T34).
	for _, u := range [][]byte{make([]byte, 56), append([]byte{1}, make([]byte, 55)...)} {
		low, _ := NewX448PublicKey(u)
		if _, err := xk.Raw().(*X448PrivateKey).ECDH(low); err == nil {
			t.Fatalf("agreement with small-order u=%x succeeded", u[:1])
		}
		if _, err := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.ECDH_ES, low), jwe.WithEncryption(jwa.A128GCM)); !errors.Is(err, jwa.ErrInvalidKey) {
			t.Fatalf("encrypting to a small-order key: %v", err)
		}
	}
	if err := Register(); !errors.Is(err, jwa.ErrAlreadyRegistered) {
		t.Fatalf("second Register: %v", err)
	}
}

func TestParseRejections(t *testing.T) {
	const edX = "X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA"
	// y = 1, the neutral element, and y = 0 (order 4).
	identity := "AQ" + string(bytes.Repeat([]byte("A"), 74))
	for _, tc := range []struct {
		name, json string
		err        error
	}{
		{"Ed448 x of 56 bytes", `{"kty":"OKP","crv":"Ed448","x":"PreoKbDNIPW8_AtZm2_sz22kYnEHvbDU80W0MCfYuXL8PjT7QjKhPKcG3LV67D2uB73BxnvzNgk"}`, jwa.ErrInvalidKey},
		{"Ed448 identity point", `{"kty":"OKP","crv":"Ed448","x":"` + identity + `"}`, jwa.ErrInvalidKey},
		{"Ed448 d does not match", `{"kty":"OKP","crv":"Ed448","x":"` + edX + `","d":"` + edX + `"}`, jwa.ErrInvalidKey},
		{"Ed448 without x", `{"kty":"OKP","crv":"Ed448","d":"` + edX + `"}`, jwa.ErrMalformed},
		{"Ed448 as EC", `{"kty":"EC","crv":"Ed448","x":"` + edX + `","y":"` + edX + `"}`, jwa.ErrInvalidKey},
		{"X448 x of 57 bytes", `{"kty":"OKP","crv":"X448","x":"` + edX + `"}`, jwa.ErrInvalidKey},
		{"X448 d does not match", `{"kty":"OKP","crv":"X448","x":"PreoKbDNIPW8_AtZm2_sz22kYnEHvbDU80W0MCfYuXL8PjT7QjKhPKcG3LV67D2uB73BxnvzNgk","d":"mo9JJdFRn1d1z0awS1gA1O6e6LrovFVl1JjCjdnJuvV0qUGXRIlzkQBjgqbxJ6sdmsLYwKWYcms"}`, jwa.ErrInvalidKey},
		{"X448 with y", `{"kty":"OKP","crv":"X448","x":"PreoKbDNIPW8_AtZm2_sz22kYnEHvbDU80W0MCfYuXL8PjT7QjKhPKcG3LV67D2uB73BxnvzNgk","y":"AA"}`, jwa.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := jwk.Parse([]byte(tc.json))
			if !errors.Is(err, tc.err) || k != nil {
				t.Fatalf("got %v, %v; want %v", k, err, tc.err)
			}
		})
	}
}

func FuzzParseKey(f *testing.F) {
	for _, s := range []string{
		`{"kty":"OKP","crv":"Ed448","x":"X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA"}`,
		`{"kty":"OKP","crv":"X448","x":"mwj3zDG34-Z9ItWuoSEHSic70rg94Jxj-qc9LCLF2bvINmRyQdlT1AxbEtqIEg1TF3-A5TLEH6A","d":"mo9JJdFRn1d1z0awS1gA1O6e6LrovFVl1JjCjdnJuvV0qUGXRIlzkQBjgqbxJ6sdmsLYwKWYcms"}`,
		`{"kty":"OKP","crv":"X448","x":"AA"}`,
	} {
		f.Add([]byte(s))
	}
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

func BenchmarkEd448(b *testing.B) {
	_, priv, _ := ed448.GenerateKey(nil)
	k, _ := jwk.FromKey(priv)
	s, _ := k.Signer(jwa.Ed448)
	v, _ := k.Public().Verifier(jwa.Ed448)
	in := []byte("eyJhbGciOiJFZDQ0OCJ9.eyJzdWIiOiJiZW5jaCJ9")
	sig, _ := s.Sign(in)
	b.Run("Sign/jwa", func(b *testing.B) {
		for b.Loop() {
			_, _ = s.Sign(in)
		}
	})
	b.Run("Sign/raw", func(b *testing.B) {
		for b.Loop() {
			_ = ed448.Sign(priv, in, "")
		}
	})
	b.Run("Verify/jwa", func(b *testing.B) {
		for b.Loop() {
			_ = v.Verify(in, sig)
		}
	})
	b.Run("Verify/raw", func(b *testing.B) {
		pub := priv.Public().(ed448.PublicKey)
		for b.Loop() {
			_ = ed448.Verify(pub, in, sig, "")
		}
	})
}

func BenchmarkX448(b *testing.B) {
	priv, _ := GenerateX448Key(nil)
	enc, _ := jwa.ECDH_ES.NewKeyEncrypter(priv.PublicKey())
	p := &jwa.KeyParams{Enc: jwa.A128GCM}
	b.Run("ECDH-ES/jwa", func(b *testing.B) {
		for b.Loop() {
			_, _, _ = enc.EncryptKey(nil, p)
		}
	})
	b.Run("ECDH-ES/raw", func(b *testing.B) {
		for b.Loop() {
			eph, _ := GenerateX448Key(nil)
			_, _ = eph.ECDH(priv.PublicKey())
		}
	})
}

var b64 = base64.RawURLEncoding
