package jwk

import (
	"context"
	"fmt"
	"slices"

	"github.com/joseproject/jose/jwa"
)

// Set is a JWK Set (RFC 7517 §5). It is immutable once made and safe for
// concurrent use.
type Set struct {
	keys  []*Key
	extra map[string][]byte // members other than "keys", kept for round trips
}

// NewSet makes a set of keys. Keys are not copied; a nil key is an error.
func NewSet(keys ...*Key) (*Set, error) {
	for i, k := range keys {
		if k == nil {
			return nil, fmt.Errorf("jwk: key %d of the set is nil: %w", i, jwa.ErrInvalidKey)
		}
	}
	return &Set{keys: slices.Clone(keys)}, nil
}

// Keys returns the keys of the set, in order.
func (s *Set) Keys() []*Key { return slices.Clone(s.keys) }

// Len returns the number of keys.
func (s *Set) Len() int { return len(s.keys) }

// Public returns the set with every key's private members dropped. Secret
// (oct) keys, which have no public part, are left out.
func (s *Set) Public() *Set {
	out := &Set{extra: s.extra}
	for _, k := range s.keys {
		if p := k.Public(); p != nil {
			out.keys = append(out.keys, p)
		}
	}
	return out
}

// Query describes the key a token needs. Exactly one of Signature (to
// verify) and KeyManagement (to decrypt) is set.
type Query struct {
	// KeyID is the token's "kid", or "" when it has none.
	KeyID string
	// Signature is the verified token's "alg", already checked against the
	// caller's allow-list.
	Signature jwa.SignatureAlgorithm
	// KeyManagement is the encrypted token's "alg", already checked against
	// the caller's allow-list.
	KeyManagement jwa.KeyAlgorithm
}

// KeySet supplies keys for verification and decryption. A *Set is one; a
// remote set that fetches an identity provider's keys is another.
type KeySet interface {
	// Select returns the keys that may serve q, in the set's order, or an
	// error wrapping ErrKeyNotFound, ErrAmbiguousKey or ErrMixedKeySet.
	Select(ctx context.Context, q Query) ([]*Key, error)
}

// Select returns the keys of the set that may serve q (T05, T52):
//
//   - a key must fit the algorithm: its type, curve and size (checked by
//     binding it, so the rule is jwa's own), its "alg" when it has one, and
//     its "use" and "key_ops";
//   - for decryption a key must be private;
//   - when q.KeyID is set, only keys with that kid are candidates, and two
//     or more candidates of the same type are refused as ambiguous (RFC 7517
//     §4.5 allows a shared kid only across key types);
//   - when q.KeyID is empty every fitting key is a candidate;
//   - for verification, a set that mixes secret (oct) keys with public keys
//     is refused whatever the query.
func (s *Set) Select(_ context.Context, q Query) ([]*Key, error) {
	if (q.Signature == "") == (q.KeyManagement == "") {
		return nil, fmt.Errorf("jwk: a key query names exactly one of a signature and a key management algorithm: %w", jwa.ErrMalformed)
	}
	if q.Signature != "" && s.mixesSecrets() {
		return nil, ErrMixedKeySet
	}
	var out []*Key
	for _, k := range s.keys {
		if q.KeyID != "" && k.kid != q.KeyID {
			continue
		}
		if !k.fits(q) {
			continue
		}
		if q.KeyID != "" && slices.ContainsFunc(out, func(o *Key) bool { return o.kty == k.kty }) {
			return nil, fmt.Errorf("jwk: kid %q: %w", q.KeyID, ErrAmbiguousKey)
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		if q.KeyID != "" {
			return nil, fmt.Errorf("jwk: no key with kid %q fits %s: %w", q.KeyID, q.alg(), ErrKeyNotFound)
		}
		return nil, fmt.Errorf("jwk: no key fits %s: %w", q.alg(), ErrKeyNotFound)
	}
	return out, nil
}

func (q Query) alg() string {
	if q.Signature != "" {
		return string(q.Signature)
	}
	return string(q.KeyManagement)
}

// fits reports whether k can serve q, by binding it as the token would.
func (k *Key) fits(q Query) bool {
	var err error
	if q.Signature != "" {
		_, err = k.Verifier(q.Signature)
	} else {
		_, err = k.KeyDecrypter(q.KeyManagement)
	}
	return err == nil
}

func (s *Set) mixesSecrets() bool {
	var secret, public bool
	for _, k := range s.keys {
		if k.kty == jwa.KeyTypeOct {
			secret = true
		} else {
			public = true
		}
	}
	return secret && public
}
