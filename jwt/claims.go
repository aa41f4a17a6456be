package jwt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/joseproject/jose/internal/strictjson"
)

// MaxNumericDate is the latest NumericDate accepted and written:
// 9999-12-31T23:59:59Z, in seconds since the epoch. Later values, like
// values before the epoch, are refused as malformed claims (T48): no token
// needs them and they overflow time arithmetic.
const MaxNumericDate = 253402300799

// NumericDate is a time as a JSON number of seconds since
// 1970-01-01T00:00:00Z UTC (RFC 7519 §2), used by "exp", "nbf" and "iat".
//
// On input it reads an integer or a fractional number (1300819380,
// 1300819380.5, 1.3e9) from 0 to [MaxNumericDate]; anything else (a string,
// null, a negative or later value, a number too large for a float) is an
// error wrapping [ErrInvalidClaims]. It is written as a whole number of
// seconds (any fraction is dropped), the form every JWT library reads.
type NumericDate struct {
	time.Time
}

// NewNumericDate returns t as a NumericDate, truncated to whole seconds.
func NewNumericDate(t time.Time) *NumericDate {
	return &NumericDate{t.Truncate(time.Second)}
}

// MarshalJSON writes the date as whole seconds since the epoch. It fails
// for a date before the epoch or after [MaxNumericDate].
func (d NumericDate) MarshalJSON() ([]byte, error) {
	s := d.Unix()
	if s < 0 || s > MaxNumericDate {
		return nil, fmt.Errorf("jwt: NumericDate %s is outside 1970..9999: %w", d.UTC().Format(time.RFC3339), ErrInvalidClaims)
	}
	return strconv.AppendInt(nil, s, 10), nil
}

// UnmarshalJSON reads a JSON number as described on [NumericDate].
func (d *NumericDate) UnmarshalJSON(b []byte) error {
	t, err := parseNumericDate(b)
	if err != nil {
		return fmt.Errorf("jwt: NumericDate: %w", err)
	}
	d.Time = t
	return nil
}

// parseNumericDate reads the JSON number b. Errors wrap ErrInvalidClaims
// and name no claim; the caller adds the name.
func parseNumericDate(b []byte) (time.Time, error) {
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return time.Time{}, invalidClaims("must be a number of seconds")
	}
	if len(b) <= 12 { // MaxNumericDate has 12 digits: whole seconds without strconv
		s, digits := int64(0), true
		for _, c := range b {
			if c < '0' || c > '9' {
				digits = false
				break
			}
			s = s*10 + int64(c-'0')
		}
		if digits && s <= MaxNumericDate {
			return time.Unix(s, 0), nil
		}
	}
	if !bytes.ContainsAny(b, ".eE") {
		s, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil || s < 0 || s > MaxNumericDate {
			return time.Time{}, invalidClaims("%.40s is outside 0..%d", b, MaxNumericDate)
		}
		return time.Unix(s, 0), nil
	}
	f, err := strconv.ParseFloat(string(b), 64)
	// The negated comparisons also catch NaN, which JSON cannot spell but a
	// caller of UnmarshalJSON could pass.
	if err != nil || !(f >= 0) || !(f <= MaxNumericDate) {
		return time.Time{}, invalidClaims("%.40s is outside 0..%d", b, MaxNumericDate)
	}
	sec := math.Floor(f)
	ns := math.Round((f - sec) * 1e9)
	if ns >= 1e9 {
		sec, ns = sec+1, 0
	}
	return time.Unix(int64(sec), int64(ns)), nil
}

// Audience is the "aud" claim (RFC 7519 §4.1.3): the recipients the token is
// meant for. It reads a single string or an array of strings; anything else
// (null, a number, an object, an array holding a non-string) is an error
// wrapping [ErrInvalidClaims].
//
// It is written as a single string when it holds exactly one value (the
// special case RFC 7519 §4.1.3 allows) and as an array otherwise; the
// signing option [WithAudienceArray] writes an array always.
type Audience []string

// MarshalJSON writes one value as a string, and zero or several as an array.
func (a Audience) MarshalJSON() ([]byte, error) {
	if len(a) == 1 {
		if plainASCII(a[0]) {
			return append(append(append(make([]byte, 0, len(a[0])+2), '"'), a[0]...), '"'), nil
		}
		return json.Marshal(a[0])
	}
	return json.Marshal([]string(a))
}

// plainASCII reports whether s is printable ASCII that JSON (and
// encoding/json, which escapes <, > and &) writes as it is, between quotes.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}

// UnmarshalJSON reads a string or an array of strings.
func (a *Audience) UnmarshalJSON(b []byte) error {
	v, err := parseAudience(b)
	if err != nil {
		return fmt.Errorf("jwt: Audience: %w", err)
	}
	*a = v
	return nil
}

func parseAudience(b []byte) (Audience, error) {
	if len(b) > 0 && b[0] == '"' {
		s, err := strictjson.Unquote(b)
		if err != nil {
			return nil, invalidClaims("not a JSON string")
		}
		return Audience{string(s)}, nil
	}
	list, err := strictjson.StringArray(b)
	if err != nil {
		return nil, invalidClaims("must be a string or an array of strings")
	}
	return Audience(list), nil
}

// Contains reports whether s is one of the audience's values. The match is
// exact: no prefix, case folding or URI normalisation (T49).
func (a Audience) Contains(s string) bool {
	for _, v := range a {
		if v == s {
			return true
		}
	}
	return false
}

// Claims holds the registered claims of RFC 7519 §4.1. Embed it in a struct
// of the application's own claims to verify both at once:
//
//	type AccessClaims struct {
//		jwt.Claims
//		Scope string `json:"scope"`
//	}
//
// An absent claim is the zero value. Claims has no JSON methods of its own,
// so embedding it keeps the embedding struct's other fields.
type Claims struct {
	Issuer    string       `json:"iss,omitempty"` // RFC 7519 §4.1.1
	Subject   string       `json:"sub,omitempty"` // RFC 7519 §4.1.2
	Audience  Audience     `json:"aud,omitempty"` // RFC 7519 §4.1.3
	ExpiresAt *NumericDate `json:"exp,omitempty"` // RFC 7519 §4.1.4
	NotBefore *NumericDate `json:"nbf,omitempty"` // RFC 7519 §4.1.5
	IssuedAt  *NumericDate `json:"iat,omitempty"` // RFC 7519 §4.1.6
	ID        string       `json:"jti,omitempty"` // RFC 7519 §4.1.7
}

// registeredNames are the claims of RFC 7519 §4.1.
var registeredNames = [...]string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti"}

// claimNames is the table a claim set is read with: the registered claims
// cost no allocation for their names, and a claim whose name differs from
// one of them only in case is refused.
var claimNames = strictjson.NewNames(registeredNames[:]...)

// claimSet is a parsed claim set: the registered claims read with type
// checks, which of them are present, and the other members: undecoded in
// members on the reference path, or left in payload on the planned path
// (see planned.go).
type claimSet struct {
	members map[string]json.RawMessage
	payload []byte
	present uint8 // bit i: registeredNames[i] is present (and so not null)
	claims  Claims
}

// has reports whether the claim is present with a value other than null.
func (s *claimSet) has(name string) bool {
	if i := registeredIndex(name); i >= 0 {
		return s.present&(1<<i) != 0
	}
	if s.members != nil {
		v, ok := s.members[name]
		return ok && string(v) != "null"
	}
	found := false
	_ = strictjson.EachMember(s.payload, func(n, v []byte) error {
		if string(n) == name && string(v) != "null" {
			found = true
		}
		return nil
	})
	return found
}

// parseClaims reads a claim set: one JSON object (RFC 7519 §7.2 step 10)
// under the strictjson rules, so that {"exp":1,"EXP":2} and duplicate
// members are refused (T21), whose registered claims have their registered
// types (T22). A registered claim that is null is refused rather than taken
// as absent.
//
// The string claims share one allocation, and so do the dates, so that a
// claim set costs a fixed handful of allocations however many of the
// registered claims it has.
func parseClaims(payload []byte) (*claimSet, error) {
	s := new(claimSet)
	if err := readClaims(payload, s, registeredOnly); err != nil {
		return nil, err
	}
	return s, nil
}

// readClaims is [parseClaims] into a claim set of the caller's, which can
// then live on the caller's stack, for the claims type e describes.
//
// encoding/json matches struct fields without regard to case (Unicode
// simple folding), so {"EXP":1} would fill Claims.ExpiresAt, and {"ADMIN":
// true} a field tagged "admin", when the claims are decoded into the
// caller's type, although the checks here, and every reader of exact
// names, saw no such claim. So a claim whose name differs only in case from
// a registered claim, or from the JSON name of a field of the type, is
// refused (T21, T70), as the members are read.
func readClaims(payload []byte, s *claimSet, e *embedding) error {
	// The members alias payload, which nothing changes while they are used.
	m, err := e.names.ObjectAliasedExact(payload)
	if err != nil {
		return e.claimSetError(err)
	}
	*s = claimSet{members: m}
	for i, name := range registeredNames {
		if _, ok := m[name]; ok {
			s.present |= 1 << i
		}
	}
	c := &s.claims

	// "iss", "sub", "jti" and a single "aud" string: unquoted, then copied
	// into one string that the claims slice.
	strNames := [...]string{"iss", "sub", "jti", "aud"}
	var unquoted [len(strNames)][]byte
	var present [len(strNames)]bool
	var audErr error
	total := 0
	for i, name := range strNames {
		v, ok := m[name]
		if !ok || (name == "aud" && (len(v) == 0 || v[0] != '"')) {
			continue
		}
		u, err := strictjson.Unquote(v)
		if err != nil && name == "aud" {
			audErr = claimError(name, invalidClaims("not a JSON string: %w", err)) // reported after the dates, as before
			continue
		}
		if err != nil {
			return claimError(name, invalidClaims("must be a string: %w", err))
		}
		unquoted[i], present[i] = u, true
		total += len(u)
	}
	var all strings.Builder
	all.Grow(total)
	for _, u := range unquoted {
		all.Write(u)
	}
	joined := all.String()
	strs := [len(strNames)]string{}
	for i, u := range unquoted {
		strs[i], joined = joined[:len(u)], joined[len(u):]
	}
	c.Issuer, c.Subject, c.ID = strs[0], strs[1], strs[2]

	var dates *[3]NumericDate
	for i, date := range [...]struct {
		name string
		dst  **NumericDate
	}{{"exp", &c.ExpiresAt}, {"nbf", &c.NotBefore}, {"iat", &c.IssuedAt}} {
		v, ok := m[date.name]
		if !ok {
			continue
		}
		t, err := parseNumericDate(v)
		if err != nil {
			return claimError(date.name, err)
		}
		if dates == nil {
			dates = new([3]NumericDate)
		}
		dates[i] = NumericDate{t}
		*date.dst = &dates[i]
	}

	switch v, ok := m["aud"]; {
	case audErr != nil:
		return audErr
	case present[3]:
		c.Audience = Audience{strs[3]}
	case ok:
		a, err := parseAudience(v)
		if err != nil {
			return claimError("aud", err)
		}
		c.Audience = a
	}
	return nil
}

// isRegistered reports whether name is one of registeredNames.
func isRegistered(name string) bool { return registeredIndex(name) >= 0 }

// registeredIndex returns the position of name in registeredNames, or -1.
func registeredIndex(name string) int {
	switch name {
	case "iss":
		return 0
	case "sub":
		return 1
	case "aud":
		return 2
	case "exp":
		return 3
	case "nbf":
		return 4
	case "iat":
		return 5
	case "jti":
		return 6
	}
	return -1
}
