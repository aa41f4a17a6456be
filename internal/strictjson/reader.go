package strictjson

import "fmt"

// Reader reads one JSON document value by value, under the rules of the
// package overview, for a decoder that fills Go values as it goes instead
// of collecting members first. It is the scanner of [Check] with its steps
// exposed: every value read or skipped is checked as Check would check it,
// so a decoder that reads a whole document through a Reader, and calls
// [Reader.End], has applied every rule Check applies, the duplicate names
// of the objects it reads member by member excepted: those are the
// caller's, through [Members].
//
// The zero Reader is not ready: call [Reader.Reset]. A Reader never
// allocates, but to unescape a member name that holds an escape.
type Reader struct {
	s scanner
}

// Reset starts reading data: it checks the byte order mark and the UTF-8
// of the whole input (which then covers every string read), and skips the
// white space before the first value.
func (r *Reader) Reset(data []byte) error {
	r.s = scanner{data: data, anyValue: true}
	return r.s.begin()
}

// Pos returns the offset in the input of the next byte to read.
func (r *Reader) Pos() int { return r.s.pos }

// Peek returns the first byte of the next value ('{', '[', '"', 't', 'f',
// 'n', '-' or a digit for a valid value), or 0 at the end of the input.
func (r *Reader) Peek() byte {
	if r.s.pos >= len(r.s.data) {
		return 0
	}
	return r.s.data[r.s.pos]
}

// String reads a string value and returns its contents, escapes not
// decoded, as a slice of the input from offset start; escaped tells
// whether [AppendUnescaped] must decode them.
func (r *Reader) String() (contents []byte, start int, escaped bool, err error) {
	if r.Peek() != '"' {
		return nil, 0, false, r.s.unexpected("a string")
	}
	start = r.s.pos + 1
	if escaped, err = r.s.string(); err != nil {
		return nil, 0, false, err
	}
	return r.s.data[start : r.s.pos-1], start, escaped, nil
}

// Number reads a number value and returns its bytes.
func (r *Reader) Number() ([]byte, error) {
	start := r.s.pos
	if c := r.Peek(); c != '-' && !isDigit(c) {
		return nil, r.s.unexpected("a number")
	}
	if err := r.s.number(); err != nil {
		return nil, err
	}
	return r.s.data[start:r.s.pos], nil
}

// Literal reads true, false or null, and returns its first byte.
func (r *Reader) Literal() (byte, error) {
	switch c := r.Peek(); c {
	case 't':
		return c, r.s.literal("true")
	case 'f':
		return c, r.s.literal("false")
	case 'n':
		return c, r.s.literal("null")
	}
	return 0, r.s.unexpected("true, false or null")
}

// Skip reads any value, depth levels deep (the top-level value is at 0),
// with every rule checked (duplicate names in its objects too), and
// returns its exact bytes, capped.
func (r *Reader) Skip(depth int) ([]byte, error) {
	start := r.s.pos
	if err := r.s.value(depth); err != nil {
		return nil, err
	}
	return r.s.data[start:r.s.pos:r.s.pos], nil
}

// Object reads the '{' of an object depth levels deep and reports whether
// the object is empty (then its '}' is read too). Its members follow, each
// read with [Reader.Name], then its value, then [Reader.More].
func (r *Reader) Object(depth int) (empty bool, err error) {
	return r.open('{', '}', depth)
}

// Array reads the '[' of an array depth levels deep and reports whether
// the array is empty (then its ']' is read too). Its elements follow, each
// a value then [Reader.More].
func (r *Reader) Array(depth int) (empty bool, err error) {
	return r.open('[', ']', depth)
}

func (r *Reader) open(open, close byte, depth int) (bool, error) {
	if r.Peek() != open {
		return false, r.s.unexpected(string(open))
	}
	if depth >= MaxDepth {
		return false, fmt.Errorf("%w: nested deeper than %d", ErrInvalid, MaxDepth)
	}
	r.s.pos++
	r.s.space()
	if r.Peek() == close {
		r.s.pos++
		return true, nil
	}
	return false, nil
}

// Name reads a member name and the ':' after it, and returns the name
// unescaped: a slice of the input when it holds no escape, else a new
// slice. ms, the names read so far in the same object, refuses a name
// equal to one of them under case folding ([ErrDuplicate]) and records it.
func (r *Reader) Name(ms *Members) ([]byte, error) {
	raw, _, escaped, err := r.String()
	if err != nil {
		return nil, err
	}
	name := raw
	if escaped {
		name = appendUnescaped(nil, raw)
	}
	if err := ms.m.add(member{name: name, ascii: isASCII(name)}); err != nil {
		return nil, err
	}
	r.s.space()
	if r.Peek() != ':' {
		return nil, r.s.unexpected("':'")
	}
	r.s.pos++
	r.s.space()
	return name, nil
}

// More reads what follows a member or an element: true after a ',' (the
// next member or element follows), false after the closing '}' or ']'.
func (r *Reader) More(close byte) (bool, error) {
	return r.s.separator(close)
}

// End checks that nothing but white space follows the top-level value.
func (r *Reader) End() error { return r.s.end() }

// Members records the names of one object as a [Reader] reads them, and
// refuses duplicates under case folding, as [Object] does at every depth.
// The zero Members is ready; a small object costs no allocation.
type Members struct {
	m memberNames
}

// AppendUnescaped appends the contents of a string that a [Reader] read
// (without its quotes) with its escapes decoded.
func AppendUnescaped(dst, contents []byte) []byte { return appendUnescaped(dst, contents) }
