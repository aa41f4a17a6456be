package jwa

import (
	"crypto"
	"crypto/rand"
	_ "crypto/sha1" // RSA-OAEP
	_ "crypto/sha256"
	_ "crypto/sha512" // RSA-OAEP-384/512, PBES2-HS384/512
	"fmt"
)

// DefaultP2C is the PBES2 iteration count ("p2c") an encrypter uses when
// [KeyParams.P2C] is zero.
//
// 600,000 is the OWASP (2023) figure for PBKDF2-HMAC-SHA256 and what go-jose
// writes. It is far above the RFC 7518 §4.8.1.2 floor of 1000 because the
// password, not the iteration count, is the weak point of PBES2: every
// iteration multiplies the cost of guessing passwords offline. The price is
// paid on every encryption and every decryption: measured on one core of a
// 2-core cloud VM (BenchmarkPBES2DefaultP2C), about 0.12 s for
// PBES2-HS256+A128KW and 0.4 s for PBES2-HS512+A256KW. A caller with a strong random secret gains
// nothing from the count and may lower it through KeyParams.P2C; a caller
// with a human password should keep it.
const DefaultP2C = 600_000

// MinP2C is the smallest PBES2 iteration count: an encrypter never writes
// a smaller one, and a decrypter refuses a smaller one with
// [ErrLimitExceeded] unless [KeyLimits.MinP2C] lowers the floor. RFC 7518
// §4.8.1.2 recommends at least 1000; a token with fewer iterations gives
// whoever captures it a cheap offline guess at the password, so reading one
// is an explicit choice of the caller.
const MinP2C = 1000

// DefaultMaxP2C is the largest PBES2 iteration count a decrypter accepts
// when [KeyLimits.MaxP2C] is zero. A larger count fails with
// [ErrLimitExceeded] before any PBKDF2 work (threat T36: whoever can send a
// token chooses p2c, so without a cap one token could cost hours of CPU).
//
// The cap must be at least [DefaultP2C] so that the library reads what it
// writes; 1,000,000 also reads go-jose's output and leaves room for a writer
// that rounds up. It still lets one hostile token cost up to about 0.2 s
// (HS256) or 0.7 s (HS512) of CPU, which is why PBES2 is only ever tried when the caller bound a password to a
// PBES2 algorithm. A server that accepts PBES2 tokens from untrusted parties
// should lower the cap to what its own writers use (jwx and panva/jose read
// at most 10,000 by default) and rate-limit.
const DefaultMaxP2C = 1_000_000

// builtinKeyManagement lists the key management algorithms the library
// implements. Each entry's doc comment (on its type) lists the keys it
// accepts.
var builtinKeyManagement = withHPKE(map[KeyAlgorithm]KeyManagementScheme{
	RSA1_5:       rsaKM{alg: RSA1_5},
	RSA_OAEP:     rsaKM{alg: RSA_OAEP, hash: crypto.SHA1},
	RSA_OAEP_256: rsaKM{alg: RSA_OAEP_256, hash: crypto.SHA256},
	RSA_OAEP_384: rsaKM{alg: RSA_OAEP_384, hash: crypto.SHA384},
	RSA_OAEP_512: rsaKM{alg: RSA_OAEP_512, hash: crypto.SHA512},

	A128KW: aesKW{alg: A128KW, size: 16},
	A192KW: aesKW{alg: A192KW, size: 24},
	A256KW: aesKW{alg: A256KW, size: 32},

	Direct: direct{},

	ECDH_ES:        ecdhES{alg: ECDH_ES},
	ECDH_ES_A128KW: ecdhES{alg: ECDH_ES_A128KW, kwSize: 16},
	ECDH_ES_A192KW: ecdhES{alg: ECDH_ES_A192KW, kwSize: 24},
	ECDH_ES_A256KW: ecdhES{alg: ECDH_ES_A256KW, kwSize: 32},

	A128GCMKW: gcmKW{alg: A128GCMKW, size: 16},
	A192GCMKW: gcmKW{alg: A192GCMKW, size: 24},
	A256GCMKW: gcmKW{alg: A256GCMKW, size: 32},

	PBES2_HS256_A128KW: pbes2{alg: PBES2_HS256_A128KW, hash: crypto.SHA256, kwSize: 16},
	PBES2_HS384_A192KW: pbes2{alg: PBES2_HS384_A192KW, hash: crypto.SHA384, kwSize: 24},
	PBES2_HS512_A256KW: pbes2{alg: PBES2_HS512_A256KW, hash: crypto.SHA512, kwSize: 32},
})

// cekSize is the CEK length in bytes that enc needs. It asks the content
// encryption registry first and falls back to the sizes of the built-in
// names, so that key management works before content encryption is
// registered.
func cekSize(enc ContentEncryption) (int, error) {
	if n := enc.KeySize(); n > 0 {
		return n, nil
	}
	switch enc {
	case A128GCM:
		return 16, nil
	case A192GCM:
		return 24, nil
	case A256GCM, A128CBC_HS256, C20P, XC20P:
		return 32, nil
	case A192CBC_HS384:
		return 48, nil
	case A256CBC_HS512:
		return 64, nil
	}
	return 0, fmt.Errorf("jwa: content encryption %q: %w", enc, ErrUnsupportedAlgorithm)
}

// paramsCEKSize checks that p is present and returns the CEK length its Enc
// needs.
func paramsCEKSize(alg KeyAlgorithm, p *KeyParams) (int, error) {
	if p == nil {
		return 0, fmt.Errorf("jwa: %s: no key parameters: %w", alg, ErrMalformed)
	}
	n, err := cekSize(p.Enc)
	if err != nil {
		return 0, fmt.Errorf("jwa: %s: %w", alg, err)
	}
	return n, nil
}

// checkCEK is the encrypter's check that the CEK it was given fits p.Enc. A
// CEK of the wrong length is the caller's bug, not an attack, so the error
// says what is wrong.
func checkCEK(alg KeyAlgorithm, cek []byte, p *KeyParams) error {
	n, err := paramsCEKSize(alg, p)
	if err != nil {
		return err
	}
	if len(cek) != n {
		return fmt.Errorf("jwa: %s: CEK is %d bytes, %s needs %d: %w", alg, len(cek), p.Enc, n, ErrInvalidKey)
	}
	return nil
}

// errDecryption is the one error every decrypter returns for a failed
// decryption. It names the algorithm and never the step that failed.
func errDecryption(alg KeyAlgorithm) error {
	return fmt.Errorf("jwa: %s: %w", alg, ErrDecryption)
}

// secretKey checks that key is a []byte and, when sizes are given, that its
// length is one of them. It returns a copy, so that a caller who reuses the
// slice cannot change a key that was already checked.
func secretKey(alg KeyAlgorithm, key any, size int) ([]byte, error) {
	b, ok := key.([]byte)
	if !ok {
		return nil, fmt.Errorf("jwa: %s: key of type %T, need []byte: %w", alg, key, ErrInvalidKey)
	}
	if size > 0 && len(b) != size {
		return nil, fmt.Errorf("jwa: %s: key is %d bytes, need %d: %w", alg, len(b), size, ErrInvalidKey)
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("jwa: %s: empty key: %w", alg, ErrInvalidKey)
	}
	return append([]byte(nil), b...), nil
}

// randomBytes returns n bytes from crypto/rand (which never fails since Go
// 1.24).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
