package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/mlkem"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// kindCase is one kind of key for the table tests of keyKind: a key, and
// the RFC 7638 thumbprint its public part has when an RFC gives one.
type kindCase struct {
	name       string
	key        *Key
	thumbprint string // base64url SHA-256, or "" when no RFC gives one
	noJSON     bool   // a kind without a JSON form (KEM keys)
	held       bool   // a private key held by an opaque signer
}

// kindCases lists every kind of key this package makes, private where the
// kind has a private form.
func kindCases(t *testing.T) []kindCase {
	t.Helper()
	ec := func(c elliptic.Curve) *Key {
		k, err := ecdsa.GenerateKey(c, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		return must(FromKey(k))
	}
	cases := []kindCase{
		{name: "RSA RFC 7638", key: mustParse(t, readTestdata(t, "jwk/rfc7638_3.1.rsa_key.json")), thumbprint: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"},
		{name: "RSA private", key: mustParse(t, readTestdata(t, "rfc7520/jwk/3_4.rsa_private_key.json"))},
		{name: "EC P-256", key: ec(elliptic.P256())},
		{name: "EC P-384", key: ec(elliptic.P384())},
		{name: "EC P-521 RFC 7520", key: mustParse(t, readTestdata(t, "rfc7520/jwk/3_2.ec_private_key.json"))},
		{name: "Ed25519 RFC 8037", key: mustParse(t, readTestdata(t, "jwk/rfc8037_A.1.ed25519_private.json")), thumbprint: "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"},
		{name: "oct", key: mustParse(t, readTestdata(t, "rfc7520/jwk/3_5.symmetric_key_mac_computation.json"))},
		{name: "ext codec", key: mustParse(t, []byte(fakeJWK))},
		{name: "ext kty", key: mustParse(t, []byte(`{"kty":"TST","pk":"VAECAwQFBgc"}`))},
		{name: "opaque signer", key: must(FromKey(&opaqueSigner{mustParse(t, readTestdata(t, "jwk/rfc8037_A.1.ed25519_private.json")).Raw().(ed25519.PrivateKey)})), held: true},
	}
	if !jwa.FIPSMode() { // X25519 is refused in FIPS 140-3 mode
		x, err := ecdh.X25519().GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, kindCase{name: "X25519", key: must(FromKey(x))})
	}
	dk, err := mlkem.GenerateKey768()
	if err != nil {
		t.Fatal(err)
	}
	cases = append(cases, kindCase{name: "ML-KEM-768", key: must(FromKey(dk)), noJSON: true})
	return append(cases, akpKindCases(t)...)
}

// TestKindRoundTrip: for every kind, the members a key lists give back the
// same key (members → key → members), its public part lists the public
// members only and is equal to it, and its thumbprint is made of the
// public members (the RFC's value where there is one).
func TestKindRoundTrip(t *testing.T) {
	for _, tc := range kindCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			k := tc.key
			kind := k.kind
			if kind.keyType() != k.KeyType() || kind.curve() != k.Curve() || kind.isPrivate() != k.IsPrivate() {
				t.Fatalf("the kind disagrees with the key: %v", k)
			}
			pubMembers, err := kind.members(false)
			if tc.noJSON {
				if err == nil {
					t.Fatal("a kind without a JSON form listed members")
				}
				if _, err := k.MarshalJSON(); !errors.Is(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), "no JSON form") {
					t.Fatalf("MarshalJSON: %v", err)
				}
				if _, err := k.Thumbprint(0); !errors.Is(err, jwa.ErrInvalidKey) {
					t.Fatalf("Thumbprint: %v", err)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			checkKindMembers(t, tc)
			if !tc.noJSON {
				// The thumbprint's members are the public ones, sorted, and
				// alg for AKP: the same values, so one writer serves both.
				want := slices.Clone(pubMembers)
				if alg := kind.fixedAlg(); alg != "" {
					want = append(want, jwkcodec.Text("alg", alg))
				}
				slices.SortFunc(want, func(a, b member) int { return strings.Compare(a.Name, b.Name) })
				if req, err := kind.required(); err != nil || !sameMembers(req, want) {
					t.Fatalf("required %v, %v; want %v", req, err, want)
				}
			}
			if k.IsSymmetric() {
				if k.Public() != nil || kind.publicKey() != nil {
					t.Fatal("an oct key has a public part")
				}
			} else {
				pub := kind.public()
				if pub.isPrivate() || pub.keyType() != kind.keyType() || pub.curve() != kind.curve() {
					t.Fatalf("public part of %v is private or of another kind", k)
				}
				if !pub.equal(kind) || !kind.equal(pub) || pub.public() != pub {
					t.Fatal("a key is not equal to its public part")
				}
				if p, ok := pub.publicKey().(interface{ Equal(crypto.PublicKey) bool }); ok && !p.Equal(kind.publicKey()) {
					t.Fatal("the public part holds another public key")
				}
				if !tc.noJSON {
					got, err := pub.members(true) // a public kind lists no private member, asked or not
					if err != nil || !sameMembers(got, pubMembers) {
						t.Fatalf("public members %v, %v; want %v", got, err, pubMembers)
					}
				}
			}
			if tc.thumbprint != "" {
				tp, err := k.Thumbprint(0)
				if err != nil || base64url.EncodeToString(tp) != tc.thumbprint {
					t.Fatalf("thumbprint %s, %v; want %s", base64url.EncodeToString(tp), err, tc.thumbprint)
				}
			}
		})
	}
}

// checkKindMembers marshals a key from its kind's members, parses it back,
// and compares the members.
func checkKindMembers(t *testing.T, tc kindCase) {
	t.Helper()
	k := tc.key
	all, err := k.kind.members(k.IsPrivate())
	switch {
	case tc.noJSON:
		return
	case tc.held:
		if err == nil || !strings.Contains(k.named(err).Error(), "cannot be exported") {
			t.Fatalf("members of an opaque key: %v", err)
		}
		return
	case err != nil:
		t.Fatal(err)
	}
	data, err := k.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	got, err := back.kind.members(back.IsPrivate())
	if err != nil || !sameMembers(got, all) {
		t.Fatalf("members after a round trip: %v, %v; want %v", got, err, all)
	}
	if !back.Equal(k) || !k.Equal(back) {
		t.Fatal("the key read back is not equal")
	}
}

func sameMembers(a, b []member) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Text != b[i].Text || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}

// TestKindEqual: equality is reflexive and symmetric, and no kind equals
// another.
func TestKindEqual(t *testing.T) {
	cases := kindCases(t)
	for i, a := range cases {
		for j, b := range cases {
			want := i == j
			if got := a.key.kind.equal(b.key.kind); got != want {
				t.Errorf("%s equal %s = %v", a.name, b.name, got)
			}
			if got := a.key.Equal(b.key); got != want || b.key.Equal(a.key) != got {
				t.Errorf("%s.Equal(%s) = %v, not symmetric or not %v", a.name, b.name, got, want)
			}
		}
	}
	var zero Key
	if zero.Equal(&zero) || zero.Equal(cases[0].key) || cases[0].key.Equal(&zero) {
		t.Error("a zero Key equals a key")
	}
}

// TestKindBindKey: the key each kind hands to jwa.
func TestKindBindKey(t *testing.T) {
	for _, tc := range kindCases(t) {
		kind := tc.key.kind
		for _, op := range []operation{opSign, opDecrypt} {
			if got := kind.bindKey(op); !sameValue(got, kind.goKey()) && !bytes.Equal(asBytes(got), asBytes(kind.goKey())) {
				t.Errorf("%s: bindKey(%d) = %T, not the private key", tc.name, op, got)
			}
		}
		for _, op := range []operation{opVerify, opEncrypt} {
			got := kind.bindKey(op)
			if tc.key.IsSymmetric() {
				if !bytes.Equal(asBytes(got), asBytes(kind.goKey())) {
					t.Errorf("%s: bindKey(%d) is not the secret", tc.name, op)
				}
				continue
			}
			if p, ok := got.(interface{ Equal(crypto.PublicKey) bool }); ok && !p.Equal(kind.publicKey()) {
				t.Errorf("%s: bindKey(%d) = %T, not the public key", tc.name, op, got)
			}
		}
	}
	rsaKey := mustParse(t, readTestdata(t, "rfc7520/jwk/3_3.rsa_public_key.json")).PublicKey().(*rsa.PublicKey)
	weak := must(FromKey(jwa.WeakRSAPublicKey{Key: rsaKey}))
	if _, ok := weak.kind.bindKey(opVerify).(jwa.WeakRSAPublicKey); !ok || weak.kind.bindKey(opEncrypt) != nil {
		t.Error("a weak RSA key must verify as a jwa.WeakRSAPublicKey and never encrypt")
	}
}

func asBytes(v any) []byte {
	b, _ := v.([]byte)
	return b
}

// TestZeroKey: a Key never made (a zero value) answers without a panic and
// refuses what needs material.
func TestZeroKey(t *testing.T) {
	var k Key
	if k.KeyType() != "" || k.Curve() != "" || k.IsPrivate() || k.PublicKey() != nil || k.Raw() != nil {
		t.Fatal("a zero Key has material")
	}
	if _, err := k.MarshalJSON(); !errors.Is(err, jwa.ErrInvalidKey) || !strings.Contains(err.Error(), "is empty") {
		t.Fatalf("MarshalJSON: %v", err)
	}
	if _, err := k.Thumbprint(0); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("Thumbprint: %v", err)
	}
	if _, err := k.Signer(jwa.ES256); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("Signer: %v", err)
	}
	if _, err := k.Verifier(jwa.ES256); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("Verifier: %v", err)
	}
	if s := k.String(); s != "jwk.Key{kty=}" {
		t.Fatalf("String = %q", s)
	}
}
