package jwkring

import (
	"crypto"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// The plaintext of a stored state, before it is sealed (seal.go):
//
//	{"jwkring":1,"generation":7,"keys":[
//	  {"published":"2030-01-01T00:00:00Z","active":"2030-01-01T01:00:00Z","jwk":{...private JWK...}},
//	  ...]}
//
// Times are RFC 3339 in UTC with nanoseconds; keys are in activation order.
// parseState reads it strictly: exact member names, no other member, no
// duplicate, and a schedule that keeps the invariants of the package.
const stateFormat = 1

type stateJSON struct {
	Format     int       `json:"jwkring"`
	Generation uint64    `json:"generation"`
	Keys       []keyJSON `json:"keys"`
}

type keyJSON struct {
	Published string          `json:"published"`
	Active    string          `json:"active"`
	JWK       json.RawMessage `json:"jwk"`
}

// marshal writes the state's plaintext. It holds the private keys: it is
// only ever handed to seal.
func (s *state) marshal() ([]byte, error) {
	out := stateJSON{Format: stateFormat, Generation: s.generation, Keys: make([]keyJSON, len(s.keys))}
	for i, e := range s.keys {
		raw, err := e.key.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("jwkring: key %s: %w", e.key.KeyID(), err)
		}
		out.Keys[i] = keyJSON{Published: stamp(e.published), Active: stamp(e.active), JWK: raw}
	}
	return json.Marshal(out)
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseState reads a state's plaintext (see stateFormat). Errors wrap
// [ErrState] and jwa.ErrMalformed, or the jwk error of a key.
func parseState(b []byte) (*state, error) {
	m, err := strictjson.ObjectAliased(b)
	if err != nil {
		return nil, malformedState("%w", err)
	}
	if err := onlyMembers(m, "jwkring", "generation", "keys"); err != nil {
		return nil, err
	}
	if f, err := number(m, "jwkring"); err != nil {
		return nil, err
	} else if f != stateFormat {
		return nil, malformedState("format %d, want %d", f, stateFormat)
	}
	gen, err := number(m, "generation")
	if err != nil {
		return nil, err
	}
	if gen == 0 {
		return nil, malformedState("generation 0, want 1 or more")
	}
	var items []json.RawMessage
	if raw, ok := m["keys"]; !ok || len(raw) == 0 || raw[0] != '[' || json.Unmarshal(raw, &items) != nil {
		return nil, malformedState("member \"keys\" is not an array")
	}
	if len(items) == 0 || len(items) > MaxKeys {
		return nil, malformedState("%d keys, want 1 to %d", len(items), MaxKeys)
	}
	s := &state{generation: gen, keys: make([]entry, 0, len(items))}
	for i, item := range items {
		e, err := parseEntry(item)
		if err != nil {
			return nil, fmt.Errorf("%w (key %d)", err, i)
		}
		if i > 0 && e.active.Before(s.keys[i-1].active) {
			return nil, malformedState("key %d starts signing before key %d", i, i-1)
		}
		if slices.ContainsFunc(s.keys, func(o entry) bool { return o.key.KeyID() == e.key.KeyID() }) {
			return nil, malformedState("key %d repeats the kid %q", i, e.key.KeyID())
		}
		s.keys = append(s.keys, e)
	}
	return s, nil
}

// parseEntry reads one key of a state: a private signing key whose kid is
// its thumbprint, published no later than it starts signing.
func parseEntry(b []byte) (entry, error) {
	if len(b) == 0 || b[0] != '{' {
		return entry{}, malformedState("a key is not an object")
	}
	m, err := strictjson.ObjectAliased(b) // b is encoding/json's copy
	if err != nil {
		return entry{}, malformedState("%w", err)
	}
	if err := onlyMembers(m, "published", "active", "jwk"); err != nil {
		return entry{}, err
	}
	published, err := timeMember(m, "published")
	if err != nil {
		return entry{}, err
	}
	active, err := timeMember(m, "active")
	if err != nil {
		return entry{}, err
	}
	if active.Before(published) {
		return entry{}, malformedState("a key starts signing before it is published")
	}
	raw, ok := m["jwk"]
	if !ok {
		return entry{}, malformedState("a key without \"jwk\"")
	}
	k, err := jwk.Parse(raw)
	if err != nil {
		return entry{}, fmt.Errorf("jwkring: %w: %w", ErrState, err)
	}
	if !slices.Contains(signingAlgorithms, jwa.SignatureAlgorithm(k.Algorithm())) {
		return entry{}, malformedState("a key for %.40q, not a signature algorithm of a ring", k.Algorithm())
	}
	tp, err := k.Thumbprint(crypto.SHA256)
	if err != nil {
		return entry{}, fmt.Errorf("jwkring: %w: %w", ErrState, err)
	}
	if k.KeyID() != base64url.EncodeToString(tp) {
		return entry{}, malformedState("kid %.64q is not the key's RFC 7638 thumbprint", k.KeyID())
	}
	e, err := newEntry(k, published, active)
	if err != nil {
		return entry{}, fmt.Errorf("jwkring: %w: %w", ErrState, err)
	}
	return e, nil
}

func malformedState(format string, args ...any) error {
	return fmt.Errorf("jwkring: stored state: "+format+": %w: %w", append(args, ErrState, jwa.ErrMalformed)...)
}

func onlyMembers(m map[string]json.RawMessage, names ...string) error {
	for name := range m {
		if !slices.Contains(names, name) {
			return malformedState("unknown member %.40q", name)
		}
	}
	return nil
}

// number reads a member that must be a non-negative integer.
func number(m map[string]json.RawMessage, name string) (uint64, error) {
	raw, ok := m[name]
	if !ok {
		return 0, malformedState("no member %q", name)
	}
	n, err := strconv.ParseUint(string(raw), 10, 64)
	if err != nil || (len(raw) > 1 && raw[0] == '0') {
		return 0, malformedState("member %q is not a non-negative integer", name)
	}
	return n, nil
}

// timeMember reads a member that must be an RFC 3339 time.
func timeMember(m map[string]json.RawMessage, name string) (time.Time, error) {
	raw, ok := m[name]
	if !ok {
		return time.Time{}, malformedState("no member %q", name)
	}
	s, err := strictjson.Unquote(raw)
	if err != nil {
		return time.Time{}, malformedState("member %q: %w", name, err)
	}
	t, err := time.Parse(time.RFC3339Nano, string(s))
	if err != nil {
		return time.Time{}, malformedState("member %q is not an RFC 3339 time", name)
	}
	return t, nil
}
