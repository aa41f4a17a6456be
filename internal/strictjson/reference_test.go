package strictjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file keeps the package's first implementation, built on
// encoding/json's Decoder.Token, as the oracle that the hand-written scanner
// is tested against (see differential_test.go) and as the "old" side of the
// benchmarks. It is slow and allocates per token, but its rules are easy to
// read.

func refObject(data []byte) (map[string]json.RawMessage, error) {
	if err := refCheck(data); err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return m, nil
}

func refCheck(data []byte) error {
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		return fmt.Errorf("%w: byte order mark", ErrInvalid)
	}
	if !utf8.Valid(data) {
		return fmt.Errorf("%w: invalid UTF-8", ErrInvalid)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return ErrNotObject
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := refWalk(dec, 0); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the object", ErrInvalid)
	}
	return nil
}

func refWalk(dec *json.Decoder, depth int) error {
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
			key := refFold(name)
			if _, dup := seen[key]; dup {
				return fmt.Errorf("%w: %q", ErrDuplicate, name)
			}
			seen[key] = struct{}{}
			if err := refWalk(dec, depth+1); err != nil {
				return err
			}
		}
	case '[':
		for dec.More() {
			if err := refWalk(dec, depth+1); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return nil
}

func refFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	b := make([]rune, 0, len(s))
	for _, r := range s {
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

// hasLoneSurrogate tells whether JSON holds a \u escape of a surrogate
// that is not half of a pair: the one thing the new scanner rejects on
// purpose that the reference accepts. On invalid JSON its answer may be
// wrong, which matters little: both reject it.
func hasLoneSurrogate(data []byte) bool {
	in := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			in = !in
		case in && c == '\\':
			if i+6 > len(data) {
				return false
			}
			if data[i+1] != 'u' {
				i++
				continue
			}
			var r uint64
			fmt.Sscanf(string(data[i+2:i+6]), "%x", &r)
			i += 5
			switch {
			case r >= 0xdc00 && r <= 0xdfff:
				return true
			case r >= 0xd800 && r < 0xdc00:
				var r2 uint64
				if i+7 > len(data) || data[i+1] != '\\' || data[i+2] != 'u' {
					return true
				}
				fmt.Sscanf(string(data[i+3:i+7]), "%x", &r2)
				if r2 < 0xdc00 || r2 > 0xdfff {
					return true
				}
				i += 6
			}
		}
	}
	return false
}
