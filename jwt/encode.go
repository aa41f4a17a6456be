package jwt

import (
	"encoding/json"
	"reflect"
	"strconv"
)

// marshalClaims is the encoding fast path of Sign for claims that
// marshalsClaims accepts. The registered claims are written here from the
// Claims field; the rest of the struct goes through encoding/json with that
// field zeroed, which (every field of Claims being omitempty) writes no
// registered member. The result holds the same members with the same
// values as json.Marshal(claims), and the same bytes when Claims is the
// first field. ok is false when the slow path must run instead: a nil
// pointer, a date out of range, or an error from encoding/json, so that
// every error keeps the slow path's wording.
func marshalClaims(claims any) (payload []byte, ok bool) {
	v := reflect.ValueOf(claims)
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	var cl *Claims
	rest := []byte("{}")
	if v.Type() == claimsType {
		c := v.Interface().(Claims)
		cl = &c
	} else {
		i := embeddingOf(v.Type()).index
		if i == noClaims {
			return nil, false
		}
		cp := reflect.New(v.Type())
		cp.Elem().Set(v)
		f := cp.Elem().Field(i).Addr().Interface().(*Claims)
		c := *f
		cl, *f = &c, Claims{}
		var err error
		if rest, err = json.Marshal(cp.Interface()); err != nil || len(rest) < 2 || rest[0] != '{' {
			return nil, false
		}
	}
	b := make([]byte, 0, len(rest)+registeredSize(cl))
	b = append(b, '{')
	b, ok = appendRegistered(b, cl)
	if !ok {
		return nil, false
	}
	if len(b) > 1 && len(rest) > 2 {
		b = append(b, ',')
	}
	return append(b, rest[1:]...), true
}

// registeredSize estimates the JSON size of the registered claims.
func registeredSize(c *Claims) int {
	n := len(c.Issuer) + len(c.Subject) + len(c.ID) + 3*20 + 7*8
	for _, a := range c.Audience {
		n += len(a) + 3
	}
	return n
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
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}
