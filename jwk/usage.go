package jwk

import (
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// operation is what a key is asked to do.
type operation int

const (
	opSign operation = iota
	opVerify
	opEncrypt // key management on the sender's side
	opDecrypt // key management on the recipient's side
)

// opNames are the key_ops values (RFC 7517 §4.3) that allow each operation.
var opNames = [...][]string{
	opSign:    {"sign"},
	opVerify:  {"verify"},
	opEncrypt: {"encrypt", "wrapKey", "deriveKey", "deriveBits"},
	opDecrypt: {"decrypt", "unwrapKey", "deriveKey", "deriveBits"},
}

// useOps are the key_ops values consistent with each use (RFC 7517 §4.3).
var useOps = map[string][]string{
	"sig": {"sign", "verify"},
	"enc": {"encrypt", "decrypt", "wrapKey", "unwrapKey", "deriveKey", "deriveBits"},
}

// permits checks the key's own alg, use and key_ops against an operation
// with an algorithm (T03): a key bound to one algorithm serves no other, an
// "enc" key never signs, a key whose key_ops omit the operation refuses it.
func (k *Key) permits(alg string, op operation) error {
	if k.alg != "" && k.alg != alg && !k.servesDir(alg, op) {
		return fmt.Errorf("jwk: %v is bound to %s, not %s: %w", k, k.alg, alg, jwa.ErrAlgorithmNotAllowed)
	}
	switch k.use {
	case "sig":
		if op != opSign && op != opVerify {
			return fmt.Errorf("jwk: %v has use \"sig\" and cannot serve %s: %w", k, alg, ErrKeyUsage)
		}
	case "enc":
		if op != opEncrypt && op != opDecrypt {
			return fmt.Errorf("jwk: %v has use \"enc\" and cannot serve %s: %w", k, alg, ErrKeyUsage)
		}
	}
	if k.ops != nil && !slices.ContainsFunc(opNames[op], func(s string) bool { return slices.Contains(k.ops, s) }) {
		return fmt.Errorf("jwk: %v: key_ops %v do not allow %s: %w", k, k.ops, opNames[op][0], ErrKeyUsage)
	}
	return nil
}

// binding names one use of a key: an operation with an algorithm.
type binding struct {
	op  operation
	alg string
}

// bound returns the value bound for b, making it with bind the first time.
// A Key is immutable, so a binding made once stays right; failures are not
// kept, so their errors are made afresh.
func (k *Key) bound(b binding, bind func() (any, error)) (any, error) {
	if v, ok := k.bindings.Load(b); ok {
		return v, nil
	}
	if err := k.permits(b.alg, b.op); err != nil {
		return nil, err
	}
	v, err := bind()
	if err != nil {
		return nil, err
	}
	if v == nil { // a registered implementation that returned neither a value nor an error
		return nil, fmt.Errorf("jwk: the implementation of %s gave no value for %v: %w", b.alg, k, jwa.ErrUnsupportedAlgorithm)
	}
	k.bindings.Store(b, v)
	return v, nil
}

// Signer binds the key to a signature algorithm after checking that the
// key's alg, use and key_ops allow signing with it; jwa then checks the key's
// type and size for the algorithm. The binding is made once per algorithm
// and reused.
func (k *Key) Signer(alg jwa.SignatureAlgorithm) (_ jwa.Signer, err error) {
	defer errwrap.Own(&err, "jwk")
	v, err := k.bound(binding{opSign, string(alg)}, func() (any, error) {
		if !k.IsPrivate() {
			return nil, fmt.Errorf("jwk: %v is a public key and cannot sign: %w", k, jwa.ErrInvalidKey)
		}
		return alg.NewSigner(k.km().bindKey(opSign))
	})
	if err != nil {
		return nil, err
	}
	return v.(jwa.Signer), nil
}

// Verifier binds the key (its public part) to a signature algorithm, as
// [Key.Signer] does.
func (k *Key) Verifier(alg jwa.SignatureAlgorithm) (_ jwa.Verifier, err error) {
	defer errwrap.Own(&err, "jwk")
	v, err := k.bound(binding{opVerify, string(alg)}, func() (any, error) {
		return alg.NewVerifier(k.km().bindKey(opVerify))
	})
	if err != nil {
		return nil, err
	}
	return v.(jwa.Verifier), nil
}

// KeyEncrypter binds the key (its public part) to a JWE key management
// algorithm, as [Key.Signer] does.
func (k *Key) KeyEncrypter(alg jwa.KeyAlgorithm) (_ jwa.KeyEncrypter, err error) {
	defer errwrap.Own(&err, "jwk")
	v, err := k.bound(binding{opEncrypt, string(alg)}, func() (any, error) {
		key := k.km().bindKey(opEncrypt)
		if key == nil {
			return nil, fmt.Errorf("jwk: %v is accepted for verification only: %w", k, jwa.ErrInvalidKey)
		}
		e, err := alg.NewKeyEncrypter(key)
		if enc := k.dirEnc(); err == nil && e != nil && enc != "" && alg == jwa.Direct {
			return dirEncrypter{k, enc, e}, nil
		}
		return e, err
	})
	if err != nil {
		return nil, err
	}
	return v.(jwa.KeyEncrypter), nil
}

// KeyDecrypter binds the private key to a JWE key management algorithm, as
// [Key.Signer] does.
func (k *Key) KeyDecrypter(alg jwa.KeyAlgorithm) (_ jwa.KeyDecrypter, err error) {
	defer errwrap.Own(&err, "jwk")
	v, err := k.bound(binding{opDecrypt, string(alg)}, func() (any, error) {
		if !k.IsPrivate() {
			return nil, fmt.Errorf("jwk: %v is a public key and cannot decrypt: %w", k, jwa.ErrInvalidKey)
		}
		d, err := alg.NewKeyDecrypter(k.km().bindKey(opDecrypt))
		if enc := k.dirEnc(); err == nil && d != nil && enc != "" && alg == jwa.Direct {
			return dirDecrypter{k, enc, d}, nil
		}
		return d, err
	})
	if err != nil {
		return nil, err
	}
	return v.(jwa.KeyDecrypter), nil
}
