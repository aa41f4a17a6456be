// Package fieldnames knows which JSON member names a Go type reads through
// encoding/json, and refuses a member whose name matches one of them only
// under case folding (threat T70).
//
// encoding/json fills a struct field from a member whose name equals the
// field's JSON name under Unicode simple case folding when no member has
// the exact name, so that a signed {"ADMIN":true} fills a field tagged
// `json:"admin"`, while a reader that looks members up by exact name (a
// middleware, another library, the registered-claim checks) sees no
// "admin". [For] builds, once per type, the table of the exact names the
// type's structs accept, at every depth (nested structs, embedded structs,
// slices, arrays, maps and pointers of them), and [Checker] refuses, before
// encoding/json runs, any member whose name differs from one of them only
// in case.
//
// A type with its own UnmarshalJSON or UnmarshalText method reads its
// members itself: its inner names are its own business and are not
// checked. map[string]any and the other types that hold no struct are
// matched exactly by encoding/json and need no check.
//
// A struct whose JSON names include two that differ only in case (say "id"
// and "ID") receives neither: a member with either name is refused, since
// a reader that folds case could not tell which is meant.
package fieldnames

import (
	"reflect"
	"slices"
	"strings"
	"unicode"
)

// Field is one field of a struct as encoding/json names it.
type Field struct {
	Name   string       // the JSON member name: the tag's, else the Go name
	GoName string       // the Go field's name
	Index  []int        // the field's index path through embedded structs
	Type   reflect.Type // the field's type
	// Tagged: the name comes from the json tag. The options are the tag's:
	// String is ",string", which encoding/json honours for scalar fields
	// only.
	Tagged, OmitEmpty, OmitZero, String bool
}

// Fields returns every field of the struct type t that encoding/json could
// fill, at every depth of embedding, with the name it matches members
// against; breadth first, and in field order at each depth. Unlike
// encoding/json it keeps the fields that another field of the same name
// hides: for checking names, more is safer.
func Fields(t reflect.Type) []Field {
	var out []Field
	walk(t, func(f Field, _ bool) { out = append(out, f) })
	return out
}

// walk calls fn with every field of the struct type t that encoding/json
// could fill, breadth first through the embedded structs, each struct type
// once (at the shallowest depth it is embedded at), as encoding/json
// walks them. twice reports that the field's struct is embedded more than
// once at that depth.
func walk(t reflect.Type, fn func(f Field, twice bool)) {
	type level struct {
		typ   reflect.Type
		index []int
	}
	visited := map[reflect.Type]bool{}
	var count map[reflect.Type]int
	next := []level{{typ: t}}
	nextCount := map[reflect.Type]int{}
	for len(next) > 0 {
		current := next
		next = nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, l := range current {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true
			for i := range l.typ.NumField() {
				f, embedded, ok := field(l.typ.Field(i))
				if !ok {
					continue
				}
				f.Index = append(slices.Clip(l.index), i)
				if embedded != nil {
					if nextCount[embedded]++; nextCount[embedded] == 1 {
						next = append(next, level{embedded, f.Index})
					}
					continue
				}
				fn(f, count[l.typ] > 1)
			}
		}
	}
}

// field applies encoding/json's rules to one struct field: ok is false for
// a field it ignores; embedded is the struct type whose fields an untagged
// embedded field promotes.
func field(sf reflect.StructField) (f Field, embedded reflect.Type, ok bool) {
	if sf.Anonymous {
		t := sf.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if !sf.IsExported() && t.Kind() != reflect.Struct {
			return Field{}, nil, false // an unexported embedded non-struct
		}
	} else if !sf.IsExported() {
		return Field{}, nil, false
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return Field{}, nil, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if !validTag(name) {
		name = ""
	}
	ft := sf.Type
	if ft.Name() == "" && ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
		return Field{}, ft, true
	}
	f = Field{Name: name, GoName: sf.Name, Type: sf.Type, Tagged: name != ""}
	if f.Name == "" {
		f.Name = sf.Name
	}
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		switch o {
		case "omitempty":
			f.OmitEmpty = true
		case "omitzero":
			f.OmitZero = true
		case "string":
			f.String = true
		}
	}
	return f, nil, true
}

// validTag reports whether encoding/json takes s as a field's name: it is
// not empty and holds only letters, digits and the punctuation below.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
