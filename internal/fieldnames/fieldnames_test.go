package fieldnames

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/strictjson"
)

type leaf struct {
	JKT string `json:"jkt"`
}

type role struct {
	Role string `json:"role"`
}

type deeper struct {
	Level string `json:"level"`
}

type promoted struct {
	deeper
	Team string `json:"team"`
}

// selfRead reads its members itself: its inner names are its own.
type selfRead struct {
	X string `json:"x"`
}

func (s *selfRead) UnmarshalJSON(b []byte) error { return nil }

// textRead reads only strings.
type textRead struct {
	Y string `json:"y"`
}

func (t *textRead) UnmarshalText(b []byte) error { return nil }

type tree struct {
	Name string  `json:"name"`
	Kids []tree  `json:"kids"`
	Next *tree   `json:"next"`
	Map  myMap   `json:"map"`
	Self selfPtr `json:"self"`
}

type myMap map[string]*tree

type selfPtr *selfPtr

type nested [][]leaf

type all struct {
	role
	*promoted
	Cnf      leaf            `json:"cnf"`
	Ptr      *leaf           `json:"ptr"`
	List     []leaf          `json:"list"`
	Arr      [2]leaf         `json:"arr"`
	Map      map[string]leaf `json:"map"`
	Nested   nested          `json:"nested"`
	Any      any             `json:"any"`
	Raw      json.RawMessage `json:"raw"`
	Self     selfRead        `json:"self"`
	Text     textRead        `json:"text"`
	Tree     tree            `json:"tree"`
	Untagged int             // "Untagged"
	//lint:ignore SA5008 an invalid tag name on purpose: encoding/json names the field "Invalid"
	Invalid  int `json:"a\\b"`
	OptsOnly int `json:",omitempty"`
	Skip     int `json:"-"`
	//lint:ignore SA5008 on purpose: the field is named "-"
	Dash int `json:"-,"`
	//lint:ignore U1000 on purpose: encoding/json ignores an unexported field
	unexported int
	Tagged     role              `json:"tagged"` // a named struct field, not promoted
	Strs       []string          `json:"strs"`
	Ints       map[string]int    `json:"ints"`
	Ifaces     map[string]any    `json:"ifaces"`
	Fn         func()            `json:"-"`
	Chan       chan int          `json:"chan"`
	Deep       map[string][]leaf `json:"deep"`
}

type twoCases struct {
	Lower string `json:"id"`
	Upper string `json:"ID"`
}

func TestFields(t *testing.T) {
	var got []string
	for _, f := range Fields(reflect.TypeFor[all]()) {
		got = append(got, fmt.Sprintf("%s:%s%v", f.Name, f.GoName, f.Index))
	}
	want := []string{
		"cnf:Cnf[2]", "ptr:Ptr[3]", "list:List[4]", "arr:Arr[5]", "map:Map[6]", "nested:Nested[7]",
		"any:Any[8]", "raw:Raw[9]", "self:Self[10]", "text:Text[11]", "tree:Tree[12]",
		"Untagged:Untagged[13]", "Invalid:Invalid[14]", "OptsOnly:OptsOnly[15]", "-:Dash[17]",
		"tagged:Tagged[19]", "strs:Strs[20]", "ints:Ints[21]", "ifaces:Ifaces[22]", "chan:Chan[24]",
		"deep:Deep[25]",
		"role:Role[0 0]", "team:Team[1 1]",
		"level:Level[1 0 0]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Fields:\n got %q\nwant %q", got, want)
	}
	// Every name encoding/json fills a field from is one of those names, up
	// to case: the JSON name, the Go name, the tag as written. (Go 1.27's
	// encoding/json drops a field whose tag name is invalid, where Go 1.26
	// names it by its Go name: Fields keeps the Go name, which is the safe
	// side for a check.)
	names := map[string]bool{}
	for _, f := range Fields(reflect.TypeFor[all]()) {
		names[strings.ToLower(f.Name)] = true
	}
	for _, f := range Fields(reflect.TypeFor[all]()) {
		if f.Type.Kind() != reflect.Int {
			continue
		}
		sf := reflect.TypeFor[all]().FieldByIndex(f.Index)
		tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		for _, name := range []string{f.Name, f.GoName, tag, strings.ToLower(f.Name)} {
			var v all
			doc, _ := json.Marshal(map[string]int{name: 7})
			if err := json.Unmarshal(doc, &v); err != nil {
				t.Fatal(err)
			}
			if reflect.ValueOf(v).FieldByIndex(f.Index).Int() == 7 && !names[strings.ToLower(name)] {
				t.Errorf("encoding/json fills %s from %q, which Fields does not name", f.GoName, name)
			}
		}
	}
}

// checkMembers reads an object as jwt does: the top-level names matched
// exactly against the Checker's names, then the members below.
func checkMembers(c *Checker, data []byte) error {
	m, err := strictjson.NewNames(c.Names()...).ObjectAliasedExact(data)
	if err != nil {
		return err
	}
	return c.CheckNested(m)
}

func TestCheck(t *testing.T) {
	c := For(reflect.TypeFor[all]())
	for _, in := range []string{
		`{}`, `{"role":"r","team":"t","level":"l"}`,
		`{"cnf":{"jkt":"x"},"ptr":{"jkt":"x"},"list":[{"jkt":"x"}],"arr":[{"jkt":"x"},{}]}`,
		`{"map":{"JKT":{"jkt":"x"}},"nested":[[{"jkt":"x"}]],"deep":{"K":[{"jkt":"x"}]}}`,
		`{"any":{"JKT":1},"raw":{"JKT":1},"self":{"X":1},"text":"y","ifaces":{"A":{"B":1}}}`,
		`{"tree":{"name":"a","kids":[{"name":"b","next":{"name":"c"}}],"map":{"M":{"name":"d"}}}}`,
		`{"Untagged":1,"Invalid":1,"OptsOnly":1,"-":1,"Skip":1,"unexported":1}`,
		`{"tagged":{"role":"r"},"strs":["A"],"ints":{"A":1},"other":{"JKT":1},"ROLES":1}`,
		`{"cnf":null,"list":null,"map":"x","cnf2":{"JKT":1}}`,
	} {
		if err := c.Check([]byte(in)); err != nil {
			t.Errorf("Check(%s): %v", in, err)
		}
		if err := checkMembers(c, []byte(in)); err != nil {
			t.Errorf("checkMembers(%s): %v", in, err)
		}
	}
	for in, want := range map[string]string{
		`{"ROLE":"r"}`:                            `"ROLE" is not "role", the JSON name of field role.Role of fieldnames.all`,
		`{"Team":"t"}`:                            `"Team" is not "team", the JSON name of field promoted.Team of fieldnames.all`,
		`{"LEVEL":"l"}`:                           `"LEVEL" is not "level", the JSON name of field promoted.deeper.Level of fieldnames.all`,
		`{"Cnf":{}}`:                              `"Cnf" is not "cnf"`,
		`{"cnf":{"JKT":"x"}}`:                     `in "cnf": member name differs from an expected name only in case: "JKT" is not "jkt", the JSON name of field JKT of fieldnames.leaf`,
		`{"ptr":{"Jkt":"x"}}`:                     `in "ptr": `,
		`{"list":[{},{"jKT":"x"}]}`:               `in "list": in element 1: `,
		`{"arr":[{"JKT":"x"}]}`:                   `in "arr": in element 0: `,
		`{"map":{"a":{"JKT":"x"}}}`:               `in "map": in "a": `,
		`{"nested":[[],[{"JKT":"x"}]]}`:           `in "nested": in element 1: in element 0: `,
		`{"deep":{"a":[{"JKT":1}]}}`:              `in "deep": in "a": in element 0: `,
		`{"tree":{"kids":[{"NAME":"b"}]}}`:        `in "tree": in "kids": in element 0: member name differs from an expected name only in case: "NAME" is not "name"`,
		`{"tree":{"next":{"next":{"Name":"b"}}}}`: `in "tree": in "next": in "next": `,
		`{"tree":{"map":{"m":{"KIDS":[]}}}}`:      `in "tree": in "map": in "m": `,
		`{"untagged":1}`:                          `"untagged" is not "Untagged"`,
		`{"INVALID":1}`:                           `"INVALID" is not "Invalid"`,
		`{"tagged":{"ROLE":"r"}}`:                 `in "tagged": `,
		`{"TAGGED":{}}`:                           `"TAGGED" is not "tagged"`,
		`{"r\u00d3le":1,"\u212anown":2,"CHAN":1}`: `"CHAN" is not "chan"`,
	} {
		err := c.Check([]byte(in))
		if !errors.Is(err, strictjson.ErrNameCase) || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(%s) = %v; want ErrNameCase and %q", in, err, want)
		}
		if err := checkMembers(c, []byte(in)); !errors.Is(err, strictjson.ErrNameCase) {
			t.Errorf("checkMembers(%s) = %v", in, err)
		}
	}
	// Two names that differ only in case: neither is accepted.
	two := For(reflect.TypeFor[twoCases]())
	for _, in := range []string{`{"id":1}`, `{"ID":1}`, `{"Id":1}`} {
		if err := two.Check([]byte(in)); !errors.Is(err, strictjson.ErrNameCase) {
			t.Errorf("two cases %s: %v", in, err)
		}
	}
}

func TestForNil(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[map[string]any](), reflect.TypeFor[[]string](), reflect.TypeFor[int](),
		reflect.TypeFor[*selfRead](), reflect.TypeFor[json.RawMessage](), reflect.TypeFor[any](),
		reflect.TypeFor[selfPtr](), reflect.TypeFor[map[string][]int](),
	} {
		if c := For(typ); c != nil {
			t.Errorf("For(%v) is not nil", typ)
		}
	}
	var c *Checker
	if c.Check([]byte(`{"A":1}`)) != nil || c.CheckNested(map[string]json.RawMessage{"A": nil}) != nil || c.Names() != nil || c.Field("A") != "" {
		t.Error("a nil Checker refused")
	}
	// A map or slice of structs at the top.
	m := For(reflect.TypeFor[map[string]leaf]())
	if err := m.CheckNested(map[string]json.RawMessage{"a": json.RawMessage(`{"JKT":1}`)}); !errors.Is(err, strictjson.ErrNameCase) {
		t.Errorf("map of structs: %v", err)
	}
	s := For(reflect.TypeFor[[]*leaf]())
	if err := s.Check([]byte(`[{"jkt":1},{"Jkt":1}]`)); !errors.Is(err, strictjson.ErrNameCase) {
		t.Errorf("slice of structs: %v", err)
	}
	if err := s.CheckNested(map[string]json.RawMessage{"a": json.RawMessage(`{"JKT":1}`)}); err != nil {
		t.Errorf("an object for a slice: %v", err)
	}
}

func TestNamesAndField(t *testing.T) {
	c := For(reflect.TypeFor[*all]())
	names := c.Names()
	if len(names) != 24 || names[0] != "cnf" || names[len(names)-1] != "level" {
		t.Errorf("Names = %q", names)
	}
	for name, want := range map[string]string{
		"cnf": "field Cnf of fieldnames.all", "level": "field promoted.deeper.Level of fieldnames.all", "other": "",
	} {
		if got := c.Field(name); got != want {
			t.Errorf("Field(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCheckDepth(t *testing.T) {
	c := For(reflect.TypeFor[tree]())
	deep := strings.Repeat(`{"next":`, 200) + `{}` + strings.Repeat(`}`, 200)
	if err := c.Check([]byte(deep)); !errors.Is(err, strictjson.ErrInvalid) {
		t.Errorf("200 levels: %v", err)
	}
}

func TestCheckAllocations(t *testing.T) {
	c := For(reflect.TypeFor[all]())
	m, err := strictjson.Object([]byte(`{"role":"r","team":"t","strs":["a"],"cnf":{"jkt":"x"},"other":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := testing.AllocsPerRun(100, func() { _ = c.CheckNested(m) }); a != 0 {
		t.Errorf("CheckNested: %v allocations", a)
	}
}

// slowCheck is the obvious implementation of the check, for
// FuzzDifferential: the JSON decoded generically, and the names of each
// struct found by walking its fields afresh, without caches or tables.
func slowCheck(t reflect.Type, v any, depth int) error {
	for t.Kind() == reflect.Pointer && depth < 100 {
		t, depth = t.Elem(), depth+1
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]()) ||
		reflect.PointerTo(t).Implements(reflect.TypeFor[interface{ UnmarshalText([]byte) error }]()) {
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		fields := slowFields(t, map[reflect.Type]bool{})
		for name, val := range obj {
			for _, f := range fields {
				if f.Name != name && strings.EqualFold(f.Name, name) {
					return fmt.Errorf("%q folds to %q", name, f.Name)
				}
			}
			for _, f := range fields {
				if f.Name == name {
					if err := slowCheck(f.Type, val, depth+1); err != nil {
						return err
					}
				}
			}
		}
	case reflect.Slice, reflect.Array:
		list, _ := v.([]any)
		for _, e := range list {
			if err := slowCheck(t.Elem(), e, depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		obj, _ := v.(map[string]any)
		for _, e := range obj {
			if err := slowCheck(t.Elem(), e, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// slowFields lists the JSON names of a struct by the rules of
// encoding/json's documentation, recursively.
func slowFields(t reflect.Type, seen map[reflect.Type]bool) []Field {
	if seen[t] {
		return nil
	}
	seen[t] = true
	var out []Field
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name := strings.Split(tag, ",")[0]
		if strings.ContainsAny(name, `\"`) {
			name = ""
		}
		ft := sf.Type
		if ft.Kind() == reflect.Pointer && ft.Name() == "" {
			ft = ft.Elem()
		}
		if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
			out = append(out, slowFields(ft, seen)...)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, Field{Name: name, GoName: sf.Name, Type: sf.Type})
	}
	return out
}

var fuzzTypes = []reflect.Type{
	reflect.TypeFor[all](), reflect.TypeFor[tree](), reflect.TypeFor[twoCases](),
	reflect.TypeFor[map[string]leaf](), reflect.TypeFor[[]promoted](),
}

// FuzzDifferential compares the Checker of a few types with slowCheck (T70), on
// every JSON document strictjson accepts.
func FuzzDifferential(f *testing.F) {
	for _, s := range []string{
		`{"role":"r","ROLE":1}`, `{"Role":1}`, `{"cnf":{"JKT":"x"}}`, `{"list":[{"jkt":1},{"Jkt":2}]}`,
		`{"tree":{"kids":[{"kids":[{"NAME":1}]}]}}`, `{"map":{"a":{"jkt":1}}}`, `{"ID":1}`, `{"id":1}`,
		`{"a":{"JKT":1}}`, `[{"team":1},{"LEVEL":2}]`, `{"\u212a":1,"\u017f":2,"r\u00f3le":3}`,
		`{"self":{"X":1},"text":"t","any":{"ROLE":1}}`, `{"Untagged":1,"untagged":2}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if strictjson.CheckValue(data) != nil {
			return
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("strictjson accepts what encoding/json refuses: %v", err)
		}
		for _, typ := range fuzzTypes {
			got := For(typ).Check(data)
			want := slowCheck(typ, v, 0)
			if (got == nil) != (want == nil) {
				t.Fatalf("%v, %s: Check %v, the slow check %v", typ, data, got, want)
			}
			if got != nil && !errors.Is(got, strictjson.ErrNameCase) {
				t.Fatalf("%v, %s: %v does not wrap ErrNameCase", typ, data, got)
			}
		}
	})
}

// flat has fields of many names, for FuzzEncodingJSON.
type flat struct {
	A  int `json:"alg"`
	B  int `json:"k"`
	C  int `json:"s"`
	D  int `json:"id"`
	E  int `json:"Straße"`
	F  int `json:"σ"`
	G  int `json:"éclair"`
	H  int `json:"x_y"`
	I  int `json:"x-y"`
	J  int `json:"ǅ"`
	K  int `json:"ﬀ"`
	L  int `json:"İ"`
	M  int `json:"ı"`
	N  int `json:"µ"`
	O  int `json:"Ω"`
	P  int
	Q2 int `json:"ß"`
}

// FuzzEncodingJSON checks the check against encoding/json itself: whenever
// encoding/json fills a field from a member whose name is not exactly the
// field's, the check refuses that member; and the check refuses a member
// only when its name folds to a field's.
func FuzzEncodingJSON(f *testing.F) {
	for _, s := range []string{"ALG", "K", "\u212a", "S", "\u017f", "ID", "STRASSE", "Σ", "ς", "ÉCLAIR", "X_Y", "xy", "Ǆ", "ǆ", "FF", "i", "I", "Μ", "μ", "Ω", "ω", "p", "ẞ", "alg"} {
		f.Add(s)
	}
	c := For(reflect.TypeFor[flat]())
	fields := Fields(reflect.TypeFor[flat]())
	f.Fuzz(func(t *testing.T, name string) {
		doc, err := json.Marshal(map[string]int{name: 1})
		if err != nil || strictjson.Check(doc) != nil {
			return
		}
		var v flat
		if err := json.Unmarshal(doc, &v); err != nil {
			t.Fatal(err)
		}
		filled := ""
		rv := reflect.ValueOf(v)
		for _, fd := range fields {
			if rv.FieldByIndex(fd.Index).Int() != 0 {
				filled = fd.Name
			}
		}
		var got string
		err = c.Check(doc)
		if err != nil {
			got = "refused"
		}
		switch {
		case filled != "" && filled != name && err == nil:
			t.Fatalf("encoding/json fills %q from %q, and the check accepts it", filled, name)
		case err != nil && !slices.ContainsFunc(fields, func(fd Field) bool { return fd.Name != name && strings.EqualFold(fd.Name, name) }):
			t.Fatalf("%q %s, and no field name folds to it", name, got)
		}
	})
}
