package jwt

import (
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/joseproject/jose/internal/fieldnames"
	"github.com/joseproject/jose/internal/jsonplan"
	"github.com/joseproject/jose/internal/strictjson"
)

// An embedding is how a claims type T is read and decoded.
//
// names is the table its claim set is read with: the registered claims and
// the JSON names of T's fields, so that a claim whose name differs from one
// of them only in case is refused as the claim set is read (T70). fields
// then checks the members of the claims that hold structs, at any depth; it
// is nil when T reads no struct.
//
// For the decoding fast path of claimsOf, index is the field of a struct
// that embeds [Claims] by value, at the top, where encoding/json would fill
// it from the registered claims and from nothing else. Such a T is decoded
// from the claim set without its registered members, which [readClaims]
// has already read with the same checks and the same results, and the
// Claims field is then set from them. Any other T is decoded from the whole
// claim set.
type embedding struct {
	index  int // the Claims field of T; -1 when T does not qualify
	names  *strictjson.Names
	fields *fieldnames.Checker
	// plan is the planned path's (planned.go); nil when T cannot be
	// planned. planIndex is the Claims field of the struct T holds, through
	// pointers, as index is of T itself.
	plan      *jsonplan.Plan
	planIndex int
	// encodeValid: what the plan writes for T but its Claims field is
	// valid JSON by construction (jsonplan.Plan.Valid), for Sign.
	encodeValid bool
	// marshals: Sign may write T's registered claims from its Claims
	// field (see marshalsClaims): T embeds Claims as index requires and
	// *T has no JSON or text marshaller.
	marshals bool
	// notObject says why T cannot hold a claim set (a JSON object), so
	// that Verify[T] refuses T before it reads any token; nil for the
	// types that can.
	notObject error
}

// registeredOnly reads a claim set for no particular type (Sign's checks):
// the registered claims are all the names it knows.
var registeredOnly = &embedding{index: noClaims, names: claimNames}

// embeddings caches the embedding of each type Verify was called with. It
// holds types only, never values.
var embeddings sync.Map // reflect.Type → *embedding

var (
	claimsType          = reflect.TypeFor[Claims]()
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

const noClaims = -1 // the index of a type that does not qualify

// embeddingOf returns how t is read and decoded.
func embeddingOf(t reflect.Type) *embedding {
	if e, ok := embeddings.Load(t); ok {
		return e.(*embedding)
	}
	e := &embedding{index: claimsIndex(t), names: claimNames, fields: fieldnames.For(t)}
	if fields := e.fields.Names(); fields != nil {
		e.names = strictjson.NewNames(append(registeredNames[:], fields...)...)
	}
	p := reflect.PointerTo(t)
	e.marshals = e.index != noClaims && !p.Implements(jsonMarshalerType) && !p.Implements(textMarshalerType)
	e.planOf(t)
	e.notObject = objectType(t)
	actual, _ := embeddings.LoadOrStore(t, e)
	return actual.(*embedding)
}

// objectType returns nil when a JSON object can decode into t, as
// encoding/json does it: a struct, a map with string (or text) keys, an
// empty interface, a type with its own UnmarshalJSON, or a pointer to one
// of these. Otherwise every claim set would fail to decode, whatever the
// token, and the error says so once, as a misuse of Verify.
func objectType(t reflect.Type) error {
	name := t.String()
	for {
		if t.Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(jsonUnmarshalerType) {
			return nil
		}
		if t.Kind() != reflect.Pointer {
			break
		}
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		return nil
	case reflect.Map:
		k := t.Key()
		if k.Kind() == reflect.String || reflect.PointerTo(k).Implements(textUnmarshalerType) {
			return nil
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return nil
		}
	}
	return optionError("Verify[%s]: a claim set is a JSON object, which decodes into a struct, a map with string keys or any, not into this type", name)
}

// claimSetError describes why the claim set could not be read: a claim
// named like a registered claim or a field of the type but for case, or the
// strictjson rules.
func (e *embedding) claimSetError(err error) error {
	var nc *strictjson.NameCaseError
	switch {
	case !errors.As(err, &nc):
		return fmt.Errorf("jwt: claim set: %w: %w", err, ErrInvalidClaims)
	case isRegistered(nc.Want):
		return fmt.Errorf("jwt: claim %+q: only %q names the registered claim (claim names are case-sensitive): %w", clip(nc.Name), nc.Want, ErrInvalidClaims)
	}
	return fmt.Errorf("jwt: claim %+q is not %q, the JSON name of %s (claim names are case-sensitive): %w",
		clip(nc.Name), nc.Want, e.fields.Field(nc.Want), ErrInvalidClaims)
}

// claimsIndex returns the index of the field of t that embeds Claims, or -1
// unless all of these hold: t is a struct without JSON methods of its own
// (or promoted ones); exactly one of its fields is an exported, untagged
// embedding of Claims by value; and no other field, at any depth of
// embedding, has a JSON name that could match a registered claim (whose
// near-names readClaims refuses, so that a case-insensitive comparison
// covers them).
func claimsIndex(t reflect.Type) int {
	if t.Kind() != reflect.Struct {
		return noClaims
	}
	p := reflect.PointerTo(t)
	if p.Implements(jsonUnmarshalerType) || p.Implements(textUnmarshalerType) {
		return noClaims
	}
	index := noClaims
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Type == claimsType {
			if index >= 0 || !f.IsExported() || f.Tag.Get("json") != "" {
				return noClaims
			}
			index = i
		}
	}
	if index == noClaims {
		return noClaims
	}
	for _, f := range fieldnames.Fields(t) {
		if f.Index[0] == index {
			continue // a field of the embedded Claims
		}
		for _, reg := range registeredNames {
			if strings.EqualFold(f.Name, reg) {
				return noClaims
			}
		}
	}
	return index
}

// withoutRegistered returns the claim set as a JSON object without its
// registered members. Member order does not matter: readClaims has refused
// names that are equal or differ only in case, so no two members can fill
// the same field.
func withoutRegistered(members map[string]json.RawMessage, size int) []byte {
	b := make([]byte, 0, size)
	b = append(b, '{')
	for name, v := range members {
		if isRegistered(name) {
			continue
		}
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ':')
		b = append(b, v...)
	}
	return append(b, '}')
}

// appendJSONString appends s, valid UTF-8, as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

var (
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// marshalsClaims reports whether claims is a Claims, a struct that embeds
// Claims as claimsIndex requires, or a pointer to either, with no JSON
// methods of its own: then every registered claim of its JSON form is
// written by a field of Claims, with its registered type. For a struct it
// also returns the struct's embedding, for appendClaims: one lookup of the
// type per Sign.
func marshalsClaims(claims any) (*embedding, bool) {
	switch claims.(type) {
	case Claims, *Claims:
		return nil, true
	}
	t := reflect.TypeOf(claims)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil, false // claimsIndex takes structs only
	}
	e := embeddingOf(t)
	return e, e.marshals
}
