package jwe

import (
	"bufio"
	"bytes"
	"crypto/ecdh"
	"crypto/rand"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// hpkeVectors reads testdata/hpke/draft-ietf-jose-hpke-encrypt-20-appendix-A.txt
// and unfolds each block per RFC 8792 §7 (single backslash): a line ending
// in "\" continues on the next line after its leading white space.
func hpkeVectors(t testing.TB) map[string]map[string][]byte {
	t.Helper()
	f, err := os.Open("../testdata/hpke/draft-ietf-jose-hpke-encrypt-20-appendix-A.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bufs := map[string]map[string]*bytes.Buffer{}
	var cur *bytes.Buffer
	cont := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if alg, what, ok := strings.Cut(strings.TrimPrefix(line, "== "), " "); ok && strings.HasPrefix(line, "== ") {
			if bufs[alg] == nil {
				bufs[alg] = map[string]*bytes.Buffer{}
			}
			cur = new(bytes.Buffer)
			bufs[alg][what] = cur
			cont = false
			continue
		}
		if cur == nil {
			continue
		}
		if cont {
			line = strings.TrimLeft(line, " ")
		} else if cur.Len() > 0 {
			cur.WriteByte('\n')
		}
		cont = strings.HasSuffix(line, `\`)
		cur.WriteString(strings.TrimSuffix(line, `\`))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string][]byte{}
	for alg, m := range bufs {
		out[alg] = map[string][]byte{}
		for what, b := range m {
			out[alg][what] = b.Bytes()
		}
	}
	return out
}

// TestHPKEDraftVectors decrypts every example of draft-ietf-jose-hpke-encrypt-20
// Appendix A that crypto/hpke can serve (X448 cannot), in both
// serializations, with the private JWK given there.
func TestHPKEDraftVectors(t *testing.T) {
	vectors := hpkeVectors(t)
	if len(vectors) != 6 {
		t.Fatalf("%d vectors", len(vectors))
	}
	for alg, v := range vectors {
		for _, form := range []string{"flattened", "compact"} {
			t.Run(alg+"/"+form, func(t *testing.T) {
				skipRefused(t, jwa.KeyAlgorithm(alg), "")
				key, err := jwk.Parse(v["jwk"])
				if err != nil {
					t.Fatalf("JWK: %v", err)
				}
				opts := []DecryptOption{WithKey(jwa.KeyAlgorithm(alg), key)}
				if !jwa.KeyAlgorithm(alg).IsIntegrated() {
					opts = append(opts, WithAllowedEncryptions(jwa.A128GCM, jwa.A256GCM))
				}
				r, err := DecryptMessage(string(v[form]), opts...)
				if err != nil {
					t.Fatalf("decrypt: %v", err)
				}
				if len(r.Plaintext) == 0 || r.Key != key {
					t.Fatalf("result %+v", r)
				}
				if form == "flattened" && string(r.AAD) != "The Fellowship of the Ring" {
					t.Fatalf("aad %q", r.AAD)
				}
				// A key of the same suite but the other mode is refused (T32).
				other := strings.TrimSuffix(alg, "-KE")
				if other == alg {
					other += "-KE"
				}
				if _, err := Decrypt(string(v[form]), WithKey(jwa.KeyAlgorithm(other), key), WithAllowedEncryptions(jwa.A128GCM)); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
					t.Fatalf("key bound to %s used for %s: %v", alg, other, err)
				}
			})
		}
	}
}

// hpkeDHKeys generates a private key for each DHKEM suite's curve.
func hpkeDHKey(t testing.TB, alg jwa.KeyAlgorithm) *ecdh.PrivateKey {
	t.Helper()
	var c ecdh.Curve
	switch strings.TrimSuffix(string(alg), "-KE") {
	case "HPKE-0", "HPKE-7":
		c = ecdh.P256()
	case "HPKE-1":
		c = ecdh.P384()
	case "HPKE-2":
		c = ecdh.P521()
	case "HPKE-3", "HPKE-4":
		c = ecdh.X25519()
	default:
		return nil
	}
	k, err := c.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestHPKERoundTrip encrypts and decrypts with every DHKEM suite in every
// serialization its mode allows, with and without compression and AAD.
// (The ML-KEM and hybrid suites take Go keys that jwk does not wrap yet;
// jwa's tests round-trip them.)
func TestHPKERoundTrip(t *testing.T) {
	plain := []byte("Three Rings for the Elven-kings under the sky")
	for _, alg := range jwa.HPKEAlgorithms() {
		sk := hpkeDHKey(t, alg)
		if sk == nil || alg.CheckFIPS() != nil {
			continue
		}
		forms := [][]EncryptOption{nil, {WithFlattened()}, {WithJSON()}, {WithFlattened(), WithAAD([]byte("aad"))}, {WithCompression(jwa.Deflate)}}
		for i, form := range forms {
			opts := append([]EncryptOption{WithRecipient(alg, sk.PublicKey())}, form...)
			dec := []DecryptOption{WithKey(alg, sk)}
			if !alg.IsIntegrated() {
				opts = append(opts, WithEncryption(jwa.A256GCM))
				dec = append(dec, WithAllowedEncryptions(jwa.A256GCM))
			}
			tok, err := Encrypt(plain, opts...)
			if err != nil {
				t.Fatalf("%s form %d: %v", alg, i, err)
			}
			got, err := Decrypt(tok, dec...)
			if err != nil || !bytes.Equal(got, plain) {
				t.Fatalf("%s form %d: %q, %v", alg, i, got, err)
			}
			m, err := Parse(tok)
			if err != nil {
				t.Fatal(err)
			}
			_, hasEnc := m.Protected.Get("enc")
			_, hasEK := m.JOSEHeader(0).Get("ek")
			if hasEnc == alg.IsIntegrated() || hasEK == alg.IsIntegrated() {
				t.Fatalf("%s: enc %v, ek %v", alg, hasEnc, hasEK)
			}
		}
	}
}

// TestHPKEMixedRecipients puts an HPKE Key Encryption recipient next to an
// A128KW one in the general JSON serialization; each key decrypts.
func TestHPKEMixedRecipients(t *testing.T) {
	alg := jwa.HPKE_3_KE
	if jwa.FIPSMode() {
		alg = jwa.HPKE_0_KE // X25519 is refused in FIPS 140-3 mode
	}
	sk := hpkeDHKey(t, alg)
	tok, err := Encrypt([]byte("x"), WithRecipient(alg, sk.PublicKey()), WithRecipient(jwa.A128KW, kw16),
		WithEncryption(jwa.A128GCM), WithJSON())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []DecryptOption{WithKey(alg, sk), WithKey(jwa.A128KW, kw16)} {
		if got, err := Decrypt(tok, o, WithAllowedEncryptions(jwa.A128GCM)); err != nil || string(got) != "x" {
			t.Fatalf("%q, %v", got, err)
		}
	}
}

// TestHPKERejections gives each HPKE rule its own row.
func TestHPKERejections(t *testing.T) {
	sk := hpkeDHKey(t, jwa.HPKE_0)
	sk384 := hpkeDHKey(t, jwa.HPKE_1)
	x := hpkeDHKey(t, jwa.HPKE_3)
	intTok, err := Encrypt([]byte("hello"), WithRecipient(jwa.HPKE_0, sk.PublicKey()))
	if err != nil {
		t.Fatal(err)
	}
	keTok, err := Encrypt([]byte("hello"), WithRecipient(jwa.HPKE_0_KE, sk.PublicKey()), WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(intTok), ".")
	keParts := strings.Split(string(keTok), ".")
	flip := func(s string) string {
		b := b64(t, s)
		b[len(b)-1] ^= 1
		return base64url.EncodeToString(b)
	}
	protected := func(h string) string { return base64url.EncodeToString([]byte(h)) }
	join := func(p ...string) string { return strings.Join(p, ".") }
	intKey := []DecryptOption{WithKey(jwa.HPKE_0, sk)}
	keKey := []DecryptOption{WithKey(jwa.HPKE_0_KE, sk), WithAllowedEncryptions(jwa.A128GCM)}
	tests := []struct {
		name  string
		token string
		opts  []DecryptOption
		want  error
	}{
		{"alg not allowed", intTok, []DecryptOption{WithKey(jwa.HPKE_7, sk)}, jwa.ErrAlgorithmNotAllowed},
		{"KE alg not allowed", keTok, []DecryptOption{WithKey(jwa.HPKE_7_KE, sk), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrAlgorithmNotAllowed},
		{"enc not allowed", keTok, []DecryptOption{WithKey(jwa.HPKE_0_KE, sk), WithAllowedEncryptions(jwa.A256GCM)}, jwa.ErrAlgorithmNotAllowed},
		{"KE needs WithAllowedEncryptions", keTok, []DecryptOption{WithKey(jwa.HPKE_0_KE, sk)}, ErrInvalidOption},
		{"wrong suite key", intTok, []DecryptOption{WithKey(jwa.HPKE_0, sk384)}, jwa.ErrInvalidKey},
		{"X25519 key for P-256 suite", intTok, []DecryptOption{WithKey(jwa.HPKE_0, x)}, jwa.ErrInvalidKey},
		{"other key of the suite", intTok, []DecryptOption{WithKey(jwa.HPKE_0, hpkeDHKey(t, jwa.HPKE_0))}, jwa.ErrDecryption},
		{"tampered encapsulated secret", join(parts[0], flip(parts[1]), "", parts[3], ""), intKey, jwa.ErrDecryption},
		{"tampered ciphertext", join(parts[0], parts[1], "", flip(parts[3]), ""), intKey, jwa.ErrDecryption},
		{"truncated encapsulated secret", join(parts[0], parts[1][:20], "", parts[3], ""), intKey, jwa.ErrDecryption},
		{"tampered protected header", join(protected(`{"alg":"HPKE-0","kid":"x"}`), parts[1], "", parts[3], ""), intKey, jwa.ErrDecryption},
		{"integrated with enc", join(protected(`{"alg":"HPKE-0","enc":"A128GCM"}`), parts[1], "", parts[3], ""), intKey, jwa.ErrMalformed},
		{"integrated with ek", join(protected(`{"alg":"HPKE-0","ek":"AAAA"}`), parts[1], "", parts[3], ""), intKey, jwa.ErrMalformed},
		{"integrated with iv", join(parts[0], parts[1], "AAAAAAAAAAAAAAAA", parts[3], ""), intKey, jwa.ErrMalformed},
		{"integrated with tag", join(parts[0], parts[1], "", parts[3], "AAAAAAAAAAAAAAAAAAAAAA"), intKey, jwa.ErrMalformed},
		{"psk_id", join(protected(`{"alg":"HPKE-0","psk_id":"AAAA"}`), parts[1], "", parts[3], ""), intKey, jwa.ErrUnsupportedAlgorithm},
		{"integrated with two recipients", (`{"protected":"` + parts[0] + `","recipients":[{"encrypted_key":"` + parts[1] + `"},{"encrypted_key":"` + parts[1] + `"}],"ciphertext":"` + parts[3] + `"}`), intKey, jwa.ErrMalformed},
		{"integrated alg unprotected", (`{"header":{"alg":"HPKE-0"},"encrypted_key":"` + parts[1] + `","ciphertext":"` + parts[3] + `"}`), intKey, jwa.ErrMalformed},
		{"KE without ek", join(protected(`{"alg":"HPKE-0-KE","enc":"A128GCM"}`), keParts[1], keParts[2], keParts[3], keParts[4]), keKey, jwa.ErrMalformed},
		{"KE ek not base64url", join(protected(`{"alg":"HPKE-0-KE","enc":"A128GCM","ek":"a+b"}`), keParts[1], keParts[2], keParts[3], keParts[4]), keKey, jwa.ErrMalformed},
		{"KE tampered encrypted key", join(keParts[0], flip(keParts[1]), keParts[2], keParts[3], keParts[4]), keKey, jwa.ErrDecryption},
		{"KE tampered tag", join(keParts[0], keParts[1], keParts[2], keParts[3], flip(keParts[4])), keKey, jwa.ErrDecryption},
		{"KE enc swapped", join(protected(strings.Replace(string(b64(t, keParts[0])), "A128GCM", "A256GCM", 1)), keParts[1], keParts[2], keParts[3], keParts[4]), []DecryptOption{WithKey(jwa.HPKE_0_KE, sk), WithAllowedEncryptions(jwa.A256GCM)}, jwa.ErrDecryption},
		{"over max size", intTok, append([]DecryptOption{WithMaxSize(10)}, intKey...), jwa.ErrLimitExceeded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decrypt(tc.token, tc.opts...)
			if refusedInFIPS(err) {
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if errors.Is(tc.want, jwa.ErrDecryption) && err != errDecrypt {
				t.Fatalf("decryption failure %q is not the one error value", err)
			}
		})
	}
}

// TestHPKEEncryptRejections checks the caller mistakes Encrypt refuses.
func TestHPKEEncryptRejections(t *testing.T) {
	sk := hpkeDHKey(t, jwa.HPKE_0)
	pub := sk.PublicKey()
	tests := []struct {
		name string
		opts []EncryptOption
		want error
	}{
		{"integrated with enc", []EncryptOption{WithRecipient(jwa.HPKE_0, pub), WithEncryption(jwa.A128GCM)}, nil},
		{"integrated with two recipients", []EncryptOption{WithRecipient(jwa.HPKE_0, pub), WithRecipient(jwa.HPKE_0, pub), WithJSON()}, nil},
		{"integrated next to KE", []EncryptOption{WithRecipient(jwa.HPKE_0_KE, pub), WithRecipient(jwa.HPKE_0, pub), WithJSON(), WithEncryption(jwa.A128GCM)}, nil},
		{"wrong curve", []EncryptOption{WithRecipient(jwa.HPKE_1, pub)}, jwa.ErrInvalidKey},
		{"private key bound to another alg", []EncryptOption{WithRecipient(jwa.HPKE_0, mustKey(t, pub, jwk.WithAlgorithm(jwa.HPKE_7)))}, jwa.ErrAlgorithmNotAllowed},
		{"compact with AAD", []EncryptOption{WithRecipient(jwa.HPKE_0, pub), WithAAD([]byte("a"))}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Encrypt([]byte("x"), tc.opts...)
			if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func mustKey(t testing.TB, raw any, opts ...jwk.Option) *jwk.Key {
	t.Helper()
	k, err := jwk.FromKey(raw, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// FuzzDecryptHPKE feeds mutations of HPKE tokens to Decrypt: no panic, and
// nothing returned alongside an error.
func FuzzDecryptHPKE(f *testing.F) {
	vectors := hpkeVectors(f)
	keys := map[string]*jwk.Key{}
	for alg, v := range vectors {
		if jwa.KeyAlgorithm(alg).CheckFIPS() != nil {
			continue // refused in FIPS 140-3 mode
		}
		k, err := jwk.Parse(v["jwk"])
		if err != nil {
			f.Fatal(err)
		}
		keys[alg] = k
		f.Add(v["compact"])
		f.Add(v["flattened"])
	}
	f.Fuzz(func(t *testing.T, tok []byte) {
		for alg, k := range keys {
			p, err := Decrypt(string(tok), WithKey(jwa.KeyAlgorithm(alg), k), WithAllowedEncryptions(jwa.A128GCM, jwa.A256GCM))
			if err != nil && p != nil {
				t.Fatal("plaintext with an error")
			}
		}
	})
}

// BenchmarkHPKE measures compact Encrypt and Decrypt with HPKE-0 and
// HPKE-0-KE; jwa's BenchmarkHPKE has the raw crypto/hpke calls.
func BenchmarkHPKE(b *testing.B) {
	sk := hpkeDHKey(b, jwa.HPKE_0)
	plain := make([]byte, 1024)
	for _, alg := range []jwa.KeyAlgorithm{jwa.HPKE_0, jwa.HPKE_0_KE} {
		enc, dec := []EncryptOption{WithRecipient(alg, sk.PublicKey())}, []DecryptOption{WithKey(alg, sk)}
		if !alg.IsIntegrated() {
			enc, dec = append(enc, WithEncryption(jwa.A128GCM)), append(dec, WithAllowedEncryptions(jwa.A128GCM))
		}
		tok, err := Encrypt(plain, enc...)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(alg)+"/Encrypt", func(b *testing.B) {
			for b.Loop() {
				_, _ = Encrypt(plain, enc...)
			}
		})
		b.Run(string(alg)+"/Decrypt", func(b *testing.B) {
			for b.Loop() {
				_, _ = Decrypt(tok, dec...)
			}
		})
	}
}
