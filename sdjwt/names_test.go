package sdjwt_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

// TestIssueCriticalClaimsVisible: the claims RFC 9901 §9.7 lists as
// security critical cannot be made selectively disclosable. A disclosable
// "aud" would let a holder hide the audience from a verifier that refuses
// tokens naming an audience it does not accept (T71).
func TestIssueCriticalClaimsVisible(t *testing.T) {
	f := newFixture(t)
	claims := sampleClaims()
	claims["aud"] = []any{"https://verifier.example.org", "https://other.example.org"}
	claims["nbf"] = now.Unix()
	for _, tc := range []struct{ path, claim string }{
		{"/aud", "aud"}, {"/aud/1", "aud"}, {"/iss", "iss"}, {"/exp", "exp"}, {"/nbf", "nbf"},
		{"/cnf", "cnf"}, {"/cnf/jwk", "cnf"}, {"/cnf/jwk/x", "cnf"},
	} {
		_, err := sdjwt.Issue(claims, jwa.ES256, f.issuer, sdjwt.WithDisclosable("/given_name", tc.path), sdjwt.WithConfirmationKey(f.holder))
		if !errors.Is(err, sdjwt.ErrInvalidOption) {
			t.Errorf("%s: got %v, want ErrInvalidOption", tc.path, err)
			continue
		}
		if want := `hides "` + tc.claim + `", which must stay visible to verifiers (RFC 9901 §9.7)`; !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %q, want it to hold %q", tc.path, err, want)
		}
	}
	// Claims whose names only look like them are not concerned.
	claims["audience"] = "x"
	if _, err := sdjwt.Issue(claims, jwa.ES256, f.issuer, sdjwt.WithDisclosable("/audience")); err != nil {
		t.Errorf("/audience: %v", err)
	}
}

// TestJSONMemberNamesExact: the members of the JSON serialization (RFC
// 9901 §8) are matched exactly; one whose name differs from a registered
// one only in case is refused, where encoding/json would have taken
// "PAYLOAD" for "payload" (T70).
func TestJSONMemberNamesExact(t *testing.T) {
	_, issuerKey := loadRFC5(t)
	var v struct{ Issued, Presentation string }
	load(t, "rfc9901_8.2.json", &v)
	opts := []sdjwt.VerifyOption{
		sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, issuerKey)),
		sdjwt.WithClock(func() time.Time { return time.Unix(1748537243+10, 0) }),
		sdjwt.WithRequiredKeyBinding("https://verifier.example.org", "1234567890"),
	}
	if _, err := sdjwt.Verify[map[string]any](v.Presentation, opts...); err != nil {
		t.Fatal(err)
	}
	// The general serialization of the same signature.
	general := strings.Replace(v.Presentation, `{"header"`, `{"signatures":[{"header"`, 1)
	i := strings.Index(general, `"payload"`)
	j := i + strings.IndexByte(general[i:], ',')
	general = general[:i] + general[j+1:len(general)-1] + `}],` + general[i:j] + `}`
	if _, err := sdjwt.Verify[map[string]any](general, opts...); err != nil {
		t.Fatalf("general: %v", err)
	}
	for _, tc := range []struct {
		in, from, to, want string
	}{
		{v.Presentation, `"payload"`, `"PAYLOAD"`, `"PAYLOAD" is not "payload"`},
		{v.Presentation, `"protected"`, `"Protected"`, `"Protected" is not "protected"`},
		{v.Presentation, `"signature"`, `"SIGNATURE"`, `"SIGNATURE" is not "signature"`},
		{v.Presentation, `"header"`, `"HEADER"`, `"HEADER" is not "header"`},
		{v.Presentation, `"disclosures"`, `"Disclosures"`, `unprotected header 1: member name differs from an expected name only in case: "Disclosures" is not "disclosures"`},
		{v.Presentation, `"kb_jwt"`, `"KB_JWT"`, `"KB_JWT" is not "kb_jwt"`},
		{general, `"signatures"`, `"SIGNATURES"`, `"SIGNATURES" is not "signatures"`},
		{general, `"protected"`, `"PROTECTED"`, `signature 1: member name differs from an expected name only in case: "PROTECTED" is not "protected"`},
	} {
		in := strings.Replace(tc.in, tc.from, tc.to, 1)
		_, err := sdjwt.Verify[map[string]any](in, opts...)
		if !errors.Is(err, jwa.ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: got %v, want ErrMalformed and %q", tc.from, tc.to, err, tc.want)
		}
		if !errors.Is(err, strictjson.ErrNameCase) {
			t.Errorf("%s → %s: %v does not wrap its cause, strictjson.ErrNameCase", tc.from, tc.to, err)
		}
		if _, err := sdjwt.ParseUnverified(in); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s → %s: ParseUnverified: got %v", tc.from, tc.to, err)
		}
	}
}
