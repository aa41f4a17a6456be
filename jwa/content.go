package jwa

import (
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
)

// builtinContent lists the content encryption algorithms the library implements.
var builtinContent = map[ContentEncryption]ContentScheme{
	// RFC 7518 §5.2.3 to §5.2.5: the CEK is twice the AES key; the tag is
	// half the HMAC output.
	A128CBC_HS256: cbcHMACScheme{name: A128CBC_HS256, encKeyLen: 16, newHash: sha256.New},
	A192CBC_HS384: cbcHMACScheme{name: A192CBC_HS384, encKeyLen: 24, newHash: sha512.New384},
	A256CBC_HS512: cbcHMACScheme{name: A256CBC_HS512, encKeyLen: 32, newHash: sha512.New},

	// RFC 7518 §5.3: 96-bit IV, 128-bit tag.
	A128GCM: gcmScheme{name: A128GCM, keyLen: 16},
	A192GCM: gcmScheme{name: A192GCM, keyLen: 24},
	A256GCM: gcmScheme{name: A256GCM, keyLen: 32},

	// draft-amringer-jose-chacha §4: 256-bit key, 128-bit tag.
	C20P:  chachaScheme{name: C20P},
	XC20P: chachaScheme{name: XC20P, extended: true},
}

// openErrors holds the one error that Open returns for each built-in
// content encryption, made once rather than with every cipher.
var openErrors = func() map[ContentEncryption]error {
	m := make(map[ContentEncryption]error, len(builtinContent))
	for name := range builtinContent {
		m[name] = fmt.Errorf("jwa: %s: %w", name, ErrDecryption)
	}
	return m
}()

// openError returns the error Open returns for name.
func openError(name ContentEncryption) error {
	if err, ok := openErrors[name]; ok {
		return err
	}
	return fmt.Errorf("jwa: %s: %w", name, ErrDecryption)
}
