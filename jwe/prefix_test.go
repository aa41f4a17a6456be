package jwe_test

import (
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errtest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
)

// TestErrorPrefixOnce: realistic failures of jwe.Encrypt and jwe.Decrypt
// name "jwe" once, at the start, and no other package; each wraps the
// sentinel of the layer that failed. A decryption that fails after the
// header was accepted stays the one error that says nothing more.
func TestErrorPrefixOnce(t *testing.T) {
	kek := []byte("0123456789abcdef")
	ec, err := jwk.Generate(jwa.ECDH_ES_A128KW, jwk.WithKeyID("a"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := jwk.Generate(jwa.ECDH_ES_A128KW, jwk.WithKeyID("b"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.NewSet(other)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwe.Encrypt([]byte("p"), jwe.WithRecipient(jwa.A128KW, kek), jwe.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	toEC, err := jwe.Encrypt([]byte("p"), jwe.WithRecipient(jwa.ECDH_ES_A128KW, ec.Public()), jwe.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	// An epk whose "x5c" is no certificate: jwk says the input is
	// malformed, and jwe must not say it again.
	badEPK := base64url.EncodeToString([]byte(`{"alg":"ECDH-ES+A128KW","enc":"A128GCM","epk":{"kty":"EC","crv":"P-256","x5c":["AAAA"],`+
		`"x":"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0","y":"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps"}}`)) + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA"
	decrypt := func(token string, opts ...jwe.DecryptOption) error { _, err := jwe.Decrypt(token, opts...); return err }
	encrypt := func(opts ...jwe.EncryptOption) error { _, err := jwe.Encrypt([]byte("p"), opts...); return err }
	errtest.PrefixOnce(t, "jwe",
		errtest.Failure("another key", decrypt(tok, jwe.WithKey(jwa.A128KW, []byte("fedcba9876543210")), jwe.WithAllowedEncryptions(jwa.A128GCM)), jwa.ErrDecryption, "jwe: decryption failed"),
		errtest.Failure("enc not accepted", decrypt(tok, jwe.WithKey(jwa.A128KW, kek), jwe.WithAllowedEncryptions(jwa.A256GCM)), jwa.ErrAlgorithmNotAllowed, "A128GCM"),
		errtest.Failure("kid not in the set", decrypt(toEC, jwe.WithKeySet(set, jwa.ECDH_ES_A128KW), jwe.WithAllowedEncryptions(jwa.A128GCM)), jwk.ErrKeyNotFound, "no matching key"),
		errtest.Failure("key of the wrong size", decrypt(tok, jwe.WithKey(jwa.A128KW, kek[:15]), jwe.WithAllowedEncryptions(jwa.A128GCM)), jwa.ErrInvalidKey, "15 bytes"),
		errtest.Failure("epk with a malformed x5c", decrypt(badEPK, jwe.WithKey(jwa.ECDH_ES_A128KW, ec), jwe.WithAllowedEncryptions(jwa.A128GCM)), jwa.ErrMalformed, "epk: x5c certificate 0"),
		errtest.Failure("malformed", decrypt("a.b.c.d.e", jwe.WithKey(jwa.A128KW, kek), jwe.WithAllowedEncryptions(jwa.A128GCM)), jwa.ErrMalformed, "base64url"),
		errtest.Failure("recipient key of another type", encrypt(jwe.WithRecipient(jwa.RSA_OAEP_256, kek), jwe.WithEncryption(jwa.A128GCM)), jwa.ErrInvalidKey, "WithRecipient(RSA-OAEP-256)"),
		errtest.Failure("string key", encrypt(jwe.WithRecipient(jwa.A128KW, "secret"), jwe.WithEncryption(jwa.A128GCM)), jwa.ErrInvalidKey, "string"),
	)
}
