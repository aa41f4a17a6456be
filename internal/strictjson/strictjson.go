// Package strictjson reads JSON objects from untrusted input without the
// ambiguities that encoding/json lets through (threat T21).
//
// encoding/json keeps the last of two members with the same name, and when it
// fills a struct it matches member names without regard to case, so
// {"alg":"HS256","ALG":"none"} can mean "none" to one parser and "HS256" to
// another. [Object] rejects, at every depth: member names that are equal or
// differ only in case, invalid UTF-8, a byte order mark, anything after the
// object, and nesting deeper than [MaxDepth].
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting of arrays and objects accepted.
const MaxDepth = 64

// Errors returned by this package. Callers wrap them into their own
// package's malformed-input error.
var (
	ErrNotObject = errors.New("not a JSON object")
	ErrDuplicate = errors.New("duplicate member name")
	ErrInvalid   = errors.New("invalid JSON")
)

// Object checks that data is exactly one JSON object with the rules of the
// package overview, and returns its members undecoded.
func Object(data []byte) (map[string]json.RawMessage, error) {
	if err := Check(data); err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return m, nil
}

// Check applies the rules of the package overview to data without decoding
// it. A caller that has checked data may then decode it with encoding/json,
// into a struct too, without ambiguity.
func Check(data []byte) error {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			return fmt.Errorf("%w: byte order mark", ErrInvalid)
		}
		return ErrNotObject
	}
	return CheckValue(data)
}

// CheckValue is [Check] for any one JSON value (an array, for example), not
// only an object.
func CheckValue(data []byte) error {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return fmt.Errorf("%w: byte order mark", ErrInvalid)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%w: invalid UTF-8", ErrInvalid)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := walk(dec, 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the value", ErrInvalid)
	}
	return nil
}

// walk reads one JSON value from dec, checking member names and depth.
func walk(dec *json.Decoder, depth int) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil // a scalar
	}
	if depth >= MaxDepth {
		return fmt.Errorf("%w: nested deeper than %d", ErrInvalid, MaxDepth)
	}
	switch d {
	case '{':
		seen := map[string]struct{}{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return fmt.Errorf("%w: %v", ErrInvalid, err)
			}
			name, _ := tok.(string)
			key := fold(name)
			if _, dup := seen[key]; dup {
				return fmt.Errorf("%w: %q", ErrDuplicate, name)
			}
			seen[key] = struct{}{}
			if err := walk(dec, depth+1); err != nil {
				return err
			}
		}
	case '[':
		for dec.More() {
			if err := walk(dec, depth+1); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

// fold maps every name to one representative of the names that equal it
// under Unicode case folding (the relation encoding/json uses to match
// struct fields), so that a map lookup finds case-insensitive duplicates.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s) // allocates only when s has upper case
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
		// One rune stands for r's whole folding orbit: its ASCII lower-case
		// member where it has one (so that this agrees with the ASCII path),
		// else its smallest member.
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		if m < utf8.RuneSelf {
			m = unicode.ToLower(m)
		}
		b = append(b, m)
	}
	return string(b)
}
