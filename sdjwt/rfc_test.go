package sdjwt_test

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

type rfcDisclosure struct {
	Section    string  `json:"section"`
	Salt       string  `json:"salt"`
	Name       *string `json:"name"`
	Value      string  `json:"value"`
	Disclosure string  `json:"disclosure"`
	Digest     string  `json:"digest"`
}

type rfc5 struct {
	IssuerKey       json.RawMessage `json:"issuer_key"`
	Disclosures     []rfcDisclosure `json:"disclosures"`
	IssuerSignedJWT string          `json:"issuer_signed_jwt"`
	SDJWT           string          `json:"sd_jwt"`
	Presentation    string          `json:"presentation"`
	KB              struct {
		Nonce string `json:"nonce"`
		Aud   string `json:"aud"`
		Iat   int64  `json:"iat"`
	} `json:"kb"`
	Processed map[string]any `json:"processed_payload"`
}

func load(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("../testdata/sdjwt/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func loadRFC5(t testing.TB) (rfc5, *jwk.Key) {
	var v rfc5
	load(t, "rfc9901_5.json", &v)
	k, err := jwk.Parse(v.IssuerKey)
	if err != nil {
		t.Fatal(err)
	}
	return v, k
}

// TestRFCDisclosures rebuilds every disclosure the RFC prints with its salt,
// byte for byte, and checks its digest.
func TestRFCDisclosures(t *testing.T) {
	var small struct {
		Disclosures []rfcDisclosure `json:"disclosures"`
	}
	load(t, "rfc9901_4.2_6_disclosures.json", &small)
	v, _ := loadRFC5(t)
	all := append(small.Disclosures, v.Disclosures...)
	if len(all) != 18 {
		t.Fatalf("%d disclosures", len(all))
	}
	for _, want := range all {
		var d *sdjwt.Disclosure
		var err error
		if want.Name != nil {
			d, err = sdjwt.NewDisclosure(want.Salt, *want.Name, json.RawMessage(want.Value))
		} else {
			d, err = sdjwt.NewArrayDisclosure(want.Salt, json.RawMessage(want.Value))
		}
		if err != nil {
			t.Fatal(err)
		}
		if d.String() != want.Disclosure {
			t.Errorf("§%s %s: disclosure\n got %s\nwant %s", want.Section, want.Salt, d, want.Disclosure)
		}
		if dg, _ := d.Digest(sdjwt.SHA256); dg != want.Digest {
			t.Errorf("§%s %s: digest %s, want %s", want.Section, want.Salt, dg, want.Digest)
		}
		p, err := sdjwt.ParseDisclosure(want.Disclosure)
		if err != nil {
			t.Fatal(err)
		}
		name, isMember := p.Name()
		if p.Salt() != want.Salt || isMember != (want.Name != nil) || (isMember && name != *want.Name) || string(p.Value()) != want.Value {
			t.Errorf("§%s: parsed %q %q %s", want.Section, p.Salt(), name, p.Value())
		}
	}
}

// TestRFC5Issuance reads the SD-JWT of RFC 9901 §5.1 as its holder does.
func TestRFC5Issuance(t *testing.T) {
	v, issuerKey := loadRFC5(t)
	tok, err := sdjwt.Parse(v.SDJWT, sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey), jwt.WithExpectedType("example+sd-jwt")),
		sdjwt.WithClock(func() time.Time { return time.Unix(1748537243, 0) }))
	if err != nil {
		t.Fatal(err)
	}
	if tok.JWT() != v.IssuerSignedJWT || tok.String() != v.SDJWT || tok.HashAlgorithm() != sdjwt.SHA256 {
		t.Errorf("round trip: %s", tok)
	}
	wantPaths := []string{"/given_name", "/family_name", "/email", "/phone_number", "/phone_number_verified",
		"/address", "/birthdate", "/updated_at", "/nationalities/0", "/nationalities/1"}
	ds := tok.Disclosures()
	if len(ds) != len(wantPaths) {
		t.Fatalf("%d disclosures", len(ds))
	}
	for i, d := range ds {
		if d.Path() != wantPaths[i] || d.String() != v.Disclosures[i].Disclosure {
			t.Errorf("disclosure %d: path %q", i, d.Path())
		}
	}
	// The holder's presentation of §5.2 discloses family_name, address,
	// given_name and the first nationality; Present writes them in the
	// issuer's order.
	vp, err := tok.Present([]*sdjwt.Disclosure{ds[1], ds[5], ds[0], ds[8]})
	if err != nil {
		t.Fatal(err)
	}
	want := v.IssuerSignedJWT + "~" + ds[0].String() + "~" + ds[1].String() + "~" + ds[5].String() + "~" + ds[8].String() + "~"
	if vp != want {
		t.Errorf("presentation\n got %s\nwant %s", vp, want)
	}
	// ParseUnverified reads the same without a key.
	u, err := sdjwt.ParseUnverified(v.SDJWT)
	if err != nil || len(u.Disclosures()) != 10 {
		t.Fatalf("ParseUnverified: %v", err)
	}
}

// TestRFC5Presentation verifies the SD-JWT+KB of RFC 9901 §5.2 and gets the
// processed payload the RFC prints.
func TestRFC5Presentation(t *testing.T) {
	v, issuerKey := loadRFC5(t)
	at := func(sec int64) func() time.Time { return func() time.Time { return time.Unix(v.KB.Iat+sec, 0) } }
	opts := []sdjwt.VerifyOption{
		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey), jwt.WithExpectedType("example+sd-jwt"), jwt.WithIssuer("https://issuer.example.com")),
		sdjwt.WithRequiredKeyBinding(v.KB.Aud, v.KB.Nonce), sdjwt.WithClock(at(30)),
	}
	got, err := sdjwt.Verify[map[string]any](v.Presentation, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalize(t, got), normalize(t, v.Processed)) {
		t.Errorf("processed payload\n got %v\nwant %v", got, v.Processed)
	}
	// Too late for the KB-JWT's freshness.
	_, err = sdjwt.Verify[map[string]any](v.Presentation, append(opts, sdjwt.WithClock(at(3600)))...)
	if !errors.Is(err, sdjwt.ErrKeyBinding) || !errors.Is(err, jwt.ErrTooOld) {
		t.Errorf("stale KB-JWT: %v", err)
	}
}

// TestRFC8_2 verifies the flattened JSON serialization of RFC 9901 §8.2.
func TestRFC8_2(t *testing.T) {
	_, issuerKey := loadRFC5(t)
	var v struct{ Issued, Presentation string }
	load(t, "rfc9901_8.2.json", &v)
	clock := sdjwt.WithClock(func() time.Time { return time.Unix(1748537243+10, 0) })
	keys := sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey))
	got, err := sdjwt.Verify[map[string]any](v.Presentation, keys, clock,
		sdjwt.WithRequiredKeyBinding("https://verifier.example.org", "1234567890"))
	if err != nil {
		t.Fatal(err)
	}
	if got["given_name"] != "John" || got["family_name"] != "Doe" || got["sub"] != nil {
		t.Errorf("claims %v", got)
	}
	tok, err := sdjwt.Parse(v.Issued, keys, clock)
	if err != nil {
		t.Fatal(err)
	}
	if len(tok.Disclosures()) != 4 || tok.Disclosures()[0].Path() != "/sub" {
		t.Errorf("disclosures %v", tok.Disclosures())
	}
}

// normalize gives two JSON values one representation for comparison.
func normalize(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
