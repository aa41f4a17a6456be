package jwe

import (
	"bytes"
	"crypto/pbkdf2"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// pbes2Recipients builds a general JSON JWE (A128GCM) whose n recipients
// all use PBES2-HS256+A128KW at count p2c, each with an encrypted key of
// the right length, so that every one would cost a derivation, and none
// that any password unwraps.
func pbes2Recipients(t *testing.T, n, p2c int) string {
	t.Helper()
	recipients := make([]any, n)
	for i := range recipients {
		recipients[i] = map[string]any{
			"header": map[string]any{
				"alg": string(jwa.PBES2_HS256_A128KW),
				"p2s": base64url.EncodeToString(bytes.Repeat([]byte{byte(i)}, 16)),
				"p2c": p2c,
			},
			"encrypted_key": base64url.EncodeToString(bytes.Repeat([]byte{byte(i)}, 24)),
		}
	}
	prot := base64url.EncodeToString([]byte(`{"enc":"A128GCM"}`))
	iv := make([]byte, 12)
	ct, tag := gcmSeal(t, cek16, iv, []byte("x"), []byte(prot))
	return string(marshal(map[string]any{
		"protected": prot, "recipients": recipients, "iv": base64url.EncodeToString(iv),
		"ciphertext": base64url.EncodeToString(ct), "tag": base64url.EncodeToString(tag),
	}))
}

// pbes2Token builds a compact PBES2-HS256+A128KW + A128GCM JWE by hand,
// with any salt and count, as a writer that ignores RFC 7518 would.
func pbes2Token(t *testing.T, password, p2s []byte, p2c int) string {
	t.Helper()
	salt := append([]byte(string(jwa.PBES2_HS256_A128KW)+"\x00"), p2s...)
	kek, err := pbkdf2.Key(sha256.New, string(password), salt, p2c, 16)
	if err != nil {
		t.Fatal(err)
	}
	kw, err := jwa.A128KW.NewKeyEncrypter(kek)
	if err != nil {
		t.Fatal(err)
	}
	_, ek, err := kw.EncryptKey(cek16, &jwa.KeyParams{Enc: jwa.A128GCM})
	if err != nil {
		t.Fatal(err)
	}
	header := fmt.Sprintf(`{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":%q,"p2c":%d}`, base64url.EncodeToString(p2s), p2c)
	return handToken(t, header, ek, cek16, []byte("by hand"))
}

// withBudgetReport hands the PBKDF2 budget to report once Decrypt is done.
func withBudgetReport(report func(jwa.PBKDF2Budget)) DecryptOption {
	return decryptOption(func(c *config) error { c.testBudget = report; return nil })
}

// TestPBES2BudgetSixteenRecipients is the attack of threat T36 multiplied:
// one 2.3 KB token with 16 PBES2 recipients at the largest count accepted
// (1,000,000). Without a budget, each costs a PBKDF2 run. With the default
// budget, one derivation at the maximum count happens, counted in
// iterations, and the error names the budget and the option.
func TestPBES2BudgetSixteenRecipients(t *testing.T) {
	if testing.Short() {
		t.Skip("runs one PBKDF2 derivation of 1,000,000 iterations")
	}
	tok := pbes2Recipients(t, DefaultMaxRecipients, jwa.DefaultMaxP2C)
	if len(tok) > 2600 {
		t.Fatalf("the hostile token is %d bytes", len(tok))
	}
	var got jwa.PBKDF2Budget
	_, err := Decrypt(tok, WithKey(jwa.PBES2_HS256_A128KW, []byte("pw")), WithAllowedEncryptions(jwa.A128GCM),
		withBudgetReport(func(b jwa.PBKDF2Budget) { got = b }))
	wantErr(t, err, jwa.ErrLimitExceeded, "jwe: recipient 1:", "over the budget of 1000000", "WithPBES2Budget")
	if got.Spent != jwa.DefaultMaxP2C || got.Refused != DefaultMaxRecipients-1 {
		t.Fatalf("spent %d iterations, refused %d recipients; want one derivation of %d and %d refusals",
			got.Spent, got.Refused, jwa.DefaultMaxP2C, DefaultMaxRecipients-1)
	}
}

// TestPBES2BudgetFollowsMaxP2C: the default budget is the cap in force, so
// lowering WithMaxP2C lowers the work of a whole token with it.
func TestPBES2BudgetFollowsMaxP2C(t *testing.T) {
	tok := pbes2Recipients(t, DefaultMaxRecipients, 10_000)
	var got jwa.PBKDF2Budget
	_, err := Decrypt(tok, WithKey(jwa.PBES2_HS256_A128KW, []byte("pw")), WithAllowedEncryptions(jwa.A128GCM),
		WithMaxP2C(10_000), withBudgetReport(func(b jwa.PBKDF2Budget) { got = b }))
	wantErr(t, err, jwa.ErrLimitExceeded, "over the budget of 10000", "WithPBES2Budget")
	if got.Limit != 10_000 || got.Spent != 10_000 || got.Refused != 15 {
		t.Fatalf("budget %+v, want one derivation of 10000 and 15 refusals", got)
	}
	// Raising the budget buys the derivations back: every recipient is
	// tried, and fails as a wrong password does.
	_, err = Decrypt(tok, WithKey(jwa.PBES2_HS256_A128KW, []byte("pw")), WithAllowedEncryptions(jwa.A128GCM),
		WithMaxP2C(10_000), WithPBES2Budget(160_000), withBudgetReport(func(b jwa.PBKDF2Budget) { got = b }))
	if err != errDecrypt || got.Spent != 160_000 || got.Refused != 0 {
		t.Fatalf("with the budget raised: %v, %+v", err, got)
	}
}

// TestPBES2BudgetSeveralPasswords: several passwords tried on one recipient
// multiply the work too; the budget bounds them, a kid on the keys and the
// token avoids the extra tries, and WithPBES2Budget allows them.
func TestPBES2BudgetSeveralPasswords(t *testing.T) {
	pws := [][]byte{[]byte("old password"), []byte("older password"), []byte("current password")}
	tok, err := Encrypt([]byte("rotated"), WithRecipient(jwa.PBES2_HS256_A128KW, pws[2]), WithEncryption(jwa.A128GCM), WithP2C(6000))
	if err != nil {
		t.Fatal(err)
	}
	opts := []DecryptOption{WithAllowedEncryptions(jwa.A128GCM), WithMaxP2C(10_000)}
	for _, pw := range pws {
		opts = append(opts, WithKey(jwa.PBES2_HS256_A128KW, pw))
	}
	_, err = Decrypt(tok, opts...)
	wantErr(t, err, jwa.ErrLimitExceeded, "p2c 6000 would bring the PBKDF2 work to 12000 iterations, over the budget of 10000", "WithPBES2Budget")
	if plain, err := Decrypt(tok, append(opts, WithPBES2Budget(18_000))...); err != nil || string(plain) != "rotated" {
		t.Fatalf("with the budget raised: %q, %v", plain, err)
	}

	// With kids, only the key the token names is tried.
	var keyed []DecryptOption
	for i, pw := range pws {
		k, err := jwk.FromKey(pw, jwk.WithKeyID(fmt.Sprint("pw-", i)))
		if err != nil {
			t.Fatal(err)
		}
		keyed = append(keyed, WithKey(jwa.PBES2_HS256_A128KW, k))
	}
	tok, err = Encrypt([]byte("rotated"), WithRecipient(jwa.PBES2_HS256_A128KW, pws[2]), WithKeyID("pw-2"), WithEncryption(jwa.A128GCM), WithP2C(6000))
	if err != nil {
		t.Fatal(err)
	}
	if plain, err := Decrypt(tok, append(keyed, opts...)...); err != nil || string(plain) != "rotated" {
		t.Fatalf("with kids: %q, %v", plain, err)
	}
}

// TestPBES2BudgetCheapRecipients: the budget is counted in iterations, so
// a token with several recipients at a modest count still decrypts with
// the last recipient's password.
func TestPBES2BudgetCheapRecipients(t *testing.T) {
	var opts []EncryptOption
	for i := range 4 {
		opts = append(opts, WithRecipient(jwa.PBES2_HS256_A128KW, []byte(fmt.Sprint("password ", i))))
	}
	tok, err := Encrypt([]byte("shared"), append(opts, WithEncryption(jwa.A128GCM), WithJSON(), WithP2C(MinP2C))...)
	if err != nil {
		t.Fatal(err)
	}
	var got jwa.PBKDF2Budget
	r, err := DecryptMessage(tok, WithKey(jwa.PBES2_HS256_A128KW, []byte("password 3")), WithAllowedEncryptions(jwa.A128GCM),
		withBudgetReport(func(b jwa.PBKDF2Budget) { got = b }))
	if err != nil || r.Recipient != 3 || string(r.Plaintext) != "shared" {
		t.Fatalf("DecryptMessage: %v", err)
	}
	if got.Spent != 4*MinP2C || got.Refused != 0 {
		t.Fatalf("budget %+v, want 4 derivations of %d", got, MinP2C)
	}
}

// TestPBES2WeakCount: a count under RFC 7518 §4.8.1.2's 1000 is refused
// before any PBKDF2 work unless WithMinP2C lowers the floor, and Encrypt
// never writes one (threat T60).
func TestPBES2WeakCount(t *testing.T) {
	pw, salt := []byte("pw"), []byte("16 bytes of salt")
	tok := pbes2Token(t, pw, salt, 999)
	var got jwa.PBKDF2Budget
	_, err := Decrypt(tok, WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM),
		withBudgetReport(func(b jwa.PBKDF2Budget) { got = b }))
	wantErr(t, err, jwa.ErrLimitExceeded, "p2c 999 is under the minimum of 1000 (RFC 7518 §4.8.1.2)")
	if got.Spent != 0 {
		t.Fatalf("%d iterations spent on a refused count", got.Spent)
	}
	_, err = Decrypt(pbes2Token(t, pw, salt, 1), WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM))
	wantErr(t, err, jwa.ErrLimitExceeded, "p2c 1 is under the minimum of 1000")
	if plain, err := Decrypt(tok, WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM), WithMinP2C(999)); err != nil || string(plain) != "by hand" {
		t.Fatalf("with the floor lowered: %q, %v", plain, err)
	}
	// A higher floor refuses more.
	_, err = Decrypt(pbes2Token(t, pw, salt, 1000), WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM), WithMinP2C(5000))
	wantErr(t, err, jwa.ErrLimitExceeded, "p2c 1000 is under the minimum of 5000")

	_, err = Encrypt([]byte("x"), WithRecipient(jwa.PBES2_HS256_A128KW, pw), WithEncryption(jwa.A128GCM), WithP2C(999))
	wantErr(t, err, jwa.ErrLimitExceeded, "WithP2C(999): below the minimum of 1000 (RFC 7518 §4.8.1.2)")
	for _, opt := range []LimitOption{WithMinP2C(0), WithPBES2Budget(0), WithPBES2Budget(-1)} {
		if _, err := Decrypt(tok, WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM), opt); !errors.Is(err, ErrInvalidOption) || !strings.Contains(err.Error(), "want a positive number") {
			t.Fatalf("a non-positive option: %v", err)
		}
	}
	tok, err = Encrypt([]byte("x"), WithRecipient(jwa.PBES2_HS256_A128KW, pw), WithEncryption(jwa.A128GCM), WithP2C(MinP2C))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	if p2c, _ := m.Protected.Get("p2c"); string(p2c) != "1000" {
		t.Fatalf("p2c written: %s", p2c)
	}
}

// TestPBES2Salt: RFC 7518 §4.8.1.1 requires a "p2s" of at least 8 octets;
// a shorter one is refused before any PBKDF2 work, and Encrypt writes 16
// random octets (threat T60).
func TestPBES2Salt(t *testing.T) {
	pw := []byte("pw")
	for _, salt := range [][]byte{nil, []byte("7 bytes")} {
		var got jwa.PBKDF2Budget
		_, err := Decrypt(pbes2Token(t, pw, salt, 1000), WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM),
			withBudgetReport(func(b jwa.PBKDF2Budget) { got = b }))
		wantErr(t, err, jwa.ErrMalformed, fmt.Sprintf("p2s is %d bytes, need at least 8 (RFC 7518 §4.8.1.1)", len(salt)))
		if got.Spent != 0 {
			t.Fatalf("%d iterations spent on a short salt", got.Spent)
		}
	}
	plain, err := Decrypt(pbes2Token(t, pw, []byte("8 octets"), 1000), WithKey(jwa.PBES2_HS256_A128KW, pw), WithAllowedEncryptions(jwa.A128GCM))
	switch {
	case refusedInFIPS(err):
		// SP 800-132 §5.1 asks for 128 bits of salt in FIPS 140-3 mode.
		wantErr(t, err, jwa.ErrNotApproved, "p2s of 8 bytes, SP 800-132 §5.1 needs at least 16")
	case err != nil || string(plain) != "by hand":
		t.Fatalf("8-byte salt: %q, %v", plain, err)
	}
	_, err = Encrypt([]byte("x"), WithRecipient(jwa.PBES2_HS256_A128KW, pw), WithEncryption(jwa.A128GCM), WithP2C(MinP2C), withP2S([]byte("7 bytes")))
	wantErr(t, err, jwa.ErrMalformed, "p2s is 7 bytes, need at least 8")
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.PBES2_HS256_A128KW, pw), WithEncryption(jwa.A128GCM), WithP2C(MinP2C))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	if p2s, _, _ := m.Protected.m.Bytes("p2s"); len(p2s) != 16 {
		t.Fatalf("p2s written: %d bytes", len(p2s))
	}
}
