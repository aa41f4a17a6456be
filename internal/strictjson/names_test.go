package strictjson

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNames(t *testing.T) {
	n := NewNames("alg", "kid", "alg", "x5t#S256", "", "k", "ſ")
	if n.Len() != 6 {
		t.Fatalf("Len = %d, want 6 (a duplicate dropped)", n.Len())
	}
	for i, name := range []string{"alg", "kid", "x5t#S256", "", "k", "ſ"} {
		if n.Name(i) != name || n.Index([]byte(name)) != i {
			t.Errorf("%q: Name(%d) = %q, Index = %d", name, i, n.Name(i), n.Index([]byte(name)))
		}
	}
	for _, name := range []string{"al", "algo", "ALG", "x5t#s256", "K", "s", " "} {
		if i := n.Index([]byte(name)); i != -1 {
			t.Errorf("Index(%q) = %d", name, i)
		}
	}
	for name, want := range map[string]string{
		"ALG": "alg", "Kid": "kid", "X5T#s256": "x5t#S256", "K": "k", "\u212a": "k", "S": "ſ", "s": "ſ",
	} {
		if got, ok := n.Near([]byte(name)); !ok || got != want {
			t.Errorf("Near(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"alg", "k", "ſ", "", "algs", "x5t", "İ"} {
		if got, ok := n.Near([]byte(name)); ok {
			t.Errorf("Near(%q) = %q", name, got)
		}
	}
	var nilNames *Names
	if i, near, ok := nilNames.Match([]byte("a")); i != -1 || ok || near != "" {
		t.Error("a nil table matched")
	}
}

// TestNamesTwoCases: a table with names that differ only in case gives each
// the other as its near name, so that neither is taken for the other.
func TestNamesTwoCases(t *testing.T) {
	n := NewNames("id", "ID", "other")
	for name, want := range map[string]string{"id": "ID", "ID": "id"} {
		if i, got, ok := n.Match([]byte(name)); i < 0 || !ok || got != want {
			t.Errorf("Match(%q) = %d, %q, %v; want %q", name, i, got, ok, want)
		}
	}
	if got, ok := n.Near([]byte("Id")); !ok || (got != "id" && got != "ID") {
		t.Errorf("Near(Id) = %q, %v", got, ok)
	}
	if _, ok := n.Near([]byte("other")); ok {
		t.Error("other has a near name")
	}
}

// TestNamesLarge: a table of many names, long ones and ones sharing their
// length, first, middle and last bytes, which collide in the hash.
func TestNamesLarge(t *testing.T) {
	var names []string
	for i := range 600 {
		names = append(names, fmt.Sprintf("m%03dz", i), fmt.Sprintf("a%sb%d", strings.Repeat("x", i%80), i))
	}
	names = append(names, "aXb", "aYb", "aZb")
	n := NewNames(names...)
	for i, name := range names {
		if got := n.Index([]byte(name)); got != i {
			t.Fatalf("Index(%q) = %d, want %d", name, got, i)
		}
		if near, ok := n.Near([]byte(strings.ToUpper(name))); !ok || near != name {
			t.Fatalf("Near(%q) = %q, %v", strings.ToUpper(name), near, ok)
		}
	}
	if n.Index([]byte("aWb")) != -1 || n.Index([]byte("m600z")) != -1 {
		t.Fatal("a name not in the table was found")
	}
}

func TestNamesObject(t *testing.T) {
	n := NewNames("alg", "kid", "protected")
	data := []byte(`{"alg":"ES256","kid":"k","\u0061lg2":1,"other":2}`)
	m, err := n.ObjectAliased(data)
	if err != nil || len(m) != 4 || string(m["alg"]) != `"ES256"` || string(m["alg2"]) != "1" {
		t.Fatalf("got %v, %v", m, err)
	}
	// The names of the table cost no allocation: only the map does (an
	// empty map and its one group).
	header := []byte(`{"alg":"ES256","kid":"2024-05-key-1"}`)
	if a := testing.AllocsPerRun(100, func() { _, _ = n.ObjectAliased(header) }); a > 2 {
		t.Errorf("ObjectAliased: %v allocations, want 2 (the map)", a)
	}
	if a := testing.AllocsPerRun(100, func() { _, _ = ObjectAliased(header) }); a != 4 {
		t.Errorf("ObjectAliased without a table: %v allocations, want 4 (the map and the two names)", a)
	}
	if a := testing.AllocsPerRun(100, func() { _, _ = n.Near([]byte("ALG")) }); a != 0 {
		t.Errorf("Near: %v allocations", a)
	}

	for in, want := range map[string]string{
		`{"PROTECTED":"x"}`:     `"PROTECTED" is not "protected" (member names are case-sensitive)`,
		`{"alg":"x","Kid":"y"}`: `"Kid" is not "kid"`,
		`{"\u212aid":"x"}`:      `"\u212aid" is not "kid"`,
		`{"x":1,"` + strings.Repeat("A", 100) + `":2,"ALG":3}`: `"ALG" is not "alg"`,
	} {
		m, err := n.ObjectExact([]byte(in))
		if !errors.Is(err, ErrNameCase) || !strings.Contains(err.Error(), want) || m != nil {
			t.Errorf("ObjectExact(%s) = %v, %v; want ErrNameCase and %q", in, m, err, want)
		}
	}
	if _, err := n.ObjectExact([]byte(`{"alg":"x","ALG":"y"}`)); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	if m, err := n.ObjectExact([]byte(`{"alg":"x","Other":1,"kidney":2}`)); err != nil || len(m) != 3 {
		t.Errorf("unknown members: %v, %v", m, err)
	}
	if _, err := n.ObjectExact([]byte(`{"alg":`)); !errors.Is(err, ErrInvalid) {
		t.Errorf("truncated: %v", err)
	}
}

func TestEachMember(t *testing.T) {
	var got []string
	collect := func(name, value []byte) error {
		got = append(got, string(name)+"="+string(value))
		return nil
	}
	for in, want := range map[string]string{
		`{}`: "",
		` { "a" : 1 , "b\u0063" : [1,{"x":2}] } `:       `a=1|bc=[1,{"x":2}]`,
		`{"` + strings.Repeat(`\u00e9`, 40) + `":null}`: strings.Repeat("é", 40) + "=null",
	} {
		got = nil
		if err := EachMember([]byte(strings.TrimSpace(in)), collect); err != nil || strings.Join(got, "|") != want {
			t.Errorf("EachMember(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{``, `[]`, `{`, `{"a"}`, `{"a":1,}`, `{"a":1} x`, `{"a":tru}`, `{a:1}`, `{"a":1 "b":2}`} {
		if err := EachMember([]byte(in), collect); err == nil {
			t.Errorf("EachMember(%q) accepted", in)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := EachMember([]byte(`{"a":1,"b":2}`), func(_, _ []byte) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("the error of fn: %v after %d calls", err, n)
	}
}

func TestEachElement(t *testing.T) {
	var got []string
	collect := func(v []byte) error {
		got = append(got, string(v))
		return nil
	}
	for in, want := range map[string]string{
		`[]`: "", `[ ]`: "", `[1, "a" ,{"b":[2]}]`: `1|"a"|{"b":[2]}`,
	} {
		got = nil
		if err := EachElement([]byte(in), collect); err != nil || strings.Join(got, "|") != want {
			t.Errorf("EachElement(%s) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{``, `{}`, `[`, `[1,]`, `[,1]`, `[1 2]`, `[1] x`, `[nul]`} {
		if err := EachElement([]byte(in), collect); err == nil {
			t.Errorf("EachElement(%q) accepted", in)
		}
	}
}

// FuzzNames compares a table with the obvious implementation: a linear
// search, and strings.EqualFold (Unicode simple case folding, which is how
// encoding/json matches struct fields).
func FuzzNames(f *testing.F) {
	f.Add("alg,kid,typ", "ALG")
	f.Add("k,s,id,ID", "\u212a")
	f.Add("a,b,,c", "")
	f.Add("é,ß", "É")
	f.Add("Σ,x", "ς")
	f.Fuzz(func(t *testing.T, list, probe string) {
		if !utf8.ValidString(list) || !utf8.ValidString(probe) {
			return
		}
		names := strings.Split(list, ",")
		n := NewNames(names...)
		var distinct []string
		for _, name := range names {
			if !contains(distinct, name) {
				distinct = append(distinct, name)
			}
		}
		wantIndex := -1
		for i, name := range distinct {
			if name == probe {
				wantIndex = i
			}
		}
		var nears []string
		for _, name := range distinct {
			if name != probe && strings.EqualFold(name, probe) {
				nears = append(nears, name)
			}
		}
		i, near, ok := n.Match([]byte(probe))
		if i != wantIndex || ok != (len(nears) > 0) || (ok && !contains(nears, near)) {
			t.Fatalf("Match(%q) in %q = %d, %q, %v; want %d, one of %q", probe, distinct, i, near, ok, wantIndex, nears)
		}
	})
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
