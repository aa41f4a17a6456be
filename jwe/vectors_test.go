package jwe

import (
	"bytes"
	"crypto/ecdh"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// cookbookJWE is the part of an RFC 7520 JWE example these tests read (see
// testdata/rfc7520/README.md for the schema and its known defects).
type cookbookJWE struct {
	Title string `json:"title"`
	Input struct {
		Plaintext string          `json:"plaintext"`
		Key       json.RawMessage `json:"key"`
		Pwd       string          `json:"pwd"`
		Alg       json.RawMessage `json:"alg"`
		AAD       string          `json:"aad"`
	} `json:"input"`
	Generated struct {
		CEK string `json:"cek"`
		IV  string `json:"iv"`
	} `json:"generated"`
	EncryptingKey json.RawMessage `json:"encrypting_key"`
	Output        josetest.Output `json:"output"`
}

func loadCookbook(t *testing.T, path string) *cookbookJWE {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if enc, ok := raw["encrypt"]; ok { // §6: the encrypt part
		data = enc
	}
	var v cookbookJWE
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// keyOptions returns WithKey options for the example's key(s).
func (v *cookbookJWE) keyOptions(t *testing.T) []DecryptOption {
	var algs []jwa.KeyAlgorithm
	var one string
	if json.Unmarshal(v.Input.Alg, &one) == nil {
		algs = []jwa.KeyAlgorithm{jwa.KeyAlgorithm(one)}
	} else if err := json.Unmarshal(v.Input.Alg, &algs); err != nil {
		t.Fatal(err)
	}
	if v.Input.Pwd != "" {
		return []DecryptOption{WithKey(algs[0], []byte(v.Input.Pwd))}
	}
	var keys []json.RawMessage
	if len(algs) == 1 {
		keys = []json.RawMessage{v.Input.Key}
	} else if err := json.Unmarshal(v.Input.Key, &keys); err != nil {
		t.Fatal(err)
	}
	var opts []DecryptOption
	for i, k := range keys {
		var crv struct{ Crv jwa.Curve }
		_ = json.Unmarshal(k, &crv)
		if algs[i].CheckFIPS() != nil || crv.Crv.CheckFIPS() != nil {
			continue // refused in FIPS 140-3 mode
		}
		opts = append(opts, WithKey(algs[i], keyFromJWK(t, k)))
	}
	if len(opts) == 0 {
		t.Skip("the example's algorithm or key is refused in FIPS 140-3 mode")
	}
	return opts
}

func (v *cookbookJWE) outputs() map[string]string { return v.Output.Serializations() }

// TestRFC7520 decrypts every serialization of every JWE example of RFC
// 7520 §5 and §6 and of the RFC 8037 X25519 example, and compares the
// plaintext byte for byte.
func TestRFC7520(t *testing.T) {
	files, _ := filepath.Glob("../testdata/rfc7520/jwe/*.json")
	files = append(files, "../testdata/rfc7520/curve25519/ecdh-es.json",
		"../testdata/rfc7520/6.nesting_signatures_and_encryption.json")
	if len(files) != 15 {
		t.Fatalf("found %d example files, want 15", len(files))
	}
	for _, f := range files {
		v := loadCookbook(t, f)
		for form, tok := range v.outputs() {
			t.Run(filepath.Base(f)+"/"+form, func(t *testing.T) {
				m, err := Parse(tok)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				opts := append(v.keyOptions(t), WithAllowedEncryptions(m.JOSEHeader(0).Encryption()), WithMaxP2C(10000))
				r, err := DecryptMessage(tok, opts...)
				if err != nil {
					t.Fatalf("DecryptMessage: %v", err)
				}
				if string(r.Plaintext) != v.Input.Plaintext {
					t.Fatalf("plaintext = %q, want %q", r.Plaintext, v.Input.Plaintext)
				}
			})
		}
	}
}

// TestRFC7520MultipleRecipients checks that with several recipients the
// result names the one whose key was used, with WithKey and with a key set
// in which one kid names two keys of different types (known defect 5).
func TestRFC7520MultipleRecipients(t *testing.T) {
	v := loadCookbook(t, "../testdata/rfc7520/jwe/5_13.encrypting_to_multiple_recipients.json")
	var keys []json.RawMessage
	if err := json.Unmarshal(v.Input.Key, &keys); err != nil {
		t.Fatal(err)
	}
	algs := []jwa.KeyAlgorithm{jwa.RSA1_5, jwa.ECDH_ES_A256KW, jwa.A256GCMKW}
	var all []*jwk.Key
	for i, raw := range keys {
		k := keyFromJWK(t, raw)
		all = append(all, k)
		if algs[i].CheckFIPS() != nil {
			continue // RSA1_5 in FIPS 140-3 mode
		}
		r, err := DecryptMessage(string(v.Output.JSON), WithKey(algs[i], k), WithAllowedEncryptions(jwa.A128CBC_HS256))
		if err != nil {
			t.Fatalf("recipient %d: %v", i, err)
		}
		if r.Recipient != i || r.Key != k || r.Algorithm != algs[i] || r.PerRecipient.Algorithm() != algs[i] {
			t.Fatalf("recipient %d: got recipient %d alg %s", i, r.Recipient, r.Algorithm)
		}
		if r.Shared.ContentType() != "text/plain" || r.Protected.Encryption() != jwa.A128CBC_HS256 {
			t.Fatalf("headers: shared %v protected %v", r.Shared, r.Protected)
		}
	}
	set, err := jwk.NewSet(all[1], all[2])
	if err != nil {
		t.Fatal(err)
	}
	r, err := DecryptMessage(string(v.Output.JSON), WithKeySet(set, jwa.ECDH_ES_A256KW), WithAllowedEncryptions(jwa.A128CBC_HS256))
	if err != nil {
		t.Fatalf("key set: %v", err)
	}
	if r.Recipient != 1 || r.Key != all[1] {
		t.Fatalf("key set: recipient %d", r.Recipient)
	}
}

// TestRFC7520Reproduce encrypts the examples whose randomness the test hooks
// can fix and compares the output byte for byte (compact) or member for
// member (JSON).
func TestRFC7520Reproduce(t *testing.T) {
	for _, tc := range []struct {
		file string
		alg  jwa.KeyAlgorithm
		enc  jwa.ContentEncryption
	}{
		{"5_6.direct_encryption_using_aes-gcm.json", jwa.Direct, jwa.A128GCM},
		{"5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json", jwa.A128KW, jwa.A128GCM},
		{"5_10.including_additional_authentication_data.json", jwa.A128KW, jwa.A128GCM},
	} {
		t.Run(tc.file, func(t *testing.T) {
			v := loadCookbook(t, "../testdata/rfc7520/jwe/"+tc.file)
			key := keyFromJWK(t, v.Input.Key)
			base := []EncryptOption{WithRecipient(tc.alg, key), WithEncryption(tc.enc), withGCMIV(t, b64(t, v.Generated.IV))}
			if v.Generated.CEK != "" {
				base = append(base, withCEK(b64(t, v.Generated.CEK)))
			}
			if v.Input.AAD != "" {
				base = append(base, WithAAD([]byte(v.Input.AAD)))
			}
			if v.Output.Compact != "" {
				got, err := Encrypt([]byte(v.Input.Plaintext), base...)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != v.Output.Compact {
					t.Fatalf("compact:\n got %s\nwant %s", got, v.Output.Compact)
				}
			}
			for _, f := range []struct {
				opt  EncryptOption
				want json.RawMessage
			}{{WithJSON(), v.Output.JSON}, {WithFlattened(), v.Output.JSONFlat}} {
				if !bytes.Contains(f.want, []byte(`"recipients"`)) && f.want != nil && bytes.Equal(f.want, v.Output.JSON) {
					// §5.6 writes its "json" without "recipients", which RFC
					// 7516 §7.2.1 requires; only its flattened form is compared.
					continue
				}
				got, err := Encrypt([]byte(v.Input.Plaintext), append(base, f.opt)...)
				if err != nil {
					t.Fatal(err)
				}
				sameJSON(t, []byte(got), f.want)
			}
		})
	}
}

func sameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("JSON:\n got %s\nwant %s", got, want)
	}
}

// TestRFC7520PBES2Reproduce fixes the CEK and salt of RFC 7520 §5.3 and
// checks the protected header and encrypted key byte for byte (the content
// is AES-CBC, whose IV the hooks do not fix), then decrypts the result.
func TestRFC7520PBES2Reproduce(t *testing.T) {
	v := loadCookbook(t, "../testdata/rfc7520/jwe/5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json")
	var ek struct {
		Salt         string `json:"salt"`
		Count        int    `json:"iteration_count"`
		EncryptedKey string `json:"encrypted_key"`
	}
	if err := json.Unmarshal(v.EncryptingKey, &ek); err != nil {
		t.Fatal(err)
	}
	tok, err := Encrypt([]byte(v.Input.Plaintext),
		WithRecipient(jwa.PBES2_HS512_A256KW, []byte(v.Input.Pwd)), WithEncryption(jwa.A128CBC_HS256),
		WithContentType("jwk-set+json"), WithP2C(ek.Count),
		withCEK(b64(t, v.Generated.CEK)), withP2S(b64(t, ek.Salt)))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(tok), ".")
	want := strings.Split(v.Output.Compact, ".")
	if parts[0] != want[0] || parts[1] != want[1] {
		t.Fatalf("header and encrypted key:\n got %s.%s\nwant %s.%s", parts[0], parts[1], want[0], want[1])
	}
	plain, err := Decrypt(tok, WithKey(jwa.PBES2_HS512_A256KW, []byte(v.Input.Pwd)), WithAllowedEncryptions(jwa.A128CBC_HS256))
	if err != nil || string(plain) != v.Input.Plaintext {
		t.Fatalf("Decrypt: %v", err)
	}
}

type rfc7516Vector struct {
	Section   string          `json:"section"`
	Alg       json.RawMessage `json:"alg"`
	Enc       jwa.ContentEncryption
	Key       json.RawMessage `json:"key"`
	Plaintext string          `json:"plaintext"`
	CEK       string          `json:"cek"`
	Compact   string          `json:"compact"`
	JSON      json.RawMessage `json:"json"`
	JSONFlat  json.RawMessage `json:"json_flat"`
}

// TestRFC7516AppendixA decrypts the complete JWEs of RFC 7516 Appendix A.1
// to A.5 (testdata/jwe/rfc7516_appendix_a.json).
func TestRFC7516AppendixA(t *testing.T) {
	data, err := os.ReadFile("../testdata/jwe/rfc7516_appendix_a.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []rfc7516Vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) != 5 {
		t.Fatalf("%d vectors, want 5", len(vs))
	}
	for _, v := range vs {
		t.Run(v.Section, func(t *testing.T) {
			cb := cookbookJWE{}
			cb.Input.Alg, cb.Input.Key = v.Alg, v.Key
			opts := append(cb.keyOptions(t), WithAllowedEncryptions(v.Enc))
			tok := v.Compact
			if v.JSON != nil {
				tok = string(v.JSON)
			} else if v.JSONFlat != nil {
				tok = string(v.JSONFlat)
			}
			plain, err := Decrypt(tok, opts...)
			if err != nil {
				t.Fatal(err)
			}
			if string(plain) != v.Plaintext {
				t.Fatalf("plaintext %q", plain)
			}
		})
	}
}

// TestRFC7516A3Reproduce reproduces the header and encrypted key of RFC
// 7516 Appendix A.3 (A128KW) with the CEK fixed.
func TestRFC7516A3Reproduce(t *testing.T) {
	data, _ := os.ReadFile("../testdata/jwe/rfc7516_appendix_a.json")
	var vs []rfc7516Vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	v := vs[2]
	key := keyFromJWK(t, v.Key)
	tok, err := Encrypt([]byte(v.Plaintext), WithRecipient(jwa.A128KW, key), WithEncryption(jwa.A128CBC_HS256), withCEK(b64(t, v.CEK)))
	if err != nil {
		t.Fatal(err)
	}
	got, want := strings.Split(string(tok), "."), strings.Split(v.Compact, ".")
	if got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("got %s.%s\nwant %s.%s", got[0], got[1], want[0], want[1])
	}
}

// TestRFC7517AppendixC decrypts the PBES2-encrypted private JWK of RFC 7517
// Appendix C and reproduces its encrypted key.
func TestRFC7517AppendixC(t *testing.T) {
	data, err := os.ReadFile("../testdata/jwe/rfc7517_appendix_c.json")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Password, CEK, P2S, Compact string
		EncryptedKey                string `json:"encrypted_key"`
		P2C                         int
		PlaintextKid                string `json:"plaintext_kid"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	plain, err := Decrypt(v.Compact, WithKey(jwa.PBES2_HS256_A128KW, []byte(v.Password)), WithAllowedEncryptions(jwa.A128CBC_HS256))
	if err != nil {
		t.Fatal(err)
	}
	var key map[string]any
	if err := json.Unmarshal(plain, &key); err != nil || key["kid"] != v.PlaintextKid || key["kty"] != "RSA" {
		t.Fatalf("plaintext is not the RSA JWK of %s: %.60s", v.PlaintextKid, plain)
	}
	tok, err := Encrypt(plain, WithRecipient(jwa.PBES2_HS256_A128KW, []byte(v.Password)), WithEncryption(jwa.A128CBC_HS256),
		WithP2C(v.P2C), withP2S(b64(t, v.P2S)), withCEK(b64(t, v.CEK)))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(string(tok), ".")[1]; got != v.EncryptedKey {
		t.Fatalf("encrypted key %s, want %s", got, v.EncryptedKey)
	}
}

// TestRFC7518AppendixC runs the ECDH-ES example of RFC 7518 Appendix C
// through a whole JWE: a token whose header carries the example's epk, apu
// and apv, and whose content is encrypted with the CEK the RFC derives,
// must decrypt with Bob's key.
func TestRFC7518AppendixC(t *testing.T) {
	bob := keyFromJWK(t, json.RawMessage(`{"kty":"EC","crv":"P-256",
		"x":"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ",
		"y":"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck",
		"d":"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw"}`))
	header := `{"alg":"ECDH-ES","enc":"A128GCM","apu":"QWxpY2U","apv":"Qm9i","epk":{"kty":"EC","crv":"P-256",` +
		`"x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}}`
	cek := b64(t, "VqqN6vgjbSBcIijNcacQGg") // RFC 7518 §C: the derived key
	tok := handToken(t, header, nil, cek, []byte("RFC 7518 Appendix C"))
	plain, err := Decrypt(tok, WithKey(jwa.ECDH_ES, bob), WithAllowedEncryptions(jwa.A128GCM))
	if err != nil || string(plain) != "RFC 7518 Appendix C" {
		t.Fatalf("Decrypt: %q, %v", plain, err)
	}
}

// TestRFC8037AppendixA6 runs the X25519 example of RFC 8037 Appendix A.6
// through a whole ECDH-ES+A128KW JWE. Bob's private key is RFC 7748 §6.1's.
func TestRFC8037AppendixA6(t *testing.T) {
	fipstest.SkipUnapproved(t, "X25519", false)
	bobD, _ := hex.DecodeString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
	bob, err := ecdh.X25519().NewPrivateKey(bobD)
	if err != nil {
		t.Fatal(err)
	}
	if got := base64url.EncodeToString(bob.PublicKey().Bytes()); got != "3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08" {
		t.Fatalf("Bob's public key %s", got)
	}
	// The key-encryption key that the Concat KDF derives from the RFC's z
	// (testdata/jwa/rfc8037_appendix_a6.json of jwa).
	kek := b64(t, "kWyq1WbV-_Lt1HKaktoaBQ")
	cek := bytes.Repeat([]byte{7}, 16)
	kw, err := jwa.A128KW.NewKeyEncrypter(kek)
	if err != nil {
		t.Fatal(err)
	}
	_, ek, err := kw.EncryptKey(cek, &jwa.KeyParams{Enc: jwa.A128GCM})
	if err != nil {
		t.Fatal(err)
	}
	header := `{"alg":"ECDH-ES+A128KW","enc":"A128GCM","epk":{"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}}`
	tok := handToken(t, header, ek, cek, []byte("RFC 8037 A.6"))
	plain, err := Decrypt(tok, WithKey(jwa.ECDH_ES_A128KW, bob), WithAllowedEncryptions(jwa.A128GCM))
	if err != nil || string(plain) != "RFC 8037 A.6" {
		t.Fatalf("Decrypt: %q, %v", plain, err)
	}
}

// handToken builds a compact JWE with AES-GCM content by hand.
func handToken(t testing.TB, header string, ek, cek, plaintext []byte) string {
	t.Helper()
	prot := base64url.EncodeToString([]byte(header))
	iv := bytes.Repeat([]byte{1}, 12)
	ct, tag := gcmSeal(t, cek, iv, plaintext, []byte(prot))
	return compact([]byte(prot), ek, jwa.Sealed{IV: iv, Ciphertext: ct, Tag: tag})
}
