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

	// ErrInvalidKeyData: the data given to [Parse], [ParseSet] or
	// [ParsePEM] (or to a Key's or a Set's UnmarshalJSON) is not a key or
	// key set this package accepts. Every error of those functions wraps
	// it beside its cause, which stays the other sentinel: [jwa.ErrMalformed]
	// for JSON or PEM of the wrong shape, [jwa.ErrInvalidKey] for key
	// material that is no valid key, [jwa.ErrUnsupportedAlgorithm],
	// [jwa.ErrLimitExceeded] or [ErrEncryptedPEM]. Since jws and jwe report
	// a malformed token with jwa.ErrMalformed too, a program that reads a
	// key file and then a token tells a bad key from a bad token with
	// errors.Is(err, ErrInvalidKeyData) alone. The message is the cause's.
	// A key that a token carries (a JWS "jwk", a JWE "epk", an SD-JWT
	// "cnf") is read with Parse too, but jws, jwe and sdjwt report its
	// refusal with the cause alone, beside their own sentinel: it is a bad
	// token, not bad key data of the caller's.
	ErrInvalidKeyData = errors.New("jwk: invalid key data")

	// ErrVulnerableKey: the key bears the fingerprint of a key generator
	// known to make keys that can be broken: an RSA modulus of the ROCA
	// construction (CVE-2017-15361), whose primes can be recovered from
	// the modulus. It wraps [jwa.ErrInvalidKey].
	ErrVulnerableKey = fmt.Errorf("key made by a generator known to be broken: %w", jwa.ErrInvalidKey)
)

// keyDataError marks err, from one of the parse entry points, with
// ErrInvalidKeyData; its message stays err's.
func keyDataError(err error) error {
	if err == nil {
		return nil
	}
	return &invalidKeyData{err}
}

// invalidKeyData is an error of key data: its cause, and ErrInvalidKeyData.
type invalidKeyData struct{ err error }

func (e *invalidKeyData) Error() string   { return e.err.Error() }
func (e *invalidKeyData) Unwrap() []error { return []error{e.err, ErrInvalidKeyData} }
