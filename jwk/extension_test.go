package jwk

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// The fake codec stands for an extension curve: OKP "FakeX" keys whose
// public x (8 bytes) is the private d with every bit flipped.
type fakePub struct{ x [8]byte }
type fakePriv struct{ d [8]byte }

func (p *fakePriv) public() *fakePub {
	var x [8]byte
	for i, b := range p.d {
		x[i] = ^b
	}
	return &fakePub{x}
}

type fakeCodec struct{}

const fakeCurve jwa.Curve = "FakeX"

func (fakeCodec) KeyType() jwa.KeyType { return jwa.KeyTypeOKP }
func (fakeCodec) Curve() jwa.Curve     { return fakeCurve }
func (fakeCodec) Members() []KeyMember {
	return []KeyMember{{Name: "x", Size: 8}, {Name: "d", Size: 8, Private: true}}
}

func (fakeCodec) Decode(m map[string][]byte) (any, error) {
	pub := &fakePub{[8]byte(m["x"])}
	d, ok := m["d"]
	if !ok {
		return pub, nil
	}
	priv := &fakePriv{[8]byte(d)}
	if *priv.public() != *pub {
		return nil, errors.New("d does not match x") // wrapped by jwk
	}
	return priv, nil
}

func (fakeCodec) Encode(key any, private bool) (map[string][]byte, error) {
	switch k := key.(type) {
	case *fakePub:
		return map[string][]byte{"x": k.x[:]}, nil
	case *fakePriv:
		m := map[string][]byte{"x": k.public().x[:]}
		if private {
			m["d"] = k.d[:]
		}
		return m, nil
	}
	return nil, fmt.Errorf("not a fake key")
}

func (fakeCodec) FromKey(key any) (any, bool, bool, error) {
	switch k := key.(type) {
	case *fakePub:
		if k == nil {
			return nil, false, true, fmt.Errorf("nil fake key: %w", jwa.ErrInvalidKey)
		}
		return k, false, true, nil
	case *fakePriv:
		if k == nil {
			return nil, false, true, fmt.Errorf("nil fake key: %w", jwa.ErrInvalidKey)
		}
		return k.public(), true, true, nil
	}
	return nil, false, false, nil
}

func (fakeCodec) GenerateKey() (any, error) {
	var p fakePriv
	_, _ = rand.Read(p.d[:])
	return &p, nil
}

// liarCodec accepts a made-up type but reports a built-in public key.
type liarCodec struct{ fakeCodec }
type liarKey struct{}

func (liarCodec) Curve() jwa.Curve { return "Liar" }
func (liarCodec) FromKey(key any) (any, bool, bool, error) {
	if _, ok := key.(liarKey); !ok {
		return nil, false, false, nil
	}
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	return &k.PublicKey, false, true, nil
}

// newKtyCodec adds a kty of its own ("TST") without curves.
type newKtyCodec struct{}

func (newKtyCodec) KeyType() jwa.KeyType { return "TST" }
func (newKtyCodec) Curve() jwa.Curve     { return "" }
func (newKtyCodec) Members() []KeyMember {
	return []KeyMember{{Name: "pk", Size: 8}, {Name: "sk", Size: 8, Private: true}}
}
func (newKtyCodec) Decode(m map[string][]byte) (any, error) {
	return fakeCodec{}.Decode(map[string][]byte{"x": m["pk"]})
}
func (newKtyCodec) Encode(key any, private bool) (map[string][]byte, error) {
	m, err := fakeCodec{}.Encode(key, private)
	return map[string][]byte{"pk": m["x"]}, err
}
func (newKtyCodec) GenerateKey() (any, error) { return nil, errors.New("no generator") }
func (newKtyCodec) FromKey(key any) (any, bool, bool, error) {
	if k, ok := key.(*fakePub); ok && k.x[0] == 0x54 { // 'T': only TST keys
		return k, false, true, nil
	}
	return nil, false, false, nil
}

type fakeSigner struct{}

func (fakeSigner) Sign([]byte) ([]byte, error) { return []byte{1}, nil }
func (fakeSigner) Verify(_, sig []byte) error {
	if len(sig) != 1 {
		return jwa.ErrInvalidSignature
	}
	return nil
}

// fakeSig is a signature algorithm over fake keys, to see the binding
// rules apply to extension keys.
type fakeSig struct{}

func (fakeSig) KeyType() jwa.KeyType { return jwa.KeyTypeOKP }
func (fakeSig) NewSigner(key any) (jwa.Signer, error) {
	if _, ok := key.(*fakePriv); !ok {
		return nil, fmt.Errorf("got %T: %w", key, jwa.ErrInvalidKey)
	}
	return fakeSigner{}, nil
}
func (fakeSig) NewVerifier(key any) (jwa.Verifier, error) {
	if _, ok := key.(*fakePub); !ok {
		return nil, fmt.Errorf("got %T: %w", key, jwa.ErrInvalidKey)
	}
	return fakeSigner{}, nil
}

const fakeAlg jwa.SignatureAlgorithm = "FAKE-jwk-extension-test"

func init() {
	for _, c := range []KeyCodec{fakeCodec{}, liarCodec{}, newKtyCodec{}} {
		if err := RegisterKeyCodec(c); err != nil {
			panic(err)
		}
	}
	if err := jwa.RegisterSignature(fakeAlg, fakeSig{}); err != nil {
		panic(err)
	}
}

// fakeJWK is a FakeX private key: d = 00..07, x = ff..f8.
const fakeJWK = `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-fg","d":"AAECAwQFBgc"}`

type badCodec struct {
	fakeCodec
	kty     jwa.KeyType
	crv     jwa.Curve
	members []KeyMember
}

func (b badCodec) KeyType() jwa.KeyType { return b.kty }
func (b badCodec) Curve() jwa.Curve     { return b.crv }
func (b badCodec) Members() []KeyMember { return b.members }

func TestRegisterKeyCodecRejections(t *testing.T) {
	x := []KeyMember{{Name: "x", Size: 32}}
	for _, tc := range []struct {
		name  string
		codec KeyCodec
		err   error
	}{
		{"nil", nil, jwa.ErrInvalidKey},
		{"typed nil", (*badCodec)(nil), jwa.ErrInvalidKey},
		{"empty kty", badCodec{members: x}, jwa.ErrInvalidKey},
		{"built-in EC curve", badCodec{kty: jwa.KeyTypeEC, crv: jwa.P256, members: []KeyMember{{Name: "x", Size: 32}, {Name: "y", Size: 32}}}, jwa.ErrAlreadyRegistered},
		{"built-in OKP curve", badCodec{kty: jwa.KeyTypeOKP, crv: jwa.CurveEd25519, members: x}, jwa.ErrAlreadyRegistered},
		{"RSA", badCodec{kty: jwa.KeyTypeRSA, crv: "big", members: []KeyMember{{Name: "n", Size: 256}}}, jwa.ErrInvalidKey},
		{"oct", badCodec{kty: jwa.KeyTypeOct, members: []KeyMember{{Name: "k", Size: 32}}}, jwa.ErrInvalidKey},
		{"EC without curve", badCodec{kty: jwa.KeyTypeEC, members: x}, jwa.ErrInvalidKey},
		{"OKP member of another kty", badCodec{kty: jwa.KeyTypeOKP, crv: "C", members: []KeyMember{{Name: "x", Size: 32}, {Name: "y", Size: 32}}}, jwa.ErrInvalidKey},
		{"common member", badCodec{kty: "NEW", members: []KeyMember{{Name: "kid", Size: 32}}}, jwa.ErrInvalidKey},
		{"crv as material", badCodec{kty: "NEW", members: []KeyMember{{Name: "crv", Size: 32}}}, jwa.ErrInvalidKey},
		{"new kty with RSA member", badCodec{kty: "NEW", members: []KeyMember{{Name: "n", Size: 32}}}, jwa.ErrInvalidKey},
		{"member twice", badCodec{kty: "NEW", members: []KeyMember{{Name: "a", Size: 1}, {Name: "a", Size: 1}}}, jwa.ErrInvalidKey},
		{"size zero", badCodec{kty: "NEW", members: []KeyMember{{Name: "a"}}}, jwa.ErrInvalidKey},
		{"size over the cap", badCodec{kty: "NEW", members: []KeyMember{{Name: "a", Size: maxExtMemberSize + 1}}}, jwa.ErrInvalidKey},
		{"no public member", badCodec{kty: "NEW", members: []KeyMember{{Name: "a", Size: 1, Private: true}}}, jwa.ErrInvalidKey},
		{"no member", badCodec{kty: "NEW"}, jwa.ErrInvalidKey},
		{"registered twice", fakeCodec{}, jwa.ErrAlreadyRegistered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := RegisterKeyCodec(tc.codec); !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
}

func TestExtensionKeyRoundTrip(t *testing.T) {
	k, err := Parse([]byte(fakeJWK))
	if err != nil {
		t.Fatal(err)
	}
	if k.KeyType() != jwa.KeyTypeOKP || k.Curve() != fakeCurve || !k.IsPrivate() {
		t.Fatalf("parsed %v", k)
	}
	if _, ok := k.Raw().(*fakePriv); !ok {
		t.Fatalf("Raw is %T", k.Raw())
	}
	out, err := k.MarshalJSON()
	if err != nil || string(out) != fakeJWK {
		t.Fatalf("MarshalJSON = %s, %v", out, err)
	}
	pub := k.Public()
	out, err = pub.MarshalJSON()
	if err != nil || string(out) != `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-fg"}` {
		t.Fatalf("public MarshalJSON = %s, %v", out, err)
	}
	if _, ok := pub.PublicKey().(*fakePub); !ok || pub.IsPrivate() {
		t.Fatalf("public key %v of type %T", pub, pub.PublicKey())
	}
	in, err := k.thumbprintInput()
	if err != nil || string(in) != `{"crv":"FakeX","kty":"OKP","x":"__79_Pv6-fg"}` {
		t.Fatalf("thumbprint input %s, %v", in, err)
	}
	if !k.Equal(pub) || !pub.Equal(k) {
		t.Fatal("a key is not Equal to its public half")
	}
	other, err := GenerateKey(jwa.KeyTypeOKP, WithCurve(fakeCurve), WithKeyID("g"))
	if err != nil || other.Curve() != fakeCurve || !other.IsPrivate() || other.KeyID() != "g" {
		t.Fatalf("GenerateKey = %v, %v", other, err)
	}
	if k.Equal(other) {
		t.Fatal("two keys Equal")
	}
	again, err := FromKey(k.Raw(), WithKeyID("a"))
	if err != nil || !again.Equal(k) || again.KeyID() != "a" {
		t.Fatalf("FromKey = %v, %v", again, err)
	}
	if s := fmt.Sprintf("%v %+v %#v", k, k, k); strings.Contains(s, "AAECAwQFBgc") {
		t.Fatalf("formatting leaks d: %s", s)
	}

	// A kty of its own, with unknown members kept apart from its material.
	tst, err := Parse([]byte(`{"kty":"TST","pk":"VAECAwQFBgc","z":1}`))
	if err != nil {
		t.Fatal(err)
	}
	out, err = tst.MarshalJSON()
	if err != nil || string(out) != `{"kty":"TST","pk":"VAECAwQFBgc","z":1}` {
		t.Fatalf("TST MarshalJSON = %s, %v", out, err)
	}
}

func TestExtensionKeyBinding(t *testing.T) {
	k, err := Parse([]byte(fakeJWK))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Signer(fakeAlg); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Public().Verifier(fakeAlg); err != nil {
		t.Fatal(err)
	}
	bound, _ := FromKey(k, WithAlgorithm(jwa.EdDSA))
	sig, _ := FromKey(k, WithUse("sig"))
	verifyOnly, _ := FromKey(k.Public(), WithKeyOps("verify"))
	for _, tc := range []struct {
		name string
		run  func() error
		err  error
	}{
		{"alg binds the key", func() error { _, err := bound.Signer(fakeAlg); return err }, jwa.ErrAlgorithmNotAllowed},
		{"use sig refuses encryption", func() error { _, err := sig.KeyEncrypter(jwa.ECDH_ES); return err }, ErrKeyUsage},
		{"key_ops", func() error { _, err := verifyOnly.Verifier(jwa.Ed25519); return err }, jwa.ErrInvalidKey},
		{"public key cannot sign", func() error { _, err := k.Public().Signer(fakeAlg); return err }, jwa.ErrInvalidKey},
		{"built-in EdDSA refuses it", func() error { _, err := k.Signer(jwa.EdDSA); return err }, jwa.ErrInvalidKey},
		{"ES256 refuses it", func() error { _, err := k.Public().Verifier(jwa.ES256); return err }, jwa.ErrInvalidKey},
		{"ECDH-ES refuses it", func() error { _, err := k.KeyDecrypter(jwa.ECDH_ES); return err }, jwa.ErrInvalidKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
}

func TestExtensionKeyRejections(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		err        error
	}{
		{"x too short", `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-Q"}`, jwa.ErrInvalidKey},
		{"x too long", `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-fgA"}`, jwa.ErrInvalidKey},
		{"no x", `{"kty":"OKP","crv":"FakeX","d":"AAECAwQFBgc"}`, jwa.ErrMalformed},
		{"x not base64url", `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6+fg"}`, jwa.ErrMalformed},
		{"x not a string", `{"kty":"OKP","crv":"FakeX","x":7}`, jwa.ErrMalformed},
		{"d does not match x", `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-fg","d":"AAECAwQFBgg"}`, jwa.ErrInvalidKey},
		{"member of another kty", `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-fg","n":"AQAB"}`, jwa.ErrMalformed},
		{"member of a new kty in OKP", `{"kty":"OKP","crv":"FakeX","x":"__79_Pv6-fg","pk":"AQAB"}`, jwa.ErrMalformed},
		{"unregistered curve", `{"kty":"OKP","crv":"FakeY","x":"__79_Pv6-fg"}`, jwa.ErrInvalidKey},
		{"new kty with a curve it lacks", `{"kty":"TST","crv":"C","pk":"VAECAwQFBgc"}`, jwa.ErrMalformed},
		{"codec claims a built-in key", `{"kty":"OKP","crv":"Liar","x":"__79_Pv6-fg"}`, jwa.ErrInvalidKey},
		{"decoded key its codec refuses", `{"kty":"TST","pk":"AAECAwQFBgc"}`, jwa.ErrInvalidKey},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := Parse([]byte(tc.json))
			if !errors.Is(err, tc.err) || k != nil {
				t.Fatalf("got %v, %v; want %v", k, err, tc.err)
			}
		})
	}
	if _, err := FromKey(liarKey{}); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("FromKey of a codec that claims a built-in key: %v", err)
	}
	if _, err := FromKey((*fakePriv)(nil)); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("FromKey(typed nil): %v", err)
	}
	if _, err := GenerateKey(jwa.KeyTypeOKP, WithCurve(fakeCurve), WithBits(64)); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("GenerateKey with bits: %v", err)
	}
	if _, err := GenerateKey("TST"); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Fatalf("GenerateKey whose generator fails: %v", err)
	}
}

func TestExtensionKeyInSet(t *testing.T) {
	s, err := ParseSet([]byte(`{"keys":[` + fakeJWK + `,{"kty":"OKP","crv":"FakeY","x":"AA"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || s.Keys()[0].Curve() != fakeCurve {
		t.Fatalf("set %v", s.Keys())
	}
	got, err := s.Public().Select(t.Context(), Query{Signature: fakeAlg})
	if err != nil || len(got) != 1 {
		t.Fatalf("Select = %v, %v", got, err)
	}
	out, err := s.Public().MarshalJSON()
	if err != nil || !bytes.Contains(out, []byte(`"crv":"FakeX"`)) || bytes.Contains(out, []byte(`"d"`)) {
		t.Fatalf("public set %s, %v", out, err)
	}
}

// nilScheme is a registered signature algorithm that answers with nothing.
type nilScheme struct{}

func (nilScheme) KeyType() jwa.KeyType                  { return jwa.KeyTypeOct }
func (nilScheme) NewSigner(any) (jwa.Signer, error)     { return nil, nil }
func (nilScheme) NewVerifier(any) (jwa.Verifier, error) { return nil, nil }

// FIPSStatus declares the test schemes approved, so that they are bound in
// FIPS 140-3 mode too.
func (nilScheme) FIPSStatus() jwa.FIPSStatus { return jwa.FIPSStatus{Approved: true, Basis: "a test"} }
func (fakeSig) FIPSStatus() jwa.FIPSStatus   { return jwa.FIPSStatus{Approved: true, Basis: "a test"} }

func TestBindingToAnImplementationThatGivesNothing(t *testing.T) {
	const name = jwa.SignatureAlgorithm("X-NIL-TEST")
	if err := jwa.RegisterSignature(name, nilScheme{}); err != nil {
		t.Fatal(err)
	}
	k, err := FromKey([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Signer(name); !errors.Is(err, jwa.ErrUnsupportedAlgorithm) {
		t.Fatalf("Signer: got %v", err)
	}
	if _, err := k.Verifier(name); !errors.Is(err, jwa.ErrUnsupportedAlgorithm) {
		t.Fatalf("Verifier: got %v", err)
	}
}
