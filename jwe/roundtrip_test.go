package jwe

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"

	"github.com/joseproject/jose/jwa"
)

var allEncs = []jwa.ContentEncryption{
	jwa.A128CBC_HS256, jwa.A192CBC_HS384, jwa.A256CBC_HS512,
	jwa.A128GCM, jwa.A192GCM, jwa.A256GCM, jwa.C20P, jwa.XC20P,
}

// testKeys returns, for each key management algorithm, the key to encrypt
// to and the key to decrypt with. dir's key depends on enc and is made in
// the loop.
func testKeys(t testing.TB) map[jwa.KeyAlgorithm][2]any {
	rsaPriv := rsaKey(t)
	ecPriv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	xCurve := ecdh.X25519()
	if jwa.FIPSMode() {
		xCurve = ecdh.P384() // X25519 is refused in FIPS 140-3 mode
	}
	xPriv, err := xCurve.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	secret := func(n int) [2]any { k := make([]byte, n); rand.Read(k); return [2]any{k, k} }
	pw := []byte("correct horse battery staple")
	return map[jwa.KeyAlgorithm][2]any{
		jwa.RSA1_5:             {&rsaPriv.PublicKey, rsaPriv},
		jwa.RSA_OAEP:           {&rsaPriv.PublicKey, rsaPriv},
		jwa.RSA_OAEP_256:       {&rsaPriv.PublicKey, rsaPriv},
		jwa.RSA_OAEP_384:       {&rsaPriv.PublicKey, rsaPriv},
		jwa.RSA_OAEP_512:       {&rsaPriv.PublicKey, rsaPriv},
		jwa.A128KW:             secret(16),
		jwa.A192KW:             secret(24),
		jwa.A256KW:             secret(32),
		jwa.ECDH_ES:            {&ecPriv.PublicKey, ecPriv},
		jwa.ECDH_ES_A128KW:     {xPriv.PublicKey(), xPriv},
		jwa.ECDH_ES_A192KW:     {&ecPriv.PublicKey, ecPriv},
		jwa.ECDH_ES_A256KW:     {xPriv.PublicKey(), xPriv},
		jwa.A128GCMKW:          secret(16),
		jwa.A192GCMKW:          secret(24),
		jwa.A256GCMKW:          secret(32),
		jwa.PBES2_HS256_A128KW: {pw, pw},
		jwa.PBES2_HS384_A192KW: {pw, pw},
		jwa.PBES2_HS512_A256KW: {pw, pw},
		jwa.Direct:             {nil, nil},
	}
}

// TestRoundTrip encrypts and decrypts with every (alg, enc) pair in every
// serialization, and checks that the CEK and IV differ between messages.
func TestRoundTrip(t *testing.T) {
	keys := testKeys(t)
	forms := []struct {
		name string
		opts []EncryptOption
	}{{"compact", nil}, {"flattened", []EncryptOption{WithFlattened()}}, {"general", []EncryptOption{WithJSON()}}}
	plaintext := []byte("Ceci n’est pas une pipe – 🚭")
	for alg, kp := range keys {
		for _, enc := range allEncs {
			if alg == jwa.Direct {
				k := make([]byte, enc.KeySize())
				rand.Read(k)
				kp = [2]any{k, k}
			}
			for _, f := range forms {
				t.Run(string(alg)+"/"+string(enc)+"/"+f.name, func(t *testing.T) {
					skipRefused(t, alg, enc)
					opts := append([]EncryptOption{WithRecipient(alg, kp[0]), WithEncryption(enc), WithP2C(MinP2C)}, f.opts...)
					tok1, err := Encrypt(plaintext, opts...)
					if err != nil {
						t.Fatalf("Encrypt: %v", err)
					}
					tok2, err := Encrypt(plaintext, opts...)
					if err != nil {
						t.Fatalf("Encrypt: %v", err)
					}
					m1, _ := Parse(tok1)
					m2, _ := Parse(tok2)
					if string(m1.IV) == string(m2.IV) || string(m1.Ciphertext) == string(m2.Ciphertext) {
						t.Fatal("two messages share an IV or a ciphertext")
					}
					r, err := DecryptMessage(tok1, WithKey(alg, kp[1]), WithAllowedEncryptions(enc))
					if err != nil {
						t.Fatalf("Decrypt: %v", err)
					}
					if string(r.Plaintext) != string(plaintext) {
						t.Fatalf("plaintext %q", r.Plaintext)
					}
					if r.Algorithm != alg || r.Encryption != enc || r.Serialization != m1.Serialization {
						t.Fatalf("alg %s, enc %s, serialization %v", r.Algorithm, r.Encryption, r.Serialization)
					}
				})
			}
		}
	}
}

// TestRoundTripFeatures covers several recipients, AAD, the three headers,
// compression, typ, cty and kid.
func TestRoundTripFeatures(t *testing.T) {
	keys := testKeys(t)
	rsa, ec, kw := keys[jwa.RSA_OAEP_256], keys[jwa.ECDH_ES_A256KW], keys[jwa.A256KW]
	plaintext := []byte(`{"iss":"joe","exp":1300819380,"http://example.com/is_root":true}`)
	tok, err := Encrypt(plaintext,
		WithRecipient(jwa.RSA_OAEP_256, rsa[0]), WithKeyID("rsa-1"), WithRecipientHeader("x-r", 1),
		WithRecipient(jwa.ECDH_ES_A256KW, ec[0]), WithKeyID("ec-1"),
		WithRecipient(jwa.A256KW, kw[0]),
		WithEncryption(jwa.A256GCM), WithCompression(jwa.Deflate), WithAAD([]byte("external")),
		WithType("JWT"), WithContentType("JWT"), WithProtectedHeader("x-p", "p"), WithSharedHeader("x-s", true),
		WithJSON())
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range []struct {
		alg jwa.KeyAlgorithm
		key any
		kid string
	}{{jwa.RSA_OAEP_256, rsa[1], "rsa-1"}, {jwa.ECDH_ES_A256KW, ec[1], "ec-1"}, {jwa.A256KW, kw[1], ""}} {
		r, err := DecryptMessage(tok, WithKey(k.alg, k.key), WithAllowedEncryptions(jwa.A256GCM))
		if err != nil {
			t.Fatalf("recipient %d: %v", i, err)
		}
		if string(r.Plaintext) != string(plaintext) || r.Recipient != i || string(r.AAD) != "external" {
			t.Fatalf("recipient %d: got %d %q", i, r.Recipient, r.Plaintext)
		}
		h := r.Protected
		if r.PerRecipient.KeyID() != k.kid || h.Type() != "JWT" || h.ContentType() != "JWT" || h.Compression() != jwa.Deflate {
			t.Fatalf("recipient %d: protected header %s, per-recipient %s", i, mustJSON(h), mustJSON(r.PerRecipient))
		}
		if r.Algorithm != k.alg || r.Encryption != jwa.A256GCM {
			t.Fatalf("recipient %d: alg %s, enc %s", i, r.Algorithm, r.Encryption)
		}
		if _, ok := r.Shared.Get("x-s"); !ok {
			t.Fatal("shared header lost")
		}
		if _, ok := r.Protected.Get("x-p"); !ok {
			t.Fatal("protected header lost")
		}
		if _, ok := r.PerRecipient.Get("x-r"); ok != (i == 0) {
			t.Fatal("per-recipient header misplaced")
		}
	}
}

func mustJSON(h *Header) string {
	b, _ := h.MarshalJSON()
	return string(b)
}
