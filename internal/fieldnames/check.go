package fieldnames

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/joseproject/jose/internal/strictjson"
)

// Checker refuses the members whose names match a field of one Go type only
// under case folding. A nil *Checker, for a type that reads no struct, checks
// nothing.
type Checker struct {
	root *node
}

// node is what one type reads from a JSON value: the members of an object,
// for a struct (names set), or the elements of an array and the values of
// an object, for a slice, an array or a map (elem set).
type node struct {
	typ      reflect.Type
	names    *strictjson.Names // a struct's JSON names
	goNames  []string          // for each name, the Go path of its first field ("Embedded.Field")
	children [][]*node         // for each name, the nodes of its fields' types that need a check
	nested   []int             // the names that have children
	elem     *node
}

// checkers caches the Checker of each type For was called with. It holds
// types only, never values.
var checkers sync.Map // reflect.Type → *Checker

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// For returns the Checker of t, built on the first call and cached; nil
// when t reads no struct.
func For(t reflect.Type) *Checker {
	if c, ok := checkers.Load(t); ok {
		return c.(*Checker)
	}
	b := builder{nodes: map[reflect.Type]*node{}}
	var c *Checker
	if n := b.node(t); n != nil {
		c = &Checker{root: n}
	}
	checkers.Store(t, c)
	return c
}

type builder struct {
	nodes map[reflect.Type]*node // built or being built; nil for a type that needs no check
}

// node returns the node of t, or nil when t reads no struct's members
// itself. A recursive type gets a cyclic graph of nodes, which a check
// follows only as deep as the JSON goes.
func (b *builder) node(t reflect.Type) *node {
	if n, ok := b.nodes[t]; ok {
		return n
	}
	b.nodes[t] = nil // a pointer type that leads back to itself reads nothing
	if p := reflect.PointerTo(t); p.Implements(jsonUnmarshalerType) || p.Implements(textUnmarshalerType) {
		return nil // it reads its own members, or only strings
	}
	switch t.Kind() {
	case reflect.Pointer:
		n := b.node(t.Elem())
		b.nodes[t] = n
		return n
	case reflect.Slice, reflect.Array, reflect.Map:
		n := &node{typ: t}
		b.nodes[t] = n
		if n.elem = b.node(t.Elem()); n.elem == nil {
			b.nodes[t] = nil
			return nil
		}
		return n
	case reflect.Struct:
		n := &node{typ: t}
		b.nodes[t] = n
		fields := Fields(t)
		names := make([]string, len(fields))
		for i, f := range fields {
			names[i] = f.Name
		}
		n.names = strictjson.NewNames(names...)
		n.goNames = make([]string, n.names.Len())
		n.children = make([][]*node, n.names.Len())
		for _, f := range fields {
			i := n.names.Index([]byte(f.Name))
			if n.goNames[i] == "" {
				n.goNames[i] = goPath(t, f.Index)
			}
			if c := b.node(f.Type); c != nil {
				if len(n.children[i]) == 0 {
					n.nested = append(n.nested, i)
				}
				n.children[i] = append(n.children[i], c)
			}
		}
		return n
	}
	return nil // interfaces (filled as encoding/json's own maps) and scalars
}

// goPath names the field of t at index by the Go names of the fields on
// the way, as a selector would: "Cnf", or "Embedded.Role" for a promoted one.
func goPath(t reflect.Type, index []int) string {
	var b strings.Builder
	for i, x := range index {
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		f := t.Field(x)
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(f.Name)
		t = f.Type
	}
	return b.String()
}

// Names returns the JSON names of the fields of c's type when it is a
// struct (or a pointer to one), and nil otherwise. A reader that matches
// the top-level members against these itself, exactly (see
// [strictjson.Names.ObjectAliasedExact]), then calls [Checker.CheckNested].
func (c *Checker) Names() []string {
	if c == nil || c.root.names == nil {
		return nil
	}
	out := make([]string, c.root.names.Len())
	for i := range out {
		out[i] = c.root.names.Name(i)
	}
	return out
}

// Field describes, for an error message, the field of c's struct whose
// JSON name is name: "field Admin of main.Claims"; "" when there is none.
func (c *Checker) Field(name string) string {
	if c == nil || c.root.names == nil {
		return ""
	}
	i := c.root.names.Index([]byte(name))
	if i < 0 {
		return ""
	}
	return "field " + c.root.goNames[i] + " of " + typeName(c.root.typ)
}

// CheckNested checks the members of an object read into c's type whose
// names the caller has already matched against [Checker.Names]: the values
// of the fields that hold structs, at any depth. For a map type, it checks
// every value. It looks members up by name and does not allocate.
func (c *Checker) CheckNested(members map[string]json.RawMessage) error {
	if c == nil {
		return nil
	}
	n := c.root
	if n.names == nil {
		if n.typ.Kind() != reflect.Map {
			return nil // an object where encoding/json wants an array
		}
		for name, v := range members {
			if err := n.elem.value(v, 1); err != nil {
				return fmt.Errorf("in %q: %w", clip(name), err)
			}
		}
		return nil
	}
	for _, i := range n.nested {
		name := n.names.Name(i)
		v, ok := members[name]
		if !ok {
			continue
		}
		for _, child := range n.children[i] {
			if err := child.value(v, 1); err != nil {
				return fmt.Errorf("in %q: %w", name, err)
			}
		}
	}
	return nil
}

// Check checks a JSON value, which strictjson has accepted.
func (c *Checker) Check(raw []byte) error {
	if c == nil {
		return nil
	}
	return c.root.value(raw, 0)
}

// value checks one JSON value read into n's type, depth levels deep.
func (n *node) value(raw []byte, depth int) error {
	if len(raw) == 0 {
		return nil
	}
	if depth >= strictjson.MaxDepth {
		return fmt.Errorf("%w: nested deeper than %d", strictjson.ErrInvalid, strictjson.MaxDepth)
	}
	switch {
	case raw[0] == '{' && n.names != nil:
		return strictjson.EachMember(raw, func(name, v []byte) error {
			return n.member(name, v, depth+1)
		})
	case raw[0] == '{' && n.elem != nil: // a map
		return strictjson.EachMember(raw, func(name, v []byte) error {
			if err := n.elem.value(v, depth+1); err != nil {
				return fmt.Errorf("in %q: %w", clip(string(name)), err)
			}
			return nil
		})
	case raw[0] == '[' && n.elem != nil:
		i := 0
		return strictjson.EachElement(raw, func(v []byte) error {
			if err := n.elem.value(v, depth+1); err != nil {
				return fmt.Errorf("in element %d: %w", i, err)
			}
			i++
			return nil
		})
	}
	return nil // a value encoding/json refuses, or reads without names
}

// member checks one member of an object read into n's struct.
func (n *node) member(name, v []byte, depth int) error {
	i, want, near := n.names.Match(name)
	if near {
		return fmt.Errorf("%w: %+q is not %q, the JSON name of field %s of %s (member names are case-sensitive)",
			strictjson.ErrNameCase, clip(string(name)), want, n.goNames[n.names.Index([]byte(want))], typeName(n.typ))
	}
	if i < 0 {
		return nil // encoding/json ignores it
	}
	for _, c := range n.children[i] {
		if err := c.value(v, depth); err != nil {
			return fmt.Errorf("in %q: %w", n.names.Name(i), err)
		}
	}
	return nil
}

// typeName names a struct type in an error: an unnamed one is spelled out
// by reflect with its tags, which says little.
func typeName(t reflect.Type) string {
	if t.Name() == "" {
		return "an unnamed struct"
	}
	return t.String()
}

// clip shortens a name quoted in an error.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
