package jwk

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// MaxSetKeys is the largest number of keys [ParseSet] reads from a JWK Set.
// Identity providers publish a handful; a set with more is refused before
// any key is parsed.
const MaxSetKeys = 1000

// setNames are the members of a key set (RFC 7517 §5).
var setNames = strictjson.NewNames("keys")

// ParseSet reads a JWK Set (RFC 7517 §5): an object whose "keys" member, an
// array of at most [MaxSetKeys] JWKs, is required. Each key is read as
// [Parse] reads it, with one difference (RFC 7517 §5): a key of a kind this
// package does not implement — an unknown kty (say a post-quantum "AKP"), an
// unknown crv (Ed448, secp256k1) or an unknown use — is skipped, so that a
// provider that adds a new kind of key does not break its clients. A key of
// a supported kind that is malformed or invalid fails the whole set: a
// broken key in a set someone trusts is a fault to report, not to hide.
// In FIPS 140-3 mode (jwa.FIPSMode) the keys that only algorithms refused
// there could use are skipped too: a key on a curve other than P-256,
// P-384, P-521 and Ed25519, and an RSA key that jwa.CheckFIPSKey refuses.
// A remote set ([NewRemote]) is read with ParseSet, so it skips them as
// well. Skipped keys are not kept. Members other than "keys" are kept for
// [Set.MarshalJSON]. Every error wraps [ErrInvalidKeyData] beside its
// cause (a set over [MaxSetKeys] keys: [jwa.ErrLimitExceeded]).
func ParseSet(data []byte) (_ *Set, err error) {
	defer errwrap.Own(&err, "jwk")
	s, err := parseSet(data)
	if err != nil {
		return nil, keyDataError(err)
	}
	return s, nil
}

// parseSet is ParseSet without the ErrInvalidKeyData mark.
func parseSet(data []byte) (*Set, error) {
	// The members alias data while the set is read; the kept ones ("keys"
	// aside) are copied below.
	m, err := setNames.ObjectAliased(data)
	if err != nil {
		return nil, fmt.Errorf("jwk: key set: %w: %w", jwa.ErrMalformed, err)
	}
	raw, ok := m["keys"]
	if !ok {
		return nil, malformed("key set without \"keys\"")
	}
	if len(raw) == 0 || raw[0] != '[' {
		return nil, malformed("key set member \"keys\" is not an array")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, malformed("key set member \"keys\" is not an array: %w", err)
	}
	if len(items) > MaxSetKeys {
		return nil, fmt.Errorf("jwk: key set has %d keys, over the limit of %d: %w", len(items), MaxSetKeys, jwa.ErrLimitExceeded)
	}
	s := &Set{keys: make([]*Key, 0, len(items))}
	for i, item := range items {
		if len(item) == 0 || item[0] != '{' {
			return nil, malformed("key %d of the set is not an object", i)
		}
		// item is encoding/json's copy, ours to alias while the key is built.
		km, err := keyNames.ObjectAliased(item)
		if err != nil { // strictjson checked it already, with the whole set
			return nil, malformed("key %d of the set: %w", i, err)
		}
		k, err := parseMembers(km)
		if errors.Is(err, errSkippable) || fipsSkip(k, err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("jwk: key %d of the set: %w", i, err)
		}
		s.keys = append(s.keys, k)
	}
	for name, v := range m {
		if name == "keys" {
			continue
		}
		if s.extra == nil {
			s.extra = map[string][]byte{}
		}
		s.extra[name] = slices.Clone(v)
	}
	return s, nil
}

// MarshalJSON writes the set as {"keys":[...]} followed by its other
// members. Private keys are written with their private members; marshal
// [Set.Public] to publish a set.
func (s *Set) MarshalJSON() ([]byte, error) {
	if s == nil {
		return []byte("null"), nil
	}
	b := []byte(`{"keys":[`)
	for i, k := range s.keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, err := k.MarshalJSON()
		if err != nil {
			return nil, fmt.Errorf("jwk: key %d of the set: %w", i, err)
		}
		b = append(b, kb...)
	}
	b = append(b, ']')
	extra := make(map[string]json.RawMessage, len(s.extra))
	for name, v := range s.extra {
		extra[name] = v
	}
	b, err := appendExtra(b, extra)
	if err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// UnmarshalJSON reads a set as [ParseSet] does, so that a *Set can be a
// field of a struct decoded with encoding/json.
func (s *Set) UnmarshalJSON(data []byte) error {
	if s == nil {
		return errNilSet
	}
	p, err := ParseSet(data)
	if err != nil {
		return err
	}
	*s = *p
	return nil
}
