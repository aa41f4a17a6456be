package jwk

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// Set is a JWK Set (RFC 7517 §5). It is immutable once made and safe for
// concurrent use. A nil *Set holds no keys: its methods return errors or
// empty results, never panic.
type Set struct {
	keys  []*Key
	extra map[string][]byte // members other than "keys", kept for round trips
}

// NewSet makes a set of keys. Keys are not copied; a nil key is an error.
func NewSet(keys ...*Key) (_ *Set, err error) {
	defer errwrap.Own(&err, "jwk")
	for i, k := range keys {
		if k == nil {
			return nil, fmt.Errorf("jwk: key %d of the set is nil: %w", i, jwa.ErrInvalidKey)
		}
	}
	return &Set{keys: slices.Clone(keys)}, nil
}

// errNilSet is returned by the methods of a nil *Set that return errors.
var errNilSet = fmt.Errorf("jwk: the *jwk.Set is nil (was the error of ParseSet or NewSet checked?): %w", jwa.ErrInvalidKey)

// Keys returns the keys of the set, in order (none for a nil set).
func (s *Set) Keys() []*Key {
	if s == nil {
		return nil
	}
	return slices.Clone(s.keys)
}

// Len returns the number of keys (0 for a nil set).
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.keys)
}

// Public returns the set with every key's private members dropped. Secret
// (oct) keys, which have no public part, are left out. The public set of a
// nil set is nil.
func (s *Set) Public() *Set {
	if s == nil {
		return nil
	}
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
//
// A miss (an error wrapping [ErrKeyNotFound]) names the kid, the algorithm
// and the keys that were tried, or the kids the set holds when none has the
// token's kid.
//
// Select is the lookup jws, jwe and jwt make for a token, so q names
// exactly one algorithm (else the error wraps [jwa.ErrMalformed]). To take
// a key of a set by its kid alone, range over [Set.Keys].
func (s *Set) Select(_ context.Context, q Query) (_ []*Key, err error) {
	defer errwrap.Own(&err, "jwk")
	if s == nil {
		return nil, errNilSet
	}
	if (q.Signature == "") == (q.KeyManagement == "") {
		return nil, fmt.Errorf("jwk: Select needs exactly one of Query.Signature and Query.KeyManagement (to find a key by kid alone, range over Keys): %w", jwa.ErrMalformed)
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
		if q.KeyID != "" && slices.ContainsFunc(out, func(o *Key) bool { return o.KeyType() == k.KeyType() }) {
			return nil, fmt.Errorf("jwk: kid %q: %w", q.KeyID, ErrAmbiguousKey)
		}
		out = append(out, k)
	}
	if len(out) == 0 {
		return nil, s.miss(q)
	}
	return out, nil
}

// missListed is how many keys or kids a miss lists before it counts the
// rest.
const missListed = 5

// miss says why no key of the set serves q: which keys were tried and did
// not fit, or which kids the set holds when none is q's.
func (s *Set) miss(q Query) error {
	var tried []string
	n := 0
	for _, k := range s.keys {
		if q.KeyID == "" || k.kid == q.KeyID {
			if n++; n <= missListed {
				tried = append(tried, k.String())
			}
		}
	}
	switch {
	case q.KeyID == "" && n == 0:
		return fmt.Errorf("jwk: no key fits %s: the set is empty: %w", q.alg(), ErrKeyNotFound)
	case q.KeyID == "":
		return fmt.Errorf("jwk: no key fits %s: tried %s: %w", q.alg(), listed(tried, n), ErrKeyNotFound)
	case n > 0:
		return fmt.Errorf("jwk: no key with kid %.64q fits %s: tried %s: %w", q.KeyID, q.alg(), listed(tried, n), ErrKeyNotFound)
	}
	var kids []string
	for _, k := range s.keys {
		if len(kids) == missListed {
			break
		}
		kids = append(kids, fmt.Sprintf("%.64q", k.kid))
	}
	return fmt.Errorf("jwk: no key with kid %.64q for %s: the set's %d keys have kids %s: %w", q.KeyID, q.alg(), len(s.keys), listed(kids, len(s.keys)), ErrKeyNotFound)
}

// listed joins the first items of a list of n, and counts the rest.
func listed(items []string, n int) string {
	out := strings.Join(items, ", ")
	if n > len(items) {
		out += fmt.Sprintf(" and %d more", n-len(items))
	}
	return out
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
	if s == nil {
		return false
	}
	var secret, public bool
	for _, k := range s.keys {
		if k.IsSymmetric() {
			secret = true
		} else {
			public = true
		}
	}
	return secret && public
}
