package strictjson

import (
	"errors"
	"strings"
	"testing"
)

func TestAccepts(t *testing.T) {
	for _, s := range []string{
		`{}`,
		` {"alg":"HS256","kid":"a"} `,
		`{"a":{"b":[1,2,{"c":null}]},"d":"\u00e9"}`,
		`{"a":{"x":1},"b":{"x":1}}`, // the same name in sibling objects
	} {
		m, err := Object([]byte(s))
		if err != nil || m == nil {
			t.Errorf("Object(%s): %v", s, err)
		}
	}
}

func TestRejects(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	cases := map[string]struct {
		in   string
		want error
	}{
		"duplicate":              {`{"alg":"HS256","alg":"none"}`, ErrDuplicate},
		"duplicate by escape":    {`{"alg":"HS256","\u0061lg":"none"}`, ErrDuplicate},
		"duplicate by case":      {`{"alg":"HS256","ALG":"none"}`, ErrDuplicate},
		"duplicate kelvin sign":  {`{"k":"a","\u212a":"b"}`, ErrDuplicate},
		"nested duplicate":       {`{"a":{"b":1,"b":2}}`, ErrDuplicate},
		"duplicate in array":     {`{"a":[{"b":1,"b":2}]}`, ErrDuplicate},
		"array":                  {`["alg"]`, ErrNotObject},
		"string":                 {`"x"`, ErrNotObject},
		"empty":                  {``, ErrNotObject},
		"trailing data":          {`{"a":1}{"b":2}`, ErrInvalid},
		"trailing garbage":       {`{"a":1} x`, ErrInvalid},
		"bom":                    {"\xef\xbb\xbf{}", ErrInvalid},
		"invalid utf-8 in value": {"{\"a\":\"\xff\"}", ErrInvalid},
		"invalid utf-8 in name":  {"{\"\xc3\":1}", ErrInvalid},
		"truncated":              {`{"a":`, ErrInvalid},
		"too deep":               {`{"a":` + deep + `}`, ErrInvalid},
		"bare word":              {`{"a":nul}`, ErrInvalid},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m, err := Object([]byte(c.in))
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if m != nil {
				t.Fatal("members returned alongside an error")
			}
		})
	}
}

func FuzzObject(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":1,"a":2}`, `{"alg":"HS256","crit":["b64"],"b64":false}`, `[1]`, `{"a":{"b":[{}]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Object(b)
		if err != nil && m != nil {
			t.Fatal("members returned alongside an error")
		}
	})
}

func TestCheckValue(t *testing.T) {
	for _, s := range []string{`["salt","name",{"a":1}]`, `"x"`, `1`, `{"a":[1]}`, ` null `} {
		if err := CheckValue([]byte(s)); err != nil {
			t.Errorf("CheckValue(%s): %v", s, err)
		}
	}
	for name, c := range map[string]struct {
		in   string
		want error
	}{
		"duplicate in array": {`["s",{"a":1,"A":2}]`, ErrDuplicate},
		"trailing data":      {`["s"] ["t"]`, ErrInvalid},
		"empty":              {``, ErrInvalid},
		"bom":                {"\xef\xbb\xbf[]", ErrInvalid},
		"invalid utf-8":      {"[\"\xff\"]", ErrInvalid},
		"too deep":           {strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), ErrInvalid},
	} {
		if err := CheckValue([]byte(c.in)); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
}
