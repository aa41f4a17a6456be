package jwk

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// obj is a JWK under construction for the rejection tests.
type obj map[string]any

func (o obj) with(kv ...any) obj {
	c := obj{}
	for k, v := range o {
		c[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(c, kv[i].(string))
			continue
		}
		c[kv[i].(string)] = kv[i+1]
	}
	return c
}

func (o obj) json(t testing.TB) []byte {
	b, err := json.Marshal(map[string]any(o))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// loadObj reads a key of testdata as an obj; index picks a key of a set.
func loadObj(t testing.TB, path string, index int) obj {
	t.Helper()
	data := readTestdata(t, path)
	var o obj
	if index >= 0 {
		var s struct{ Keys []obj }
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatal(err)
		}
		return s.Keys[index]
	}
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func enc(b []byte) string { return base64url.EncodeToString(b) }

func TestParseRejects(t *testing.T) {
	ec := loadObj(t, "jwk/rfc7517_A.2.private_keys.json", 0)
	rsa := loadObj(t, "jwk/rfc7517_A.2.private_keys.json", 1)
	ed := loadObj(t, "jwk/rfc8037_A.1.ed25519_private.json", -1)
	oct := obj{"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg"}
	x5c := loadObj(t, "jwk/rfc7517_B.x5c.json", -1)
	x, _ := base64url.DecodeString(ec["x"].(string))
	one := make([]byte, 32)
	one[31] = 1
	huge := enc(bytes.Repeat([]byte{0xff}, 2100))

	tests := []struct {
		name string
		data []byte
		want error
	}{
		// JSON shape (T21).
		{"not an object", []byte(`["kty"]`), jwa.ErrMalformed},
		{"trailing data", []byte(`{"kty":"oct","k":"AAAA"} {}`), jwa.ErrMalformed},
		{"invalid UTF-8", []byte("{\"kty\":\"oct\",\"k\":\"AAAA\",\"kid\":\"\xff\"}"), jwa.ErrMalformed},
		{"duplicate member", []byte(`{"kty":"oct","k":"AAAA","k":"AAAB"}`), jwa.ErrMalformed},
		{"case-folded duplicate", []byte(`{"kty":"oct","k":"AAAA","K":"AAAB"}`), jwa.ErrMalformed},
		{"no kty", obj{"k": "AAAA"}.json(t), jwa.ErrMalformed},
		{"unknown kty", obj{"kty": "XYZ", "pub": "AAAA"}.json(t), jwa.ErrInvalidKey},
		// Wrong JSON types (T22).
		{"kty number", oct.with("kty", 1).json(t), jwa.ErrMalformed},
		{"kid number", oct.with("kid", 7).json(t), jwa.ErrMalformed},
		{"kid null", oct.with("kid", json.RawMessage("null")).json(t), jwa.ErrMalformed},
		{"alg object", oct.with("alg", obj{}).json(t), jwa.ErrMalformed},
		{"use bool", oct.with("use", true).json(t), jwa.ErrMalformed},
		{"key_ops string", oct.with("key_ops", "sign").json(t), jwa.ErrMalformed},
		{"key_ops numbers", oct.with("key_ops", []int{1}).json(t), jwa.ErrMalformed},
		{"x5u number", oct.with("x5u", 1).json(t), jwa.ErrMalformed},
		{"x5c string", x5c.with("x5c", "MIID").json(t), jwa.ErrMalformed},
		{"k number", oct.with("k", 5).json(t), jwa.ErrMalformed},
		{"crv array", ec.with("crv", []string{"P-256"}).json(t), jwa.ErrMalformed},
		// Members.
		{"unknown use", oct.with("use", "attest").json(t), jwa.ErrMalformed},
		{"use and key_ops conflict", oct.with("use", "sig", "key_ops", []string{"encrypt"}).json(t), jwa.ErrMalformed},
		{"key_ops twice", oct.with("key_ops", []string{"sign", "sign"}).json(t), jwa.ErrMalformed},
		{"oct with d", oct.with("d", "AAAA").json(t), jwa.ErrMalformed},
		{"EC with k", ec.with("k", "AAAA").json(t), jwa.ErrMalformed},
		{"EC with p", ec.with("p", "AAAA").json(t), jwa.ErrMalformed},
		{"OKP with y", ed.with("y", ec["y"]).json(t), jwa.ErrMalformed},
		{"RSA with crv", rsa.with("crv", "P-256").json(t), jwa.ErrMalformed},
		// oct.
		{"empty oct", oct.with("k", "").json(t), jwa.ErrInvalidKey},
		{"oct without k", oct.with("k", nil).json(t), jwa.ErrMalformed},
		// EC (T10).
		{"point off the curve", ec.with("d", nil, "y", ec["x"]).json(t), jwa.ErrInvalidKey},
		{"short x", ec.with("x", enc(x[1:])).json(t), jwa.ErrInvalidKey},
		{"long y", ec.with("y", enc(append([]byte{0}, x...))).json(t), jwa.ErrInvalidKey},
		{"short d", ec.with("d", enc(one[1:])).json(t), jwa.ErrInvalidKey},
		{"d not matching x, y", ec.with("d", enc(one)).json(t), jwa.ErrInvalidKey},
		{"d zero", ec.with("d", enc(make([]byte, 32))).json(t), jwa.ErrInvalidKey},
		{"EC without y", ec.with("y", nil).json(t), jwa.ErrMalformed},
		{"EC without crv", ec.with("crv", nil).json(t), jwa.ErrMalformed},
		{"EC unknown crv", ec.with("crv", "secp256k1").json(t), jwa.ErrInvalidKey},
		{"EC crv of OKP", ec.with("crv", "Ed25519").json(t), jwa.ErrInvalidKey},
		// OKP (T11).
		{"Ed25519 d not matching x", ed.with("x", enc(x)).json(t), jwa.ErrInvalidKey},
		{"Ed25519 short x", ed.with("d", nil, "x", enc(x[1:])).json(t), jwa.ErrInvalidKey},
		{"Ed25519 short d", ed.with("d", enc(one[1:])).json(t), jwa.ErrInvalidKey},
		{"OKP unknown crv", ed.with("crv", "Ed448").json(t), jwa.ErrInvalidKey},
		{"OKP crv of EC", ed.with("crv", "P-256").json(t), jwa.ErrInvalidKey},
		{"X25519 d not matching x", ed.with("crv", "X25519").json(t), jwa.ErrInvalidKey},
		{"OKP without x", ed.with("x", nil).json(t), jwa.ErrMalformed},
		// RSA (T09).
		{"RSA inconsistent CRT values", rsa.with("dp", rsa["dq"], "dq", rsa["dp"]).json(t), jwa.ErrInvalidKey},
		{"RSA wrong qi", rsa.with("qi", rsa["dp"]).json(t), jwa.ErrInvalidKey},
		{"RSA wrong p", rsa.with("p", rsa["q"]).json(t), jwa.ErrInvalidKey},
		{"RSA wrong d", rsa.with("d", rsa["p"]).json(t), jwa.ErrInvalidKey},
		{"RSA multi-prime oth", rsa.with("oth", []obj{{"r": "AQAB", "d": "AQAB", "t": "AQAB"}}).json(t), jwa.ErrInvalidKey},
		{"RSA d only", rsa.with("p", nil, "q", nil, "dp", nil, "dq", nil, "qi", nil).json(t), jwa.ErrInvalidKey},
		{"RSA without qi", rsa.with("qi", nil).json(t), jwa.ErrMalformed},
		{"RSA p without d", rsa.with("d", nil).json(t), jwa.ErrMalformed},
		{"RSA without n", rsa.with("n", nil).json(t), jwa.ErrMalformed},
		{"RSA without e", rsa.with("e", nil).json(t), jwa.ErrMalformed},
		{"RSA huge n", obj{"kty": "RSA", "n": huge, "e": "AQAB"}.json(t), jwa.ErrInvalidKey},
		{"RSA huge d", rsa.with("d", huge).json(t), jwa.ErrInvalidKey},
		{"RSA huge e", rsa.with("e", enc([]byte{1, 0, 0, 0, 1})).json(t), jwa.ErrInvalidKey},
		{"RSA e over 31 bits", rsa.with("e", enc([]byte{0x80, 0, 0, 1})).json(t), jwa.ErrInvalidKey},
		{"RSA e = 1", obj{"kty": "RSA", "n": rsa["n"], "e": "AQ"}.json(t), jwa.ErrInvalidKey},
		{"RSA even n", obj{"kty": "RSA", "n": enc([]byte{0xc0, 0}), "e": "AQAB"}.json(t), jwa.ErrInvalidKey},
		// X.509 members.
		{"x5c leaf not matching", x5c.with("n", rsa["n"]).json(t), jwa.ErrInvalidKey},
		{"x5c empty", x5c.with("x5c", []string{}).json(t), jwa.ErrMalformed},
		{"x5c base64url", x5c.with("x5c", []string{strings.NewReplacer("+", "-", "/", "_").Replace(x5c["x5c"].([]any)[0].(string))}).json(t), jwa.ErrMalformed},
		{"x5c line break", x5c.with("x5c", []string{"MIID\nQjCC"}).json(t), jwa.ErrMalformed},
		{"x5c not a certificate", x5c.with("x5c", []string{"AAAA"}).json(t), jwa.ErrMalformed},
		{"x5c too long", x5c.with("x5c", make([]string, maxCertsInX5C+1)).json(t), jwa.ErrMalformed},
		{"x5t mismatch", x5c.with("x5t", enc(make([]byte, 20))).json(t), jwa.ErrInvalidKey},
		{"x5t#S256 mismatch", x5c.with("x5t#S256", enc(make([]byte, 32))).json(t), jwa.ErrInvalidKey},
		{"x5t wrong length", oct.with("x5t", enc(make([]byte, 32))).json(t), jwa.ErrInvalidKey},
	}
	// Bad base64url in every binary member (T20): padding, the standard
	// alphabet, white space, non-canonical trailing bits.
	for _, base := range []obj{ec, rsa, ed, oct, x5c.with("x5t", enc(sha1Of(nil)), "x5t#S256", enc(sha256Of(nil)))} {
		for name, v := range base {
			s, ok := v.(string)
			if !ok || name == "kty" || name == "kid" || name == "crv" || name == "use" || name == "alg" {
				continue
			}
			for i, bad := range []string{s + "=", "+" + s[1:], s[:2] + "\n" + s[2:], s[:len(s)-1] + "B"} {
				if i == 3 && base64url.DecodedLen(len(s))*8 == len(s)*6 {
					continue // no unused bits to set
				}
				tests = append(tests, struct {
					name string
					data []byte
					want error
				}{fmt.Sprintf("bad base64url %d in %s of %s", i, name, base["kty"]), base.with(name, bad).json(t), jwa.ErrMalformed})
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "x5t mismatch" && jwa.FIPSMode() {
				t.Skip("x5t (SHA-1) is not checked in FIPS 140-3 mode (TestFIPSX5T)")
			}
			k, err := Parse(tt.data)
			if !(errorsIs(err, tt.want) || refusedInFIPS(err)) || k != nil {
				t.Fatalf("Parse = %v, %v; want %v", k, err, tt.want)
			}
			// No secret value in the error.
			for _, secret := range []string{"870MB6gfuTJ4", "GawgguFyGrW", "nWGxne_9WmC6", "X4cTteJY_gn4", "83i-7IvMGX"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error shows a secret: %v", err)
				}
			}
			var k2 Key
			if err := k2.UnmarshalJSON(tt.data); !(errorsIs(err, tt.want) || refusedInFIPS(err)) {
				t.Errorf("UnmarshalJSON: %v", err)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	oct := obj{"kty": "oct", "k": "GawgguFyGrWKav7AX4VKUg"}
	for name, data := range map[string][]byte{
		"empty key_ops":     oct.with("key_ops", []string{}).json(t),
		"unknown key_ops":   oct.with("key_ops", []string{"sign", "attest"}).json(t),
		"use and key_ops":   oct.with("use", "enc", "key_ops", []string{"wrapKey", "unwrapKey"}).json(t),
		"unknown members":   oct.with("ext", true, "x5t#S384", "abc", "nested", obj{"a": []int{1}}).json(t),
		"x5t without x5c":   oct.with("x5t", enc(make([]byte, 20))).json(t),
		"white space":       []byte(" {\n\t\"kty\" : \"oct\" ,\r\n \"k\":\"AAAA\" } \n"),
		"RSA leading zeros": []byte(`{"kty":"RSA","n":"AAAA` + loadObj(t, "jwk/rfc7638_3.1.rsa_key.json", -1)["n"].(string)[4:] + `","e":"AAEAAQ"}`),
	} {
		t.Run(name, func(t *testing.T) {
			k := mustParse(t, data)
			out, err := k.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if !mustParse(t, out).Equal(k) {
				t.Fatalf("round trip %s", out)
			}
		})
	}
	k := mustParse(t, oct.with("key_ops", []string{}).json(t))
	if ops := k.KeyOps(); ops == nil || len(ops) != 0 {
		t.Errorf("empty key_ops read as %#v", ops)
	}
	if _, err := k.Verifier(jwa.HS256); !errorsIs(err, ErrKeyUsage) {
		t.Errorf("empty key_ops allowed verify: %v", err)
	}
}

func TestMembers(t *testing.T) {
	data := []byte(`{"kty":"oct","k":"AAAA","kid":"a","ext":true,"x5t#S384":"abc","nested":{"a": [1, 2]}}`)
	k := mustParse(t, data)
	if v, ok := k.Member("ext"); !ok || string(v) != "true" {
		t.Errorf("ext = %s %v", v, ok)
	}
	for _, known := range []string{"kty", "k", "kid", "d", "x5c"} {
		if _, ok := k.Member(known); ok {
			t.Errorf("known member %q in Member", known)
		}
	}
	out, _ := k.MarshalJSON()
	want := `{"kty":"oct","kid":"a","k":"AAAA","ext":true,"nested":{"a":[1,2]},"x5t#S384":"abc"}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestUnmarshalInStruct(t *testing.T) {
	var v struct {
		JWK *Key `json:"jwk"`
		Set *Set `json:"set"`
	}
	in := `{"jwk":` + string(readTestdata(t, "jwk/rfc8037_A.2.ed25519_public.json")) +
		`,"set":` + string(readTestdata(t, "jwk/rfc7517_A.1.public_keys.json")) + `}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.JWK.Curve() != jwa.CurveEd25519 || v.Set.Len() != 2 {
		t.Fatalf("%v %v", v.JWK, v.Set.Len())
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, out, []byte(in)) {
		t.Errorf("re-export %s", out)
	}
	bad := `{"jwk":{"kty":"oct","k":"AAAA","k":"AAAB"}}`
	if err := json.Unmarshal([]byte(bad), &v); !errorsIs(err, jwa.ErrMalformed) {
		t.Errorf("duplicate in embedded key: %v", err)
	}
}

// Formatting a private key never shows its secret, and Public() never
// marshals a private member (T54).
func TestNoSecretLeaks(t *testing.T) {
	priv, _ := ParseSet(readTestdata(t, "jwk/rfc7517_A.2.private_keys.json"))
	keys := append(priv.Keys(), mustParse(t, readTestdata(t, "jwk/rfc8037_A.1.ed25519_private.json")))
	octs, _ := ParseSet(readTestdata(t, "jwk/rfc7517_A.3.symmetric_keys.json"))
	keys = append(keys, octs.Keys()...)
	privateNames := []string{`"d"`, `"p"`, `"q"`, `"dp"`, `"dq"`, `"qi"`, `"k"`}
	for _, k := range keys {
		var secrets []string
		mat, _ := k.material(true)
		for _, m := range mat {
			if m.Name == "d" || m.Name == "k" || m.Name == "p" {
				secrets = append(secrets, b64(m.Data))
			}
		}
		if len(secrets) == 0 {
			t.Fatalf("%v: no secret found", k)
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			for _, v := range []any{k, *k.clone(), []*Key{k}, struct{ K *Key }{k}} {
				out := fmt.Sprintf(verb, v)
				for _, s := range secrets {
					if strings.Contains(out, s) || strings.Contains(out, s[:8]) {
						t.Errorf("%s of %T shows a secret: %s", verb, v, out)
					}
				}
			}
		}
		if k.IsSymmetric() {
			if k.Public() != nil {
				t.Errorf("Public of an oct key")
			}
			continue
		}
		pub := k.Public()
		out, err := pub.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range privateNames {
			if bytes.Contains(out, []byte(n)) {
				t.Errorf("Public() marshals %s: %s", n, out)
			}
		}
		in, _ := pub.thumbprintInput()
		for _, s := range secrets {
			if bytes.Contains(in, []byte(s)) {
				t.Errorf("thumbprint input has a secret")
			}
		}
		if tp1, _ := k.Thumbprint(0); !bytes.Equal(tp1, must(pub.Thumbprint(0))) {
			t.Errorf("private and public thumbprints differ")
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestMarshalOpaqueSigner(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(make([]byte, 32))
	k, err := FromKey(&opaqueSigner{priv})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.MarshalJSON(); !errorsIs(err, jwa.ErrInvalidKey) {
		t.Errorf("opaque signer marshalled: %v", err)
	}
	if _, err := k.Public().MarshalJSON(); err != nil {
		t.Error(err)
	}
	if !k.Equal(k) || !k.Equal(must(FromKey(priv.Public()))) {
		t.Error("Equal on an opaque signer")
	}
	if k.Equal(must(FromKey(&opaqueSigner{priv}))) {
		t.Error("two signers are equal")
	}
}

// opaqueSigner stands for a key in an HSM: it signs but cannot be exported.
type opaqueSigner struct{ key ed25519.PrivateKey }

func (s *opaqueSigner) Public() crypto.PublicKey { return s.key.Public() }
func (s *opaqueSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	return s.key.Sign(r, digest, opts)
}

func TestEqual(t *testing.T) {
	a := mustParse(t, []byte(`{"kty":"oct","k":"AAAA"}`))
	b := mustParse(t, []byte(`{"kty":"oct","k":"AAAB","kid":"x"}`))
	ed := mustParse(t, readTestdata(t, "jwk/rfc8037_A.1.ed25519_private.json"))
	ec := mustParse(t, readTestdata(t, "rfc7520/jwk/3_2.ec_private_key.json"))
	for _, tt := range []struct {
		x, y *Key
		want bool
	}{
		{a, a, true}, {a, b, false}, {a, ed, false}, {ed, ec, false}, {ec, ec.Public(), true},
		{nil, nil, true}, {a, nil, false}, {nil, a, false},
		{mustParse(t, []byte(`{"kty":"oct","k":"AAAA","kid":"other"}`)), a, true},
	} {
		if got := tt.x.Equal(tt.y); got != tt.want {
			t.Errorf("%v.Equal(%v) = %v", tt.x, tt.y, got)
		}
	}
}

func TestWithThumbprintKeyID(t *testing.T) {
	pub := mustParse(t, readTestdata(t, "jwk/rfc8037_A.2.ed25519_public.json"))
	k, err := FromKey(pub.PublicKey(), WithKeyID("old"), WithThumbprintKeyID())
	if err != nil {
		t.Fatal(err)
	}
	if k.KeyID() != "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" {
		t.Errorf("kid %q", k.KeyID())
	}
}
