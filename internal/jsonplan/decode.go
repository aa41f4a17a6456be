package jsonplan

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/joseproject/jose/internal/strictjson"
)

// ErrMismatch reports a value that does not fit its Go type, as
// encoding/json's UnmarshalTypeError does, or a member name that differs
// from a field's only in case. Decode does not describe it further: a
// caller that needs to say why runs its reference path.
var ErrMismatch = errors.New("value does not fit the Go type")

// Span is where a value is in the input: data[Start:End].
type Span struct{ Start, End int }

// Decoder holds the state of one Decode: where the side members are, and
// the strings of the input. The zero Decoder is ready.
type Decoder struct {
	r       strictjson.Reader
	data    []byte
	str     string // data as a string, made on first use
	aliased bool   // strings may share str
	// Side receives, for each side name of the plan, where its value is;
	// Start is -1 for a member that is absent. (An array, not a slice, so
	// that a Decoder on the caller's stack stays there.)
	Side [MaxSide]Span
}

// MaxSide is the most side names a plan takes.
const MaxSide = 8

// aliasLimit is the largest input whose strings share one copy of it:
// one allocation for every string of a claim set, at the cost of keeping
// the whole input alive while any of them is. Larger inputs give each
// string its own.
const aliasLimit = 8 << 10

// String returns data[start:end] as a string, which shares one copy of
// the input with the other strings of the same Decode when the input is
// small.
func (d *Decoder) String(start, end int) string {
	if !d.aliased {
		return string(d.data[start:end])
	}
	if d.str == "" {
		d.str = string(d.data)
	}
	return d.str[start:end]
}

// stringValue reads a string value as a Go string.
func (d *Decoder) stringValue() (string, error) {
	contents, start, escaped, err := d.r.String()
	if err != nil {
		return "", err
	}
	if escaped {
		return string(strictjson.AppendUnescaped(make([]byte, 0, len(contents)), contents)), nil
	}
	return d.String(start, start+len(contents)), nil
}

// Decode reads data, one JSON document holding one object, into v, a
// settable value of the plan's type (freshly zero: Decode fills it as
// json.Unmarshal fills a zero value). Errors wrap strictjson's errors, or
// [ErrMismatch].
func (p *Plan) Decode(d *Decoder, data []byte, v reflect.Value) error {
	d.data, d.str, d.aliased = data, "", len(data) <= aliasLimit
	for i := range d.Side {
		d.Side[i] = Span{-1, -1}
	}
	if err := d.r.Reset(data); err != nil {
		return err
	}
	if d.r.Peek() != '{' {
		return strictjson.ErrNotObject
	}
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		v = v.Elem()
	}
	var err error
	if p.top != nil {
		err = d.object(p.top, v, 0, p.side)
	} else {
		err = d.mapOrAny(p, v)
	}
	if err != nil {
		return err
	}
	return d.r.End()
}

// mapOrAny reads the top-level object into a map or an interface,
// reporting the side members.
func (d *Decoder) mapOrAny(p *Plan, v reflect.Value) error {
	n := p.root
	for n.kind == kPointer {
		n = n.elem
	}
	empty, err := d.r.Object(0)
	if err != nil {
		return err
	}
	var m map[string]any
	if n.kind == kMap {
		v.Set(reflect.MakeMap(n.typ))
	} else {
		m = map[string]any{}
	}
	var ms strictjson.Members
	for !empty {
		name, err := d.r.Name(&ms)
		if err != nil {
			return err
		}
		i, _, near := p.sideNames.Match(name)
		if near {
			return ErrMismatch
		}
		start := d.r.Pos()
		if m != nil {
			x, err := d.anyValue(1)
			if err != nil {
				return err
			}
			m[string(name)] = x
		} else {
			key := reflect.New(n.typ.Key()).Elem()
			key.SetString(string(name))
			elem := reflect.New(n.typ.Elem()).Elem()
			if err := d.value(n.elem, elem, 1); err != nil {
				return err
			}
			v.SetMapIndex(key, elem)
		}
		if i >= 0 {
			d.Side[i] = Span{start, d.r.Pos()}
		}
		more, err := d.r.More('}')
		if err != nil {
			return err
		}
		empty = !more
	}
	if m != nil {
		v.Set(reflect.ValueOf(m))
	}
	return nil
}

// object reads an object into the struct v, depth levels deep. side is the
// number of side names at the start of o's table (0 below the top).
func (d *Decoder) object(o *object, v reflect.Value, depth, side int) error {
	empty, err := d.r.Object(depth)
	if err != nil || empty {
		return err
	}
	var ms strictjson.Members
	for {
		name, err := d.r.Name(&ms)
		if err != nil {
			return err
		}
		i, _, near := o.names.Match(name)
		if near {
			return ErrMismatch
		}
		if i < side {
			if i >= 0 {
				start := d.r.Pos()
				if o.fields[i] == nil {
					if _, err := d.r.Skip(depth + 1); err != nil {
						return err
					}
				} else if err := d.field(o.fields[i], v, depth+1); err != nil {
					return err
				}
				d.Side[i] = Span{start, d.r.Pos()}
			} else if _, err := d.r.Skip(depth + 1); err != nil {
				return err
			}
		} else if f := o.fields[i]; f != nil {
			if err := d.field(f, v, depth+1); err != nil {
				return err
			}
		} else if _, err := d.r.Skip(depth + 1); err != nil {
			return err
		}
		if more, err := d.r.More('}'); !more {
			return err
		}
	}
}

// field reads a member's value into the field f of the struct v.
func (d *Decoder) field(f *field, v reflect.Value, depth int) error {
	var fv reflect.Value
	if !f.ptrs {
		if len(f.index) == 1 {
			fv = v.Field(f.index[0])
		} else {
			fv = v.FieldByIndex(f.index)
		}
	} else {
		fv = v
		for i, x := range f.index {
			if i > 0 && fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					fv.Set(reflect.New(fv.Type().Elem()))
				}
				fv = fv.Elem()
			}
			fv = fv.Field(x)
		}
	}
	return d.value(f.node, fv, depth)
}

// value reads one value into v, of n's type, depth levels deep.
func (d *Decoder) value(n *node, v reflect.Value, depth int) error {
	c := d.r.Peek()
	if c == 'n' {
		return d.null(n, v, depth)
	}
	switch n.kind {
	case kString:
		if c != '"' {
			return ErrMismatch
		}
		s, err := d.stringValue()
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	case kBool:
		if c != 't' && c != 'f' {
			return ErrMismatch
		}
		b, err := d.r.Literal()
		if err != nil {
			return err
		}
		v.SetBool(b == 't')
		return nil
	case kInt:
		num, err := d.number(c)
		if err != nil {
			return err
		}
		i, ok := parseInt(num)
		if !ok || v.OverflowInt(i) {
			return ErrMismatch
		}
		v.SetInt(i)
		return nil
	case kUint:
		num, err := d.number(c)
		if err != nil {
			return err
		}
		u, ok := parseUint(num)
		if !ok || v.OverflowUint(u) {
			return ErrMismatch
		}
		v.SetUint(u)
		return nil
	case kFloat:
		num, err := d.number(c)
		if err != nil {
			return err
		}
		f, err := strconv.ParseFloat(string(num), v.Type().Bits())
		if err != nil || v.OverflowFloat(f) {
			return ErrMismatch
		}
		v.SetFloat(f)
		return nil
	case kPointer:
		if v.IsNil() {
			v.Set(reflect.New(n.typ.Elem()))
		}
		return d.value(n.elem, v.Elem(), depth)
	case kStruct:
		if c != '{' {
			return ErrMismatch
		}
		return d.object(n.st, v, depth, 0)
	case kStrings:
		if c != '[' {
			return ErrMismatch
		}
		return d.strings(v.Addr().Interface().(*[]string), depth)
	case kSlice:
		if c != '[' {
			return ErrMismatch
		}
		return d.slice(n, v, depth)
	case kMap:
		if c != '{' {
			return ErrMismatch
		}
		return d.mapValue(n, v, depth)
	case kMapAny, kAny:
		if n.kind == kMapAny && c != '{' {
			return ErrMismatch
		}
		x, err := d.anyValue(depth)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(x))
		return nil
	case kRaw:
		raw, err := d.r.Skip(depth)
		if err != nil {
			return err
		}
		v.SetBytes(append([]byte(nil), raw...))
		return nil
	case kUnmarshal:
		raw, err := d.r.Skip(depth)
		if err != nil {
			return err
		}
		if err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			return fmt.Errorf("%w: %w", ErrMismatch, err)
		}
		return nil
	}
	return ErrMismatch
}

// null reads a null into v, as encoding/json does: a pointer, a slice, a
// map or an interface becomes nil, a json.RawMessage or a type with
// UnmarshalJSON receives it, and anything else is left as it is.
func (d *Decoder) null(n *node, v reflect.Value, depth int) error {
	switch n.kind {
	case kRaw, kUnmarshal:
		return d.valueSkipped(n, v, depth)
	case kPointer, kSlice, kStrings, kMap, kMapAny, kAny:
		v.SetZero()
	}
	_, err := d.r.Literal()
	return err
}

// valueSkipped is value for the kinds that take the raw bytes.
func (d *Decoder) valueSkipped(n *node, v reflect.Value, depth int) error {
	raw, err := d.r.Skip(depth)
	if err != nil {
		return err
	}
	if n.kind == kRaw {
		v.SetBytes(append([]byte(nil), raw...))
		return nil
	}
	if err := v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
		return fmt.Errorf("%w: %w", ErrMismatch, err)
	}
	return nil
}

// number reads a number whose first byte is c.
func (d *Decoder) number(c byte) ([]byte, error) {
	if c != '-' && (c < '0' || c > '9') {
		return nil, ErrMismatch
	}
	return d.r.Number()
}

// parseInt reads a JSON number that strconv.ParseInt accepts (no fraction
// or exponent), as encoding/json requires of an integer field.
func parseInt(b []byte) (int64, bool) {
	neg := b[0] == '-'
	digits := b
	if neg {
		digits = b[1:]
	}
	if len(digits) > 18 {
		i, err := strconv.ParseInt(string(b), 10, 64)
		return i, err == nil
	}
	var n int64
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// parseUint reads a JSON number that strconv.ParseUint accepts: no sign,
// fraction or exponent.
func parseUint(b []byte) (uint64, bool) {
	if len(b) > 19 {
		u, err := strconv.ParseUint(string(b), 10, 64)
		return u, err == nil
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// strings reads an array of strings into *p.
func (d *Decoder) strings(p *[]string, depth int) error {
	empty, err := d.r.Array(depth)
	if err != nil {
		return err
	}
	if empty {
		*p = []string{}
		return nil
	}
	var buf [8]string
	list := buf[:0]
	for {
		switch d.r.Peek() {
		case '"':
			s, err := d.stringValue()
			if err != nil {
				return err
			}
			list = append(list, s)
		case 'n':
			if _, err := d.r.Literal(); err != nil {
				return err
			}
			list = append(list, "")
		default:
			return ErrMismatch
		}
		more, err := d.r.More(']')
		if err != nil {
			return err
		}
		if !more {
			break
		}
	}
	*p = append([]string(nil), list...)
	return nil
}

// slice reads an array into the slice v.
func (d *Decoder) slice(n *node, v reflect.Value, depth int) error {
	empty, err := d.r.Array(depth)
	if err != nil {
		return err
	}
	if empty {
		v.Set(reflect.MakeSlice(n.typ, 0, 0))
		return nil
	}
	i := 0
	for {
		if i >= v.Cap() {
			v.Grow(1)
		}
		v.SetLen(i + 1)
		if err := d.value(n.elem, v.Index(i), depth+1); err != nil {
			return err
		}
		i++
		more, err := d.r.More(']')
		if err != nil {
			return err
		}
		if !more {
			return nil
		}
	}
}

// mapValue reads an object into the map v, whose keys are of kind string.
func (d *Decoder) mapValue(n *node, v reflect.Value, depth int) error {
	empty, err := d.r.Object(depth)
	if err != nil {
		return err
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(n.typ))
	}
	if empty {
		return nil
	}
	kt, et := n.typ.Key(), n.typ.Elem()
	var ms strictjson.Members
	for {
		name, err := d.r.Name(&ms)
		if err != nil {
			return err
		}
		key := reflect.New(kt).Elem()
		key.SetString(string(name))
		elem := reflect.New(et).Elem()
		if err := d.value(n.elem, elem, depth+1); err != nil {
			return err
		}
		v.SetMapIndex(key, elem)
		if more, err := d.r.More('}'); !more {
			return err
		}
	}
}
