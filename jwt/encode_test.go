package jwt

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
)

type encFirst struct {
	Claims
	Scope string   `json:"scope"`
	Roles []string `json:"roles,omitempty"`
	Note  string   `json:"note,omitempty"`
}

type encLast struct {
	Tenant string `json:"tenant"`
	Inner  struct {
		X int `json:"x"`
	} `json:"inner"`
	Claims
}

// TestMarshalClaimsMatchesEncodingJSON checks the Sign fast path against
// encoding/json: the same bytes when Claims comes first, the same members
// and values otherwise, and no fast result where encoding/json fails.
func TestMarshalClaimsMatchesEncodingJSON(t *testing.T) {
	at := func(s int64) *NumericDate { return &NumericDate{time.Unix(s, 0)} }
	hostile := []string{"", "plain", "<script>&amp;", `quote" back\slash`, "ctl\x00\x1f\x7f", "é ü 日本", "bad\xff\xfeutf8", "sep\u2028\u2029", "exp", "EXP"}
	var cases []Claims
	for _, s := range hostile {
		cases = append(cases,
			Claims{Issuer: s, Subject: s, ID: s},
			Claims{Audience: Audience{s}},
			Claims{Audience: Audience{s, "b", s}},
		)
	}
	cases = append(cases,
		Claims{},
		Claims{Audience: Audience{}},
		Claims{ExpiresAt: at(0), NotBefore: at(1), IssuedAt: at(MaxNumericDate)},
		Claims{Issuer: "i", ExpiresAt: &NumericDate{time.Unix(5, 999999999)}, ID: "j"},
	)
	for i, c := range cases {
		for _, v := range []any{
			c, &c,
			encFirst{Claims: c, Scope: "a<b", Roles: []string{"x"}},
			&encFirst{Claims: c},
			encLast{Tenant: "t", Claims: c},
			&encLast{Claims: c},
		} {
			want, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := marshalClaims(v)
			if !ok {
				t.Fatalf("case %d %T: no fast path", i, v)
			}
			switch v.(type) {
			case encLast, *encLast:
				var g, w map[string]any
				if err := json.Unmarshal(got, &g); err != nil {
					t.Fatalf("case %d %T: %s: %v", i, v, got, err)
				}
				if err := json.Unmarshal(want, &w); err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("case %d %T:\n got %s\nwant %s", i, v, got, want)
				}
			default:
				if string(got) != string(want) {
					t.Errorf("case %d %T:\n got %s\nwant %s", i, v, got, want)
				}
			}
		}
	}
}

// TestMarshalClaimsFallsBack checks that what encoding/json refuses (or
// cannot decide here) goes to the slow path, whose errors Sign reports.
func TestMarshalClaimsFallsBack(t *testing.T) {
	for name, v := range map[string]any{
		"nil pointer":      (*encFirst)(nil),
		"date too late":    encFirst{Claims: Claims{ExpiresAt: &NumericDate{time.Unix(MaxNumericDate+1, 0)}}},
		"date before 1970": &Claims{IssuedAt: &NumericDate{time.Unix(-1, 0)}},
		"not embedding":    struct{ Iss string }{"x"},
	} {
		if _, ok := marshalClaims(v); ok {
			t.Errorf("%s: took the fast path", name)
		}
	}
	_, err := Sign(encFirst{Claims: Claims{NotBefore: &NumericDate{time.Unix(-5, 0)}}}, "HS256", make([]byte, 32))
	if !errors.Is(err, ErrInvalidClaims) {
		t.Errorf("got %v, want ErrInvalidClaims", err)
	}
}

// TestCompactPartsBytes checks every byte value against the base64url
// alphabet (RFC 4648 §5) that compactParts' table encodes.
func TestCompactPartsBytes(t *testing.T) {
	for b := range 256 {
		c := byte(b)
		want := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
		n, err := compactParts("ab.c" + string([]byte{c}) + "d.ef")
		switch {
		case c == '.':
			if err == nil || !errors.Is(err, jwa.ErrMalformed) {
				t.Errorf("byte %#x: %v, want four parts refused", c, err)
			}
		case want && (err != nil || n != 3):
			t.Errorf("byte %#x: %d, %v", c, n, err)
		case !want && !errors.Is(err, jwa.ErrMalformed) && !errors.Is(err, ErrUnexpectedForm):
			t.Errorf("byte %#x accepted (%d, %v)", c, n, err)
		}
	}
}

// ptrMarshaler has MarshalJSON on its pointer only: encoding/json calls it
// for an addressable value (inside a struct given by pointer) and not
// inside a struct given by value.
type ptrMarshaler struct{ N int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`"pointer method"`), nil }

type encPtrMethod struct {
	Claims
	P ptrMarshaler `json:"p"`
}

// TestMarshalClaimsAddressability checks that the fast path sees a struct
// given by value as encoding/json does: unaddressable, so that a method
// on the pointer of a field is not called; by pointer, it is.
func TestMarshalClaimsAddressability(t *testing.T) {
	c := encPtrMethod{Claims: Claims{Issuer: "i"}, P: ptrMarshaler{N: 7}}
	for _, v := range []any{c, &c} {
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := marshalClaims(v)
		if !ok {
			t.Fatalf("%T: no fast path", v)
		}
		if string(got) != string(want) {
			t.Errorf("%T:\n got %s\nwant %s", v, got, want)
		}
	}
}
