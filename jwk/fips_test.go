package jwk_test

import (
	"context"
	"crypto"
	"crypto/ecdh"
	"crypto/fips140"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// The tests of FIPS 140-3 mode through the public API of jwk; `make test`
// runs them with GODEBUG=fips140=on and with fips140=only.

// x25519JWK is Bob's public key of RFC 8037 Appendix A.6.
const x25519JWK = `{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}`

// TestFIPSGenerate: in FIPS 140-3 mode Generate makes keys for the approved
// algorithms and refuses the others, and GenerateKey refuses the curves
// that are not approved, with jwa.ErrNotApproved.
func TestFIPSGenerate(t *testing.T) {
	fipstest.Require(t)
	for _, alg := range []jwa.SignatureAlgorithm{jwa.HS256, jwa.HS384, jwa.HS512, jwa.PS256, jwa.ES256, jwa.ES384, jwa.ES512, jwa.EdDSA, jwa.Ed25519} {
		if _, err := jwk.Generate(alg); err != nil {
			t.Errorf("Generate(%s): %v", alg, err)
		}
	}
	for _, alg := range []jwa.KeyAlgorithm{jwa.A128KW, jwa.A192KW, jwa.A256KW, jwa.A128GCMKW, jwa.A192GCMKW, jwa.A256GCMKW,
		jwa.Direct, jwa.ECDH_ES, jwa.ECDH_ES_A128KW, jwa.ECDH_ES_A192KW, jwa.ECDH_ES_A256KW} {
		if _, err := jwk.Generate(alg); err != nil {
			t.Errorf("Generate(%s): %v", alg, err)
		}
	}
	for _, tc := range []struct {
		name  string
		gen   func() (*jwk.Key, error)
		parts []string
	}{
		{"RSA1_5", func() (*jwk.Key, error) { return jwk.Generate(jwa.RSA1_5) }, []string{"Generate", "RSA1_5"}},
		{"RSA-OAEP", func() (*jwk.Key, error) { return jwk.Generate(jwa.RSA_OAEP) }, []string{"Generate", "RSA-OAEP", "SHA-1"}},
		{"ES256K", func() (*jwk.Key, error) { return jwk.Generate(jwa.ES256K) }, []string{"Generate", "ES256K"}},
		{"Ed448", func() (*jwk.Key, error) { return jwk.Generate(jwa.Ed448) }, []string{"Generate", "Ed448"}},
		{"ECDH-ES on X25519", func() (*jwk.Key, error) { return jwk.Generate(jwa.ECDH_ES, jwk.WithCurve(jwa.X25519)) }, []string{"X25519"}},
		{"OKP X25519", func() (*jwk.Key, error) { return jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.X25519)) }, []string{"X25519"}},
		{"OKP X448", func() (*jwk.Key, error) { return jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.X448)) }, []string{"X448"}},
		{"OKP Ed448", func() (*jwk.Key, error) { return jwk.GenerateKey(jwa.KeyTypeOKP, jwk.WithCurve(jwa.CurveEd448)) }, []string{"Ed448"}},
		{"EC secp256k1", func() (*jwk.Key, error) { return jwk.GenerateKey(jwa.KeyTypeEC, jwk.WithCurve(jwa.Secp256k1)) }, []string{"secp256k1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := tc.gen()
			if k != nil {
				t.Fatal("key returned alongside the refusal")
			}
			fipstest.CheckRefusal(t, err, jwa.ErrNotApproved, tc.parts...)
		})
	}
}

// TestFIPSParseRefusesCurves: Parse and FromKey refuse an X25519 key with
// jwa.ErrNotApproved before its material reaches crypto/ecdh (which under
// fips140=only would fail deep inside).
func TestFIPSParseRefusesCurves(t *testing.T) {
	fipstest.Require(t)
	_, err := jwk.Parse([]byte(x25519JWK))
	fipstest.CheckRefusal(t, err, jwa.ErrNotApproved, "X25519", "SP 800-56A")
	for _, raw := range []string{
		`{"kty":"OKP","crv":"X448","x":"` + strings.Repeat("A", 75) + `"}`,
		`{"kty":"OKP","crv":"Ed448","x":"` + strings.Repeat("A", 76) + `"}`,
		`{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}`,
	} {
		if _, err := jwk.Parse([]byte(raw)); !errors.Is(err, jwa.ErrNotApproved) {
			t.Errorf("%s: %v, want ErrNotApproved", raw, err)
		}
	}
	var x *ecdh.PrivateKey
	fips140.WithoutEnforcement(func() { x, err = ecdh.X25519().GenerateKey(rand.Reader) })
	if err != nil {
		t.Fatal(err)
	}
	_, err = jwk.FromKey(x.PublicKey())
	fipstest.CheckRefusal(t, err, jwa.ErrNotApproved, "X25519")
}

// fipsMixedSet is a JWK Set of keys FIPS 140-3 mode refuses (X25519,
// secp256k1, a 1024-bit RSA key, an RSA key with e = 3) around two it
// accepts (kids "ok-ec" and "ok-rsa").
func fipsMixedSet(t *testing.T) string {
	t.Helper()
	marshal := func(k *jwk.Key, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		b, err := k.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	ec, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("ok-ec"))
	if err != nil {
		t.Fatal(err)
	}
	rk := fipstest.RSAKey(t, "rsa2048.pem")
	keys := []string{
		x25519JWK,
		`{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}`,
		marshal(jwk.FromKey(&fipstest.RSAKey(t, "rsa1024.pem").PublicKey, jwk.WithKeyID("small"))),
		marshal(jwk.FromKey(&rsa.PublicKey{N: rk.N, E: 3}, jwk.WithKeyID("e3"))),
		marshal(ec.Public(), nil),
		marshal(jwk.FromKey(&rk.PublicKey, jwk.WithKeyID("ok-rsa"))),
	}
	return `{"keys":[` + strings.Join(keys, ",") + `]}`
}

// TestFIPSParseSetSkips: ParseSet leaves out, in FIPS 140-3 mode, the keys
// only refused algorithms could use, instead of failing the set.
func TestFIPSParseSetSkips(t *testing.T) {
	fipstest.Require(t)
	s, err := jwk.ParseSet([]byte(fipsMixedSet(t)))
	if err != nil {
		t.Fatal(err)
	}
	var kids []string
	for _, k := range s.Keys() {
		kids = append(kids, k.KeyID())
	}
	if strings.Join(kids, ",") != "ok-ec,ok-rsa" {
		t.Fatalf("kept %v, want ok-ec and ok-rsa", kids)
	}
}

// TestFIPSRemoteSetSkips: a remote key set (read with ParseSet) keeps only
// the keys usable in FIPS 140-3 mode, and a set with none of them fails its
// fetch instead of serving keys nothing may use.
func TestFIPSRemoteSetSkips(t *testing.T) {
	fipstest.Require(t)
	body := fipsMixedSet(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_, _ = w.Write([]byte(body))
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r, err := jwk.NewRemote(srv.URL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	got, err := r.Select(ctx, jwk.Query{Signature: jwa.RS256})
	if err != nil || len(got) != 1 || got[0].KeyID() != "ok-rsa" {
		t.Fatalf("Select RS256 = %v, %v", got, err)
	}
	if _, err := r.Select(ctx, jwk.Query{Signature: jwa.RS256, KeyID: "small"}); !errors.Is(err, jwk.ErrKeyNotFound) {
		t.Fatalf("the 1024-bit key was kept: %v", err)
	}
	if n := r.Set().Len(); n != 2 {
		t.Fatalf("remote set holds %d keys, want 2", n)
	}

	body = `{"keys":[` + x25519JWK + `]}`
	r2, _ := jwk.NewRemote(srv.URL, jwk.WithInsecureHTTP())
	defer r2.Close()
	if _, err := r2.Select(ctx, jwk.Query{KeyManagement: jwa.ECDH_ES}); !errors.Is(err, jwk.ErrFetch) || !strings.Contains(err.Error(), "the set has no key this package can use") {
		t.Fatalf("a set of X25519 keys only: %v", err)
	}
}

// TestFIPSX5T: a JWK with x5c and x5t, as identity providers publish them,
// parses in FIPS 140-3 mode without the SHA-1 that fips140=only panics on:
// x5t is kept as given, x5t#S256 is still checked; and a SHA-1 thumbprint
// is refused.
func TestFIPSX5T(t *testing.T) {
	fipstest.Require(t)
	data, err := os.ReadFile("../testdata/jwk/rfc7517_B.x5c.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	der, err := base64.StdEncoding.DecodeString(m["x5c"].([]any)[0].(string))
	if err != nil {
		t.Fatal(err)
	}
	s256 := sha256.Sum256(der)
	m["x5t"] = base64.RawURLEncoding.EncodeToString(make([]byte, 20)) // not checked
	m["x5t#S256"] = base64.RawURLEncoding.EncodeToString(s256[:])
	good, _ := json.Marshal(m)
	k, err := jwk.Parse(good)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	m["x5t#S256"] = base64.RawURLEncoding.EncodeToString(make([]byte, 32))
	bad, _ := json.Marshal(m)
	if _, err := jwk.Parse(bad); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("wrong x5t#S256: %v", err)
	}
	_, err = k.Thumbprint(crypto.SHA1)
	fipstest.CheckRefusal(t, err, jwa.ErrNotApproved, "SHA-1")
	if _, err := k.Thumbprint(crypto.SHA384); err != nil {
		t.Fatal(err)
	}
}
