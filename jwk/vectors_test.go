package jwk

import (
	"bytes"
	"crypto"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

func readTestdata(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustParse(t testing.TB, data []byte) *Key {
	t.Helper()
	k, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return k
}

// roundTrip marshals k, parses the output, and checks that the key and its
// members survive.
func roundTrip(t *testing.T, k *Key) []byte {
	t.Helper()
	out, err := k.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON: %v", err)
	}
	back := mustParse(t, out)
	if !back.Equal(k) || back.IsPrivate() != k.IsPrivate() {
		t.Fatalf("round trip changed the key: %s", out)
	}
	if back.kid != k.kid || back.alg != k.alg || back.use != k.use || !slicesEqual(back.ops, k.ops) ||
		back.x5u != k.x5u || len(back.x5c) != len(k.x5c) || !bytes.Equal(back.x5t, k.x5t) || !bytes.Equal(back.x5tS256, k.x5tS256) {
		t.Fatalf("round trip changed the members: %s", out)
	}
	again, err := back.MarshalJSON()
	if err != nil || !bytes.Equal(again, out) {
		t.Fatalf("marshalling is not stable:\n%s\n%s", out, again)
	}
	return out
}

func slicesEqual(a, b []string) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// jsonEqual compares two JSON texts by value.
func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	xs, _ := json.Marshal(x)
	ys, _ := json.Marshal(y)
	return bytes.Equal(xs, ys)
}

func TestRFC7517AppendixA(t *testing.T) {
	tests := []struct {
		file    string
		kinds   []jwa.KeyType
		private bool
	}{
		{"jwk/rfc7517_A.1.public_keys.json", []jwa.KeyType{jwa.KeyTypeEC, jwa.KeyTypeRSA}, false},
		{"jwk/rfc7517_A.2.private_keys.json", []jwa.KeyType{jwa.KeyTypeEC, jwa.KeyTypeRSA}, true},
		{"jwk/rfc7517_A.3.symmetric_keys.json", []jwa.KeyType{jwa.KeyTypeOct, jwa.KeyTypeOct}, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readTestdata(t, tt.file)
			s, err := ParseSet(data)
			if err != nil {
				t.Fatal(err)
			}
			if s.Len() != len(tt.kinds) {
				t.Fatalf("got %d keys", s.Len())
			}
			for i, k := range s.Keys() {
				if k.KeyType() != tt.kinds[i] || k.IsPrivate() != tt.private {
					t.Errorf("key %d: %v", i, k)
				}
				roundTrip(t, k)
			}
			out, err := s.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			// Every member of the RFC's text is written back, nothing added.
			if !jsonEqual(t, out, data) {
				t.Errorf("re-export differs:\n%s", out)
			}
		})
	}
	// A.2's public halves are A.1.
	pub, _ := ParseSet(readTestdata(t, "jwk/rfc7517_A.1.public_keys.json"))
	priv, _ := ParseSet(readTestdata(t, "jwk/rfc7517_A.2.private_keys.json"))
	for i := range pub.keys {
		a, _ := pub.keys[i].MarshalJSON()
		b, _ := priv.keys[i].Public().MarshalJSON()
		if !bytes.Equal(a, b) {
			t.Errorf("public half of A.2 key %d:\n%s\nA.1:\n%s", i, b, a)
		}
	}
	if k := priv.keys[0]; k.KeyID() != "1" || k.Use() != "enc" || k.Curve() != jwa.P256 {
		t.Errorf("A.2 EC key members: %v", k)
	}
	if k := priv.keys[1]; k.KeyID() != "2011-04-29" || k.Algorithm() != "RS256" {
		t.Errorf("A.2 RSA key members: %v", k)
	}
}

func TestRFC7517AppendixB(t *testing.T) {
	data := readTestdata(t, "jwk/rfc7517_B.x5c.json")
	k := mustParse(t, data)
	certs := k.Certificates()
	if len(certs) != 1 || certs[0].Subject.CommonName != "Brian Campbell" {
		t.Fatalf("x5c: %v", certs)
	}
	if !certs[0].PublicKey.(interface{ Equal(crypto.PublicKey) bool }).Equal(k.PublicKey()) {
		t.Fatal("leaf key differs")
	}
	out := roundTrip(t, k)
	if !jsonEqual(t, out, data) {
		t.Errorf("re-export differs:\n%s", out)
	}
	// x5t and x5t#S256 of the leaf are accepted; the output keeps them.
	k2, err := FromKey(k)
	if err != nil {
		t.Fatal(err)
	}
	k2 = k2.clone()
	k2.x5t, k2.x5tS256 = sha1Of(certs[0].Raw), sha256Of(certs[0].Raw)
	roundTrip(t, k2)
}

func TestRFC7520Section3(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "rfc7520", "jwk", "*.json"))
	if err != nil || len(files) < 5 {
		t.Fatalf("RFC 7520 keys: %v %v", files, err)
	}
	keys := map[string]*Key{}
	for _, f := range files {
		name := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		k := mustParse(t, data)
		out := roundTrip(t, k)
		if !jsonEqual(t, out, data) {
			t.Errorf("%s: re-export differs:\n%s", name, out)
		}
		keys[name[:3]] = k
	}
	for _, pair := range [][2]string{{"3_1", "3_2"}, {"3_3", "3_4"}} {
		pub, priv := keys[pair[0]], keys[pair[1]]
		if pub.IsPrivate() || !priv.IsPrivate() || !priv.Equal(pub) {
			t.Errorf("%s is not the public half of %s", pair[0], pair[1])
		}
		a, _ := pub.MarshalJSON()
		b, _ := priv.Public().MarshalJSON()
		if !bytes.Equal(a, b) {
			t.Errorf("%s.Public() = %s, want %s", pair[1], b, a)
		}
	}
}

func TestRFC7638Thumbprint(t *testing.T) {
	k := mustParse(t, readTestdata(t, "jwk/rfc7638_3.1.rsa_key.json"))
	in, err := k.thumbprintInput()
	if err != nil {
		t.Fatal(err)
	}
	// RFC 7638 §3.1: the hash input, with the RFC's line breaks removed.
	const wantPrefix = `{"e":"AQAB","kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4`
	if !strings.HasPrefix(string(in), wantPrefix) || !strings.HasSuffix(string(in), `nqDKgw"}`) {
		t.Errorf("thumbprint input %s", in)
	}
	for _, h := range []crypto.Hash{0, crypto.SHA256} {
		tp, err := k.Thumbprint(h)
		if err != nil {
			t.Fatal(err)
		}
		if got := base64url.EncodeToString(tp); got != "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" {
			t.Errorf("thumbprint %s", got)
		}
		if got, err := k.ThumbprintString(h); err != nil || got != "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" {
			t.Errorf("ThumbprintString = %s, %v", got, err)
		}
	}
	// RFC 9278 §3.
	uri, err := k.ThumbprintURI(0)
	if err != nil || uri != "urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" {
		t.Errorf("thumbprint URI %q %v", uri, err)
	}
	for h, name := range map[crypto.Hash]string{crypto.SHA384: "sha-384", crypto.SHA512: "sha-512"} {
		uri, err := k.ThumbprintURI(h)
		tp, _ := k.Thumbprint(h)
		if err != nil || uri != thumbprintURIPrefix+name+":"+base64url.EncodeToString(tp) || len(tp) != h.Size() {
			t.Errorf("%v: %q %v", h, uri, err)
		}
	}
	if _, err := k.ThumbprintURI(crypto.MD5); !errorsIs(err, jwa.ErrUnsupportedAlgorithm) {
		t.Errorf("MD5 URI: %v", err)
	}
	if _, err := k.Thumbprint(crypto.BLAKE2b_256); !errorsIs(err, jwa.ErrUnsupportedAlgorithm) {
		t.Errorf("unlinked hash: %v", err)
	}
}

func TestRFC8037(t *testing.T) {
	priv := mustParse(t, readTestdata(t, "jwk/rfc8037_A.1.ed25519_private.json"))
	pub := mustParse(t, readTestdata(t, "jwk/rfc8037_A.2.ed25519_public.json"))
	if !priv.IsPrivate() || pub.IsPrivate() || !priv.Equal(pub) || priv.Curve() != jwa.CurveEd25519 {
		t.Fatalf("%v %v", priv, pub)
	}
	roundTrip(t, priv)
	roundTrip(t, pub)
	a, _ := priv.Public().MarshalJSON()
	if !jsonEqual(t, a, readTestdata(t, "jwk/rfc8037_A.2.ed25519_public.json")) {
		t.Errorf("public half %s", a)
	}
	// RFC 8037 §A.3.
	for _, k := range []*Key{priv, pub} {
		tp, err := k.Thumbprint(0)
		if err != nil || base64url.EncodeToString(tp) != "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k" {
			t.Errorf("thumbprint %s %v", base64url.EncodeToString(tp), err)
		}
	}
}

// The X25519 keys of the cookbook's RFC 8037 ECDH-ES example. Its
// encrypting_key.epk pairs a d with another key's x (see the README's known
// defect 3): the parser must refuse it, and accept the same d with the x of
// the protected header.
func TestX25519Cookbook(t *testing.T) {
	skipCurveInFIPS(t, jwa.X25519)
	var v struct {
		Input         struct{ Key json.RawMessage }
		EncryptingKey struct{ Epk json.RawMessage } `json:"encrypting_key"`
	}
	if err := json.Unmarshal(readTestdata(t, "rfc7520/curve25519/ecdh-es.json"), &v); err != nil {
		t.Fatal(err)
	}
	good := `{"kty":"OKP","crv":"X25519","x":"xvXHh3Q2S4VotXgBddGWD_KhnzYZ_euB2eaekLvvADU","d":"RVqkt2ZmEiUY-OGyag9rXe7vsDm2BQ_XykdxhLv9pd4"}`
	for _, data := range []json.RawMessage{v.Input.Key, json.RawMessage(good)} {
		k := mustParse(t, data)
		if k.Curve() != jwa.X25519 || !k.IsPrivate() {
			t.Fatalf("%v", k)
		}
		roundTrip(t, k)
		roundTrip(t, k.Public())
	}
	if _, err := Parse(v.EncryptingKey.Epk); !errorsIs(err, jwa.ErrInvalidKey) {
		t.Errorf("mismatched X25519 d and x: %v", err)
	}
}
