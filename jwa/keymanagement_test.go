package jwa

import (
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
)

// allEncs are the built-in content encryptions, one per CEK size family.
var allEncs = []ContentEncryption{A128CBC_HS256, A192CBC_HS384, A256CBC_HS512, A128GCM, A192GCM, A256GCM, C20P, XC20P}

// allKeyAlgs are the key management names of names.go; the test below
// checks that the table implements exactly these.
var allKeyAlgs = []KeyAlgorithm{
	RSA1_5, RSA_OAEP, RSA_OAEP_256, RSA_OAEP_384, RSA_OAEP_512,
	A128KW, A192KW, A256KW, Direct,
	ECDH_ES, ECDH_ES_A128KW, ECDH_ES_A192KW, ECDH_ES_A256KW,
	A128GCMKW, A192GCMKW, A256GCMKW,
	PBES2_HS256_A128KW, PBES2_HS384_A192KW, PBES2_HS512_A256KW,
}

func TestKeyManagementTable(t *testing.T) {
	if len(builtinKeyManagement) != len(allKeyAlgs)+len(HPKEAlgorithms()) {
		t.Fatalf("table has %d algorithms, names.go and hpke.go %d", len(builtinKeyManagement), len(allKeyAlgs)+len(HPKEAlgorithms()))
	}
	for _, a := range allKeyAlgs {
		if refused(a) {
			continue
		}
		if !a.Available() {
			t.Errorf("%s not available", a)
		}
		want := KeyTypeOct
		switch {
		case strings.HasPrefix(string(a), "RSA"):
			want = KeyTypeRSA
		case strings.HasPrefix(string(a), "ECDH"):
			want = KeyTypeEC
		}
		if got := a.KeyType(); got != want {
			t.Errorf("%s: KeyType %q, want %q", a, got, want)
		}
		if got, want := a.IsDirect(), a == Direct || a == ECDH_ES; got != want {
			t.Errorf("%s: IsDirect %v", a, got)
		}
	}
	if _, err := KeyAlgorithm("A512KW").NewKeyEncrypter([]byte("k")); !errors.Is(err, ErrUnsupportedAlgorithm) {
		t.Errorf("unknown alg: %v", err)
	}
	if err := RegisterKeyManagement(A128KW, aesKW{}); !errors.Is(err, ErrAlreadyRegistered) {
		t.Errorf("re-register A128KW: %v", err)
	}
}

func TestCEKSize(t *testing.T) {
	want := map[ContentEncryption]int{A128CBC_HS256: 32, A192CBC_HS384: 48, A256CBC_HS512: 64, A128GCM: 16, A192GCM: 24, A256GCM: 32, C20P: 32, XC20P: 32}
	for enc, n := range want {
		if got, err := cekSize(enc); got != n || err != nil {
			t.Errorf("%s: %d, %v; want %d", enc, got, err, n)
		}
	}
	if _, err := cekSize("A128CBC-H256"); !errors.Is(err, ErrUnsupportedAlgorithm) {
		t.Errorf("unknown enc: %v", err)
	}
}

// TestRFC3394 checks the six wrap examples of RFC 3394 §4 byte for byte,
// and their unwrap.
func TestRFC3394(t *testing.T) {
	var vs []struct {
		Section    string `json:"section"`
		KEK        string `json:"kek"`
		KeyData    string `json:"key_data"`
		Ciphertext string `json:"ciphertext"`
	}
	readJSON(t, filepath.Join("..", "testdata", "jwa", "rfc3394_section4.json"), &vs)
	if len(vs) != 6 {
		t.Fatalf("%d vectors, want 6", len(vs))
	}
	for _, v := range vs {
		t.Run(v.Section[:3], func(t *testing.T) {
			block, err := aes.NewCipher(unhex(t, v.KEK))
			if err != nil {
				t.Fatal(err)
			}
			want := unhex(t, v.Ciphertext)
			if got := kwWrap(block, unhex(t, v.KeyData)); !bytes.Equal(got, want) {
				t.Fatalf("wrap: %X, want %X", got, want)
			}
			got, ok := kwUnwrap(block, want)
			if !ok || !bytes.Equal(got, unhex(t, v.KeyData)) {
				t.Fatalf("unwrap: %X, %v", got, ok)
			}
		})
	}
}

// TestKeyManagementVectors decrypts the encrypted key of every example and
// compares the CEK, and re-encrypts the reproducible ones byte for byte
// (injecting the ephemeral key or the GCM IV the example used).
func TestKeyManagementVectors(t *testing.T) {
	var vs []kmVector
	for _, f := range []string{"rfc7516_appendix_a_keymanagement.json", "rfc7517_appendix_c.json", "rfc7518_appendix_c.json"} {
		var more []kmVector
		readJSON(t, filepath.Join("..", "testdata", "jwa", f), &more)
		vs = append(vs, more...)
	}
	vs = append(vs,
		rfc7520Vector(t, "5_1.key_encryption_using_rsa_v15_and_aes-hmac-sha2.json", -1, false),
		rfc7520Vector(t, "5_2.key_encryption_using_rsa-oaep_with_aes-gcm.json", -1, false),
		rfc7520Vector(t, "5_3.key_wrap_using_pbes2-aes-keywrap_with-aes-cbc-hmac-sha2.json", -1, true),
		rfc7520Vector(t, "5_4.key_agreement_with_key_wrapping_using_ecdh-es_and_aes-keywrap_with_aes-gcm.json", -1, true),
		rfc7520Vector(t, "5_5.key_agreement_using_ecdh-es_with_aes-cbc-hmac-sha2.json", -1, true),
		rfc7520Vector(t, "5_7.key_wrap_using_aes-gcm_keywrap_with_aes-cbc-hmac-sha2.json", -1, true),
		rfc7520Vector(t, "5_8.key_wrap_using_aes-keywrap_with_aes-gcm.json", -1, true),
		// 5_13 recipients: RSA1_5, ECDH-ES+A256KW (P-384), A256GCMKW.
		rfc7520Vector(t, "5_13.encrypting_to_multiple_recipients.json", 0, false),
		rfc7520Vector(t, "5_13.encrypting_to_multiple_recipients.json", 1, false),
		rfc7520Vector(t, "5_13.encrypting_to_multiple_recipients.json", 2, true),
	)
	for _, v := range vs {
		t.Run(v.Name, func(t *testing.T) {
			skipRefused(t, v.Alg)
			decKey, encKey := vectorKeys(t, v)
			cek, ek := b64(t, v.CEK), b64(t, v.EncryptedKey)

			d, err := v.Alg.NewKeyDecrypter(decKey)
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.DecryptKey(ek, vectorParams(t, v))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, cek) {
				t.Fatalf("decrypted CEK %x, want %x", got, cek)
			}
			if !v.Reproducible {
				return
			}

			e, err := v.Alg.NewKeyEncrypter(encKey)
			if err != nil {
				t.Fatal(err)
			}
			p := &KeyParams{Enc: v.Enc, P2C: v.P2C}
			if v.P2S != "" {
				p.P2S = b64(t, v.P2S)
			}
			if v.APU != "" {
				p.APU, p.APV = b64(t, v.APU), b64(t, v.APV)
			}
			switch e := e.(type) {
			case *ecdhEncrypter:
				eph, _ := parseTestJWK(t, v.EPK)
				e.newEphemeral = func(ecdh.Curve) (*ecdh.PrivateKey, error) { return eph.(*ecdh.PrivateKey), nil }
			case *gcmKWKey:
				if e.rnd != nil {
					return // FIPS 140-3 mode: the module draws the IV
				}
				iv := b64(t, v.IV)
				e.newIV = func() []byte { return iv }
			}
			gotCEK, gotEK, err := e.EncryptKey(cek, p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(gotCEK, cek) || !bytes.Equal(gotEK, ek) {
				t.Fatalf("encrypt: CEK %x, encrypted key %x; want %x, %x", gotCEK, gotEK, cek, ek)
			}
			if v.Tag != "" && !bytes.Equal(p.Tag, b64(t, v.Tag)) {
				t.Fatalf("tag %x", p.Tag)
			}
			if v.EPK != nil {
				_, pub := parseTestJWK(t, v.EPK)
				if !p.EPK.Equal(pub.(*ecdh.PublicKey)) {
					t.Fatal("epk not written")
				}
			}
		})
	}
}

// TestRFC7517PBES2DerivedKey checks the PBKDF2 output of RFC 7517
// Appendix C.4 byte for byte.
func TestRFC7517PBES2DerivedKey(t *testing.T) {
	var vs []kmVector
	readJSON(t, filepath.Join("..", "testdata", "jwa", "rfc7517_appendix_c.json"), &vs)
	v := vs[0]
	s := builtinKeyManagement[v.Alg].(pbes2)
	k, err := s.bind([]byte(v.Password))
	if err != nil {
		t.Fatal(err)
	}
	salt := b64(t, v.P2S)
	// Derive through the same path as DecryptKey, then compare the key
	// schedule's output: wrap the CEK with the published derived key and
	// with ours.
	kw, err := k.kek(salt, v.P2C)
	if err != nil {
		t.Fatal(err)
	}
	want, err := newKWKey(v.Alg, b64(t, v.DerivedKey))
	if err != nil {
		t.Fatal(err)
	}
	cek := b64(t, v.CEK)
	_, a, _ := kw.wrap(cek)
	_, b, _ := want.wrap(cek)
	if !bytes.Equal(a, b) || !bytes.Equal(a, b64(t, v.EncryptedKey)) {
		t.Fatalf("derived key differs from RFC 7517 C.4")
	}
}

// TestRFC8037X25519 checks the shared secret of RFC 8037 Appendix A.6 and
// the key-encryption key derived from it.
func TestRFC8037X25519(t *testing.T) {
	fipstest.SkipUnapproved(t, "X25519", false)
	var vs []kmVector
	readJSON(t, filepath.Join("..", "testdata", "jwa", "rfc8037_appendix_a6.json"), &vs)
	v := vs[0]
	_, bob := parseTestJWK(t, v.Key)
	eph, _ := parseTestJWK(t, v.EPK)
	z, err := eph.(*ecdh.PrivateKey).ECDH(bob.(*ecdh.PublicKey))
	if err != nil || !bytes.Equal(z, unhex(t, v.Z)) {
		t.Fatalf("z = %x, %v", z, err)
	}
	if got := concatKDF(z, string(v.Alg), nil, nil, 16); !bytes.Equal(got, b64(t, v.DerivedKey)) {
		t.Fatalf("derived key %x", got)
	}
	// The encrypter with the RFC's ephemeral key wraps with that KEK.
	e, err := v.Alg.NewKeyEncrypter(bob)
	if err != nil {
		t.Fatal(err)
	}
	e.(*ecdhEncrypter).newEphemeral = func(ecdh.Curve) (*ecdh.PrivateKey, error) { return eph.(*ecdh.PrivateKey), nil }
	cek := make([]byte, 16)
	_, ek, err := e.EncryptKey(cek, &KeyParams{Enc: v.Enc})
	if err != nil {
		t.Fatal(err)
	}
	kw, _ := newKWKey(v.Alg, b64(t, v.DerivedKey))
	if _, want, _ := kw.wrap(cek); !bytes.Equal(ek, want) {
		t.Fatalf("encrypted key %x, want %x", ek, want)
	}
}

// TestCookbookX25519 decrypts the RFC 8037 example of the cookbook
// (curve25519/ecdh-es.json, ECDH-ES with X25519 and A128GCM): the derived
// CEK must open the published ciphertext. Only its output is usable (known
// defect 3 in testdata/rfc7520/README.md).
func TestCookbookX25519(t *testing.T) {
	fipstest.SkipUnapproved(t, "X25519", false)
	var f struct {
		Input struct {
			Key json.RawMessage `json:"key"`
		} `json:"input"`
		Output struct {
			Compact string `json:"compact"`
		} `json:"output"`
	}
	readJSON(t, filepath.Join("..", "testdata", "rfc7520", "curve25519", "ecdh-es.json"), &f)
	parts := strings.Split(f.Output.Compact, ".")
	var hdr struct {
		EPK json.RawMessage   `json:"epk"`
		Enc ContentEncryption `json:"enc"`
	}
	if err := json.Unmarshal(b64(t, parts[0]), &hdr); err != nil {
		t.Fatal(err)
	}
	priv, _ := parseTestJWK(t, f.Input.Key)
	_, epk := parseTestJWK(t, hdr.EPK)
	d, err := ECDH_ES.NewKeyDecrypter(priv)
	if err != nil {
		t.Fatal(err)
	}
	cek, err := d.DecryptKey(b64(t, parts[1]), &KeyParams{Enc: hdr.Enc, EPK: epk.(*ecdh.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := aes.NewCipher(cek)
	gcm, _ := cipher.NewGCM(block)
	ct := append(b64(t, parts[3]), b64(t, parts[4])...)
	if _, err := gcm.Open(nil, b64(t, parts[2]), ct, []byte(parts[0])); err != nil {
		t.Fatalf("derived CEK does not open the ciphertext: %v", err)
	}
}

// testKeys makes one key pair for alg: fresh EC/X25519 keys (cheap), the
// RFC 7516 A.1 RSA key (no RSA generation in tests), random secrets.
type testKeyPair struct {
	name     string
	enc, dec any
}

var rfc7516RSA struct {
	priv *rsa.PrivateKey
	pub  *rsa.PublicKey
}

func testRSAKey(t testing.TB) (*rsa.PrivateKey, *rsa.PublicKey) {
	t.Helper()
	if rfc7516RSA.priv == nil {
		var vs []kmVector
		readJSON(t, filepath.Join("..", "testdata", "jwa", "rfc7516_appendix_a_keymanagement.json"), &vs)
		priv, pub := parseTestJWK(t, vs[0].Key)
		rfc7516RSA.priv, rfc7516RSA.pub = priv.(*rsa.PrivateKey), pub.(*rsa.PublicKey)
	}
	return rfc7516RSA.priv, rfc7516RSA.pub
}

// wrappedDecrypter hides an *rsa.PrivateKey behind crypto.Decrypter, as a
// key in an HSM would be.
type wrappedDecrypter struct{ crypto.Decrypter }

func testKeyPairs(t testing.TB, alg KeyAlgorithm) []testKeyPair {
	t.Helper()
	s, err := alg.Scheme()
	if err != nil {
		t.Fatal(err)
	}
	switch s := s.(type) {
	case rsaKM:
		priv, pub := testRSAKey(t)
		return []testKeyPair{{"rsa.PrivateKey", pub, priv}, {"crypto.Decrypter", pub, wrappedDecrypter{priv}}}
	case ecdhES:
		var out []testKeyPair
		for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.P384(), ecdh.P521(), ecdh.X25519()} {
			if fipsMode && c == ecdh.X25519() {
				continue // refused in FIPS 140-3 mode
			}
			k, err := c.GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, testKeyPair{"ecdh " + curveName(c), k.PublicKey(), k})
			if c != ecdh.X25519() {
				ek := toECDSA(t, k)
				out = append(out, testKeyPair{"ecdsa " + curveName(c), &ek.PublicKey, ek})
			}
		}
		return out
	case aesKW:
		k := randomBytes(s.size)
		return []testKeyPair{{"oct", k, k}}
	case gcmKW:
		k := randomBytes(s.size)
		return []testKeyPair{{"oct", k, k}}
	case pbes2:
		k := []byte("correct horse battery staple")
		return []testKeyPair{{"password", k, k}}
	}
	t.Fatalf("no test keys for %s", alg)
	return nil
}

func curveName(c ecdh.Curve) string { return fmt.Sprint(c) }

// TestKeyManagementRoundTrip encrypts and decrypts a CEK with every
// algorithm, every CEK size and every accepted key type.
func TestKeyManagementRoundTrip(t *testing.T) {
	for _, alg := range allKeyAlgs {
		for _, enc := range allEncs {
			if refused(alg) || refused(enc) {
				continue
			}
			n, _ := cekSize(enc)
			pairs := []testKeyPair{}
			if alg == Direct {
				k := randomBytes(n)
				pairs = append(pairs, testKeyPair{"oct", k, k})
			} else {
				pairs = testKeyPairs(t, alg)
			}
			for _, kp := range pairs {
				t.Run(string(alg)+"/"+string(enc)+"/"+kp.name, func(t *testing.T) {
					e, err := alg.NewKeyEncrypter(kp.enc)
					if err != nil {
						t.Fatal(err)
					}
					d, err := alg.NewKeyDecrypter(kp.dec)
					if err != nil {
						t.Fatal(err)
					}
					cek := randomBytes(n)
					p := &KeyParams{Enc: enc, P2C: 1000, APU: []byte("Alice"), APV: []byte("Bob")}
					used, ek, err := e.EncryptKey(cek, p)
					if err != nil {
						t.Fatal(err)
					}
					if len(used) != n {
						t.Fatalf("CEK of %d bytes, want %d", len(used), n)
					}
					if alg.IsDirect() != (len(ek) == 0) {
						t.Fatalf("encrypted key of %d bytes", len(ek))
					}
					if !alg.IsDirect() && !bytes.Equal(used, cek) {
						t.Fatal("wrapping algorithm changed the CEK")
					}
					got, err := d.DecryptKey(ek, p)
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(got, used) {
						t.Fatalf("decrypted %x, want %x", got, used)
					}
				})
			}
		}
	}
}

// TestECDHFreshEphemeral: two encryptions to one key use two ephemeral keys
// (threat T46).
func TestECDHFreshEphemeral(t *testing.T) {
	for _, c := range []ecdh.Curve{ecdh.X25519(), ecdh.P256()} {
		if fipsMode && c == ecdh.X25519() {
			continue // refused in FIPS 140-3 mode
		}
		k, _ := c.GenerateKey(rand.Reader)
		e, err := ECDH_ES.NewKeyEncrypter(k.PublicKey())
		if err != nil {
			t.Fatal(err)
		}
		p1, p2 := &KeyParams{Enc: A128GCM}, &KeyParams{Enc: A128GCM}
		c1, _, _ := e.EncryptKey(nil, p1)
		c2, _, _ := e.EncryptKey(nil, p2)
		if p1.EPK.Equal(p2.EPK) || bytes.Equal(c1, c2) {
			t.Fatalf("%v: ephemeral key reused", c)
		}
	}
}

// TestPBES2Defaults checks that an encrypter fills in p2s and p2c.
func TestPBES2Defaults(t *testing.T) {
	if testing.Short() {
		t.Skip("derives a key with DefaultP2C iterations")
	}
	e, _ := PBES2_HS256_A128KW.NewKeyEncrypter([]byte("pw"))
	p := &KeyParams{Enc: A128GCM}
	if _, _, err := e.EncryptKey(make([]byte, 16), p); err != nil {
		t.Fatal(err)
	}
	if p.P2C != DefaultP2C || len(p.P2S) != 16 {
		t.Fatalf("p2c %d, p2s %d bytes", p.P2C, len(p.P2S))
	}
	if DefaultMaxP2C < DefaultP2C {
		t.Fatal("the default cap refuses the default count")
	}
}

// TestRSA1_5Mitigation: RFC 7516 §11.5. A bad encrypted key gives a random
// CEK of the right length, no error, and a different one each call.
func TestRSA1_5Mitigation(t *testing.T) {
	skipRefused(t, RSA1_5)
	priv, pub := testRSAKey(t)
	e, _ := RSA1_5.NewKeyEncrypter(pub)
	_, short, err := e.EncryptKey(make([]byte, 16), &KeyParams{Enc: A128GCM})
	if err != nil {
		t.Fatal(err)
	}
	garbage := randomBytes(256)
	cases := map[string][]byte{
		"garbage":                       garbage,
		"empty":                         nil,
		"too short":                     garbage[:10],
		"too long":                      append(slices.Clone(garbage), 1),
		"valid padding, 16 of 32 bytes": short,
	}
	for _, dk := range []any{priv, wrappedDecrypter{priv}} {
		d, err := RSA1_5.NewKeyDecrypter(dk)
		if err != nil {
			t.Fatal(err)
		}
		for name, ek := range cases {
			p := &KeyParams{Enc: A128CBC_HS256}
			a, err1 := d.DecryptKey(ek, p)
			b, err2 := d.DecryptKey(ek, p)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v, %v", name, err1, err2)
			}
			if len(a) != 32 || len(b) != 32 || bytes.Equal(a, b) {
				t.Fatalf("%s: %x, %x: want two different random 32-byte CEKs", name, a, b)
			}
		}
	}
}

// ecPublicDecrypter wraps an *rsa.PrivateKey but reports an ECDSA public key.
type ecPublicDecrypter struct{ *rsa.PrivateKey }

func (ecPublicDecrypter) Public() crypto.PublicKey {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	return &k.PublicKey
}

// smallRSADecrypter reports a 1024-bit RSA public key.
type smallRSADecrypter struct{ crypto.Decrypter }

func (smallRSADecrypter) Public() crypto.PublicKey { return smallRSAPublic() }

func smallRSAPublic() *rsa.PublicKey {
	n := new(big.Int).Lsh(big.NewInt(1), 1023)
	return &rsa.PublicKey{N: n.Add(n, big.NewInt(1)), E: 65537}
}

// nilDecrypter is a typed nil whose Public method panics.
type nilDecrypter struct{ k *rsa.PrivateKey }

func (d *nilDecrypter) Public() crypto.PublicKey { return d.k.Public() }
func (d *nilDecrypter) Decrypt(r io.Reader, m []byte, o crypto.DecrypterOpts) ([]byte, error) {
	return d.k.Decrypt(r, m, o)
}

// TestKeyManagementRejections gives every rejection its own row: the row
// builds the bad input and the test checks the sentinel.
func TestKeyManagementRejections(t *testing.T) {
	priv, pub := testRSAKey(t)
	p256, _ := ecdh.P256().GenerateKey(rand.Reader)
	p384, _ := ecdh.P384().GenerateKey(rand.Reader)
	x25519, _ := ecdh.X25519().GenerateKey(rand.Reader)
	p224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	k16, k32 := randomBytes(16), randomBytes(32)

	enc := func(alg KeyAlgorithm, key any, cek []byte, p *KeyParams) error {
		e, err := alg.NewKeyEncrypter(key)
		if err != nil {
			return err
		}
		_, _, err = e.EncryptKey(cek, p)
		return err
	}
	dec := func(alg KeyAlgorithm, key any, ek []byte, p *KeyParams) error {
		d, err := alg.NewKeyDecrypter(key)
		if err != nil {
			return err
		}
		cek, err := d.DecryptKey(ek, p)
		if err != nil && cek != nil {
			return errors.New("CEK returned alongside an error")
		}
		return err
	}
	// wrapped returns a valid encrypted key (and params) for alg and key.
	wrapped := func(alg KeyAlgorithm, key any, cekLen int, p *KeyParams) []byte {
		e, err := alg.NewKeyEncrypter(key)
		if err != nil {
			t.Fatal(err)
		}
		saved := p.Enc
		if cekLen == 32 {
			p.Enc = A256GCM
		}
		_, ek, err := e.EncryptKey(randomBytes(cekLen), p)
		p.Enc = saved
		if err != nil {
			t.Fatal(err)
		}
		return ek
	}
	flip := func(b []byte, i int) []byte { b = slices.Clone(b); b[i] ^= 1; return b }
	gcm := func() ([]byte, *KeyParams) {
		p := &KeyParams{Enc: A128GCM}
		return wrapped(A128GCMKW, k16, 16, p), p
	}
	lowOrder := func(u byte) *ecdh.PublicKey {
		b := make([]byte, 32)
		b[0] = u
		k, err := ecdh.X25519().NewPublicKey(b)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}

	rows := []struct {
		name string
		err  func() error
		want error
	}{
		// Keys (checked once, when bound).
		{"A128KW key of 15 bytes", func() error { return enc(A128KW, k16[:15], k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"A256KW key of 16 bytes", func() error { return dec(A256KW, k16, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"A128KW key as string", func() error { return enc(A128KW, string(k16), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"A128KW typed nil []byte", func() error { return enc(A128KW, []byte(nil), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"A128KW nil key", func() error { return dec(A128KW, nil, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"A128GCMKW key of 20 bytes", func() error { return enc(A128GCMKW, randomBytes(20), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"PBES2 empty password", func() error { return enc(PBES2_HS256_A128KW, []byte{}, k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"dir empty key", func() error { return dec(Direct, []byte{}, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA 1024-bit public key", func() error { return enc(RSA_OAEP, smallRSAPublic(), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA 1024-bit crypto.Decrypter", func() error { return dec(RSA_OAEP_256, smallRSADecrypter{priv}, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA exponent 1", func() error {
			return enc(RSA1_5, &rsa.PublicKey{N: pub.N, E: 1}, k16, &KeyParams{Enc: A128GCM})
		}, ErrInvalidKey},
		{"RSA typed nil public key", func() error { return enc(RSA_OAEP, (*rsa.PublicKey)(nil), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA zero public key", func() error { return enc(RSA_OAEP, &rsa.PublicKey{}, k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA typed nil private key", func() error { return dec(RSA_OAEP, (*rsa.PrivateKey)(nil), nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA typed nil crypto.Decrypter", func() error { return dec(RSA_OAEP, (*nilDecrypter)(nil), nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA private key as encrypter", func() error { return enc(RSA_OAEP, priv, k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA public key as decrypter", func() error { return dec(RSA_OAEP, pub, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA Decrypter with an EC public key", func() error { return dec(RSA1_5, ecPublicDecrypter{priv}, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA key for ECDH-ES", func() error { return enc(ECDH_ES, pub, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"secret for RSA-OAEP", func() error { return enc(RSA_OAEP, k32, k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"EC key for A128KW", func() error { return enc(A128KW, p256.PublicKey(), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDH typed nil public key", func() error { return enc(ECDH_ES, (*ecdh.PublicKey)(nil), nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDH zero public key", func() error { return enc(ECDH_ES, &ecdh.PublicKey{}, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDH typed nil private key", func() error { return dec(ECDH_ES, (*ecdh.PrivateKey)(nil), nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDSA typed nil public key", func() error { return enc(ECDH_ES_A128KW, (*ecdsa.PublicKey)(nil), k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDSA zero public key", func() error { return enc(ECDH_ES_A128KW, &ecdsa.PublicKey{}, k16, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDSA public key without coordinates", func() error {
			return enc(ECDH_ES, &ecdsa.PublicKey{Curve: elliptic.P256()}, nil, &KeyParams{Enc: A128GCM})
		}, ErrInvalidKey},
		{"ECDSA private key without public coordinates", func() error {
			//lint:ignore SA1019 builds the incomplete key the row is about
			return dec(ECDH_ES, &ecdsa.PrivateKey{PublicKey: ecdsa.PublicKey{Curve: elliptic.P256()}, D: big.NewInt(5)}, nil, &KeyParams{Enc: A128GCM})
		}, ErrInvalidKey},
		{"ECDSA zero private key", func() error { return dec(ECDH_ES, &ecdsa.PrivateKey{}, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDSA P-224 key", func() error { return enc(ECDH_ES, &p224.PublicKey, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"ECDH private key as encrypter", func() error { return enc(ECDH_ES, p256, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"X25519 low-order recipient key", func() error { return enc(ECDH_ES, lowOrder(0), nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},

		// Parameters.
		{"nil KeyParams on encrypt", func() error { return enc(A128KW, k16, k16, nil) }, ErrMalformed},
		{"nil KeyParams on decrypt", func() error { return dec(A128GCMKW, k16, nil, nil) }, ErrMalformed},
		{"unknown enc", func() error { return dec(A128KW, k16, make([]byte, 24), &KeyParams{Enc: "A128CBC-H256"}) }, ErrUnsupportedAlgorithm},
		{"CEK of the wrong length on encrypt", func() error { return enc(A128KW, k16, k32, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},
		{"RSA CEK of the wrong length on encrypt", func() error { return enc(RSA_OAEP_256, pub, k16, &KeyParams{Enc: A256GCM}) }, ErrInvalidKey},

		// AES-KW (threat T39).
		{"A128KW empty encrypted key", func() error { return dec(A128KW, k16, nil, &KeyParams{Enc: A128GCM}) }, ErrDecryption},
		{"A128KW encrypted key of 16 bytes", func() error { return dec(A128KW, k16, make([]byte, 16), &KeyParams{Enc: A128GCM}) }, ErrDecryption},
		{"A128KW encrypted key of 23 bytes", func() error { return dec(A128KW, k16, make([]byte, 23), &KeyParams{Enc: A128GCM}) }, ErrDecryption},
		{"A128KW encrypted key of 25 bytes", func() error { return dec(A128KW, k16, make([]byte, 25), &KeyParams{Enc: A128GCM}) }, ErrDecryption},
		{"A128KW tampered", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(A128KW, k16, flip(wrapped(A128KW, k16, 16, p), 20), p)
		}, ErrDecryption},
		{"A128KW wrong key", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(A128KW, randomBytes(16), wrapped(A128KW, k16, 16, p), p)
		}, ErrDecryption},
		{"A128KW unwrapped CEK of the wrong length", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(A128KW, k16, wrapped(A128KW, k16, 32, p), p)
		}, ErrDecryption},

		// dir (threat T35).
		{"dir non-empty encrypted key", func() error { return dec(Direct, k16, []byte{0}, &KeyParams{Enc: A128GCM}) }, ErrMalformed},
		{"dir key of the wrong size on encrypt", func() error { return enc(Direct, k16, nil, &KeyParams{Enc: A256GCM}) }, ErrInvalidKey},
		{"dir key of the wrong size on decrypt", func() error { return dec(Direct, k32, nil, &KeyParams{Enc: A128GCM}) }, ErrInvalidKey},

		// ECDH-ES (threats T33, T34, T35).
		{"ECDH-ES no epk", func() error { return dec(ECDH_ES, p256, nil, &KeyParams{Enc: A128GCM}) }, ErrMalformed},
		{"ECDH-ES epk on another curve", func() error {
			return dec(ECDH_ES, p256, nil, &KeyParams{Enc: A128GCM, EPK: p384.PublicKey()})
		}, ErrMalformed},
		{"ECDH-ES X25519 epk for a P-256 key", func() error {
			return dec(ECDH_ES_A128KW, p256, make([]byte, 24), &KeyParams{Enc: A128GCM, EPK: x25519.PublicKey()})
		}, ErrMalformed},
		{"ECDH-ES zero epk", func() error {
			return dec(ECDH_ES, p256, nil, &KeyParams{Enc: A128GCM, EPK: &ecdh.PublicKey{}})
		}, ErrMalformed},
		{"ECDH-ES X25519 low-order epk (u=0)", func() error {
			return dec(ECDH_ES, x25519, nil, &KeyParams{Enc: A128GCM, EPK: lowOrder(0)})
		}, ErrDecryption},
		{"ECDH-ES+A128KW X25519 low-order epk (u=1)", func() error {
			return dec(ECDH_ES_A128KW, x25519, make([]byte, 24), &KeyParams{Enc: A128GCM, EPK: lowOrder(1)})
		}, ErrDecryption},
		{"ECDH-ES direct with non-empty encrypted key", func() error {
			p := &KeyParams{Enc: A128GCM}
			wrapped(ECDH_ES, p256.PublicKey(), 16, p)
			return dec(ECDH_ES, p256, []byte{1}, p)
		}, ErrMalformed},
		{"ECDH-ES+A128KW tampered", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(ECDH_ES_A128KW, p256, flip(wrapped(ECDH_ES_A128KW, p256.PublicKey(), 16, p), 3), p)
		}, ErrDecryption},
		{"ECDH-ES+A128KW another epk", func() error {
			p := &KeyParams{Enc: A128GCM}
			ek := wrapped(ECDH_ES_A128KW, p256.PublicKey(), 16, p)
			other, _ := ecdh.P256().GenerateKey(rand.Reader)
			p.EPK = other.PublicKey()
			return dec(ECDH_ES_A128KW, p256, ek, p)
		}, ErrDecryption},
		{"ECDH-ES+A256KW short encrypted key", func() error {
			p := &KeyParams{Enc: A128GCM}
			wrapped(ECDH_ES_A256KW, x25519.PublicKey(), 16, p)
			return dec(ECDH_ES_A256KW, x25519, make([]byte, 8), p)
		}, ErrDecryption},

		// AES-GCMKW (threat T40).
		{"GCMKW iv of 11 bytes", func() error { ek, p := gcm(); p.IV = p.IV[:11]; return dec(A128GCMKW, k16, ek, p) }, ErrMalformed},
		{"GCMKW iv of 16 bytes", func() error { ek, p := gcm(); p.IV = make([]byte, 16); return dec(A128GCMKW, k16, ek, p) }, ErrMalformed},
		{"GCMKW no iv", func() error { ek, p := gcm(); p.IV = nil; return dec(A128GCMKW, k16, ek, p) }, ErrMalformed},
		{"GCMKW tag of 15 bytes", func() error { ek, p := gcm(); p.Tag = p.Tag[:15]; return dec(A128GCMKW, k16, ek, p) }, ErrMalformed},
		{"GCMKW no tag", func() error { ek, p := gcm(); p.Tag = nil; return dec(A128GCMKW, k16, ek, p) }, ErrMalformed},
		{"GCMKW tampered tag", func() error { ek, p := gcm(); p.Tag = flip(p.Tag, 0); return dec(A128GCMKW, k16, ek, p) }, ErrDecryption},
		{"GCMKW tampered encrypted key", func() error { ek, p := gcm(); return dec(A128GCMKW, k16, flip(ek, 0), p) }, ErrDecryption},
		{"GCMKW tampered iv", func() error { ek, p := gcm(); p.IV = flip(p.IV, 0); return dec(A128GCMKW, k16, ek, p) }, ErrDecryption},
		{"GCMKW CEK of the wrong length", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(A128GCMKW, k16, wrapped(A128GCMKW, k16, 32, p), p)
		}, ErrDecryption},

		// PBES2 (threat T36).
		{"PBES2 p2c 0", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16})
		}, ErrMalformed},
		{"PBES2 p2c -1", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16, P2C: -1})
		}, ErrMalformed},
		{"PBES2 p2c 2^31-1", func() error {
			return dec(PBES2_HS512_A256KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16, P2C: 1<<31 - 1})
		}, ErrLimitExceeded},
		{"PBES2 p2c DefaultMaxP2C+1", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16, P2C: DefaultMaxP2C + 1})
		}, ErrLimitExceeded},
		{"PBES2 p2c over the caller's cap", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16, P2C: 2001, Limits: KeyLimits{MaxP2C: 2000}})
		}, ErrLimitExceeded},
		{"PBES2 negative cap", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16, P2C: 1000, Limits: KeyLimits{MaxP2C: -1}})
		}, ErrMalformed},
		{"PBES2 p2s of 7 bytes", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: k16[:7], P2C: 1000})
		}, ErrMalformed},
		{"PBES2 no p2s", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 24), &KeyParams{Enc: A128GCM, P2C: 1000})
		}, ErrMalformed},
		{"PBES2 encrypt with p2s of 4 bytes", func() error {
			return enc(PBES2_HS256_A128KW, k16, k16, &KeyParams{Enc: A128GCM, P2S: k16[:4], P2C: 1000})
		}, ErrMalformed},
		{"PBES2 encrypt with p2c -5", func() error {
			return enc(PBES2_HS256_A128KW, k16, k16, &KeyParams{Enc: A128GCM, P2C: -5})
		}, ErrMalformed},
		{"PBES2 wrong password", func() error {
			p := &KeyParams{Enc: A128GCM, P2C: 1000}
			return dec(PBES2_HS256_A128KW, []byte("other"), wrapped(PBES2_HS256_A128KW, k16, 16, p), p)
		}, ErrDecryption},
		{"PBES2 encrypted key of the wrong length", func() error {
			return dec(PBES2_HS256_A128KW, k16, make([]byte, 40), &KeyParams{Enc: A128GCM, P2S: k16, P2C: 1000})
		}, ErrDecryption},

		// RSA-OAEP.
		{"RSA-OAEP garbage", func() error { return dec(RSA_OAEP, priv, randomBytes(256), &KeyParams{Enc: A128GCM}) }, ErrDecryption},
		{"RSA-OAEP-256 empty", func() error { return dec(RSA_OAEP_256, priv, nil, &KeyParams{Enc: A128GCM}) }, ErrDecryption},
		{"RSA-OAEP tampered", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(RSA_OAEP, priv, flip(wrapped(RSA_OAEP, pub, 16, p), 100), p)
		}, ErrDecryption},
		{"RSA-OAEP-256 read as RSA-OAEP", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(RSA_OAEP, priv, wrapped(RSA_OAEP_256, pub, 16, p), p)
		}, ErrDecryption},
		{"RSA-OAEP CEK of the wrong length", func() error {
			p := &KeyParams{Enc: A128GCM}
			return dec(RSA_OAEP_512, wrappedDecrypter{priv}, wrapped(RSA_OAEP_512, pub, 32, p), p)
		}, ErrDecryption},
	}
	// Rows whose valid input FIPS 140-3 mode cannot even build (an X25519
	// or RSA-OAEP encryption); fips_test.go tests those refusals.
	fipsUnbuildable := map[string]bool{"ECDH-ES+A256KW short encrypted key": true, "RSA-OAEP tampered": true}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			if fipsMode && fipsUnbuildable[r.name] {
				t.Skip("needs an algorithm refused in FIPS 140-3 mode")
			}
			err := r.err()
			if fipsMode && errors.Is(err, ErrNotApproved) {
				return // refused earlier in FIPS 140-3 mode: the key or the algorithm
			}
			if !errors.Is(err, r.want) {
				t.Fatalf("got %v, want %v", err, r.want)
			}
		})
	}
}
