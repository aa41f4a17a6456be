package jsonplan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fieldnames"
	"github.com/joseproject/jose/internal/strictjson"
)

// The differential tests hold the plan to encoding/json: for random JSON
// and random struct types, Decode accepts exactly what json.Unmarshal
// accepts once strictjson and the name checks have (the reference path of
// the callers) and fills the same value; Encode writes json.Marshal's
// bytes.

// date is a type with UnmarshalJSON and MarshalJSON of its own, as
// jwt.NumericDate is.
type date struct{ Unix int64 }

func (d *date) UnmarshalJSON(b []byte) error {
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil || n < 0 {
		return errors.New("not a date")
	}
	d.Unix = n
	return nil
}

func (d date) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, d.Unix, 10), nil }

// audience is a named slice with methods, as jwt.Audience is.
type audience []string

func (a *audience) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*a = audience{s}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	*a = list
	return nil
}

type role string

type registered struct {
	Issuer   string   `json:"iss,omitempty"`
	Audience audience `json:"aud,omitempty"`
	Expires  *date    `json:"exp,omitempty"`
	ID       string   `json:"jti,omitempty"`
}

type inner struct {
	Scope string `json:"scope"`
	Level int8   `json:"level,omitempty"`
	Next  *inner `json:"next,omitempty"`
}

type embedded struct {
	Role  role   `json:"role"`
	Email string `json:"email"`
}

type EmbeddedToo struct {
	Email string `json:"email"`
	Phone string
}

// fixedTypes are realistic claims types, and the corners of embedding.
var fixedTypes = []reflect.Type{
	reflect.TypeFor[struct {
		registered
		Scope    string   `json:"scope"`
		ClientID string   `json:"client_id"`
		Groups   []string `json:"groups,omitempty"`
		Admin    bool     `json:"admin"`
	}](),
	reflect.TypeFor[struct {
		registered
		embedded
		*EmbeddedToo
		Cnf struct {
			JKT string `json:"jkt"`
		} `json:"cnf"`
		Grants   []inner           `json:"grants"`
		ByTenant map[string]*inner `json:"by_tenant"`
		Extra    map[string]any    `json:"extra"`
		Raw      json.RawMessage   `json:"raw"`
		RawPtr   *json.RawMessage  `json:"raw_ptr"`
		Any      any               `json:"any"`
		Counts   map[string]uint16 `json:"counts"`
		Ratio    float32           `json:"ratio"`
		Big      float64           `json:"big"`
		Small    int8              `json:"small"`
		U        uint              `json:"u"`
		When     time.Time         `json:"when"`
		WhenPtr  *time.Time        `json:"when_ptr"`
		Dates    []date            `json:"dates"`
		Nested   [][]string        `json:"nested"`
		Ptrs     []*string         `json:"ptrs"`
		Roles    []role            `json:"roles"`
		Ignored  string            `json:"-"`
		//lint:ignore SA5008 a field named "-" is one of the corners tested
		Dash     string             `json:"-,"`
		Untagged string             //
		ID       string             `json:"id"`
		Upper    string             `json:"ID"`
		Deep     map[string][]inner `json:"deep"`
	}](),
	reflect.TypeFor[map[string]any](),
	reflect.TypeFor[map[string]string](),
	reflect.TypeFor[*struct {
		Exp   int64 `json:"exp"`
		Admin bool  `json:"admin"`
	}](),
	reflect.TypeFor[any](),
}

// names are the member names of random claim sets and random types: the
// same letters in several cases, and runes that fold to ASCII.
var names = []string{"iss", "aud", "exp", "jti", "scope", "Scope", "SCOPE", "a", "A", "b", "id", "ID", "Id",
	"role", "email", "next", "level", "k", "\u212a", "\u017fcope", "admin", "aDmIn", "x y", "<a>", "-", "jkt", "cnf"}

// randomJSON writes a random JSON value, mostly valid, at depth.
func randomJSON(r *rand.Rand, b *bytes.Buffer, depth int) {
	if depth > 4 && r.IntN(2) == 0 {
		b.WriteString("0")
		return
	}
	switch r.IntN(12) {
	case 0, 1:
		b.WriteByte('{')
		n := r.IntN(5)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			name := names[r.IntN(len(names))]
			if r.IntN(8) == 0 {
				name = strings.ToUpper(name)
			}
			b.Write(AppendString(nil, name))
			b.WriteByte(':')
			randomJSON(r, b, depth+1)
		}
		b.WriteByte('}')
	case 2, 3:
		b.WriteByte('[')
		n := r.IntN(4)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			randomJSON(r, b, depth+1)
		}
		b.WriteByte(']')
	case 4, 5:
		strs := []string{`"x"`, `""`, `"a\u00e9\n\"<>&"`, `"\ud83d\ude00"`, `"\ud800"`, "\"\xff\"", `"1700000000"`, `"https://x.example"`, `"a\/b"`}
		b.WriteString(strs[r.IntN(len(strs))])
	case 6, 7, 8:
		nums := []string{"0", "-0", "1", "-1", "127", "128", "-129", "255", "256", "65535", "65536", "1700000000", "1.5", "1e3", "1E+2", "-1e-7",
			"9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615", "18446744073709551616",
			"3.4028235e38", "3.5e38", "1e400", "0.1", "123456789012345678901234567890", "00", "1."}
		b.WriteString(nums[r.IntN(len(nums))])
	case 9:
		b.WriteString([]string{"true", "false"}[r.IntN(2)])
	case 10:
		b.WriteString("null")
	case 11:
		b.WriteString([]string{" ", "\t", "", "", ""}[r.IntN(5)])
		randomJSON(r, b, depth+1)
	}
}

// randomObject writes a random claim set: an object with members from
// names, now and then a duplicate.
func randomObject(r *rand.Rand) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	n := r.IntN(8)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(AppendString(nil, names[r.IntN(len(names))]))
		b.WriteByte(':')
		randomJSON(r, &b, 1)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// fieldTypes are the types of the fields of random struct types.
var fieldTypes = []reflect.Type{
	reflect.TypeFor[string](), reflect.TypeFor[bool](), reflect.TypeFor[int](), reflect.TypeFor[int8](),
	reflect.TypeFor[uint8](), reflect.TypeFor[uint16](), reflect.TypeFor[int64](), reflect.TypeFor[uint64](),
	reflect.TypeFor[float32](), reflect.TypeFor[float64](), reflect.TypeFor[[]string](), reflect.TypeFor[[]int](),
	reflect.TypeFor[*string](), reflect.TypeFor[*int](), reflect.TypeFor[map[string]any](), reflect.TypeFor[map[string]string](),
	reflect.TypeFor[any](), reflect.TypeFor[json.RawMessage](), reflect.TypeFor[*json.RawMessage](), reflect.TypeFor[[]any](),
	reflect.TypeFor[date](), reflect.TypeFor[*date](), reflect.TypeFor[audience](), reflect.TypeFor[role](), reflect.TypeFor[inner](),
	reflect.TypeFor[*inner](), reflect.TypeFor[[]inner](), reflect.TypeFor[time.Time](),
}

// randomType makes a struct type of random fields, names and tags, with
// random struct types embedded.
func randomType(r *rand.Rand, depth int) reflect.Type {
	var fields []reflect.StructField
	used := map[string]bool{}
	for i := range r.IntN(6) + 1 {
		goName := fmt.Sprintf("F%d", i)
		f := reflect.StructField{Name: goName, Type: fieldTypes[r.IntN(len(fieldTypes))]}
		switch {
		case depth < 2 && r.IntN(6) == 0:
			f.Type = randomType(r, depth+1)
			if r.IntN(2) == 0 {
				f.Anonymous = true
				f.Name = fmt.Sprintf("E%d", i)
				if r.IntN(2) == 0 {
					f.Type = reflect.PointerTo(f.Type)
				}
			}
		case depth < 2 && r.IntN(6) == 0:
			f.Type = reflect.SliceOf(randomType(r, depth+1))
		}
		if !f.Anonymous || r.IntN(3) == 0 {
			tag := names[r.IntN(len(names))]
			if r.IntN(4) == 0 {
				tag += ",omitempty"
			}
			if r.IntN(10) == 0 {
				tag = ""
			}
			f.Tag = reflect.StructTag(`json:"` + tag + `"`)
		}
		if used[f.Name] {
			continue
		}
		used[f.Name] = true
		fields = append(fields, f)
	}
	return reflect.StructOf(fields)
}

// reference decodes data into a new value of t the way the callers'
// slow path does: strictjson, the name checks, then encoding/json.
func reference(t reflect.Type, data []byte) (reflect.Value, error) {
	if err := strictjson.Check(data); err != nil {
		return reflect.Value{}, err
	}
	if err := fieldnames.For(t).Check(data); err != nil {
		return reflect.Value{}, err
	}
	p := reflect.New(t)
	if err := json.Unmarshal(data, p.Interface()); err != nil {
		return reflect.Value{}, err
	}
	return p.Elem(), nil
}

// checkDecode compares Decode with the reference for one input.
func checkDecode(t *testing.T, typ reflect.Type, data []byte) {
	t.Helper()
	plan, ok := New(typ, nil, nil)
	if !ok {
		return
	}
	want, refErr := reference(typ, data)
	got := reflect.New(typ).Elem()
	var d Decoder
	err := plan.Decode(&d, data, got)
	switch {
	case err == nil && refErr != nil:
		t.Fatalf("%v: Decode accepted %q, which the reference refuses: %v", typ, data, refErr)
	case err != nil && refErr == nil:
		t.Fatalf("%v: Decode refused %q (%v), which the reference accepts as %#v", typ, data, err, want.Interface())
	case err == nil && !reflect.DeepEqual(got.Interface(), want.Interface()):
		t.Fatalf("%v: %q decodes to\n%#v\nwant\n%#v", typ, data, got.Interface(), want.Interface())
	}
}

// checkEncode compares Encode with json.Marshal for one value.
func checkEncode(t *testing.T, typ reflect.Type, v reflect.Value) {
	t.Helper()
	plan, ok := New(typ, nil, nil)
	if !ok {
		return
	}
	want, refErr := json.Marshal(v.Interface())
	got, ok := plan.Encode(nil, v, -1)
	switch {
	case ok && refErr != nil:
		t.Fatalf("%v: Encode wrote %q, json.Marshal fails: %v", typ, got, refErr)
	case ok && !bytes.Equal(got, want):
		t.Fatalf("%v: Encode wrote\n%s\njson.Marshal\n%s", typ, got, want)
	}
}

func TestDecodeDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 4000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		types := fixedTypes
		if i%2 == 1 {
			types = []reflect.Type{randomType(r, 0)}
		}
		data := randomObject(r)
		for _, typ := range types {
			checkDecode(t, typ, data)
			// Values from the JSON, and random bytes in their strings, are
			// written back.
			if v, err := reference(typ, data); err == nil {
				checkEncode(t, typ, v)
				scramble(r, v, 0)
				checkEncode(t, typ, v)
			}
		}
	}
}

// scramble puts random bytes (invalid UTF-8, HTML characters, U+2028,
// control characters) in the strings of v, and odd floats in its floats.
func scramble(r *rand.Rand, v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && r.IntN(2) == 0 {
			s := []string{"\xff", "<&>", "\u2028\u2029", "\x00\x1f\x7f", "\"\\", "é", "\t\b\f"}[r.IntN(7)]
			v.SetString(v.String() + s)
		}
	case reflect.Float32, reflect.Float64:
		if v.CanSet() && r.IntN(2) == 0 {
			v.SetFloat([]float64{1e21, 1e-7, 123.456, -0.000001, 1e20, 3.4e38, 5e-324}[r.IntN(7)])
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scramble(r, v.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scramble(r, v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			scramble(r, v.Index(i), depth+1)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"scope":"a","a":1}`, `{"iss":"x","aud":["a","b"],"exp":1700000000}`,
		`{"grants":[{"scope":"a"},{"SCOPE":"b"}]}`, `{"a":{"b":{"c":[1,2,{"d":null}]}}}`, `{"a":1,"A":2}`, "{\"a\":\"\xff\"}"} {
		f.Add([]byte(s), uint64(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		r := rand.New(rand.NewPCG(seed, seed))
		for _, typ := range append([]reflect.Type{randomType(r, 0)}, fixedTypes...) {
			checkDecode(t, typ, data)
		}
	})
}
