package jwe_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

// TestJSONMemberNamesExact: the members of the JSON serializations (RFC
// 7516 §7.2.1) are matched exactly. One whose name differs from a
// registered one only in case is refused, where encoding/json would have
// taken "PROTECTED" for "protected" (T70): the same token would then mean
// one thing here and another to a parser that folds case.
func TestJSONMemberNamesExact(t *testing.T) {
	kek := bytes.Repeat([]byte{0x11}, 16)
	encrypt := func(opts ...jwe.EncryptOption) string {
		tok, err := jwe.Encrypt([]byte("hello"), append([]jwe.EncryptOption{
			jwe.WithRecipient(jwa.A128KW, kek), jwe.WithEncryption(jwa.A128GCM),
			jwe.WithAAD([]byte("aad")), jwe.WithSharedHeader("x", 1),
		}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		return string(tok)
	}
	flat := encrypt(jwe.WithFlattened(), jwe.WithRecipientHeader("x-r", "r1"))
	general := encrypt(jwe.WithJSON(), jwe.WithRecipientHeader("x-r", "r1"))
	decrypt := func(tok string) error {
		got, err := jwe.Decrypt(tok, jwe.WithKey(jwa.A128KW, kek), jwe.WithAllowedEncryptions(jwa.A128GCM))
		if err == nil && string(got) != "hello" {
			t.Fatalf("plaintext %q", got)
		}
		return err
	}
	for _, tok := range []string{flat, general} {
		if err := decrypt(tok); err != nil {
			t.Fatalf("%s: %v", tok, err)
		}
	}
	for _, tc := range []struct {
		tok, name, changed, want string
	}{
		{flat, "protected", "PROTECTED", `"PROTECTED" is not "protected"`},
		{flat, "unprotected", "Unprotected", `"Unprotected" is not "unprotected"`},
		{flat, "header", "HEADER", `"HEADER" is not "header"`},
		{flat, "encrypted_key", "Encrypted_Key", `"Encrypted_Key" is not "encrypted_key"`},
		{flat, "aad", "AAD", `"AAD" is not "aad"`},
		{flat, "iv", "IV", `"IV" is not "iv"`},
		{flat, "ciphertext", "cipherText", `"cipherText" is not "ciphertext"`},
		{flat, "tag", "\u0074a\u0047", `"taG" is not "tag"`},
		{general, "recipients", "RECIPIENTS", `"RECIPIENTS" is not "recipients"`},
		{general, "header", "Header", `recipient 0: member name differs from an expected name only in case: "Header" is not "header"`},
		{general, "encrypted_key", "ENCRYPTED_KEY", `recipient 0: member name differs from an expected name only in case: "ENCRYPTED_KEY" is not "encrypted_key"`},
	} {
		if !strings.Contains(tc.tok, `"`+tc.name+`"`) {
			t.Fatalf("%s has no %q", tc.tok, tc.name)
		}
		tok := strings.Replace(tc.tok, `"`+tc.name+`"`, `"`+tc.changed+`"`, 1)
		err := decrypt(tok)
		if !errors.Is(err, jwa.ErrMalformed) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s → %s: got %v, want ErrMalformed and %q", tc.name, tc.changed, err, tc.want)
		}
		if _, err := jwe.Parse(tok); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s → %s: Parse: got %v", tc.name, tc.changed, err)
		}
	}
	// Members this package does not know are ignored (RFC 7516 §7.2.1),
	// whatever their case.
	tok := strings.Replace(flat, `{`, `{"Extra":1,"EXTRA2":2,`, 1)
	if err := decrypt(tok); err != nil {
		t.Errorf("unknown members: %v", err)
	}
	// Wrong JSON types are refused by name.
	for name, bad := range map[string]string{"iv": `1`, "protected": `null`, "aad": `["x"]`} {
		tok := strings.Replace(flat, `"`+name+`":"`, `"`+name+`":`+bad+`,"x-`+name+`":"`, 1)
		if err := decrypt(tok); !errors.Is(err, jwa.ErrMalformed) || !strings.Contains(err.Error(), `member "`+name+`" is not a string`) {
			t.Errorf("%s %s: got %v", name, bad, err)
		}
	}
}
