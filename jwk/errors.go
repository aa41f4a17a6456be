package jwk

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Errors of package jwk. Key validation failures wrap [jwa.ErrInvalidKey],
// malformed JSON wraps [jwa.ErrMalformed], and a key bound to another
// algorithm wraps [jwa.ErrAlgorithmNotAllowed]; the errors here are the
// meanings jwa does not have.
var (
	// ErrKeyUsage: the key's "use" or "key_ops" does not allow the operation
	// (RFC 7517 §4.2, §4.3): an "enc" key asked to verify, say.
	ErrKeyUsage = errors.New("key's use or key_ops forbids this operation")

	// ErrKeyNotFound: no key of the set fits the token (its kid, its
	// algorithm, the key types the caller allowed).
	ErrKeyNotFound = errors.New("no matching key")

	// ErrAmbiguousKey: the token's kid names two or more keys of the same
	// type; RFC 7517 §4.5 allows a shared kid only across key types.
	ErrAmbiguousKey = errors.New("kid matches more than one key of the same type")

	// ErrMixedKeySet: a set used for verification holds both secret (oct)
	// keys and public keys; secrets and published keys are never mixed.
	ErrMixedKeySet = errors.New("key set mixes secret and public keys")

	// ErrVulnerableKey: the key bears the fingerprint of a key generator
	// known to make keys that can be broken: an RSA modulus of the ROCA
	// construction (CVE-2017-15361), whose primes can be recovered from
	// the modulus. It wraps [jwa.ErrInvalidKey].
	ErrVulnerableKey = fmt.Errorf("key made by a generator known to be broken: %w", jwa.ErrInvalidKey)
)
