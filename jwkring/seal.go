package jwkring

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

// A state is sealed before any store sees it: a compact JWE, A256KW with
// the caller's key-encryption key around a fresh A256GCM content key, so
// that every write has a key and a nonce of its own. The protected header
// names the content ("cty"), and a JWE of other content under the same
// key-encryption key is refused.
const (
	// KEKSize is the size of the key-encryption key of [WithStore]: 32
	// bytes (256 bits), for A256KW.
	KEKSize = 32

	// MaxStateSize bounds a stored state read back: 1 MiB, far above the
	// few kilobytes of MaxKeys RSA keys.
	MaxStateSize = 1 << 20

	stateKeyAlg     = jwa.A256KW
	stateEncryption = jwa.A256GCM
	stateType       = "jwkring-state+json"
)

// codec seals and opens the states of one ring.
type codec struct{ kek []byte }

func newCodec(kek []byte) (*codec, error) {
	if len(kek) != KEKSize {
		return nil, fmt.Errorf("a key-encryption key of %d bytes; want %d (256 bits, for %s): %w", len(kek), KEKSize, stateKeyAlg, jwa.ErrInvalidKey)
	}
	return &codec{kek: append([]byte(nil), kek...)}, nil
}

// seal encrypts a state's plaintext.
func (c *codec) seal(plain []byte) ([]byte, error) {
	blob, err := jwe.Encrypt(plain, jwe.WithRecipient(stateKeyAlg, c.kek), jwe.WithEncryption(stateEncryption),
		jwe.WithContentType(stateType))
	if err != nil {
		return nil, fmt.Errorf("jwkring: sealing the state: %w", err)
	}
	return []byte(blob), nil // a Store holds bytes
}

// open decrypts a sealed state. Errors wrap [ErrState] and, for a wrong
// key-encryption key or an altered blob, jwa.ErrDecryption.
func (c *codec) open(blob []byte) ([]byte, error) {
	r, err := jwe.DecryptMessage(string(blob), jwe.WithKey(stateKeyAlg, c.kek), jwe.WithAllowedEncryptions(stateEncryption),
		jwe.WithMaxSize(MaxStateSize))
	if err != nil {
		return nil, fmt.Errorf("jwkring: opening the stored state (is the key-encryption key the one it was written with?): %w: %w", ErrState, err)
	}
	if r.Serialization != jwe.Compact || r.Protected.ContentType() != stateType {
		return nil, fmt.Errorf("jwkring: the stored JWE is not a ring state (cty %.40q, want %q): %w: %w",
			r.Protected.ContentType(), stateType, ErrState, jwa.ErrMalformed)
	}
	return r.Plaintext, nil
}
