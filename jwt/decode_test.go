package jwt

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"
)

type plainEmbed struct {
	Claims
	Scope string `json:"scope"`
}

type shadowsExp struct {
	Claims
	Exp int64 `json:"exp"`
}

type shadowsByName struct {
	Claims
	Iss string // encoding/json matches "iss" to it, ignoring case
}

type taggedEmbed struct {
	Claims `json:"claims"`
}

type skippedEmbed struct {
	Claims `json:"-"`
}

type pointerEmbed struct {
	*Claims
}

type inner struct {
	Jti string `json:"JTI"`
}

type deepShadow struct {
	Claims
	inner
}

type withUnmarshaler struct {
	Claims
}

func (*withUnmarshaler) UnmarshalJSON([]byte) error { return nil }

type twoEmbeds struct {
	Claims
	Other struct{ Claims }
}

func TestClaimsIndex(t *testing.T) {
	tests := []struct {
		typ  reflect.Type
		want int
	}{
		{reflect.TypeFor[plainEmbed](), 0},
		{reflect.TypeFor[twoEmbeds](), 0}, // Other is a named field, its claims nested
		{reflect.TypeFor[shadowsExp](), noClaims},
		{reflect.TypeFor[shadowsByName](), noClaims},
		{reflect.TypeFor[taggedEmbed](), noClaims},
		{reflect.TypeFor[skippedEmbed](), noClaims},
		{reflect.TypeFor[pointerEmbed](), noClaims},
		{reflect.TypeFor[deepShadow](), noClaims},
		{reflect.TypeFor[withUnmarshaler](), noClaims},
		{reflect.TypeFor[map[string]any](), noClaims},
		{reflect.TypeFor[*plainEmbed](), noClaims},
	}
	for _, tt := range tests {
		if got := claimsIndex(tt.typ); got != tt.want {
			t.Errorf("%v: index %d, want %d", tt.typ, got, tt.want)
		}
	}
}

// TestDecodeClaimsFastPath checks that the fast path decodes exactly what
// encoding/json does on the whole claim set.
func TestDecodeClaimsFastPath(t *testing.T) {
	for _, payload := range []string{
		`{"iss":"a\u00e9\"b","sub":"s","aud":["x","y"],"exp":1300819380.25,"nbf":1,"iat":0,"jti":"j","scope":"r w"}`,
		`{"aud":"x","scope":"\u0000\\\"q\u2028","exp":1}`,
		`{"sc\u006fpe":"escaped name","other":{"iss":"nested, not a claim"}}`,
		`{}`,
	} {
		var s claimSet
		e := embeddingOf(reflect.TypeFor[plainEmbed]())
		if err := readClaims([]byte(payload), &s, e); err != nil {
			t.Fatalf("%s: %v", payload, err)
		}
		var fast, slow plainEmbed
		if err := decodeClaims(&fast, []byte(payload), &s, e); err != nil {
			t.Fatalf("%s: %v", payload, err)
		}
		if err := json.Unmarshal([]byte(payload), &slow); err != nil {
			t.Fatalf("%s: %v", payload, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s:\nfast %+v\nslow %+v", payload, fast, slow)
		}
	}
	// A type error in the application's claims is reported either way.
	var s claimSet
	e := embeddingOf(reflect.TypeFor[plainEmbed]())
	if err := readClaims([]byte(`{"exp":1,"scope":7}`), &s, e); err != nil {
		t.Fatal(err)
	}
	var c plainEmbed
	if err := decodeClaims(&c, []byte(`{"exp":1,"scope":7}`), &s, e); err == nil {
		t.Fatal("scope 7 decoded into a string")
	}
}

func TestReadClaimsShared(t *testing.T) {
	var s claimSet
	if err := readClaims([]byte(`{"iss":"i","sub":"s","jti":"j","aud":"a","exp":2,"iat":1}`), &s, registeredOnly); err != nil {
		t.Fatal(err)
	}
	c := s.claims
	if c.Issuer != "i" || c.Subject != "s" || c.ID != "j" || !reflect.DeepEqual(c.Audience, Audience{"a"}) ||
		!c.ExpiresAt.Equal(time.Unix(2, 0)) || !c.IssuedAt.Equal(time.Unix(1, 0)) || c.NotBefore != nil {
		t.Fatalf("got %+v", c)
	}
}

type foldedNames struct {
	Claims
	A string `json:"scope"`
	B string `json:"Scope"`
}

type customMarshal struct {
	Claims
}

func (customMarshal) MarshalJSON() ([]byte, error) { return []byte(`{"exp":"soon"}`), nil }

func TestMarshalsClaims(t *testing.T) {
	for _, tt := range []struct {
		claims any
		want   bool
	}{
		{Claims{}, true},
		{&Claims{}, true},
		{plainEmbed{}, true},
		{&plainEmbed{}, true},
		{customMarshal{}, false},
		{shadowsExp{}, false},
		{map[string]any{}, false},
		{json.RawMessage(`{}`), false},
	} {
		if _, got := marshalsClaims(tt.claims); got != tt.want {
			t.Errorf("%T: %v, want %v", tt.claims, got, tt.want)
		}
	}
}

// TestMarshalStillStrict checks that the claim sets Sign trusts for their
// registered claims are still checked against the strictjson rules, and
// that the others are still fully parsed.
func TestMarshalStillStrict(t *testing.T) {
	c := &config{typ: "JWT"}
	for _, claims := range []any{
		foldedNames{A: "a", B: "b"},
		customMarshal{},
		(*plainEmbed)(nil),
	} {
		if _, err := c.marshal(claims); !errors.Is(err, ErrInvalidClaims) {
			t.Errorf("%T: %v, want ErrInvalidClaims", claims, err)
		}
	}
	for _, aud := range []Audience{{"a<b&\"c\""}, {"\xff"}, {"plain"}} {
		out, err := c.marshal(Claims{Audience: aud})
		if err != nil {
			t.Fatal(err)
		}
		s, err := parseClaims(out)
		if err != nil || len(s.claims.Audience) != 1 {
			t.Fatalf("%q: %s, %v", aud, out, err)
		}
		want, _ := json.Marshal(map[string]string{"aud": aud[0]})
		if string(out) != string(want) {
			t.Errorf("%q: %s, want %s", aud, out, want)
		}
	}
}

// TestNumericDateDigits checks the digit-only shortcut of parseNumericDate
// against strconv at its edges.
func TestNumericDateDigits(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64 // -1: refused
	}{
		{"0", 0}, {"7", 7}, {"1700000000", 1700000000}, {"253402300799", MaxNumericDate},
		{"253402300800", -1}, {"999999999999", -1}, {"1000000000000", -1}, {"-1", -1}, {"1e3", 1000},
	} {
		got, err := parseNumericDate([]byte(tt.in))
		switch {
		case tt.want < 0 && err == nil:
			t.Errorf("%s: accepted as %v", tt.in, got)
		case tt.want >= 0 && (err != nil || got.Unix() != tt.want || got.Nanosecond() != 0):
			t.Errorf("%s: %v, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
