package strictjson

import "fmt"

// EachMember calls fn with the name, unescaped, and the value (its exact
// bytes) of each member of the JSON object raw, in order, and stops at the
// first error fn returns. It is meant for a value of a document that
// [Check] or [Object] has accepted: it checks the grammar again, but not
// the duplicate names nor the UTF-8. name is valid only during the call;
// value is a slice of raw. It allocates nothing unless a name holds an
// escape.
func EachMember(raw []byte, fn func(name, value []byte) error) error {
	if len(raw) == 0 || raw[0] != '{' {
		return ErrNotObject
	}
	s := scanner{data: raw, pos: 1}
	s.space()
	if s.pos < len(raw) && raw[s.pos] == '}' {
		s.pos++
		return s.end()
	}
	for {
		if s.pos >= len(raw) || raw[s.pos] != '"' {
			return s.unexpected("a member name")
		}
		start := s.pos + 1
		escaped, err := s.string()
		if err != nil {
			return err
		}
		name := raw[start : s.pos-1]
		if escaped {
			name = appendUnescaped(nil, name)
		}
		s.space()
		if s.pos >= len(raw) || raw[s.pos] != ':' {
			return s.unexpected("':'")
		}
		s.pos++
		s.space()
		vstart := s.pos
		if err := s.value(1); err != nil {
			return err
		}
		if err := fn(name, raw[vstart:s.pos:s.pos]); err != nil {
			return err
		}
		more, err := s.separator('}')
		if err != nil {
			return err
		}
		if !more {
			return s.end()
		}
	}
}

// EachElement calls fn with each element (its exact bytes) of the JSON
// array raw, in order, and stops at the first error fn returns. It is meant,
// as [EachMember] is, for a value of a document already checked.
func EachElement(raw []byte, fn func(value []byte) error) error {
	if len(raw) == 0 || raw[0] != '[' {
		return fmt.Errorf("%w: not an array", ErrInvalid)
	}
	s := scanner{data: raw, pos: 1}
	s.space()
	if s.pos < len(raw) && raw[s.pos] == ']' {
		s.pos++
		return s.end()
	}
	for {
		start := s.pos
		if err := s.value(1); err != nil {
			return err
		}
		if err := fn(raw[start:s.pos:s.pos]); err != nil {
			return err
		}
		more, err := s.separator(']')
		if err != nil {
			return err
		}
		if !more {
			return s.end()
		}
	}
}

// end checks that nothing but white space follows the value just read.
func (s *scanner) end() error {
	s.space()
	if s.pos != len(s.data) {
		return fmt.Errorf("%w: data after the value at offset %d", ErrInvalid, s.pos)
	}
	return nil
}
