package jws

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// testKeys returns a private key per algorithm family; RSA comes from
// testdata (no key generation in tests).
func testKeys(t testing.TB) map[jwa.SignatureAlgorithm]any {
	t.Helper()
	ec256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ec521, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	rsa := rsaPublic(t) // the private key, despite the helper's name
	return map[jwa.SignatureAlgorithm]any{
		jwa.HS256: hsKey, jwa.HS512: bytes.Repeat(hsKey, 2),
		jwa.RS256: rsa, jwa.PS384: rsa,
		jwa.ES256: ec256, jwa.ES512: ec521,
		jwa.EdDSA: ed, jwa.Ed25519: ed,
	}
}

func publicOf(t testing.TB, key any) any {
	t.Helper()
	k, err := jwk.FromKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return verifyingKey(k)
}

func TestRoundTrip(t *testing.T) {
	payload := []byte(`{"sub":"ok","note":"a.b"}`)
	for alg, key := range testKeys(t) {
		for name, form := range map[string][]SignOption{"compact": nil, "flattened": {WithFlattened()}, "general": {WithJSON()}} {
			for _, detached := range []bool{false, true} {
				opts := append([]SignOption{WithKey(alg, key), WithType("JWT"), WithProtectedHeader("app", map[string]int{"n": 1})}, form...)
				var vopts []VerifyOption
				if detached {
					opts = append(opts, WithDetachedPayload())
					vopts = append(vopts, WithPayload(payload))
				}
				tok, err := Sign(payload, opts...)
				if err != nil {
					t.Fatalf("%s %s: %v", alg, name, err)
				}
				res, err := VerifyMessage(tok, append(vopts, WithKey(alg, publicOf(t, key)))...)
				if err != nil {
					t.Fatalf("%s %s detached=%v: %v", alg, name, detached, err)
				}
				s := res.Signatures[0]
				if !bytes.Equal(res.Payload, payload) || s.Protected.Type() != "JWT" || s.Algorithm != alg {
					t.Fatalf("%s %s: %+v", alg, name, res)
				}
				if v, ok := s.Protected.Get("app"); !ok || string(v) != `{"n":1}` {
					t.Fatalf("app member: %s", v)
				}
				// A token with a flipped payload never verifies.
				if !detached {
					if _, err := Verify(strings.Replace(tok, "eyJ", "eyK", 2), WithKey(alg, publicOf(t, key))); err == nil {
						t.Fatalf("%s %s: tampered token verified", alg, name)
					}
				}
			}
		}
	}
}

func TestUnencodedRoundTrip(t *testing.T) {
	for _, form := range [][]SignOption{nil, {WithFlattened()}, {WithJSON()}} {
		payload := []byte("plain text, no dot")
		tok, err := Sign(payload, append(form, WithKey(jwa.HS256, hsKey), WithUnencodedPayload())...)
		if err != nil {
			t.Fatal(err)
		}
		res, err := VerifyMessage(tok, WithKey(jwa.HS256, hsKey))
		if err != nil || !bytes.Equal(res.Payload, payload) || res.Signatures[0].Protected.Base64Payload() {
			t.Fatalf("%s: %+v, %v", tok, res, err)
		}
	}
}

// TestSeveralSignatures: the result lists only the verified signatures,
// with their headers and keys; WithRequireAll needs them all.
func TestSeveralSignatures(t *testing.T) {
	keys := testKeys(t)
	tok, err := Sign([]byte("p"), WithJSON(), WithType("JWT"),
		WithKey(jwa.ES256, keys[jwa.ES256]), WithKeyID("ec"), WithUnprotectedHeader("note", "first"),
		WithKey(jwa.EdDSA, keys[jwa.EdDSA]), WithKeyID("ed"),
		WithKey(jwa.HS256, hsKey), WithKeyID("hs"))
	if err != nil {
		t.Fatal(err)
	}
	edPub := publicOf(t, keys[jwa.EdDSA])
	res, err := VerifyMessage(tok, WithKey(jwa.EdDSA, edPub))
	if err != nil || len(res.Signatures) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	s := res.Signatures[0]
	if s.Index != 1 || s.Protected.KeyID() != "ed" || s.Protected.Type() != "JWT" || s.Unprotected.Len() != 0 {
		t.Fatalf("%+v", s)
	}
	_, err = Verify(tok, WithKey(jwa.EdDSA, edPub), WithRequireAll())
	if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("require all: %v", err)
	}
	res, err = VerifyMessage(tok, WithRequireAll(), WithKey(jwa.EdDSA, edPub),
		WithKey(jwa.ES256, publicOf(t, keys[jwa.ES256])), WithKey(jwa.HS256, hsKey))
	if err != nil || len(res.Signatures) != 3 {
		t.Fatalf("%+v, %v", res, err)
	}
	if n, _ := res.Signatures[0].Unprotected.Get("note"); string(n) != `"first"` {
		t.Fatalf("unprotected: %s", n)
	}
	// Key sets select by kid and alg.
	ec, _ := jwk.FromKey(publicOf(t, keys[jwa.ES256]), jwk.WithKeyID("ec"))
	ed, _ := jwk.FromKey(edPub, jwk.WithKeyID("ed"))
	set, _ := jwk.NewSet(ed, ec)
	res, err = VerifyMessage(tok, WithKeySet(set, jwa.ES256, jwa.EdDSA))
	if err != nil || len(res.Signatures) != 2 || res.Signatures[0].Key != ec || res.Signatures[1].Key != ed {
		t.Fatalf("%+v, %v", res, err)
	}
}

func TestUnsafeNone(t *testing.T) {
	fipstest.SkipUnapproved(t, `"none"`, false)
	tok, err := Sign([]byte("p"), WithKey(jwa.NoSignature, nil), WithUnsafeNone())
	if err != nil || !strings.HasSuffix(tok, ".") {
		t.Fatalf("%s, %v", tok, err)
	}
	if _, err := Verify(tok, WithKey(jwa.HS256, hsKey)); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatal(err)
	}
	res, err := VerifyMessage(tok, WithUnsafeNone())
	if err != nil || res.Signatures[0].Key != nil {
		t.Fatalf("%+v, %v", res, err)
	}
}

// TestEmbeddedJWK: the token's own key is used only through the opt-in,
// only if approved, and only for the algorithms given.
func TestEmbeddedJWK(t *testing.T) {
	priv := testKeys(t)[jwa.ES256]
	tok, err := Sign([]byte("p"), WithKey(jwa.ES256, priv), WithProtectedHeader("jwk", priv))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(tok)
	if err != nil || m.sigs[0].protected.JWK() == nil || m.sigs[0].protected.JWK().IsPrivate() {
		t.Fatalf("%v", err)
	}
	approve := func(*jwk.Key) error { return nil }
	errUnknown := errors.New("unknown key")
	refuse := func(*jwk.Key) error { return errUnknown }
	if _, err := Verify(tok, WithEmbeddedKey(approve, jwa.ES256)); err != nil {
		t.Fatal(err)
	}
	// A key the caller's function refuses is no key: the refusal wraps
	// jwk.ErrKeyNotFound (as an x5c chain that does not verify does) and
	// the function's own error.
	_, err = Verify(tok, WithEmbeddedKey(refuse, jwa.ES256))
	if !errors.Is(err, jwk.ErrKeyNotFound) || !errors.Is(err, errUnknown) || !strings.Contains(err.Error(), `the token's "jwk" was not approved: unknown key`) {
		t.Fatalf("refused key: %v", err)
	}
	if _, err := Verify(tok, WithEmbeddedKey(approve, jwa.ES384)); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("alg outside the list: %v", err)
	}
	other := testKeys(t)[jwa.ES256]
	if _, err := Verify(tok, WithKey(jwa.ES256, publicOf(t, other))); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("embedded key used without the opt-in: %v", err)
	}
}

// TestX509: the x5c leaf key is used only after the chain verified against
// the caller's roots.
func TestX509(t *testing.T) {
	rootKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "root"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	rootDER, _ := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &rootKey.PublicKey, rootKey)
	root, _ := x509.ParseCertificate(rootDER)
	leafTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "signer"},
		NotBefore: tmpl.NotBefore, NotAfter: tmpl.NotAfter, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	leafDER, _ := x509.CreateCertificate(rand.Reader, leafTmpl, root, &leafKey.PublicKey, rootKey)
	leaf, _ := x509.ParseCertificate(leafDER)

	tok, err := Sign([]byte("p"), WithKey(jwa.ES256, leafKey), WithProtectedHeader("x5c", []*x509.Certificate{leaf}))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(root)
	res, err := VerifyMessage(tok, WithX509(x509.VerifyOptions{Roots: roots}, jwa.ES256))
	if err != nil || len(res.Signatures[0].Protected.X509Chain()) != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	other := x509.NewCertPool() // trusts nothing
	if _, err := Verify(tok, WithX509(x509.VerifyOptions{Roots: other, CurrentTime: time.Now()}, jwa.ES256)); !errors.Is(err, jwk.ErrKeyNotFound) {
		t.Fatalf("untrusted chain: %v", err)
	}
	if _, err := Verify(tok, WithKey(jwa.HS256, hsKey)); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("x5c used without the opt-in: %v", err)
	}
}

func TestParseExposesUnverifiedStructure(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	for _, c := range []struct {
		opts []SignOption
		want Serialization
	}{
		{nil, Compact},
		{[]SignOption{WithFlattened(), WithUnprotectedHeader("x", "y")}, Flattened},
		{[]SignOption{WithJSON()}, General},
	} {
		tok, err := Sign([]byte("p"), append([]SignOption{WithKey(jwa.HS256, secret), WithKeyID("k1")}, c.opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(tok)
		if err != nil {
			t.Fatal(err)
		}
		prot, unprot := m.UnverifiedHeaders(0)
		if m.Serialization() != c.want || m.SignatureCount() != 1 || prot.KeyID() != "k1" || prot.Algorithm() != jwa.HS256 {
			t.Fatalf("%v: got %v, %d signatures, kid %q", c.want, m.Serialization(), m.SignatureCount(), prot.KeyID())
		}
		js, err := prot.MarshalJSON()
		if err != nil || !strings.Contains(string(js), `"kid":"k1"`) {
			t.Fatalf("header JSON %s, %v", js, err)
		}
		if c.want == Flattened {
			if v, ok := unprot.Get("x"); !ok || string(v) != `"y"` {
				t.Fatalf("unprotected header: %s", v)
			}
		}
		if p, u := m.UnverifiedHeaders(5); p.Len() != 0 || u.Len() != 0 {
			t.Fatal("an index out of range must give empty headers")
		}
	}
}

// TestStringMembersWrittenAsEncodingJSON checks the direct path for string
// members against encoding/json, escapes included.
func TestStringMembersWrittenAsEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "k1", "at+jwt", "application/example+jwt", `a"b`, `a\b`, "tab\there", "é", "<>&", "\u2028", "\x7f"} {
		for _, name := range []string{"kid", "typ", "cty"} {
			got, err := encodeMember(name, s)
			if err != nil {
				t.Fatalf("%s %q: %v", name, s, err)
			}
			var back string
			if err := json.Unmarshal(got, &back); err != nil || back != s {
				t.Fatalf("%s %q written as %s, reads back %q (%v)", name, s, got, back, err)
			}
		}
	}
}
