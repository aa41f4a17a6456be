package jwt

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// The key argument of Sign, SignAndEncrypt and Encrypt is bound here,
// before jws or jwe sees it, so that a refusal is said in terms of the call
// the caller made ("jwt: Sign: key for RS256: ...") rather than of the jws
// or jwe option this package builds from it. jws and jwe then receive the
// bound *jwk.Key, whose binding they reuse.

// signingKey binds the key argument of call to alg.
func signingKey(call string, alg jwa.SignatureAlgorithm, key any) (any, error) {
	if alg == jwa.NoSignature {
		return key, nil // jws says what "none" takes
	}
	if _, ok := key.(string); ok {
		needs := "a private key (a standard library one or a crypto.Signer)"
		if alg.KeyType() == jwa.KeyTypeOct {
			needs = "a []byte secret"
		}
		return nil, fmt.Errorf("jwt: %s: key is a string; %s needs %s or a *jwk.Key: %w", call, alg, needs, jwa.ErrInvalidKey)
	}
	k, err := jwk.FromKey(key)
	if err == nil {
		_, err = k.Signer(alg)
	}
	if err != nil {
		return nil, fmt.Errorf("jwt: %s: key argument: %w", call, err)
	}
	return k, nil
}

// encryptionKey binds the key argument of call to the key management
// algorithm alg.
func encryptionKey(call string, alg jwa.KeyAlgorithm, key any) (any, error) {
	if _, ok := key.(string); ok {
		needs := "a public key"
		if alg.KeyType() == jwa.KeyTypeOct {
			needs = "a []byte key"
		}
		return nil, fmt.Errorf("jwt: %s: key is a string; %s needs %s or a *jwk.Key: %w", call, alg, needs, jwa.ErrInvalidKey)
	}
	k, err := jwk.FromKey(key)
	if err == nil {
		_, err = k.KeyEncrypter(alg)
	}
	if err != nil {
		return nil, fmt.Errorf("jwt: %s: key argument: %w", call, err)
	}
	return k, nil
}
