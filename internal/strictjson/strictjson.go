// Package strictjson reads JSON objects from untrusted input without the
// ambiguities that encoding/json lets through (threat T21).
//
// encoding/json keeps the last of two members with the same name, and when it
// fills a struct it matches member names without regard to case, so
// {"alg":"HS256","ALG":"none"} can mean "none" to one parser and "HS256" to
// another. [Object] rejects, at every depth: member names that are equal or
// differ only in case (Unicode simple case folding, after unescaping),
// invalid UTF-8, a byte order mark, anything after the object but white
// space, nesting deeper than [MaxDepth], and everything RFC 8259 rejects
// (leading zeros, bare words, control characters in strings, bad escapes,
// trailing commas and so on).
//
// It also rejects a \u escape of a lone surrogate (U+D800 to U+DFFF not
// forming a pair), which RFC 8259 §8.2 allows but leaves unpredictable:
// encoding/json turns it into U+FFFD, other parsers keep it or fail, so
// "\ud800" and "\udbff" would be one name or value to Go and two elsewhere.
//
// The scanner is hand-written and reads the input once: its cost is linear
// in the input, it does not use reflection, and it allocates nothing per
// member beyond the result's own entries and their names. The package knows
// JSON, not the formats built on it: a reader that wants its usual member
// names to cost no allocation, or wants names that differ from them only in
// case refused, gives its own table of names ([Names]).
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"unicode"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted; the
// top-level object counts as one.
const MaxDepth = 64

// Errors returned by this package. Callers wrap them into their own
// package's malformed-input error.
var (
	ErrNotObject = errors.New("not a JSON object")
	ErrDuplicate = errors.New("duplicate member name")
	ErrInvalid   = errors.New("invalid JSON")
)

// Object checks that data is exactly one JSON object with the rules of the
// package overview, and returns its top-level members: names unescaped,
// values as the exact bytes of the input (without the white space around
// them). It copies data once, so the result does not alias data; each value
// is capped, so appending to one never writes into another.
func Object(data []byte) (map[string]json.RawMessage, error) {
	return ObjectAliased(append([]byte(nil), data...))
}

// ObjectAliased is [Object] without the copy: the values it returns are
// slices of data. The caller must own data and not modify it while the
// result is in use. It is meant for buffers the caller has just made, such
// as a decoded protected header.
func ObjectAliased(data []byte) (map[string]json.RawMessage, error) {
	s := scanner{data: data}
	out := make(map[string]json.RawMessage)
	if err := s.document(out); err != nil {
		return nil, err
	}
	return out, nil
}

// Check applies the rules of the package overview to data without decoding
// it. A caller that has checked data may then decode it with encoding/json,
// into a struct too, without ambiguity.
func Check(data []byte) error {
	s := scanner{data: data}
	return s.document(nil)
}

// CheckValue is [Check] for any one JSON value (an array, for example), not
// only an object.
func CheckValue(data []byte) error {
	s := scanner{data: data, anyValue: true}
	return s.document(nil)
}

// scanner reads one JSON text. Every method starts at s.pos and leaves
// s.pos just after what it read.
type scanner struct {
	data     []byte
	pos      int
	anyValue bool   // the document may be any value, not only an object
	names    *Names // where the top-level member names come from; may be nil
	exact    bool   // refuse top-level names that differ from the table's only in case
}

// begin checks what holds for the whole input before any value is read,
// no byte order mark and valid UTF-8 (RFC 8259 §8.1), and skips the white
// space before the first value. Outside strings the grammar allows ASCII
// only, so the one UTF-8 check covers every string too.
func (s *scanner) begin() error {
	if len(s.data) >= 3 && s.data[0] == 0xef && s.data[1] == 0xbb && s.data[2] == 0xbf {
		return fmt.Errorf("%w: byte order mark", ErrInvalid)
	}
	if !utf8.Valid(s.data) {
		return fmt.Errorf("%w: invalid UTF-8", ErrInvalid)
	}
	s.space()
	return nil
}

// document reads the whole input: one object, then only white space. When
// out is not nil it receives the top-level members.
func (s *scanner) document(out map[string]json.RawMessage) error {
	if err := s.begin(); err != nil {
		return err
	}
	if s.anyValue {
		if err := s.value(0); err != nil {
			return err
		}
	} else {
		if s.pos == len(s.data) || s.data[s.pos] != '{' {
			return ErrNotObject
		}
		if err := s.object(0, out); err != nil {
			return err
		}
	}
	return s.end()
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r': // RFC 8259 §2
			s.pos++
		default:
			return
		}
	}
}

// unexpected describes the byte at s.pos, or the end of the input.
func (s *scanner) unexpected(want string) error {
	if s.pos >= len(s.data) {
		return fmt.Errorf("%w: unexpected end of input, want %s", ErrInvalid, want)
	}
	return fmt.Errorf("%w: unexpected %q at offset %d, want %s", ErrInvalid, s.data[s.pos], s.pos, want)
}

// smallObject is how many member names an object's duplicate check keeps in
// a fixed array and compares one by one; past that it also keeps a set of
// keyed hashes of the folded names, so that the check stays linear.
const smallObject = 16

// member is a name already read in the object being checked.
type member struct {
	name  []byte // unescaped
	ascii bool
}

// memberNames is the duplicate check of one object. A small object costs
// no allocation; a large one a few, not one per member.
type memberNames struct {
	small  [smallObject]member
	n      int
	more   []member
	hashes map[uint64]struct{}
}

// seed keys the hashes, so that input cannot be made of names whose hashes
// collide, which would make the check quadratic.
var seed = maphash.MakeSeed()

// add records m, or reports that a name read before equals it under case
// folding.
func (ns *memberNames) add(m member) error {
	if ns.n < smallObject {
		for _, prev := range ns.small[:ns.n] {
			if foldEqual(prev, m) {
				return fmt.Errorf("%w: %q", ErrDuplicate, m.name)
			}
		}
		ns.small[ns.n] = m
		ns.n++
		return nil
	}
	if ns.hashes == nil {
		ns.hashes = make(map[uint64]struct{}, 2*smallObject)
		for _, prev := range ns.small {
			ns.hashes[foldHash(prev)] = struct{}{}
		}
	}
	h := foldHash(m)
	if _, seen := ns.hashes[h]; seen { // a duplicate, or a rare collision
		for _, prev := range ns.small {
			if foldEqual(prev, m) {
				return fmt.Errorf("%w: %q", ErrDuplicate, m.name)
			}
		}
		for _, prev := range ns.more {
			if foldEqual(prev, m) {
				return fmt.Errorf("%w: %q", ErrDuplicate, m.name)
			}
		}
	}
	ns.hashes[h] = struct{}{}
	ns.more = append(ns.more, m)
	ns.n++
	return nil
}

// foldHash hashes a name so that names foldEqual calls equal hash equal.
func foldHash(m member) uint64 {
	var buf [64]byte
	if m.ascii {
		return maphash.Bytes(seed, appendFoldASCII(buf[:0], m.name))
	}
	return maphash.Bytes(seed, appendFold(buf[:0], m.name))
}

// object reads an object at s.pos, which holds '{', nested depth levels
// deep (0 for the top level).
func (s *scanner) object(depth int, out map[string]json.RawMessage) error {
	if depth >= MaxDepth {
		return fmt.Errorf("%w: nested deeper than %d", ErrInvalid, MaxDepth)
	}
	s.pos++ // '{'
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return nil
	}
	var names memberNames
	for {
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return s.unexpected("a member name")
		}
		start := s.pos + 1
		escaped, err := s.string()
		if err != nil {
			return err
		}
		raw := s.data[start : s.pos-1]
		name := raw
		if escaped {
			name = appendUnescaped(nil, raw)
		}
		if err := names.add(member{name: name, ascii: isASCII(name)}); err != nil {
			return err
		}

		s.space()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return s.unexpected("':'")
		}
		s.pos++
		s.space()
		vstart := s.pos
		if err := s.value(depth + 1); err != nil {
			return err
		}
		if out != nil {
			// The key is the table's own string for one of its names.
			i := s.names.Index(name)
			if s.exact {
				if err := s.names.refuse(name, i); err != nil {
					return err
				}
			}
			var key string
			if i >= 0 {
				key = s.names.names[i]
			} else {
				key = string(name)
			}
			out[key] = s.data[vstart:s.pos:s.pos]
		}
		if more, err := s.separator('}'); !more {
			return err
		}
	}
}

// separator reads what follows a member or element: ',' when more follow,
// or the closing delimiter.
func (s *scanner) separator(close byte) (more bool, err error) {
	s.space()
	if s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ',':
			s.pos++
			s.space()
			return true, nil
		case close:
			s.pos++
			return false, nil
		}
	}
	return false, s.unexpected("',' or '" + string(close) + "'")
}

// array reads an array at s.pos, which holds '['.
func (s *scanner) array(depth int) error {
	if depth >= MaxDepth {
		return fmt.Errorf("%w: nested deeper than %d", ErrInvalid, MaxDepth)
	}
	s.pos++ // '['
	s.space()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return nil
	}
	for {
		if err := s.value(depth + 1); err != nil {
			return err
		}
		if more, err := s.separator(']'); !more {
			return err
		}
	}
}

// value reads any JSON value at s.pos (RFC 8259 §3).
func (s *scanner) value(depth int) error {
	if s.pos >= len(s.data) {
		return s.unexpected("a value")
	}
	switch c := s.data[s.pos]; c {
	case '{':
		return s.object(depth, nil)
	case '[':
		return s.array(depth)
	case '"':
		_, err := s.string()
		return err
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	default:
		if c == '-' || isDigit(c) {
			return s.number()
		}
		return s.unexpected("a value")
	}
}

func (s *scanner) literal(word string) error {
	if string(s.data[s.pos:min(s.pos+len(word), len(s.data))]) != word {
		return s.unexpected(word)
	}
	s.pos += len(word)
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// number reads a number (RFC 8259 §6):
// -? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?
func (s *scanner) number() error {
	d := s.data
	i := s.pos
	if d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && isDigit(d[i]):
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	default:
		s.pos = i
		return s.unexpected("a digit")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if i >= len(d) || !isDigit(d[i]) {
			s.pos = i
			return s.unexpected("a digit after '.'")
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if i >= len(d) || !isDigit(d[i]) {
			s.pos = i
			return s.unexpected("a digit in the exponent")
		}
		for i < len(d) && isDigit(d[i]) {
			i++
		}
	}
	s.pos = i
	return nil
}

// plain marks the bytes a string holds as they are: not '"', not '\\', not
// a control character (RFC 8259 §7).
var plain = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// string reads a string at s.pos, which holds '"', and tells whether it
// holds an escape. The input is known to be valid UTF-8.
func (s *scanner) string() (escaped bool, err error) {
	d := s.data
	i := s.pos + 1
	for {
		for i < len(d) && plain[d[i]] {
			i++
		}
		if i >= len(d) {
			s.pos = i
			return false, s.unexpected(`'"'`)
		}
		switch d[i] {
		case '"':
			s.pos = i + 1
			return escaped, nil
		case '\\':
			escaped = true
			n, err := escapeLen(d[i:])
			if err != nil {
				return false, fmt.Errorf("%w at offset %d", err, i)
			}
			i += n
		default:
			return false, fmt.Errorf("%w: control character %#x in a string at offset %d", ErrInvalid, d[i], i)
		}
	}
}

// escapeLen checks the escape at the start of b (which holds '\\') and
// returns its length. A \u escape of a surrogate must be the first half of
// a pair immediately followed by the second half.
func escapeLen(b []byte) (int, error) {
	if len(b) < 2 {
		return 0, fmt.Errorf("%w: unfinished escape", ErrInvalid)
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2, nil
	case 'u':
		r, ok := hex4(b[2:])
		if !ok {
			return 0, fmt.Errorf("%w: \\u escape without four hex digits", ErrInvalid)
		}
		if !utf16IsSurrogate(r) {
			return 6, nil
		}
		if r < 0xdc00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			if r2, ok := hex4(b[8:]); ok && 0xdc00 <= r2 && r2 <= 0xdfff {
				return 12, nil
			}
		}
		return 0, fmt.Errorf("%w: \\u escape of a lone surrogate", ErrInvalid)
	}
	return 0, fmt.Errorf("%w: unknown escape \\%c", ErrInvalid, b[1])
}

func utf16IsSurrogate(r rune) bool { return 0xd800 <= r && r <= 0xdfff }

// hex4 reads four hex digits at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// appendUnescaped appends the contents of a string that string has checked
// (without its quotes) to dst, with its escapes decoded.
func appendUnescaped(dst, b []byte) []byte {
	for i := 0; i < len(b); {
		c := b[i]
		if c != '\\' {
			j := i + 1
			for j < len(b) && b[j] != '\\' {
				j++
			}
			dst = append(dst, b[i:j]...)
			i = j
			continue
		}
		switch b[i+1] {
		case 'u':
			r, _ := hex4(b[i+2:])
			i += 6
			if utf16IsSurrogate(r) {
				r2, _ := hex4(b[i+2:])
				r = 0x10000 + (r-0xd800)<<10 + (r2 - 0xdc00)
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
			continue
		case 'b':
			c = '\b'
		case 'f':
			c = '\f'
		case 'n':
			c = '\n'
		case 'r':
			c = '\r'
		case 't':
			c = '\t'
		default: // '"', '\\', '/'
			c = b[i+1]
		}
		dst = append(dst, c)
		i += 2
	}
	return dst
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Unquote reads raw as exactly one JSON string, under the rules of the
// package overview (valid UTF-8, no control characters, no bad escapes or
// lone surrogates), and returns its contents with escapes decoded. When the
// string has no escape the result is a slice of raw, so it costs no
// allocation.
func Unquote(raw []byte) ([]byte, error) {
	if len(raw) == 0 || raw[0] != '"' {
		return nil, fmt.Errorf("%w: not a string", ErrInvalid)
	}
	s := scanner{data: raw}
	escaped, err := s.string()
	if err != nil {
		return nil, err
	}
	if s.pos != len(raw) {
		return nil, fmt.Errorf("%w: data after the string", ErrInvalid)
	}
	contents := raw[1 : len(raw)-1]
	if !utf8.Valid(contents) {
		return nil, fmt.Errorf("%w: invalid UTF-8", ErrInvalid)
	}
	if !escaped {
		return contents, nil
	}
	return appendUnescaped(make([]byte, 0, len(contents)), contents), nil
}

// StringMember returns the member name of m, an object this package read,
// which must be a JSON string when present, under the rules of [Unquote];
// ok is false when it is absent.
func StringMember(m map[string]json.RawMessage, name string) (s string, ok bool, err error) {
	v, ok := m[name]
	if !ok {
		return "", false, nil
	}
	u, err := Unquote(v)
	if err != nil {
		return "", false, fmt.Errorf("%w: member %q is not a string", ErrInvalid, name)
	}
	return string(u), true, nil
}

// StringArray reads raw as exactly one JSON array of strings (white space
// allowed inside), under the rules of [Unquote], and returns them decoded.
// An empty array gives an empty, non-nil slice.
func StringArray(raw []byte) ([]string, error) {
	if len(raw) == 0 || raw[0] != '[' {
		return nil, fmt.Errorf("%w: not an array", ErrInvalid)
	}
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%w: invalid UTF-8", ErrInvalid)
	}
	s := scanner{data: raw, pos: 1}
	out := []string{}
	s.space()
	if s.pos < len(raw) && raw[s.pos] == ']' {
		s.pos++
	} else {
		// Two allocations for up to 8 elements: the list, sized by the
		// commas (an upper bound, capped so that commas inside strings
		// cannot make it large), and one string of raw that the elements
		// without escapes are slices of.
		out = make([]string, 0, min(1+bytes.Count(raw, []byte{','}), 8))
		whole := string(raw)
		for {
			if s.pos >= len(raw) || raw[s.pos] != '"' {
				return nil, s.unexpected("a string")
			}
			start := s.pos + 1
			escaped, err := s.string()
			if err != nil {
				return nil, err
			}
			if escaped {
				out = append(out, string(appendUnescaped(nil, raw[start:s.pos-1])))
			} else {
				out = append(out, whole[start:s.pos-1])
			}
			more, err := s.separator(']')
			if err != nil {
				return nil, err
			}
			if !more {
				break
			}
		}
	}
	if s.pos != len(raw) {
		return nil, fmt.Errorf("%w: data after the array", ErrInvalid)
	}
	return out, nil
}

// foldEqual tells whether two names are equal under Unicode simple case
// folding (rune by rune, as foldRune maps them), without allocating.
func foldEqual(a, b member) bool {
	if a.ascii && b.ascii {
		if len(a.name) != len(b.name) {
			return false
		}
		for i, c := range a.name {
			if lowerASCII(c) != lowerASCII(b.name[i]) {
				return false
			}
		}
		return true
	}
	x, y := a.name, b.name
	for len(x) > 0 && len(y) > 0 {
		r1, n1 := utf8.DecodeRune(x)
		r2, n2 := utf8.DecodeRune(y)
		if r1 != r2 && foldRune(r1) != foldRune(r2) {
			return false
		}
		x, y = x[n1:], y[n2:]
	}
	return len(x) == 0 && len(y) == 0
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// foldRune maps r to one representative of the runes that equal it under
// Unicode simple case folding (the relation encoding/json uses to match
// struct fields): its ASCII lower-case member where it has one, else its
// smallest member.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return rune(lowerASCII(byte(r)))
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	if m < utf8.RuneSelf {
		m = unicode.ToLower(m)
	}
	return m
}
