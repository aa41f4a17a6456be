package jsonplan

import (
	"strconv"

	"github.com/joseproject/jose/internal/strictjson"
)

// anyValue reads one value, depth levels deep, as encoding/json fills an
// empty interface: map[string]any, []any, string, float64, bool or nil. A
// number too large for a float64 is a mismatch, as it is to encoding/json.
func (d *Decoder) anyValue(depth int) (any, error) {
	switch c := d.r.Peek(); c {
	case '{':
		empty, err := d.r.Object(depth)
		if err != nil {
			return nil, err
		}
		m := map[string]any{}
		if empty {
			return m, nil
		}
		var ms strictjson.Members
		for {
			name, err := d.r.Name(&ms)
			if err != nil {
				return nil, err
			}
			x, err := d.anyValue(depth + 1)
			if err != nil {
				return nil, err
			}
			m[string(name)] = x
			more, err := d.r.More('}')
			if err != nil {
				return nil, err
			}
			if !more {
				return m, nil
			}
		}
	case '[':
		empty, err := d.r.Array(depth)
		if err != nil {
			return nil, err
		}
		list := []any{}
		if empty {
			return list, nil
		}
		for {
			x, err := d.anyValue(depth + 1)
			if err != nil {
				return nil, err
			}
			list = append(list, x)
			more, err := d.r.More(']')
			if err != nil {
				return nil, err
			}
			if !more {
				return list, nil
			}
		}
	case '"':
		return d.stringValue()
	case 't', 'f', 'n':
		b, err := d.r.Literal()
		if err != nil || b == 'n' {
			return nil, err
		}
		return b == 't', nil
	default:
		num, err := d.r.Number()
		if err != nil {
			return nil, err
		}
		f, err := strconv.ParseFloat(string(num), 64)
		if err != nil {
			return nil, ErrMismatch
		}
		return f, nil
	}
}
