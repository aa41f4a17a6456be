package jwt

import (
	"bytes"
	"reflect"

	"github.com/joseproject/jose/internal/jsonplan"
	"github.com/joseproject/jose/internal/strictjson"
)

// The planned path of Verify reads a claim set in one pass: a
// jsonplan.Plan of the claims type fills T and reports where the
// registered claims are, which are then read with their registered types.
// It accepts a claim set only when the reference path (readClaims, then
// decodeClaims with encoding/json) would accept it and fill T the same
// way; it gives up on anything else, and the reference path then runs
// and says why, in its own words. The differential tests hold the two
// paths together.

// planOf builds the plan of t for e, or leaves e.plan nil when t cannot
// be planned. The registered claims are the plan's side names; when t
// (through pointers) embeds Claims as claimsIndex requires, the plan
// leaves Claims' fields alone, and planned sets them from the registered
// claims read.
func (e *embedding) planOf(t reflect.Type) {
	if t == claimsType {
		// Nothing to fill: the registered claims are all there is.
		e.plan, _ = jsonplan.New(reflect.TypeFor[struct{}](), registeredNames[:], nil)
		e.planIndex = noClaims
		return
	}
	st := t
	for st.Kind() == reflect.Pointer {
		st = st.Elem()
	}
	e.planIndex = claimsIndex(st)
	leave := func(index []int) bool { return len(index) == 2 && index[0] == e.planIndex }
	if e.planIndex == noClaims {
		leave = nil
	}
	e.plan, _ = jsonplan.New(t, registeredNames[:], leave)
	e.encodeValid = e.plan != nil && e.index != noClaims && e.plan.Valid(e.index)
}

// planned decodes payload into *p and reads its registered claims into s.
// It reports false when the reference path must run instead.
func planned[T any](p *T, payload []byte, s *claimSet, e *embedding) bool {
	if e.plan == nil {
		return false
	}
	c, isClaims := any(p).(*Claims)
	v := reflect.ValueOf(p).Elem()
	if isClaims {
		// The plan of an empty struct: the registered claims only.
		v = reflect.ValueOf(&struct{}{}).Elem()
	}
	var d jsonplan.Decoder
	if err := e.plan.Decode(&d, payload, v); err != nil {
		return false
	}
	*s = claimSet{payload: payload}
	if !s.registered(&d, payload) {
		return false
	}
	if isClaims {
		*c = s.claims
		return true
	}
	if e.planIndex != noClaims {
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		*v.Field(e.planIndex).Addr().Interface().(*Claims) = s.claims
	}
	return true
}

// registered reads the registered claims that d found, with the checks
// and the results of readClaims. The strings are slices of one copy of the
// claim set. It reports false for a claim readClaims refuses.
func (s *claimSet) registered(d *jsonplan.Decoder, payload []byte) bool {
	c := &s.claims
	var dates *[3]NumericDate
	for i, sp := range d.Side[:len(registeredNames)] {
		if sp.Start < 0 {
			continue
		}
		s.present |= 1 << i
		raw := payload[sp.Start:sp.End]
		switch i {
		case 3, 4, 5: // exp, nbf, iat
			t, err := parseNumericDate(raw)
			if err != nil {
				return false
			}
			if dates == nil {
				dates = new([3]NumericDate)
			}
			dates[i-3] = NumericDate{t}
			*[...]**NumericDate{&c.ExpiresAt, &c.NotBefore, &c.IssuedAt}[i-3] = &dates[i-3]
			continue
		case 2: // aud
			if raw[0] != '"' {
				a, err := parseAudience(raw)
				if err != nil {
					return false
				}
				c.Audience = a
				continue
			}
		}
		if raw[0] != '"' {
			return false // readClaims refuses a registered string claim that is not one
		}
		// The reader has checked the string: only escapes are left to decode.
		var str string
		if contents := raw[1 : len(raw)-1]; bytes.IndexByte(contents, '\\') < 0 {
			str = d.String(sp.Start+1, sp.End-1) // a slice of the claim set's one copy
		} else {
			str = string(strictjson.AppendUnescaped(nil, contents))
		}
		switch i {
		case 0:
			c.Issuer = str
		case 1:
			c.Subject = str
		case 2:
			c.Audience = Audience{str}
		case 6:
			c.ID = str
		}
	}
	return true
}
