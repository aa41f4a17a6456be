package jwt

import (
	"reflect"
	"strconv"

	"github.com/joseproject/jose/internal/jsonplan"
)

// marshalClaims is appendClaims into a new buffer.
func marshalClaims(claims any) (payload []byte, ok bool) {
	payload, _, ok = appendClaims(claims, nil)
	return payload, ok
}

// appendClaims is appendClaimsOf for claims that marshalsClaims accepts,
// looking their embedding up; ok is false for the others.
func appendClaims(claims any, dst []byte) (payload []byte, checked, ok bool) {
	e, fast := marshalsClaims(claims)
	if !fast {
		return nil, false, false
	}
	return appendClaimsOf(claims, e, dst)
}

// appendClaimsOf is the encoding fast path of Sign for claims that
// marshalsClaims accepts, with the embedding it returned (nil for Claims
// and *Claims), appended to dst. The registered claims are
// written here from the Claims field; the rest of the struct by the plan
// of its type (jsonplan), which writes what encoding/json writes. The
// result holds the same members with the same values as
// json.Marshal(claims), and the same bytes when Claims is the first field.
// checked reports that the result needs no strictjson check (see
// embedding.encodeValid). ok is false when the slow path must run instead: a
// nil pointer, a type without a plan, a date out of range, or a value the
// plan leaves to encoding/json as a whole, so that every error keeps the
// slow path's wording.
func appendClaimsOf(claims any, e *embedding, dst []byte) (payload []byte, checked, ok bool) {
	var cl *Claims
	var byValue Claims
	var v reflect.Value
	switch x := claims.(type) {
	case Claims:
		cl = &x
	case *Claims:
		if x == nil {
			return nil, false, false
		}
		cl = x
	default:
		v = reflect.ValueOf(claims)
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return nil, false, false
			}
			v = v.Elem()
		}
		if e.plan == nil {
			return nil, false, false
		}
		if v.CanAddr() {
			cl = v.Field(e.index).Addr().Interface().(*Claims)
		} else {
			// A struct given by value: its Claims is copied out (Interface
			// of an unaddressable value makes no copy of its own), not the
			// whole struct, whose other fields stay unaddressable, as
			// json.Marshal sees them.
			byValue = v.Field(e.index).Interface().(Claims)
			cl = &byValue
		}
	}
	b := append(dst, '{')
	b, ok = appendRegistered(b, cl)
	if !ok {
		return nil, false, false
	}
	if e == nil {
		return append(b, '}'), true, true
	}
	mark := len(b)
	if len(b) > 1 {
		b = append(b, ',')
	}
	if b, ok = e.plan.Encode(b, v, e.index); !ok {
		return nil, false, false
	}
	if len(b) == mark+2 && b[mark] == ',' { // no other member
		b = append(b[:mark], '}')
	}
	return b, e.encodeValid, true
}

// appendRegistered appends the members encoding/json writes for the fields
// of c, in their order, without the braces. It reports false for a date
// that NumericDate.MarshalJSON refuses.
func appendRegistered(b []byte, c *Claims) ([]byte, bool) {
	member := func(name string) {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
	}
	str := func(name, s string) {
		if s != "" {
			member(name)
			b = appendEncodedString(b, s)
		}
	}
	date := func(name string, d *NumericDate) bool {
		if d == nil {
			return true
		}
		s := d.Unix()
		if s < 0 || s > MaxNumericDate {
			return false
		}
		member(name)
		b = strconv.AppendInt(b, s, 10)
		return true
	}
	str("iss", c.Issuer)
	str("sub", c.Subject)
	if len(c.Audience) > 0 { // Audience.MarshalJSON
		member("aud")
		if len(c.Audience) == 1 {
			b = appendEncodedString(b, c.Audience[0])
		} else {
			b = append(b, '[')
			for i, a := range c.Audience {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendEncodedString(b, a)
			}
			b = append(b, ']')
		}
	}
	if !date("exp", c.ExpiresAt) || !date("nbf", c.NotBefore) || !date("iat", c.IssuedAt) {
		return nil, false
	}
	str("jti", c.ID)
	return b, true
}

// appendEncodedString appends s as encoding/json writes it: as it is
// between quotes when plainASCII, else through encoding/json itself (which
// escapes <, > and &, and replaces invalid UTF-8).
func appendEncodedString(b []byte, s string) []byte {
	if plainASCII(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return jsonplan.AppendString(b, s)
}
