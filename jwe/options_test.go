package jwe

import (
	"context"
	"crypto/ecdh"
	"crypto/rsa"
	"testing"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestOptionMisuse: every misuse of an option (nil, out of range, given
// twice, contradicting another, a required one missing) fails the call with
// an error that wraps ErrInvalidOption (which is jwa.ErrInvalidOption) and
// names the option, beside a more specific sentinel where there is one.
func TestOptionMisuse(t *testing.T) {
	if ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	base := []EncryptOption{WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM)}
	encrypt := func(opts ...EncryptOption) func() error {
		return func() error { _, err := Encrypt([]byte("x"), opts...); return err }
	}
	encryptBase := func(opts ...EncryptOption) func() error { return encrypt(append(opts, base...)...) }
	decrypt := func(opts ...DecryptOption) func() error {
		return func() error { _, err := Decrypt(tok, opts...); return err }
	}
	keyed := func(opts ...DecryptOption) func() error {
		return decrypt(append([]DecryptOption{WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A128GCM)}, opts...)...)
	}
	parse := func(opts ...ParseOption) func() error {
		return func() error { _, err := Parse(tok, opts...); return err }
	}
	set, _ := jwk.NewSet()
	var (
		nilSet     *jwk.Set
		nilRemote  *jwk.Remote
		nilRSA     *rsa.PrivateKey
		nilECDH    *ecdh.PublicKey
		nilContext context.Context
	)
	for _, tc := range []struct {
		name string
		run  func() error
		says string
		also error
	}{
		{"Encrypt nil option", encrypt(nil), "option 1 of Encrypt is nil", nil},
		{"Decrypt nil option", keyed(nil), "option 3 of Decrypt is nil", nil},
		{"Parse nil option", parse(WithMaxSize(10), nil), "option 2 of Parse is nil", nil},
		{"Encrypt without a recipient", encrypt(WithEncryption(jwa.A128GCM)), "Encrypt needs a recipient: give WithRecipient", nil},
		{"Encrypt without WithEncryption", encrypt(WithRecipient(jwa.A128KW, kw16)), "Encrypt needs the content encryption: give WithEncryption", nil},
		{"Decrypt without a key", decrypt(WithAllowedEncryptions(jwa.A128GCM)), "Decrypt needs a key: give WithKey or WithKeySet", nil},
		{"Decrypt without WithAllowedEncryptions", decrypt(WithKey(jwa.A128KW, kw16)), "Decrypt needs WithAllowedEncryptions", nil},
		{"WithRecipient nil key", encrypt(WithRecipient(jwa.A128KW, nil), WithEncryption(jwa.A128GCM)), "WithRecipient(A128KW): the key is nil", nil},
		{"WithRecipient typed nil key", encrypt(WithRecipient(jwa.ECDH_ES, nilECDH), WithEncryption(jwa.A128GCM)), "WithRecipient(ECDH-ES): the key is nil", nil},
		{"WithRecipient key of the wrong type", encrypt(WithRecipient(jwa.RSA_OAEP_256, kw16), WithEncryption(jwa.A128GCM)), "WithRecipient(RSA-OAEP-256)", jwa.ErrInvalidKey},
		{"WithRecipient unknown algorithm", encrypt(WithRecipient("A1KW", kw16), WithEncryption(jwa.A128GCM)), "WithRecipient", jwa.ErrUnsupportedAlgorithm},
		{"WithKey nil key", keyed(WithKey(jwa.A128KW, nil)), "WithKey(A128KW): the key is nil", nil},
		{"WithKey typed nil key", keyed(WithKey(jwa.RSA_OAEP_256, nilRSA)), "WithKey(RSA-OAEP-256): the key is nil", nil},
		{"WithKey key of the wrong type", decrypt(WithKey(jwa.RSA_OAEP_256, kw16), WithAllowedEncryptions(jwa.A128GCM)), "WithKey(RSA-OAEP-256)", jwa.ErrInvalidKey},
		{"WithKeySet nil", decrypt(WithKeySet(nil, jwa.A128KW), WithAllowedEncryptions(jwa.A128GCM)), "WithKeySet: the key set is nil (did jwk.Discover", nil},
		{"WithKeySet nil *jwk.Set", decrypt(WithKeySet(nilSet, jwa.A128KW), WithAllowedEncryptions(jwa.A128GCM)), "WithKeySet: the key set is nil", nil},
		{"WithKeySet nil *jwk.Remote", decrypt(WithKeySet(nilRemote, jwa.A128KW), WithAllowedEncryptions(jwa.A128GCM)), "WithKeySet: the key set is nil", nil},
		{"WithKeySet without algorithms", decrypt(WithKeySet(set), WithAllowedEncryptions(jwa.A128GCM)), "WithKeySet needs the list", jwa.ErrAlgorithmNotAllowed},
		{"WithKeySet twice", keyed(WithKeySet(set, jwa.A128KW), WithKeySet(set, jwa.A128KW)), "WithKeySet given twice", nil},
		{"WithEncryption twice", encryptBase(WithEncryption(jwa.A256GCM)), "WithEncryption given twice", nil},
		{"WithEncryption unknown", encrypt(WithRecipient(jwa.A128KW, kw16), WithEncryption("A1GCM")), `WithEncryption("A1GCM")`, jwa.ErrUnsupportedAlgorithm},
		{"WithEncryption on HPKE", encrypt(WithRecipient(jwa.HPKE_0, hpkeDHKey(t, jwa.HPKE_0).PublicKey()), WithEncryption(jwa.A128GCM)), "takes no WithEncryption", nil},
		{"WithAllowedEncryptions empty", decrypt(WithKey(jwa.A128KW, kw16), WithAllowedEncryptions()), "WithAllowedEncryptions lists no content encryption", jwa.ErrAlgorithmNotAllowed},
		{"WithAllowedEncryptions twice", keyed(WithAllowedEncryptions(jwa.A128GCM)), "WithAllowedEncryptions given twice", nil},
		{"WithCompression unknown", encryptBase(WithCompression("GZ")), `WithCompression("GZ")`, jwa.ErrUnsupportedAlgorithm},
		{"WithAAD twice", encryptBase(WithAAD(nil), WithAAD(nil), WithJSON()), "WithAAD given twice", nil},
		{"WithAAD in compact", encryptBase(WithAAD([]byte("a"))), "cannot carry AAD", nil},
		{"WithProtectedHeader alg", encryptBase(WithProtectedHeader("alg", "none")), `WithProtectedHeader: set "alg" with WithRecipient`, nil},
		{"WithProtectedHeader epk", encryptBase(WithProtectedHeader("epk", 1)), `WithProtectedHeader: "epk" is written by the key management algorithm`, nil},
		{"WithProtectedHeader empty name", encryptBase(WithProtectedHeader("", 1)), "WithProtectedHeader: empty member name", nil},
		{"WithProtectedHeader twice", encryptBase(WithProtectedHeader("x", 1), WithProtectedHeader("x", 2)), `WithProtectedHeader: "x" given twice`, nil},
		{"WithProtectedHeader unmarshallable", encryptBase(WithProtectedHeader("x", func() {})), `WithProtectedHeader("x")`, nil},
		{"WithSharedHeader crit", encryptBase(WithSharedHeader("crit", []string{"x"})), `WithSharedHeader: "crit" must be in the protected header`, nil},
		{"WithSharedHeader in compact", encryptBase(WithSharedHeader("x", 1)), "cannot carry unprotected headers", nil},
		{"WithRecipientHeader first", encrypt(WithRecipientHeader("x", 1)), "WithRecipientHeader must follow a WithRecipient", nil},
		{"WithRecipientHeader crit", encrypt(WithRecipient(jwa.A128KW, kw16), WithRecipientHeader("crit", 1)), `WithRecipientHeader: "crit"`, nil},
		{"WithKeyID first", encrypt(WithKeyID("a")), "WithKeyID must follow a WithRecipient", nil},
		{"WithKeyID twice", encrypt(WithRecipient(jwa.A128KW, kw16), WithKeyID("a"), WithKeyID("b")), "WithKeyID given twice", nil},
		{"WithType twice", encryptBase(WithType("a"), WithType("b")), `WithType: "typ" given twice`, nil},
		{"WithContentType twice", encryptBase(WithContentType("a"), WithContentType("b")), `WithContentType: "cty" given twice`, nil},
		{"WithJSON and WithFlattened", encryptBase(WithJSON(), WithFlattened()), "WithJSON and WithFlattened contradict", nil},
		{"two recipients, compact", encryptBase(WithRecipient(jwa.A128KW, kw16)), "2 recipients need the general JSON serialization: give WithJSON", nil},
		{"dir with two recipients", encryptBase(WithRecipient(jwa.Direct, cek16), WithJSON()), "dir allows a single recipient only", nil},
		{"member in two headers", encryptBase(WithProtectedHeader("x", 1), WithSharedHeader("x", 1), WithJSON()), `header member "x" is set in more than one header`, nil},
		{"WithP2C under the minimum", encryptBase(WithP2C(999)), "WithP2C(999): below the minimum of 1000", jwa.ErrLimitExceeded},
		{"WithKnownCritical empty", keyed(WithKnownCritical()), "WithKnownCritical without a name", nil},
		{"WithContext nil", keyed(WithContext(nilContext)), "WithContext: the context is nil", nil},
		{"WithContext twice", keyed(WithContext(context.Background()), WithContext(context.Background())), "WithContext given twice", nil},
		{"WithMaxSize zero", keyed(WithMaxSize(0)), "WithMaxSize(0): want a positive number", nil},
		{"WithMaxSize negative on Parse", parse(WithMaxSize(-1)), "WithMaxSize(-1)", nil},
		{"WithMaxRecipients zero", parse(WithMaxRecipients(0)), "WithMaxRecipients(0)", nil},
		{"WithMaxHeaderSize zero", keyed(WithMaxHeaderSize(0)), "WithMaxHeaderSize(0)", nil},
		{"WithMaxP2C zero", keyed(WithMaxP2C(0)), "WithMaxP2C(0)", nil},
		{"WithMinP2C zero", keyed(WithMinP2C(0)), "WithMinP2C(0)", nil},
		{"WithMinP2C over WithMaxP2C", keyed(WithMinP2C(5000), WithMaxP2C(2000)), "WithMinP2C(5000) is over the largest count accepted, 2000", nil},
		{"WithPBES2Budget negative", keyed(WithPBES2Budget(-1)), "WithPBES2Budget(-1)", nil},
		{"WithMaxDecompressedSize zero", keyed(WithMaxDecompressedSize(0)), "WithMaxDecompressedSize(0)", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if refusedInFIPS(err) { // the algorithm's refusal, an option's error too
				josetest.WantErr(t, err, jwa.ErrInvalidOption)
				return
			}
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
			if tc.also != nil {
				josetest.WantErr(t, err, tc.also)
			}
		})
	}
	if _, err := Decrypt(tok, WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A128GCM), WithContext(context.Background())); err != nil {
		t.Fatal(err)
	}
}

// TestNotAllowedNamesTheAllowed: a token whose "enc" or "alg" the caller
// does not accept is refused with a message that lists what is accepted
// and, for "alg", what the token's recipients use.
func TestNotAllowedNamesTheAllowed(t *testing.T) {
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	set, _ := jwk.NewSet()
	_, err = Decrypt(tok, WithKey(jwa.A256KW, make([]byte, 32)), WithKeySet(set, jwa.ECDH_ES, jwa.A256KW), WithAllowedEncryptions(jwa.A128GCM))
	wantErr(t, err, jwa.ErrAlgorithmNotAllowed, `no recipient uses an allowed key management algorithm: the token has "A128KW"; accepted are A256KW, ECDH-ES`)
	_, err = Decrypt(tok, WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A256GCM, jwa.A128CBC_HS256))
	wantErr(t, err, jwa.ErrAlgorithmNotAllowed, `content encryption "A128GCM" is not allowed: accepted are A256GCM, A128CBC-HS256`)
}
