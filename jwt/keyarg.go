package jwt

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// The key argument of Sign, SignAndEncrypt and Encrypt, and the keys of
// WithKey and WithDecryptionKey, are bound here, before jws or jwe sees them, so that a
// refusal is said in terms of the call or option the caller used ("jwt:
// Sign: key argument: ...", "jwt: WithDecryptionKey(A128KW): ...") rather
// than of the jws or jwe option this package builds from it. jws and jwe
// then receive the bound *jwk.Key, whose binding they reuse.

// signingKey binds the key argument of call to alg.
func signingKey(call string, alg jwa.SignatureAlgorithm, key any) (any, error) {
	if alg == jwa.NoSignature {
		return key, nil // jws says what "none" takes
	}
	return keyArgument(call, ": key argument", string(alg), alg.KeyType(), "a private key (a standard library one or a crypto.Signer)", key,
		func(k *jwk.Key) error { _, err := k.Signer(alg); return err })
}

// encryptionKey binds the key argument of call to the key management
// algorithm alg.
func encryptionKey(call string, alg jwa.KeyAlgorithm, key any) (any, error) {
	return keyArgument(call, ": key argument", string(alg), alg.KeyType(), "a public key", key,
		func(k *jwk.Key) error { _, err := k.KeyEncrypter(alg); return err })
}

// verificationKey binds the key of WithKey to alg; "none" is left to jws,
// which says what it takes.
func verificationKey(alg jwa.SignatureAlgorithm, key any) (any, error) {
	if alg == jwa.NoSignature {
		return key, nil
	}
	opt := "WithKey(" + string(alg) + ")"
	return keyArgument(opt, "", string(alg), alg.KeyType(), "a public key", key,
		func(k *jwk.Key) error { _, err := k.Verifier(alg); return err })
}

// decryptionKey binds the key of WithDecryptionKey to the key management
// algorithm alg.
func decryptionKey(alg jwa.KeyAlgorithm, key any) (any, error) {
	opt := "WithDecryptionKey(" + string(alg) + ")"
	return keyArgument(opt, "", string(alg), alg.KeyType(), "a private key (a standard library one or a crypto.Decrypter)", key,
		func(k *jwk.Key) error { _, err := k.KeyDecrypter(alg); return err })
}

// keyArgument makes key a *jwk.Key and binds it with bind. A string, the
// commonest mistake, is told in terms of call what alg needs: a []byte for
// a secret-key algorithm (kty "oct"), asymmetric otherwise; a failed
// binding names call and what (": key argument", or "" for an option).
// Nothing is formatted unless there is an error: Sign calls this on every
// token.
func keyArgument(call, what, alg string, kty jwa.KeyType, asymmetric string, key any, bind func(*jwk.Key) error) (any, error) {
	if _, ok := key.(string); ok {
		return nil, stringKey(call, alg, kty, asymmetric)
	}
	k, err := jwk.FromKey(key)
	if err == nil {
		err = bind(k)
	}
	if err != nil {
		return nil, fmt.Errorf("jwt: %s%s: %w", call, what, err)
	}
	return k, nil
}

// stringKey is the error for a key given as a string to call: it says what
// alg needs instead, a []byte for a secret-key algorithm (kty "oct"),
// asymmetric otherwise.
func stringKey(call, alg string, kty jwa.KeyType, asymmetric string) error {
	needs := asymmetric
	if kty == jwa.KeyTypeOct {
		needs = "a []byte secret"
	}
	return fmt.Errorf("jwt: %s: key is a string; %s needs %s or a *jwk.Key: %w", call, alg, needs, jwa.ErrInvalidKey)
}
