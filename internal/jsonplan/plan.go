// Package jsonplan decodes and encodes Go values as encoding/json does,
// from a plan made once per type, without encoding/json's reflection walk
// on every call.
//
// A [Plan] is built from a type's reflect.Type: the fields encoding/json
// fills and writes (after its rules for embedded fields, see
// [fieldnames.Selected]), each with the kind of its value. [Plan.Decode]
// then reads a JSON document with a [strictjson.Reader], so that every rule
// of strictjson holds (duplicate and case-folded names at every depth,
// UTF-8, depth, grammar), refuses a member whose name differs from a
// field's only in case at every depth (as [fieldnames.Checker] does), and
// fills the value as json.Unmarshal would. [Plan.Encode] writes what
// json.Marshal would, byte for byte.
//
// The plan covers the kinds claim sets use: strings, booleans, integers,
// floats, slices, structs (embedded too), pointers, map[string]T, the
// empty interface, json.RawMessage, and named types with an UnmarshalJSON
// method (called as encoding/json calls it). [New] reports false for a
// type it cannot plan (a TextUnmarshaler, a ",string" field, an array, a
// channel, an interface with methods, ...): the caller then uses
// encoding/json. Decode reports an error for anything it does not accept,
// including input encoding/json would accept with a type error the plan
// does not describe; it never accepts what encoding/json (after the name
// checks) refuses, and never fills a value differently: the differential
// tests hold it to that.
package jsonplan

import (
	"encoding"
	"encoding/json"
	"reflect"

	"github.com/joseproject/jose/internal/fieldnames"
	"github.com/joseproject/jose/internal/strictjson"
)

// kind is how one Go type is read and written.
type kind uint8

const (
	kString kind = iota
	kBool
	kInt
	kUint
	kFloat
	kPointer
	kStruct
	kSlice
	kStrings   // []string itself
	kMap       // map[K]T, K of kind string without methods
	kMapAny    // map[string]any itself
	kAny       // the empty interface
	kRaw       // json.RawMessage
	kUnmarshal // a named type whose pointer has UnmarshalJSON
)

// node is the plan of one type.
type node struct {
	kind kind
	typ  reflect.Type
	elem *node   // pointer, slice and map
	st   *object // struct
	// enc is false when the type is written through json.Marshal.
	enc bool
}

// object is the plan of a struct type.
type object struct {
	// names holds every JSON name of the struct's fields, hidden ones too
	// (fieldnames.Fields): a member that differs from one of them only in
	// case is refused.
	names *strictjson.Names
	// fields, for each name of names, the field encoding/json fills from
	// it, or nil when it fills none.
	fields []*field
	// order is the selected fields in encoding/json's order, for Encode.
	order []*field
}

// field is one selected field of a struct.
type field struct {
	name  string
	index []int
	// ptrs: the index path goes through an embedded pointer, which
	// decoding allocates and encoding stops at when nil.
	ptrs                bool
	node                *node
	omitEmpty, omitZero bool
	key                 []byte // `"name":`, escaped as json.Marshal writes it
}

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonMarshalerType   = reflect.TypeFor[json.Marshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
	stringsType         = reflect.TypeFor[[]string]()
	mapAnyType          = reflect.TypeFor[map[string]any]()
)

// Plan is how one type is decoded and encoded. It is immutable and safe
// for concurrent use.
type Plan struct {
	root *node
	// top is the struct the top-level object fills (through pointers), or
	// nil for a map or an interface.
	top *object
	// side are the caller's top-level names (see New), at the start of
	// top's names or of sideNames.
	side      int
	sideNames *strictjson.Names
}

// Valid reports whether everything [Plan.Encode] writes for the plan's
// type, with the same skip, is a document strictjson accepts (no names
// equal under case folding in one object, nesting within
// strictjson.MaxDepth), so that the caller need not check it: the type
// holds no map, interface, json.RawMessage or type with methods of its
// own, and is not recursive. It works it out on each call: cache it.
func (p *Plan) Valid(skip int) bool {
	n := p.root
	for n.kind == kPointer {
		n = n.elem
	}
	if n.kind != kStruct {
		return false
	}
	return validFields(n.st, skip, 0, map[*node]bool{n: true})
}

// validNode reports whether every encoding of n is valid at depth.
func validNode(n *node, depth int, visiting map[*node]bool) bool {
	if depth >= strictjson.MaxDepth-1 || visiting[n] || !n.enc {
		return false
	}
	visiting[n] = true
	defer delete(visiting, n)
	switch n.kind {
	case kString, kBool, kInt, kUint, kFloat:
		return true
	case kPointer:
		return validNode(n.elem, depth, visiting)
	case kSlice, kStrings:
		return validNode(n.elem, depth+1, visiting)
	case kStruct:
		return validFields(n.st, -1, depth, visiting)
	}
	return false
}

// validFields is validNode for the fields of a struct but the top-level
// field skip.
func validFields(o *object, skip, depth int, visiting map[*node]bool) bool {
	var names []string
	for _, f := range o.order {
		if f.index[0] == skip {
			continue
		}
		if !validNode(f.node, depth+1, visiting) {
			return false
		}
		names = append(names, f.name)
	}
	// Names that fold together are written both, and refused.
	t := strictjson.NewNames(names...)
	for _, name := range names {
		if _, near := t.Near([]byte(name)); near {
			return false
		}
	}
	return true
}

// New plans the type t, which must read a JSON object: a struct, a
// pointer to one, a map[string]T or the empty interface. ok is false when
// t or a type it holds cannot be planned.
//
// side names top-level members the caller reads itself (the registered
// claims of a JWT, say; at most [MaxSide]): [Plan.Decode] reports where
// their values are, and
// also decodes each into t's field of that name unless leave reports true
// for the field's index path. A member whose name differs from a side name
// only in case is refused, as one that differs from a field's.
func New(t reflect.Type, side []string, leave func(index []int) bool) (p *Plan, ok bool) {
	if len(side) > MaxSide {
		return nil, false
	}
	b := builder{nodes: map[reflect.Type]*node{}}
	root := b.node(t)
	if root == nil || b.failed {
		return nil, false
	}
	p = &Plan{root: root, side: len(side)}
	top := root
	for top.kind == kPointer {
		top = top.elem
	}
	switch top.kind {
	case kStruct:
		// The top-level struct gets a table of its own, the side names
		// first, and its own fields without those left to the caller.
		st := top.st
		names := append([]string(nil), side...)
		for i := range st.names.Len() {
			names = append(names, st.names.Name(i))
		}
		o := &object{names: strictjson.NewNames(names...), order: st.order}
		o.fields = make([]*field, o.names.Len())
		for i, f := range st.fields {
			if f == nil || (leave != nil && leave(f.index)) {
				continue
			}
			o.fields[o.names.Index([]byte(st.names.Name(i)))] = f
		}
		p.top = o
	case kMap, kMapAny, kAny:
		p.sideNames = strictjson.NewNames(side...)
	default:
		return nil, false
	}
	return p, true
}

type builder struct {
	nodes  map[reflect.Type]*node
	failed bool
}

// node plans t, or marks the builder failed.
func (b *builder) node(t reflect.Type) *node {
	if n, ok := b.nodes[t]; ok {
		return n
	}
	n := &node{typ: t, enc: true}
	b.nodes[t] = n // before the elements: a type may hold itself
	p := reflect.PointerTo(t)
	switch {
	case t == rawMessageType:
		n.kind, n.enc = kRaw, false
		return n
	case p.Implements(jsonUnmarshalerType):
		if t.Name() == "" || t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface {
			b.failed = true // encoding/json finds the method by other paths
		}
		n.kind, n.enc = kUnmarshal, false
		return n
	case p.Implements(textUnmarshalerType):
		b.failed = true
		return n
	}
	// A type with a marshalling method of its own is written by it.
	n.enc = !p.Implements(jsonMarshalerType) && !p.Implements(textMarshalerType)
	switch t.Kind() {
	case reflect.String:
		n.kind = kString
	case reflect.Bool:
		n.kind = kBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n.kind = kInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n.kind = kUint
	case reflect.Float32, reflect.Float64:
		n.kind = kFloat
	case reflect.Pointer:
		if t.Name() != "" {
			b.failed = true
		}
		n.kind, n.elem = kPointer, b.node(t.Elem())
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			b.failed = true // []byte is base64
		}
		n.kind, n.elem = kSlice, b.node(t.Elem())
		if t == stringsType {
			n.kind = kStrings
		}
	case reflect.Map:
		kt := t.Key()
		pk := reflect.PointerTo(kt)
		if kt.Kind() != reflect.String || pk.Implements(textUnmarshalerType) || pk.Implements(textMarshalerType) {
			b.failed = true
		}
		n.kind, n.elem = kMap, b.node(t.Elem())
		if t == mapAnyType {
			n.kind = kMapAny
		}
	case reflect.Interface:
		if t.NumMethod() != 0 {
			b.failed = true
		}
		n.kind = kAny
	case reflect.Struct:
		n.kind = kStruct
		n.st = b.object(t)
	default: // arrays, complex numbers, channels, functions
		b.failed = true
	}
	return n
}

// object plans the struct type t.
func (b *builder) object(t reflect.Type) *object {
	all := fieldnames.Fields(t)
	names := make([]string, len(all))
	for i, f := range all {
		names[i] = f.Name
	}
	o := &object{names: strictjson.NewNames(names...)}
	o.fields = make([]*field, o.names.Len())
	for _, sf := range fieldnames.Selected(t) {
		if sf.String {
			b.failed = true // ",string" is rare enough to leave to encoding/json
		}
		f := &field{name: sf.Name, index: sf.Index, omitEmpty: sf.OmitEmpty, omitZero: sf.OmitZero}
		f.key = append(appendString(nil, sf.Name), ':')
		ft := t
		for _, x := range sf.Index[:len(sf.Index)-1] {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			ef := ft.Field(x)
			if ef.Type.Kind() == reflect.Pointer {
				f.ptrs = true
				if !ef.IsExported() {
					b.failed = true // encoding/json cannot allocate it
				}
			}
			ft = ef.Type
		}
		f.node = b.node(sf.Type)
		o.fields[o.names.Index([]byte(sf.Name))] = f
		o.order = append(o.order, f)
	}
	return o
}
