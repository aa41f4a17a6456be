package jsonplan

import (
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// maxEncodeDepth bounds the nesting Encode follows itself; deeper values
// (a cycle of pointers, say) are left to encoding/json, which refuses a
// cycle with an error of its own.
const maxEncodeDepth = 64

// Encode appends to dst what json.Marshal writes for v, a value of the
// plan's type, byte for byte (HTML characters escaped as json.Marshal
// escapes them). Fields whose types have marshalling methods of their own,
// maps and interfaces are written through json.Marshal. ok is false when
// json.Marshal must be called for the whole value instead: it would fail,
// or the value holds something Encode does not write (",omitzero").
//
// skip is the index of a top-level field of a struct plan to leave out
// (-1 for none): the caller writes its members itself, before the rest.
// Then the object is written without its opening '{'.
func (p *Plan) Encode(dst []byte, v reflect.Value, skip int) (out []byte, ok bool) {
	n := p.root
	for n.kind == kPointer && n.enc {
		if v.IsNil() {
			return nil, false
		}
		n, v = n.elem, v.Elem()
	}
	if skip >= 0 {
		if n.kind != kStruct || !n.enc {
			return nil, false
		}
		return appendFields(dst, n.st, v, skip, 1)
	}
	return appendValue(dst, n, v, 0)
}

// appendValue appends v, of n's type, as json.Marshal writes it.
func appendValue(dst []byte, n *node, v reflect.Value, depth int) ([]byte, bool) {
	if depth > maxEncodeDepth {
		return nil, false
	}
	if !n.enc {
		return appendMarshal(dst, v)
	}
	switch n.kind {
	case kString:
		return appendString(dst, v.String()), true
	case kBool:
		return strconv.AppendBool(dst, v.Bool()), true
	case kInt:
		return strconv.AppendInt(dst, v.Int(), 10), true
	case kUint:
		return strconv.AppendUint(dst, v.Uint(), 10), true
	case kFloat:
		return appendFloat(dst, v.Float(), v.Type().Bits())
	case kPointer:
		if v.IsNil() {
			return append(dst, "null"...), true
		}
		return appendValue(dst, n.elem, v.Elem(), depth+1)
	case kStruct:
		return appendFields(append(dst, '{'), n.st, v, -1, depth+1)
	case kStrings, kSlice:
		if v.IsNil() {
			return append(dst, "null"...), true
		}
		dst = append(dst, '[')
		for i := range v.Len() {
			if i > 0 {
				dst = append(dst, ',')
			}
			var ok bool
			if dst, ok = appendValue(dst, n.elem, v.Index(i), depth+1); !ok {
				return nil, false
			}
		}
		return append(dst, ']'), true
	}
	// Maps (sorted keys) and interfaces (any dynamic type).
	return appendMarshal(dst, v)
}

// appendFields appends the members of the struct v and its closing '}'.
func appendFields(dst []byte, o *object, v reflect.Value, skip, depth int) ([]byte, bool) {
	first := true
	for _, f := range o.order {
		if f.index[0] == skip {
			continue
		}
		fv, ok := fieldValue(v, f)
		if !ok {
			continue // behind a nil embedded pointer
		}
		if f.omitZero {
			return nil, false
		}
		if f.omitEmpty && isEmpty(fv) {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = append(dst, f.key...)
		if dst, ok = appendValue(dst, f.node, fv, depth); !ok {
			return nil, false
		}
	}
	return append(dst, '}'), true
}

// fieldValue returns the field f of the struct v, and false when an
// embedded pointer on its way is nil.
func fieldValue(v reflect.Value, f *field) (reflect.Value, bool) {
	if !f.ptrs {
		if len(f.index) == 1 {
			return v.Field(f.index[0]), true
		}
		return v.FieldByIndex(f.index), true
	}
	for i, x := range f.index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// appendMarshal appends json.Marshal's encoding of v. An addressable v is
// given by its address, so that a method on the pointer is found as
// encoding/json finds it inside the value being written.
func appendMarshal(dst []byte, v reflect.Value) ([]byte, bool) {
	var x any
	if v.CanAddr() {
		x = v.Addr().Interface()
	} else {
		x = v.Interface()
	}
	b, err := json.Marshal(x)
	if err != nil {
		return nil, false
	}
	return append(dst, b...), true
}

// appendFloat writes f as encoding/json does: the shortest form that
// reads back as the same float of the given size, with an exponent only
// for very small or very large values. NaN and infinities fail.
func appendFloat(dst []byte, f float64, bits int) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, false
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 {
		if bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21) {
			format = 'e'
		}
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, format, -1, bits)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		b := dst[start:]
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			dst = dst[:len(dst)-1]
		}
	}
	return dst, true
}

// How json.Marshal writes the characters a string may need to escape,
// learnt from json.Marshal itself, once: the forms differ between its
// versions (Go 1.27 writes invalid UTF-8 as a raw U+FFFD, earlier
// versions as \ufffd).
var (
	// asciiForm holds, for each ASCII byte, what json.Marshal writes for
	// it inside a string; nil when it writes the byte as it is.
	asciiForm [utf8.RuneSelf][]byte
	// invalidForm is what it writes for a byte of invalid UTF-8, and
	// lineForm for U+2028 and U+2029 (nil when written as they are).
	invalidForm []byte
	lineForm    [2][]byte
)

func init() {
	form := func(s string) []byte {
		b, _ := json.Marshal(s) // a string always marshals
		b = b[1 : len(b)-1]
		if string(b) == s {
			return nil
		}
		return b
	}
	for c := range utf8.RuneSelf {
		asciiForm[c] = form(string(rune(c)))
	}
	invalidForm = form("\xff")
	lineForm = [2][]byte{form("\u2028"), form("\u2029")}
}

// appendString appends s as json.Marshal writes a string: quoted, with
// '"', '\\' and control characters escaped, '<', '>' and '&' escaped as
// HTML-safe, and invalid UTF-8, U+2028 and U+2029 written as json.Marshal
// writes them.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if asciiForm[b] == nil {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, asciiForm[b]...)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		var f []byte
		switch {
		case c == utf8.RuneError && size == 1:
			f = invalidForm
		case c == '\u2028':
			f = lineForm[0]
		case c == '\u2029':
			f = lineForm[1]
		}
		if f == nil {
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = append(dst, f...)
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// AppendString appends s as json.Marshal writes a string.
func AppendString(dst []byte, s string) []byte { return appendString(dst, s) }
