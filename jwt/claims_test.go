package jwt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
)

func TestNumericDateRead(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"0", time.Unix(0, 0)},
		{"-0", time.Unix(0, 0)},
		{"1300819380", time.Unix(1300819380, 0)},
		{"1300819380.5", time.Unix(1300819380, 5e8)},
		{"1300819380.25", time.Unix(1300819380, 25e7)},
		{"1.3e9", time.Unix(1300000000, 0)},
		{"1300819380E0", time.Unix(1300819380, 0)},
		{"0.999999999999", time.Unix(1, 0)}, // rounds up into the next second
		{"253402300799", time.Unix(MaxNumericDate, 0)},
		{"253402300799.0", time.Unix(MaxNumericDate, 0)},
	}
	for _, tt := range tests {
		var d NumericDate
		if err := json.Unmarshal([]byte(tt.in), &d); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if !d.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.in, d.Time, tt.want)
		}
	}
}

func TestNumericDateReject(t *testing.T) {
	for _, in := range []string{
		`"1300819380"`, `null`, `true`, `{}`, `[1]`,
		`-1`, `-0.5`, `253402300800`, `253402300799.5`,
		`9223372036854775807`, `9223372036854775808`, `99999999999999999999999`,
		`1e400`, `-1e400`, `1e19`, `1.7976931348623157e308`,
	} {
		var d NumericDate
		err := json.Unmarshal([]byte(in), &d)
		if !errors.Is(err, ErrInvalidClaims) || !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s: got %v, want ErrInvalidClaims", in, err)
		}
	}
	// Direct calls can pass what JSON cannot spell.
	var d NumericDate
	for _, in := range []string{"", "NaN", "Inf", "+1"} {
		if err := d.UnmarshalJSON([]byte(in)); !errors.Is(err, ErrInvalidClaims) {
			t.Errorf("%q: got %v, want ErrInvalidClaims", in, err)
		}
	}
	if _, err := parseNumericDate([]byte(fmt.Sprint(math.NaN()))); !errors.Is(err, ErrInvalidClaims) {
		t.Errorf("NaN: got %v", err)
	}
}

func TestNumericDateWrite(t *testing.T) {
	tests := []struct {
		d    *NumericDate
		want string
	}{
		{NewNumericDate(time.Unix(1300819380, 999999999)), "1300819380"},
		{&NumericDate{time.Unix(1300819380, 5e8)}, "1300819380"},
		{&NumericDate{time.Unix(0, 0)}, "0"},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.d)
		if err != nil || string(b) != tt.want {
			t.Errorf("%v: got %s, %v; want %s", tt.d.Time, b, err, tt.want)
		}
	}
	for _, d := range []NumericDate{{time.Unix(-1, 0)}, {time.Unix(MaxNumericDate+1, 0)}, {}} {
		if _, err := json.Marshal(d); !errors.Is(err, ErrInvalidClaims) {
			t.Errorf("%v: got %v, want ErrInvalidClaims", d.Time, err)
		}
	}
}

func TestAudience(t *testing.T) {
	read := []struct {
		in   string
		want Audience
	}{
		{`"a"`, Audience{"a"}},
		{`""`, Audience{""}},
		{`["a"]`, Audience{"a"}},
		{`["a","b"]`, Audience{"a", "b"}},
		{`[]`, Audience{}},
	}
	for _, tt := range read {
		var a Audience
		if err := json.Unmarshal([]byte(tt.in), &a); err != nil || fmt.Sprint(a) != fmt.Sprint(tt.want) || a == nil {
			t.Errorf("%s: got %#v, %v", tt.in, a, err)
		}
	}
	for _, in := range []string{`null`, `1`, `{"a":1}`, `[1]`, `["a",null]`, `[["a"]]`, `true`} {
		var a Audience
		if err := json.Unmarshal([]byte(in), &a); !errors.Is(err, ErrInvalidClaims) {
			t.Errorf("%s: got %v, want ErrInvalidClaims", in, err)
		}
	}
	write := []struct {
		a    Audience
		want string
	}{
		{Audience{"a"}, `"a"`},
		{Audience{"a", "b"}, `["a","b"]`},
		{Audience{}, `[]`},
	}
	for _, tt := range write {
		if b, err := json.Marshal(tt.a); err != nil || string(b) != tt.want {
			t.Errorf("%#v: got %s, %v; want %s", tt.a, b, err, tt.want)
		}
	}
	if b, _ := json.Marshal(Claims{}); string(b) != "{}" {
		t.Errorf("empty claims: %s", b)
	}
}

func TestParseClaims(t *testing.T) {
	s, err := parseClaims([]byte(`{"iss":"joe","sub":"s","aud":["x","y"],"exp":1300819380,"nbf":1.5,"iat":0,"jti":"id","http://example.com/is_root":true}`))
	if err != nil {
		t.Fatal(err)
	}
	c := s.claims
	if c.Issuer != "joe" || c.Subject != "s" || c.ID != "id" || len(c.Audience) != 2 ||
		c.ExpiresAt.Unix() != 1300819380 || c.NotBefore.UnixNano() != 15e8 || c.IssuedAt.Unix() != 0 {
		t.Errorf("got %+v", c)
	}
	if !s.has("http://example.com/is_root") {
		t.Error("unknown claim lost")
	}
}

// TestParseClaimsReject gives each malformed claim set (T21, T22, T48) its
// row.
func TestParseClaimsReject(t *testing.T) {
	for _, in := range []string{
		``, `null`, `[]`, `"x"`, `1`, `{`, `{}x`, `{} {}`, "\xef\xbb\xbf{}", "{\"a\":\"\xff\"}",
		`{"exp":1,"exp":2}`, `{"exp":1,"EXP":2}`, `{"iss":"a","Iss":"b"}`, `{"a":{"b":1,"B":2}}`,
		`{"EXP":1}`, `{"Iss":"a"}`, `{"ſub":"s"}`, `{"AUD":"a"}`, `{"jtI":"x"}`,
		`{"iss":1}`, `{"iss":null}`, `{"iss":["a"]}`, `{"sub":true}`, `{"jti":{}}`,
		`{"aud":{"a":1}}`, `{"aud":1}`, `{"aud":null}`, `{"aud":[1]}`,
		`{"exp":"1300819380"}`, `{"exp":null}`, `{"nbf":[1]}`, `{"iat":true}`,
		`{"exp":1e400}`, `{"exp":-1}`, `{"iat":99999999999999999999}`, `{"nbf":253402300800}`,
		strings.Repeat(`{"a":`, 100) + "1" + strings.Repeat("}", 100),
	} {
		s, err := parseClaims([]byte(in))
		if s != nil || !errors.Is(err, ErrInvalidClaims) || !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%.40s: got %v, %v; want ErrInvalidClaims", in, s, err)
		}
	}
}

func TestClaimErrorNamesClaim(t *testing.T) {
	_, err := parseClaims([]byte(`{"exp":"soon"}`))
	if err == nil || !strings.Contains(err.Error(), `"exp"`) {
		t.Errorf("error does not name the claim: %v", err)
	}
}

// now is the fixed time of the validation tests.
var now = time.Unix(1_700_000_000, 0)

func fixedClock() time.Time { return now }

// check parses and validates claims (JSON) with a fixed clock, as Verify
// does after the signature, and returns the claims decoded into T.
func check[T any](t *testing.T, claims string, opts ...VerifyOption) (T, error) {
	t.Helper()
	c, err := configure(callVerify, append([]VerifyOption{WithClock(fixedClock)}, opts...))
	if err != nil {
		t.Fatalf("options: %v", err)
	}
	if err := checkValidators[T](c); err != nil {
		var zero T
		return zero, err
	}
	return claimsOf[T](c, []byte(claims), embeddingOf(reflect.TypeFor[T]()))
}

func at(offset int64) string { return fmt.Sprint(now.Unix() + offset) }

func TestValidate(t *testing.T) {
	exp := func(d int64) string { return `{"exp":` + at(d) + `}` }
	sec := time.Second
	tests := []struct {
		name   string
		claims string
		opts   []VerifyOption
		want   error // nil: accepted
	}{
		// exp: RFC 7519 §4.1.4, the current time must be before exp.
		{"exp in 1s", exp(1), nil, nil},
		{"exp now", exp(0), nil, ErrExpired},
		{"exp 1s ago", exp(-1), nil, ErrExpired},
		{"exp 1s ago, leeway 2s", exp(-1), []VerifyOption{WithLeeway(2 * sec)}, nil},
		{"exp 2s ago, leeway 2s", exp(-2), []VerifyOption{WithLeeway(2 * sec)}, ErrExpired},
		{"exp in 0.5s", `{"exp":` + at(0) + `.5}`, nil, nil},
		{"exp 0.5s ago", `{"exp":` + at(-1) + `.5}`, nil, ErrExpired},
		{"exp missing", `{}`, nil, ErrMissingClaim},
		{"exp missing, allowed", `{}`, []VerifyOption{WithAllowNoExpiry()}, nil},
		{"exp 1s ago, no expiry allowed", exp(-1), []VerifyOption{WithAllowNoExpiry()}, ErrExpired},
		{"exp huge", `{"exp":253402300799}`, nil, nil},
		{"exp epoch", `{"exp":0}`, nil, ErrExpired},

		// nbf: RFC 7519 §4.1.5, the current time must be at or after nbf.
		{"nbf now", `{"exp":` + at(60) + `,"nbf":` + at(0) + `}`, nil, nil},
		{"nbf 1s ago", `{"exp":` + at(60) + `,"nbf":` + at(-1) + `}`, nil, nil},
		{"nbf in 1s", `{"exp":` + at(60) + `,"nbf":` + at(1) + `}`, nil, ErrNotValidYet},
		{"nbf in 0.5s", `{"exp":` + at(60) + `,"nbf":` + at(0) + `.5}`, nil, ErrNotValidYet},
		{"nbf in 1s, leeway 1s", `{"exp":` + at(60) + `,"nbf":` + at(1) + `}`, []VerifyOption{WithLeeway(sec)}, nil},
		{"nbf in 2s, leeway 1s", `{"exp":` + at(60) + `,"nbf":` + at(2) + `}`, []VerifyOption{WithLeeway(sec)}, ErrNotValidYet},
		{"nbf required, missing", exp(60), []VerifyOption{WithRequiredClaims("nbf")}, ErrMissingClaim},
		{"nbf required, present", `{"exp":` + at(60) + `,"nbf":` + at(0) + `}`, []VerifyOption{WithRequiredClaims("nbf")}, nil},

		// iat: not in the future, and not older than WithMaxAge.
		{"iat now", `{"exp":` + at(60) + `,"iat":` + at(0) + `}`, nil, nil},
		{"iat in 1s", `{"exp":` + at(60) + `,"iat":` + at(1) + `}`, nil, ErrIssuedInFuture},
		{"iat in 1s, leeway 1s", `{"exp":` + at(60) + `,"iat":` + at(1) + `}`, []VerifyOption{WithLeeway(sec)}, nil},
		{"iat in 2s, leeway 1s", `{"exp":` + at(60) + `,"iat":` + at(2) + `}`, []VerifyOption{WithLeeway(sec)}, ErrIssuedInFuture},
		{"max age, iat 10s ago", `{"exp":` + at(60) + `,"iat":` + at(-10) + `}`, []VerifyOption{WithMaxAge(10 * sec)}, nil},
		{"max age, iat 11s ago", `{"exp":` + at(60) + `,"iat":` + at(-11) + `}`, []VerifyOption{WithMaxAge(10 * sec)}, ErrTooOld},
		{"max age, iat 11s ago, leeway 1s", `{"exp":` + at(60) + `,"iat":` + at(-11) + `}`, []VerifyOption{WithMaxAge(10 * sec), WithLeeway(sec)}, nil},
		{"max age, iat 12s ago, leeway 1s", `{"exp":` + at(60) + `,"iat":` + at(-12) + `}`, []VerifyOption{WithMaxAge(10 * sec), WithLeeway(sec)}, ErrTooOld},
		{"max age, no iat", exp(60), []VerifyOption{WithMaxAge(10 * sec)}, ErrMissingClaim},

		// iss, sub: exact matches (T49).
		{"iss accepted", `{"exp":` + at(60) + `,"iss":"b"}`, []VerifyOption{WithIssuer("a", "b")}, nil},
		{"iss other", `{"exp":` + at(60) + `,"iss":"c"}`, []VerifyOption{WithIssuer("a", "b")}, ErrInvalidIssuer},
		{"iss prefix", `{"exp":` + at(60) + `,"iss":"https://a.example"}`, []VerifyOption{WithIssuer("https://a.example/")}, ErrInvalidIssuer},
		{"iss case", `{"exp":` + at(60) + `,"iss":"A"}`, []VerifyOption{WithIssuer("a")}, ErrInvalidIssuer},
		{"iss missing", exp(60), []VerifyOption{WithIssuer("a")}, ErrInvalidIssuer},
		{"iss missing is missing", exp(60), []VerifyOption{WithIssuer("a")}, ErrMissingClaim},
		{"iss empty", `{"exp":` + at(60) + `,"iss":""}`, []VerifyOption{WithIssuer("a")}, ErrInvalidIssuer},
		{"iss not checked", `{"exp":` + at(60) + `,"iss":"x"}`, nil, nil},
		{"sub accepted", `{"exp":` + at(60) + `,"sub":"u"}`, []VerifyOption{WithSubject("u")}, nil},
		{"sub other", `{"exp":` + at(60) + `,"sub":"v"}`, []VerifyOption{WithSubject("u")}, ErrInvalidSubject},
		{"sub missing", exp(60), []VerifyOption{WithSubject("u")}, ErrInvalidSubject},
		{"sub empty expected", `{"exp":` + at(60) + `,"sub":""}`, []VerifyOption{WithSubject("")}, nil},

		// aud: string or array (T47), RFC 7519 §4.1.3.
		{"aud string", `{"exp":` + at(60) + `,"aud":"api"}`, []VerifyOption{WithAudience("api")}, nil},
		{"aud array", `{"exp":` + at(60) + `,"aud":["x","api"]}`, []VerifyOption{WithAudience("api")}, nil},
		{"aud one of several", `{"exp":` + at(60) + `,"aud":["x","y"]}`, []VerifyOption{WithAudience("api", "y")}, nil},
		{"aud string other", `{"exp":` + at(60) + `,"aud":"apix"}`, []VerifyOption{WithAudience("api")}, ErrInvalidAudience},
		{"aud array other", `{"exp":` + at(60) + `,"aud":["x","y"]}`, []VerifyOption{WithAudience("api")}, ErrInvalidAudience},
		{"aud empty array", `{"exp":` + at(60) + `,"aud":[]}`, []VerifyOption{WithAudience("api")}, ErrInvalidAudience},
		{"aud missing", exp(60), []VerifyOption{WithAudience("api")}, ErrInvalidAudience},
		{"aud missing is missing", exp(60), []VerifyOption{WithAudience("api")}, ErrMissingClaim},
		{"aud present, none accepted", `{"exp":` + at(60) + `,"aud":"api"}`, nil, ErrInvalidAudience},
		{"aud empty array, none accepted", `{"exp":` + at(60) + `,"aud":[]}`, nil, ErrInvalidAudience},
		{"aud absent, none accepted", exp(60), nil, nil},

		// Required claims of the application.
		{"required present", `{"exp":` + at(60) + `,"scope":"r"}`, []VerifyOption{WithRequiredClaims("scope")}, nil},
		{"required missing", exp(60), []VerifyOption{WithRequiredClaims("scope")}, ErrMissingClaim},
		{"required null", `{"exp":` + at(60) + `,"scope":null}`, []VerifyOption{WithRequiredClaims("scope")}, ErrMissingClaim},

		// Wrong types reach validation as ErrInvalidClaims, before any rule.
		{"exp string", `{"exp":"` + at(60) + `"}`, nil, ErrInvalidClaims},
		{"aud object", `{"exp":` + at(60) + `,"aud":{"api":true}}`, []VerifyOption{WithAudience("api")}, ErrInvalidClaims},
		{"iss number", `{"exp":` + at(60) + `,"iss":1}`, []VerifyOption{WithIssuer("1")}, ErrInvalidClaims},
		{"not an object", `[{"exp":` + at(60) + `}]`, nil, ErrInvalidClaims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := check[map[string]any](t, tt.claims, tt.opts...)
			if tt.want == nil {
				if err != nil || got == nil {
					t.Fatalf("got %v, %v; want accepted", got, err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v; want %v", err, tt.want)
			}
			if got != nil {
				t.Fatalf("claims %v returned with an error", got)
			}
		})
	}
}

type appClaims struct {
	Claims
	Scope string   `json:"scope"`
	Roles []string `json:"roles"`
}

func TestDecodeInto(t *testing.T) {
	in := `{"iss":"i","exp":` + at(60) + `,"scope":"read","roles":["a"],"other":1}`
	a, err := check[appClaims](t, in, WithIssuer("i"))
	if err != nil || a.Issuer != "i" || a.Scope != "read" || len(a.Roles) != 1 || a.ExpiresAt.Unix() != now.Unix()+60 {
		t.Fatalf("struct: %+v, %v", a, err)
	}
	p, err := check[*appClaims](t, in)
	if err != nil || p == nil || p.Scope != "read" {
		t.Fatalf("pointer: %+v, %v", p, err)
	}
	m, err := check[map[string]any](t, in)
	if err != nil || m["other"] != 1.0 || m["scope"] != "read" {
		t.Fatalf("map: %v, %v", m, err)
	}
	c, err := check[Claims](t, in)
	if err != nil || c.Issuer != "i" {
		t.Fatalf("Claims: %+v, %v", c, err)
	}
	// A claim of the wrong type for the application's struct.
	_, err = check[appClaims](t, `{"exp":`+at(60)+`,"scope":1}`)
	if !errors.Is(err, ErrInvalidClaims) {
		t.Fatalf("scope as a number: %v", err)
	}
}

func TestCallbacks(t *testing.T) {
	in := `{"exp":` + at(60) + `,"jti":"abc","scope":"read"}`
	errSeen := errors.New("seen")
	var gotJTI string
	jti := func(_ context.Context, id TokenID) error { gotJTI = id.ID; return nil }
	if _, err := check[appClaims](t, in, WithJTIValidator(jti)); err != nil || gotJTI != "abc" {
		t.Fatalf("jti: %v, %q", err, gotJTI)
	}
	_, err := check[appClaims](t, in, WithJTIValidator(func(context.Context, TokenID) error { return errSeen }))
	if !errors.Is(err, ErrRejected) || !errors.Is(err, errSeen) {
		t.Fatalf("replayed jti: %v", err)
	}
	_, err = check[appClaims](t, `{"exp":`+at(60)+`}`, WithJTIValidator(jti))
	if !errors.Is(err, ErrMissingClaim) {
		t.Fatalf("no jti: %v", err)
	}
	// The jti callback is not reached when another check fails.
	called := false
	_, err = check[appClaims](t, `{"exp":`+at(-1)+`,"jti":"x"}`, WithJTIValidator(func(context.Context, TokenID) error { called = true; return nil }))
	if !errors.Is(err, ErrExpired) || called {
		t.Fatalf("expired: %v, jti callback called: %v", err, called)
	}

	scope := WithValidator(func(c appClaims) error {
		if c.Scope != "write" {
			return fmt.Errorf("scope %q lacks write", c.Scope)
		}
		return nil
	})
	_, err = check[appClaims](t, in, scope)
	if !errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), "lacks write") {
		t.Fatalf("validator: %v", err)
	}
	if _, err := check[appClaims](t, strings.Replace(in, "read", "write", 1), scope); err != nil {
		t.Fatalf("validator accepting: %v", err)
	}
	_, err = check[map[string]any](t, in, scope)
	if !errors.Is(err, ErrInvalidOption) {
		t.Fatalf("validator of another type: %v", err)
	}
}

func TestTypeMatches(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"JWT", "JWT", true},
		{"jwt", "JWT", true},
		{"application/jwt", "JWT", true},
		{"Application/AT+JWT", "at+jwt", true},
		{"at+jwt", "application/at+jwt", true},
		{"application/", "application/", true},
		{"application/x/jwt", "x/jwt", false},
		{"jwt", "at+jwt", false},
		{"", "JWT", false},
		{"JWT ", "JWT", false},
	}
	for _, tt := range tests {
		if got := typeMatches(tt.got, tt.want); got != tt.ok {
			t.Errorf("typeMatches(%q, %q) = %v", tt.got, tt.want, got)
		}
	}
}

// FuzzParseClaims checks that the claim parser never panics, never returns
// claims with an error, and that what it accepts survives a round trip
// through Claims.
func FuzzParseClaims(f *testing.F) {
	for _, s := range []string{
		`{"iss":"joe","exp":1300819380,"http://example.com/is_root":true}`,
		`{"aud":["a","b"],"nbf":1.5,"iat":0,"sub":"s","jti":"j"}`,
		`{"aud":"a","exp":253402300799}`,
		`{"exp":1,"EXP":2}`, `{"exp":"1"}`, `{"exp":1e400}`, `[]`, `{}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseClaims(data)
		if err != nil {
			if s != nil {
				t.Fatal("claims returned with an error")
			}
			if !errors.Is(err, ErrInvalidClaims) {
				t.Fatalf("error without ErrInvalidClaims: %v", err)
			}
			return
		}
		out, err := json.Marshal(s.claims)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		s2, err := parseClaims(out)
		if err != nil {
			t.Fatalf("reparse %s: %v", out, err)
		}
		out2, _ := json.Marshal(s2.claims)
		if string(out) != string(out2) {
			t.Fatalf("unstable: %s then %s", out, out2)
		}
	})
}
