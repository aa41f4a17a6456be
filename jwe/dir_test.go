package jwe

import (
	"bytes"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestRFC7520DirKeyFromJWK reads the RFC 7520 §5.6 key as its JSON says,
// {"kty":"oct","alg":"A128GCM",...}, through jwk.Parse (the other vector
// tests build their keys from the raw bytes), and decrypts every
// serialization of the §5.6 example with it, by WithKey and by key set,
// then reproduces the compact form.
func TestRFC7520DirKeyFromJWK(t *testing.T) {
	v := loadCookbook(t, "../testdata/rfc7520/jwe/5_6.direct_encryption_using_aes-gcm.json")
	key, err := jwk.Parse(v.Input.Key)
	if err != nil {
		t.Fatal(err)
	}
	if key.Algorithm() != "A128GCM" {
		t.Fatalf("the cookbook key has alg %q", key.Algorithm())
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		t.Fatal(err)
	}
	for form, tok := range v.outputs() {
		for name, opt := range map[string]DecryptOption{"WithKey": WithKey(jwa.Direct, key), "WithKeySet": WithKeySet(set, jwa.Direct)} {
			r, err := DecryptMessage(tok, opt, WithAllowedEncryptions(jwa.A128GCM))
			if err != nil {
				t.Fatalf("%s, %s: %v", form, name, err)
			}
			if string(r.Plaintext) != v.Input.Plaintext || r.Key != key || r.Algorithm != jwa.Direct || r.Encryption != jwa.A128GCM {
				t.Fatalf("%s, %s: got %q with %s/%s", form, name, r.Plaintext, r.Algorithm, r.Encryption)
			}
		}
	}
	got, err := Encrypt([]byte(v.Input.Plaintext), WithRecipient(jwa.Direct, key), WithEncryption(jwa.A128GCM),
		withGCMIV(t, b64(t, v.Generated.IV)))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != v.Output.Compact {
		t.Fatalf("compact:\n got %s\nwant %s", got, v.Output.Compact)
	}
}

// TestDirKeyBoundToEnc: a dir key whose "alg" names a content encryption
// serves that enc only. Another enc is refused on encrypt and on decrypt
// before the key is used, even one whose CEK has the key's length (threat
// T32: the key management algorithm must be the one the key is bound to).
func TestDirKeyBoundToEnc(t *testing.T) {
	raw := bytes.Repeat([]byte{0x42}, 32)
	key, err := jwk.Parse([]byte(`{"kty":"oct","alg":"A256GCM","k":"QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI"}`))
	if err != nil {
		t.Fatal(err)
	}
	const msg = "is bound to dir with A256GCM, not A128CBC-HS256"

	// The same 32 bytes as a bare []byte serve any enc of their length, so
	// the token is sound: only the key's binding refuses it.
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.Direct, raw), WithEncryption(jwa.A128CBC_HS256))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decrypt(tok, WithKey(jwa.Direct, raw), WithAllowedEncryptions(jwa.A128CBC_HS256)); err != nil {
		t.Fatalf("bare key: %v", err)
	}
	set, err := jwk.NewSet(key)
	if err != nil {
		t.Fatal(err)
	}
	for _, opt := range []DecryptOption{WithKey(jwa.Direct, key), WithKeySet(set, jwa.Direct)} {
		_, err = Decrypt(tok, opt, WithAllowedEncryptions(jwa.A256GCM, jwa.A128CBC_HS256))
		wantErr(t, err, jwa.ErrAlgorithmNotAllowed, "jwe: recipient 0:", msg)
	}
	_, err = Encrypt([]byte("x"), WithRecipient(jwa.Direct, key), WithEncryption(jwa.A128CBC_HS256))
	wantErr(t, err, jwa.ErrAlgorithmNotAllowed, "jwe: dir:", msg)

	// Its own enc works both ways; other algorithms are refused.
	tok, err = Encrypt([]byte("x"), WithRecipient(jwa.Direct, key), WithEncryption(jwa.A256GCM))
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := Decrypt(tok, WithKey(jwa.Direct, key), WithAllowedEncryptions(jwa.A256GCM)); err != nil || string(plain) != "x" {
		t.Fatalf("A256GCM: %q, %v", plain, err)
	}
	_, err = Decrypt(tok, WithKey(jwa.A256KW, key), WithAllowedEncryptions(jwa.A256GCM))
	wantErr(t, err, jwa.ErrAlgorithmNotAllowed, "is bound to A256GCM, not A256KW")
}

// TestKeyManagementErrorNamesAlgorithmOnce: a key that cannot serve at
// encryption time is reported in jwa's words, which name the algorithm;
// jwe does not name it a second time ("jwe: dir: dir: ...").
func TestKeyManagementErrorNamesAlgorithmOnce(t *testing.T) {
	_, err := Encrypt([]byte("x"), WithRecipient(jwa.Direct, make([]byte, 16)), WithEncryption(jwa.A256GCM))
	wantErr(t, err, jwa.ErrInvalidKey, "jwe: dir: key is 16 bytes, A256GCM needs 32")
	if strings.Count(err.Error(), "dir:") != 1 {
		t.Fatalf("err = %v, want the algorithm named once", err)
	}
}
