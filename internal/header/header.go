// Package header holds what JWS and JWE share about JOSE headers: splitting
// the compact serialization, decoding a protected header strictly, typed
// access to members with type checks (T22), the disjointness rule between
// protected and unprotected headers (T27), and "crit" (T23).
//
// Every error wraps [jwa.ErrMalformed].
package header

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// Members is a JOSE header as its members' undecoded JSON values. It is
// not internal/jwkcodec.Members, the members of a JWK, because a header's
// readers check a token's parameters (booleans, integers such as "p2c",
// "crit", unbounded base64url) and say "header member", while a key's
// bound every value by its key type's size and say what the key lacks;
// both read their strings through internal/strictjson.
type Members map[string]json.RawMessage

func malformed(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, jwa.ErrMalformed)...)
}

// Get returns a copy of the undecoded JSON value of a member.
func (m Members) Get(name string) (json.RawMessage, bool) {
	v, ok := m[name]
	return slices.Clone(v), ok
}

// Critical returns "crit" when it is an array of strings, else nil (a
// parsed header's "crit" was checked by [CheckCrit]).
func (m Members) Critical() []string {
	s, _, _ := m.Strings("crit")
	return s
}

// Names returns the member names, sorted.
func (m Members) Names() []string { return slices.Sorted(maps.Keys(m)) }

// MarshalJSON writes the members as a JSON object, sorted by name; no
// members is "{}".
func (m Members) MarshalJSON() ([]byte, error) {
	if len(m) == 0 {
		return []byte("{}"), nil
	}
	return json.Marshal(map[string]json.RawMessage(m))
}

// SplitCompact splits a compact serialization into exactly n parts. It
// counts the dots before it allocates, so a token of many dots costs no
// memory (T19).
func SplitCompact(token string, n int) ([]string, error) {
	if token == "" {
		return nil, malformed("the token is empty")
	}
	if c := strings.Count(token, "."); c != n-1 {
		return nil, malformed("compact serialization has %d parts, want %d", c+1, n)
	}
	return strings.SplitN(token, ".", n), nil
}

// names are the header parameters of JWS and JWE (RFC 7515 §4.1, RFC
// 7516 §4.1, RFC 7518 §4.6.1, §4.7.1, §4.8.1, RFC 7797 §3, and "ek" and
// "psk_id" of draft-ietf-jose-hpke-encrypt): a header parsed here costs no
// allocation for their names. Other names are kept too, and copied.
var names = strictjson.NewNames(
	"alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256",
	"typ", "cty", "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c", "b64",
	"ek", "psk_id",
)

// ObjectAliased parses raw, a buffer the caller owns and does not change
// while the members are used, as one JSON object under the strictjson
// rules; the members are slices of raw.
func ObjectAliased(raw []byte) (Members, error) {
	return names.ObjectAliased(raw)
}

// DecodeProtected decodes the base64url of a protected header and parses
// it as one JSON object under the strictjson rules (no duplicate members,
// valid UTF-8, nothing after the object). The members are slices of the
// decoded buffer, which nothing else holds, so it is not copied again.
func DecodeProtected(b64 string) (Members, error) {
	raw, err := base64url.DecodeString(b64)
	if err != nil {
		return nil, malformed("protected header is not base64url: %w", err)
	}
	m, err := ObjectAliased(raw)
	if err != nil {
		return nil, malformed("protected header: %w", err)
	}
	return m, nil
}

// Parse parses a header (what names it in errors) as one JSON object under
// the strictjson rules. The members do not alias raw.
func Parse(raw []byte, what string) (Members, error) {
	m, err := names.Object(raw)
	if err != nil {
		return nil, malformed("%s: %w", what, err)
	}
	return m, nil
}

// unquote returns the contents of a member that must be a JSON string, with
// escapes decoded; without escapes it is a slice of the member's value.
func (m Members) unquote(name string) ([]byte, bool, error) {
	v, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	s, err := strictjson.Unquote(v)
	if err != nil {
		return nil, false, malformed("header member %q must be a string: %w", name, err)
	}
	return s, true, nil
}

// String returns a member that must be a JSON string: valid UTF-8, without
// control characters, bad escapes or lone surrogate escapes (the
// strictjson rules). It allocates only the string it returns.
func (m Members) String(name string) (string, bool, error) {
	s, ok, err := m.unquote(name)
	return string(s), ok, err
}

// Bytes returns a member that must be a base64url string, decoded. It
// decodes straight from the member's JSON when the string has no escapes.
func (m Members) Bytes(name string) ([]byte, bool, error) {
	s, ok, err := m.unquote(name)
	if !ok || err != nil {
		return nil, ok, err
	}
	b, err := base64url.Decode(s)
	if err != nil {
		return nil, false, malformed("header member %q is not base64url: %w", name, err)
	}
	return b, true, nil
}

// Bool returns a member that must be true or false.
func (m Members) Bool(name string) (bool, bool, error) {
	switch v := string(m[name]); v {
	case "":
		return false, false, nil
	case "true", "false":
		return v == "true", true, nil
	}
	return false, false, malformed("header member %q must be true or false", name)
}

// Int returns a member that must be a JSON integer from 0 to 2^31-1
// (enough for every integer a JOSE header holds, such as "p2c").
func (m Members) Int(name string) (int, bool, error) {
	v, ok := m[name]
	if !ok {
		return 0, false, nil
	}
	n := 0
	if len(v) == 0 || len(v) > 10 || (v[0] == '0' && len(v) > 1) {
		return 0, false, malformed("header member %q must be an integer from 0 to 2147483647", name)
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false, malformed("header member %q must be an integer from 0 to 2147483647", name)
		}
		n = n*10 + int(c-'0')
	}
	if n > 1<<31-1 {
		return 0, false, malformed("header member %q must be an integer from 0 to 2147483647", name)
	}
	return n, true, nil
}

// Strings returns a member that must be an array of strings, each under
// the rules of [Members.String]; null is not a string. An empty array gives
// an empty, non-nil slice.
func (m Members) Strings(name string) ([]string, bool, error) {
	v, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	out, err := strictjson.StringArray(v)
	if err != nil {
		return nil, false, malformed("header member %q must be an array of strings: %w", name, err)
	}
	return out, true, nil
}

// Disjoint checks that no member name appears in two of the headers (RFC
// 7515 §7.2.1, RFC 7516 §7.2.1). Nil headers are skipped.
func Disjoint(headers ...Members) error {
	for i, h := range headers {
		for name := range h {
			for _, other := range headers[i+1:] {
				if _, dup := other[name]; dup {
					return malformed("header member %q appears in more than one header", name)
				}
			}
		}
	}
	return nil
}

// CheckCrit applies RFC 7515 §4.1.11 (and RFC 7516 §4.1.13) to a header
// whose protected part is protected and whose unprotected parts are others.
// "crit" must be in the protected header, a non-empty array of distinct
// strings, name no member the specifications define (registered), name only
// members the caller understands, and name only members present in the
// protected header. It returns the names listed.
func CheckCrit(protected Members, others []Members, registered, understood []string) ([]string, error) {
	for _, o := range others {
		if _, ok := o["crit"]; ok {
			return nil, malformed(`"crit" must be in the protected header`)
		}
	}
	crit, ok, err := protected.Strings("crit")
	if err != nil || !ok {
		return nil, err
	}
	if len(crit) == 0 {
		return nil, malformed(`"crit" must not be empty`)
	}
	for i, name := range crit {
		switch {
		case slices.Contains(crit[:i], name):
			return nil, malformed("%q is listed twice in \"crit\"", name)
		case slices.Contains(registered, name):
			return nil, malformed("%q is defined by the specification and must not be in \"crit\"", name)
		case !slices.Contains(understood, name):
			return nil, malformed("critical header member %q is not understood", name)
		}
		if _, present := protected[name]; !present {
			return nil, malformed("critical header member %q is not in the protected header", name)
		}
	}
	return crit, nil
}
