package jwkcodec

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

func object(t testing.TB, s string) Members {
	t.Helper()
	m, err := strictjson.Object([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCurveRoundTrip: for every built-in curve, the members written from
// a key's encoding read back to the same encoding, in the member order of
// RFC 7520, and agree with crypto/ecdh.
func TestCurveRoundTrip(t *testing.T) {
	for _, c := range Curves {
		if c.ECDH == nil {
			continue // Ed25519: no key agreement to make a key with
		}
		priv, err := c.ECDH.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		enc := priv.PublicKey().Bytes()
		out := c.AppendJWK(nil, enc)
		want := `{"kty":"` + string(c.KeyType) + `","crv":"` + string(c.Name) + `","x":"`
		if !strings.HasPrefix(string(out), want) || strings.Contains(string(out), `"y"`) != (c.KeyType == jwa.KeyTypeEC) {
			t.Errorf("%s: %s", c.Name, out)
		}
		m := object(t, string(out))
		if len(m) != c.NumMembers() || LookupCurve(jwa.KeyType(c.KeyType), jwa.Curve(c.Name)) != c {
			t.Errorf("%s: %d members", c.Name, len(m))
		}
		back, err := c.Public(nil, m)
		if err != nil || !bytes.Equal(back, enc) || len(back) != c.EncodedSize() {
			t.Fatalf("%s: read back %x, %v", c.Name, back, err)
		}
		if CurveOf(c.ECDH) != c {
			t.Errorf("%s: CurveOf", c.Name)
		}
	}
	if CurveOf(nil) != nil || LookupCurve("EC", "P-192") != nil || LookupCurve("OKP", "P-256") != nil {
		t.Error("an unknown curve found")
	}
}

// TestCurvePublicRefusals: the reader refuses what is missing, of the
// wrong type, not base64url, or of the wrong size, with jwk's sentinels.
func TestCurvePublicRefusals(t *testing.T) {
	p256 := LookupCurve("EC", "P-256")
	x25519 := LookupCurve("OKP", "X25519")
	full := strings.Repeat("A", 43)
	for _, tc := range []struct {
		name, json string
		c          *Curve
		err        error
		msg        string
	}{
		{"no x", `{"y":"` + full + `"}`, p256, jwa.ErrMalformed, `EC key without "x"`},
		{"no y", `{"x":"` + full + `"}`, p256, jwa.ErrMalformed, `EC key without "y"`},
		{"x a number", `{"x":1,"y":"` + full + `"}`, p256, jwa.ErrMalformed, `member "x" is not a string`},
		{"x padded", `{"x":"` + full + `=","y":"` + full + `"}`, p256, jwa.ErrMalformed, `member "x" is not base64url`},
		{"x short", `{"x":"AAAA","y":"` + full + `"}`, p256, jwa.ErrInvalidKey, `EC member "x" has 3 bytes, not 32`},
		{"y long", `{"x":"` + full + `","y":"` + full + `AAAA"}`, p256, jwa.ErrInvalidKey, `member "y" is longer than 32 bytes`},
		{"hostile length", `{"x":"` + strings.Repeat("A", 1<<16) + `"}`, x25519, jwa.ErrInvalidKey, `member "x" is longer than 32 bytes`},
		{"OKP no x", `{}`, x25519, jwa.ErrMalformed, `OKP key without "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := tc.c.Public([]byte{7}, object(t, tc.json))
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) || !strings.HasPrefix(err.Error(), "jwk: ") {
				t.Fatalf("got %v; want %v with %q", err, tc.err, tc.msg)
			}
			if !bytes.Equal(out, []byte{7}) {
				t.Fatalf("dst changed on error: %x", out)
			}
		})
	}
}

// TestWriterEscapes: members not made by Text or Data, and names or texts
// that need escaping, are written as encoding/json writes them.
func TestWriterEscapes(t *testing.T) {
	for _, m := range []Member{
		{Name: "kid", Text: `a"b\c<d>&` + "\u2028\x01é"},
		Text("kid", `a"b`),
		Text(`x"y`, "v"),
		Data(`x"y`, []byte{1, 2}),
		Text("alg", "ES256"),
		{Name: "crv", Text: "P-256"},
		Data("a-member-name-longer-than-the-head", []byte{1, 2}),
		Text("crv", strings.Repeat("c", 30)),
	} {
		out := AppendObject(nil, m)
		var got map[string]string
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%q: %s is not JSON: %v", m.Name, out, err)
		}
		want := map[string]any{m.Name: m.Text}
		if m.Data != nil {
			want[m.Name] = "AQI"
		}
		wantJSON, _ := json.Marshal(want)
		if string(out) != string(wantJSON) {
			t.Errorf("wrote %s, encoding/json writes %s", out, wantJSON)
		}
	}
}

// TestAppendWithKeyType: kty goes in its place among sorted members, for
// the member lists of every kind of key.
func TestAppendWithKeyType(t *testing.T) {
	for _, tc := range []struct {
		kty    jwa.KeyType
		sorted []Member
		want   string
	}{
		{jwa.KeyTypeRSA, []Member{Data("e", []byte{2}), Data("n", []byte{1})}, `{"e":"Ag","kty":"RSA","n":"AQ"}`},
		{jwa.KeyTypeEC, []Member{Text("crv", "P-256"), Data("x", []byte{1}), Data("y", []byte{2})}, `{"crv":"P-256","kty":"EC","x":"AQ","y":"Ag"}`},
		{jwa.KeyTypeOct, []Member{Data("k", []byte{3})}, `{"k":"Aw","kty":"oct"}`},
		{jwa.KeyTypeAKP, []Member{Text("alg", "ML-DSA-44"), Data("pub", []byte{4})}, `{"alg":"ML-DSA-44","kty":"AKP","pub":"BA"}`},
		{"NEW", []Member{Text("a", "1"), Text("b", "2")}, `{"a":"1","b":"2","kty":"NEW"}`},
		{"NEW", []Member{Text("z", "1")}, `{"kty":"NEW","z":"1"}`},
		{"NEW", nil, `{"kty":"NEW"}`},
	} {
		if got := AppendWithKeyType([]byte("x"), KeyType(tc.kty), tc.sorted); string(got) != "x"+tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
	ec1, ec2 := KeyType(jwa.KeyTypeEC), KeyType(jwa.KeyTypeEC)
	if ec1 != ec2 {
		t.Error("the kty member of a built-in key type is made anew")
	}
	if n1, n2 := KeyType("NEW"), KeyType("NEW"); n1 == n2 || n1.Text != "NEW" {
		t.Error("the kty member of another key type is shared")
	}
}

// TestAppendMemberSeparator: a comma goes between members only.
func TestAppendMemberSeparator(t *testing.T) {
	b := AppendMember([]byte("{"), Text("a", "1"))
	b = AppendMember(b, Member{Name: "b", Text: "2"})
	b = append(AppendName(b, "c"), "3"...)
	if string(b) != `{"a":"1","b":"2","c":3` {
		t.Errorf("got %s", b)
	}
}

// FuzzCurvePublic: the reader never panics, returns either the encoding
// of the curve's size or an error leaving dst alone, and what it reads
// writes back to members that read the same.
func FuzzCurvePublic(f *testing.F) {
	for _, s := range []string{
		`{"kty":"EC","crv":"P-256","x":"` + strings.Repeat("A", 43) + `","y":"` + strings.Repeat("B", 43) + `"}`,
		`{"kty":"OKP","crv":"X25519","x":"` + strings.Repeat("A", 43) + `"}`,
		`{"kty":"OKP","crv":"Ed25519","x":"AA"}`,
		`{"kty":"EC","crv":"P-521","x":1}`,
		`{"kty":"EC","crv":"P-384","x":"\u0041"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := strictjson.Object(data)
		if err != nil {
			return
		}
		kty, _, err1 := Members(m).Unquoted("kty")
		crv, _, err2 := Members(m).Unquoted("crv")
		c := LookupCurve(kty, crv)
		if err1 != nil || err2 != nil || c == nil {
			return
		}
		enc, err := c.Public([]byte{9}, m)
		if err != nil {
			if !bytes.Equal(enc, []byte{9}) {
				t.Fatal("dst changed on error")
			}
			return
		}
		enc = enc[1:]
		if len(enc) != c.EncodedSize() {
			t.Fatalf("%d bytes for %s", len(enc), c.Name)
		}
		back, err := c.Public(nil, object(t, string(c.AppendJWK(nil, enc))))
		if err != nil || !bytes.Equal(back, enc) {
			t.Fatalf("write and read back: %v", err)
		}
		if c.ECDH != nil {
			_, _ = c.ECDH.NewPublicKey(enc) // on the curve or not: no panic
		}
	})
}
