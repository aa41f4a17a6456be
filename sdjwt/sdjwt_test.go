package sdjwt_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

var now = time.Unix(1_750_000_000, 0)

func clock() time.Time { return now }

type fixture struct {
	issuer, holder *jwk.Key
}

func newFixture(t testing.TB) fixture {
	t.Helper()
	issuer, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	holder, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	return fixture{issuer, holder}
}

func (f fixture) parseOpts() []sdjwt.ParseOption {
	return []sdjwt.ParseOption{sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, f.issuer.Public())), sdjwt.WithClock(clock)}
}

func (f fixture) verifyOpts(kb bool) []sdjwt.VerifyOption {
	opts := []sdjwt.VerifyOption{sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, f.issuer.Public())), sdjwt.WithClock(clock)}
	if kb {
		opts = append(opts, sdjwt.WithRequiredKeyBinding("https://verifier.example.org", "n-0S6_WzA2Mj"))
	}
	return opts
}

func sampleClaims() map[string]any {
	return map[string]any{
		"iss":           "https://issuer.example.com",
		"exp":           now.Add(time.Hour).Unix(),
		"given_name":    "Erika",
		"family_name":   "Mustermann",
		"address":       map[string]any{"locality": "Berlin", "country": "DE", "street_address": "Heidestraße 17"},
		"nationalities": []any{"DE", "FR"},
	}
}

func TestRoundTrip(t *testing.T) {
	f := newFixture(t)
	for _, js := range []bool{false, true} {
		var issueOpts []sdjwt.IssueOption
		if js {
			issueOpts = append(issueOpts, sdjwt.WithJSON())
		}
		issueOpts = append(issueOpts,
			sdjwt.WithDisclosable("/given_name", "/family_name", "/address", "/address/street_address", "/nationalities/1"),
			sdjwt.WithDecoys(3), sdjwt.WithHashAlgorithm(sdjwt.SHA384), sdjwt.WithConfirmationKey(f.holder),
			sdjwt.WithSignOptions(jwt.WithType("example+sd-jwt")))
		sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, issueOpts...)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := sdjwt.Parse(sd, f.parseOpts()...)
		if err != nil {
			t.Fatal(err)
		}
		byPath := map[string]*sdjwt.Disclosure{}
		for _, d := range tok.Disclosures() {
			byPath[d.Path()] = d
			if len(d.Salt()) != 22 { // 128 bits
				t.Errorf("salt %q", d.Salt())
			}
		}
		if len(byPath) != 5 || byPath["/address/street_address"] == nil || tok.HashAlgorithm() != sdjwt.SHA384 {
			t.Fatalf("disclosures %v", byPath)
		}
		// Reveal the street (Present adds the address that holds it) and a
		// nationality, with key binding.
		var presentOpts []sdjwt.PresentOption
		if js {
			presentOpts = append(presentOpts, sdjwt.WithJSON())
		}
		presentOpts = append(presentOpts, sdjwt.WithHolderKey(jwa.EdDSA, f.holder), sdjwt.WithClock(clock),
			sdjwt.WithKeyBinding("https://verifier.example.org", "n-0S6_WzA2Mj"))
		vp, err := tok.Present([]*sdjwt.Disclosure{byPath["/address/street_address"], byPath["/nationalities/1"]}, presentOpts...)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sdjwt.Verify[map[string]any](vp, append(f.verifyOpts(true), sdjwt.WithVerifyOptions(jwt.WithExpectedType("example+sd-jwt")))...)
		if err != nil {
			t.Fatal(err)
		}
		addr, _ := got["address"].(map[string]any)
		nat, _ := got["nationalities"].([]any)
		if got["given_name"] != nil || addr["street_address"] != "Heidestraße 17" || addr["locality"] != "Berlin" ||
			len(nat) != 2 || nat[1] != "FR" || got["_sd_alg"] != nil || got["cnf"] == nil {
			t.Errorf("json=%v: claims %v", js, got)
		}
		// Without the disclosures, the hidden claims are gone.
		bare, err := tok.Present(nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err = sdjwt.Verify[map[string]any](bare, f.verifyOpts(false)...)
		if err != nil || got["address"] != nil || len(got["nationalities"].([]any)) != 1 || got["_sd"] != nil {
			t.Errorf("bare: %v %v", got, err)
		}
	}
}

// sign signs an arbitrary SD-JWT payload, to build hostile tokens.
func (f fixture) sign(t testing.TB, payload string, disclosures ...string) string {
	t.Helper()
	tok, err := jwt.Sign(json.RawMessage(payload), jwa.ES256, f.issuer)
	if err != nil {
		t.Fatal(err)
	}
	return tok + "~" + strings.Join(append(disclosures, ""), "~")
}

func disclosure(t testing.TB, salt, name string, value any) (string, string) {
	t.Helper()
	var d *sdjwt.Disclosure
	var err error
	if name == "" {
		d, err = sdjwt.NewArrayDisclosure(salt, value)
	} else {
		d, err = sdjwt.NewDisclosure(salt, name, value)
	}
	if err != nil {
		t.Fatal(err)
	}
	dg, _ := d.Digest(sdjwt.SHA256)
	return d.String(), dg
}

func raw(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestRejections(t *testing.T) {
	f := newFixture(t)
	const exp = `"exp":1900000000`
	dA, hA := disclosure(t, "salt-a", "a", 1)
	dB, hB := disclosure(t, "salt-b", "b", 2)
	dEl, hEl := disclosure(t, "salt-e", "", "x")
	dNest, hNest := disclosure(t, "salt-n", "n", map[string]any{"_sd": []string{hA}})
	dSD := raw(`["salt","_sd",1]`)
	dDots := raw(`["salt","...",1]`)
	dExists, hExists := disclosure(t, "salt-x", "iss", "evil")
	dDup := raw(`["salt","d",{"k":1,"K":2}]`)

	// An SD-JWT+KB whose KB-JWT is good, to tamper with.
	sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, sdjwt.WithDisclosable("/given_name"), sdjwt.WithConfirmationKey(f.holder))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := sdjwt.Parse(sd, f.parseOpts()...)
	if err != nil {
		t.Fatal(err)
	}
	present := func(aud, nonce string, at time.Time, key *jwk.Key) string {
		vp, err := tok.Present(tok.Disclosures(), sdjwt.WithHolderKey(jwa.EdDSA, key), sdjwt.WithKeyBinding(aud, nonce),
			sdjwt.WithClock(func() time.Time { return at }))
		if err != nil {
			t.Fatal(err)
		}
		return vp
	}
	good := present("https://verifier.example.org", "n-0S6_WzA2Mj", now, f.holder)
	if _, err := sdjwt.Verify[map[string]any](good, f.verifyOpts(true)...); err != nil {
		t.Fatalf("good presentation: %v", err)
	}
	kbJWT := good[strings.LastIndexByte(good, '~')+1:]
	otherHolder, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	// A KB-JWT signed by a key other than "cnf": Present refuses it, so sign it directly.
	forged, err := jwt.Sign(map[string]any{"nonce": "n-0S6_WzA2Mj", "aud": "https://verifier.example.org", "iat": now.Unix(), "sd_hash": "x"},
		jwa.EdDSA, otherHolder, jwt.WithType("kb+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	untyped, err := jwt.Sign(map[string]any{"nonce": "n-0S6_WzA2Mj", "aud": "https://verifier.example.org", "iat": now.Unix()},
		jwa.EdDSA, f.holder)
	if err != nil {
		t.Fatal(err)
	}
	otherIssuer, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	otherSD, err := sdjwt.Issue(sampleClaims(), jwa.ES256, otherIssuer)
	if err != nil {
		t.Fatal(err)
	}
	noCnf, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name  string
		token string
		kb    bool
		opts  []sdjwt.VerifyOption
		want  []error
	}{
		{"unreferenced disclosure", f.sign(t, `{`+exp+`,"_sd":["`+hA+`"]}`, dA, dB), false, nil, []error{sdjwt.ErrUnreferencedDisclosure, jwa.ErrMalformed}},
		{"nested disclosure without its parent", f.sign(t, `{`+exp+`,"_sd":["`+hNest+`"]}`, dA), false, nil, []error{sdjwt.ErrUnreferencedDisclosure}},
		{"duplicate digest", f.sign(t, `{`+exp+`,"_sd":["`+hA+`","`+hA+`"]}`, dA), false, nil, []error{sdjwt.ErrDuplicateDigest}},
		{"duplicate digest in two objects", f.sign(t, `{`+exp+`,"_sd":["`+hB+`"],"o":{"_sd":["`+hB+`"]}}`), false, nil, []error{sdjwt.ErrDuplicateDigest}},
		{"duplicate digest through a disclosure", f.sign(t, `{`+exp+`,"_sd":["`+hA+`","`+hNest+`"]}`, dA, dNest), false, nil, []error{sdjwt.ErrDuplicateDigest}},
		{"duplicate digest in an array", f.sign(t, `{`+exp+`,"l":[{"...":"`+hEl+`"},{"...":"`+hEl+`"}]}`, dEl), false, nil, []error{sdjwt.ErrDuplicateDigest}},
		{"disclosure given twice", f.sign(t, `{`+exp+`,"_sd":["`+hA+`"]}`, dA, dA), false, nil, []error{sdjwt.ErrDuplicateDigest}},
		{"disclosure of _sd", f.sign(t, `{`+exp+`}`, dSD), false, nil, []error{sdjwt.ErrInvalidDisclosure, jwa.ErrMalformed}},
		{"disclosure of ...", f.sign(t, `{`+exp+`}`, dDots), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosed claim exists", f.sign(t, `{`+exp+`,"iss":"good","_sd":["`+hExists+`"]}`, dExists), false, nil, []error{sdjwt.ErrClaimExists}},
		{"disclosed claim twice", f.sign(t, `{`+exp+`,"_sd":["`+hA+`"],"o":{"a":0,"_sd":["`+hB+`"]}}`, dA, raw(`["salt-b","a",3]`)), false, nil, []error{sdjwt.ErrUnreferencedDisclosure}},
		{"element disclosure in _sd", f.sign(t, `{`+exp+`,"_sd":["`+hEl+`"]}`, dEl), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"member disclosure in array", f.sign(t, `{`+exp+`,"l":[{"...":"`+hA+`"}]}`, dA), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosure not base64url", f.sign(t, `{`+exp+`}`, "WyJ+"), false, nil, []error{jwa.ErrMalformed}},
		{"disclosure padded", f.sign(t, `{`+exp+`}`, raw(`["s","a",1]`)+"="), false, nil, []error{jwa.ErrMalformed}},
		{"disclosure not an array", f.sign(t, `{`+exp+`}`, raw(`{"salt":"s"}`)), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosure of four elements", f.sign(t, `{`+exp+`}`, raw(`["s","a",1,2]`)), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosure salt not a string", f.sign(t, `{`+exp+`}`, raw(`[1,"a",1]`)), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosure name not a string", f.sign(t, `{`+exp+`}`, raw(`["s",1,1]`)), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosure with duplicate members", f.sign(t, `{`+exp+`}`, dDup), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"disclosure with trailing data", f.sign(t, `{`+exp+`}`, raw(`["s","a",1] []`)), false, nil, []error{sdjwt.ErrInvalidDisclosure}},
		{"_sd not an array", f.sign(t, `{`+exp+`,"_sd":"x"}`), false, nil, []error{jwa.ErrMalformed}},
		{"_sd holds a number", f.sign(t, `{`+exp+`,"_sd":[1]}`), false, nil, []error{jwa.ErrMalformed}},
		{"unknown _sd_alg", f.sign(t, `{`+exp+`,"_sd_alg":"md5"}`), false, nil, []error{sdjwt.ErrHashAlgorithm}},
		{"_sd_alg not a string", f.sign(t, `{`+exp+`,"_sd_alg":1}`), false, nil, []error{sdjwt.ErrHashAlgorithm}},
		{"_sd_alg not accepted", f.sign(t, `{`+exp+`,"_sd_alg":"sha-256"}`), false, []sdjwt.VerifyOption{sdjwt.WithAllowedHashAlgorithms(sdjwt.SHA512)}, []error{sdjwt.ErrHashAlgorithm}},
		{"expired", f.sign(t, `{"exp":1000}`), false, nil, []error{jwt.ErrExpired}},
		{"hidden exp is missing", f.sign(t, `{"_sd":["`+hA+`"]}`), false, nil, []error{jwt.ErrMissingClaim}},
		{"bad issuer signature", strings.Replace(sd, ".", ".e", 1), false, nil, []error{jwa.ErrMalformed}},
		{"another issuer", otherSD, false, nil, []error{jwa.ErrInvalidSignature}},
		{"no tilde", strings.TrimSuffix(sd, "~"), false, nil, []error{jwa.ErrMalformed}},
		{"empty disclosure", strings.Replace(sd, "~", "~~", 1), false, nil, []error{jwa.ErrMalformed}},
		{"white space", strings.Replace(sd, "~", "~ ", 1), false, nil, []error{jwa.ErrMalformed}},
		{"too large", sd, false, []sdjwt.VerifyOption{sdjwt.WithMaxSize(100)}, []error{jwa.ErrMalformed}},
		{"JSON with a second header's disclosures", `{"payload":"e30","signatures":[{"protected":"e30","signature":"AA"},{"protected":"e30","signature":"AA","header":{"disclosures":[]}}]}`, false, nil, []error{jwa.ErrMalformed}},
		{"JSON with duplicate members", `{"payload":"e30","payload":"e30","protected":"e30","signature":"AA"}`, false, nil, []error{jwa.ErrMalformed}},
		{"key binding missing", sd, true, nil, []error{sdjwt.ErrKeyBinding}},
		{"KB wrong nonce", present("https://verifier.example.org", "another", now, f.holder), true, nil, []error{sdjwt.ErrKeyBinding}},
		{"KB wrong audience", present("https://other.example.org", "n-0S6_WzA2Mj", now, f.holder), true, nil, []error{sdjwt.ErrKeyBinding, jwt.ErrInvalidAudience}},
		{"KB too old", present("https://verifier.example.org", "n-0S6_WzA2Mj", now.Add(-time.Hour), f.holder), true, nil, []error{sdjwt.ErrKeyBinding, jwt.ErrTooOld}},
		{"KB from the future", present("https://verifier.example.org", "n-0S6_WzA2Mj", now.Add(time.Hour), f.holder), true, nil, []error{sdjwt.ErrKeyBinding, jwt.ErrIssuedInFuture}},
		{"KB sd_hash of another presentation", sd[:strings.IndexByte(sd, '~')+1] + kbJWT, true, nil, []error{sdjwt.ErrKeyBinding}},
		{"KB signed by another key", sd + forged, true, nil, []error{sdjwt.ErrKeyBinding, jwa.ErrInvalidSignature}},
		{"KB without kb+jwt type", sd + untyped, true, nil, []error{sdjwt.ErrKeyBinding, jwt.ErrInvalidType}},
		{"KB algorithm not accepted", good, true, []sdjwt.VerifyOption{sdjwt.WithAllowedKeyBindingAlgorithms(jwa.ES256)}, []error{sdjwt.ErrKeyBinding}},
		{"KB without cnf", noCnf + kbJWT, true, nil, []error{sdjwt.ErrKeyBinding}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append(f.verifyOpts(tt.kb), tt.opts...)
			got, err := sdjwt.Verify[map[string]any](tt.token, opts...)
			if err == nil {
				t.Fatalf("accepted: %v", got)
			}
			if got != nil {
				t.Error("claims returned with an error")
			}
			for _, w := range tt.want {
				if !errors.Is(err, w) {
					t.Errorf("err = %v, want %v", err, w)
				}
			}
		})
	}
}

func TestHolderRejections(t *testing.T) {
	f := newFixture(t)
	sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, sdjwt.WithDisclosable("/given_name"), sdjwt.WithConfirmationKey(f.holder))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := sdjwt.ParseUnverified(sd)
	if err != nil {
		t.Fatal(err)
	}
	vp, err := tok.Present(nil, sdjwt.WithHolderKey(jwa.EdDSA, f.holder), sdjwt.WithKeyBinding("a", "n"))
	if err != nil {
		t.Fatal(err)
	}
	// RFC 9901 §7.2: a holder refuses an SD-JWT+KB.
	if _, err := sdjwt.ParseUnverified(vp); !errors.Is(err, jwa.ErrMalformed) {
		t.Errorf("SD-JWT+KB: %v", err)
	}
	if _, err := sdjwt.Parse(sd, sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, f.holder))); err == nil {
		t.Error("Parse with a wrong key")
	}
	other, _ := sdjwt.NewDisclosure("s", "given_name", "x")
	if _, err := tok.Present([]*sdjwt.Disclosure{other}); !errors.Is(err, sdjwt.ErrInvalidOption) {
		t.Errorf("foreign disclosure: %v", err)
	}
	otherKey, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tok.Present(nil, sdjwt.WithHolderKey(jwa.EdDSA, otherKey), sdjwt.WithKeyBinding("a", "n")); !errors.Is(err, sdjwt.ErrKeyBinding) {
		t.Errorf("holder key not in cnf: %v", err)
	}
	if _, err := tok.Present(nil, sdjwt.WithHolderKey(jwa.EdDSA, f.holder)); !errors.Is(err, sdjwt.ErrInvalidOption) {
		t.Errorf("holder key without WithKeyBinding: %v", err)
	}
}

func TestIssueRejections(t *testing.T) {
	f := newFixture(t)
	for name, tc := range map[string]struct {
		claims any
		opts   []sdjwt.IssueOption
		want   error
	}{
		"path names no claim":    {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithDisclosable("/missing")}, sdjwt.ErrInvalidOption},
		"index out of range":     {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithDisclosable("/nationalities/5")}, sdjwt.ErrInvalidOption},
		"whole claim set":        {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithDisclosable("")}, sdjwt.ErrInvalidOption},
		"not a pointer":          {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithDisclosable("given_name")}, sdjwt.ErrInvalidOption},
		"exp hidden":             {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithDisclosable("/exp")}, sdjwt.ErrInvalidOption},
		"reserved _sd":           {map[string]any{"o": map[string]any{"_sd": 1}}, nil, jwt.ErrInvalidClaims},
		"reserved ...":           {map[string]any{"l": []any{map[string]any{"...": "x"}}}, nil, jwt.ErrInvalidClaims},
		"reserved _sd_alg":       {map[string]any{"_sd_alg": "sha-256"}, nil, jwt.ErrInvalidClaims},
		"cnf twice":              {map[string]any{"cnf": 1}, []sdjwt.IssueOption{sdjwt.WithConfirmationKey(f.holder)}, sdjwt.ErrInvalidOption},
		"not an object":          {[]int{1}, nil, jwt.ErrInvalidClaims},
		"nil claims":             {nil, nil, jwt.ErrInvalidClaims},
		"symmetric cnf":          {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithConfirmationKey(mustKey(t, []byte("0123456789abcdef0123456789abcdef")))}, sdjwt.ErrInvalidOption},
		"two hash algorithms":    {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithHashAlgorithm(sdjwt.SHA256), sdjwt.WithHashAlgorithm(sdjwt.SHA512)}, sdjwt.ErrInvalidOption},
		"unknown hash algorithm": {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithHashAlgorithm("md5")}, sdjwt.ErrInvalidOption},
		"too many decoys":        {sampleClaims(), []sdjwt.IssueOption{sdjwt.WithDecoys(1000)}, sdjwt.ErrInvalidOption},
		"nil option":             {sampleClaims(), []sdjwt.IssueOption{nil}, sdjwt.ErrInvalidOption},
		"disclosure names _sd":   {nil, nil, nil},
	} {
		t.Run(name, func(t *testing.T) {
			if tc.want == nil {
				if _, err := sdjwt.NewDisclosure("s", "_sd", 1); !errors.Is(err, sdjwt.ErrInvalidOption) {
					t.Errorf("err = %v", err)
				}
				return
			}
			if _, err := sdjwt.Issue(tc.claims, jwa.ES256, f.issuer, tc.opts...); !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

func mustKey(t *testing.T, raw any) *jwk.Key {
	k, err := jwk.FromKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestDecoys(t *testing.T) {
	f := newFixture(t)
	sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, sdjwt.WithDecoys(4))
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(sd, ".")[1])
	var p struct {
		SD  []string `json:"_sd"`
		Alg string   `json:"_sd_alg"`
	}
	if err := json.Unmarshal(payload, &p); err != nil || len(p.SD) != 4 || p.Alg != "sha-256" {
		t.Fatalf("payload %s", payload)
	}
	if _, err := sdjwt.Verify[map[string]any](sd, f.verifyOpts(false)...); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseUnverified(f *testing.F) {
	var v rfc5
	load(f, "rfc9901_5.json", &v)
	var j struct{ Issued, Presentation string }
	load(f, "rfc9901_8.2.json", &j)
	for _, s := range []string{v.SDJWT, v.Presentation, j.Issued, j.Presentation, "a.b.c~", "~", "{}", v.IssuerSignedJWT + "~WyJ+~"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := sdjwt.ParseUnverified(s)
		if err != nil {
			if tok != nil {
				t.Fatal("SD-JWT returned with an error")
			}
			return
		}
		again, err := sdjwt.ParseUnverified(tok.String())
		if err != nil || again.String() != tok.String() || len(again.Disclosures()) != len(tok.Disclosures()) {
			t.Fatalf("parse → serialize → parse: %v", err)
		}
		for _, d := range tok.Disclosures() {
			if p, err := sdjwt.ParseDisclosure(d.String()); err != nil || p.String() != d.String() {
				t.Fatalf("disclosure %s: %v", d, err)
			}
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	v, issuerKey := loadRFC5(b)
	opts := []sdjwt.VerifyOption{
		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey)),
		sdjwt.WithRequiredKeyBinding(v.KB.Aud, v.KB.Nonce), sdjwt.WithClock(func() time.Time { return time.Unix(v.KB.Iat, 0) }),
	}
	for b.Loop() {
		if _, err := sdjwt.Verify[map[string]any](v.Presentation, opts...); err != nil {
			b.Fatal(err)
		}
	}
}
