package jwa

import (
	"bytes"
	"errors"
	"hash"
	"testing"

	"github.com/joseproject/jose/internal/josetest"
)

// wantErr checks that err wraps sentinel and that its message holds msg.
var wantErr = josetest.WantErr

// lowCountKey wraps a 16-byte CEK for PBES2-HS256+A128KW at a count that
// EncryptKey refuses to write, as a hostile or careless writer would.
func lowCountKey(t *testing.T, password, p2s []byte, p2c int) []byte {
	t.Helper()
	k, err := PBES2_HS256_A128KW.NewKeyDecrypter(password)
	if err != nil {
		t.Fatal(err)
	}
	kw, err := k.(*pbes2Key).kek(p2s, p2c)
	if err != nil {
		t.Fatal(err)
	}
	_, ek, err := kw.wrap(bytes.Repeat([]byte{5}, 16))
	if err != nil {
		t.Fatal(err)
	}
	return ek
}

// TestPBES2Floor: RFC 7518 §4.8.1.2 recommends at least 1000 iterations.
// An encrypter never writes fewer; a decrypter refuses fewer before any
// PBKDF2 work unless the caller lowers the floor (threat T60).
func TestPBES2Floor(t *testing.T) {
	pw, salt := []byte("pw"), []byte("sixteen octets!!") // FIPS 140-3 mode asks for 16
	e, _ := PBES2_HS256_A128KW.NewKeyEncrypter(pw)
	d, _ := PBES2_HS256_A128KW.NewKeyDecrypter(pw)

	_, _, err := e.EncryptKey(make([]byte, 16), &KeyParams{Enc: A128GCM, P2C: 999})
	wantErr(t, err, ErrLimitExceeded, "p2c 999 is under the minimum of 1000 (RFC 7518 §4.8.1.2)")
	if _, _, err := e.EncryptKey(make([]byte, 16), &KeyParams{Enc: A128GCM, P2C: MinP2C}); err != nil {
		t.Fatalf("p2c %d: %v", MinP2C, err)
	}

	ek := lowCountKey(t, pw, salt, 999)
	derived := countDerivations(t)
	_, err = d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 999})
	wantErr(t, err, ErrLimitExceeded, "p2c 999 is under the minimum of 1000")
	_, err = d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 1})
	wantErr(t, err, ErrLimitExceeded, "p2c 1 is under the minimum of 1000")
	_, err = d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 1500, Limits: KeyLimits{MinP2C: 2000}})
	wantErr(t, err, ErrLimitExceeded, "p2c 1500 is under the minimum of 2000")
	_, err = d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 1500, Limits: KeyLimits{MinP2C: -1}})
	wantErr(t, err, ErrMalformed, "negative MinP2C -1")
	if derived.calls != 0 {
		t.Fatalf("%d derivations for refused counts", derived.calls)
	}

	got, err := d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 999, Limits: KeyLimits{MinP2C: 1}})
	if err != nil || !bytes.Equal(got, bytes.Repeat([]byte{5}, 16)) {
		t.Fatalf("p2c 999 with the floor lowered to 1: %v", err)
	}
}

// TestPBES2Salt: RFC 7518 §4.8.1.1 requires a salt input of at least 8
// octets, on both sides.
func TestPBES2Salt(t *testing.T) {
	pw := []byte("pw")
	e, _ := PBES2_HS256_A128KW.NewKeyEncrypter(pw)
	d, _ := PBES2_HS256_A128KW.NewKeyDecrypter(pw)
	_, _, err := e.EncryptKey(make([]byte, 16), &KeyParams{Enc: A128GCM, P2C: MinP2C, P2S: []byte("7 bytes")})
	wantErr(t, err, ErrMalformed, "p2s is 7 bytes, need at least 8 (RFC 7518 §4.8.1.1)")
	_, err = d.DecryptKey(make([]byte, 24), &KeyParams{Enc: A128GCM, P2C: MinP2C, P2S: []byte("7 bytes")})
	wantErr(t, err, ErrMalformed, "p2s is 7 bytes, need at least 8 (RFC 7518 §4.8.1.1)")
	_, err = d.DecryptKey(make([]byte, 24), &KeyParams{Enc: A128GCM, P2C: MinP2C})
	wantErr(t, err, ErrMalformed, "p2s is 0 bytes, need at least 8")

	p := &KeyParams{Enc: A128GCM, P2C: MinP2C, P2S: []byte("8 octets")}
	cek, ek, err := e.EncryptKey(bytes.Repeat([]byte{1}, 16), p)
	if fipsMode {
		// SP 800-132 §5.1: at least 128 bits of salt.
		wantErr(t, err, ErrNotApproved, "p2s of 8 bytes, SP 800-132 §5.1 needs at least 16")
		_, err = d.DecryptKey(make([]byte, 24), p)
		wantErr(t, err, ErrNotApproved, "p2s of 8 bytes, SP 800-132 §5.1 needs at least 16")
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got, err := d.DecryptKey(ek, p); err != nil || !bytes.Equal(got, cek) {
		t.Fatalf("8-byte salt: %v", err)
	}
}

// derivations counts the PBKDF2 runs and iterations while a test runs.
type derivations struct{ calls, iterations int }

// countDerivations replaces pbkdf2Key with a counting wrapper for the rest
// of the test (none of this package's tests runs in parallel).
func countDerivations(t *testing.T) *derivations {
	d := &derivations{}
	orig := pbkdf2Key
	pbkdf2Key = func(h func() hash.Hash, password string, salt []byte, iter, keyLength int) ([]byte, error) {
		d.calls++
		d.iterations += iter
		return orig(h, password, salt, iter, keyLength)
	}
	t.Cleanup(func() { pbkdf2Key = orig })
	return d
}

// TestPBKDF2Budget: decrypters that share a budget derive only while the
// count fits in it, and what they derive is what it says was spent
// (threat T36, one token with many PBES2 recipients or keys).
func TestPBKDF2Budget(t *testing.T) {
	pw, salt := []byte("pw"), []byte("sixteen octets!!") // FIPS 140-3 mode asks for 16
	d, _ := PBES2_HS256_A128KW.NewKeyDecrypter(pw)
	other, _ := PBES2_HS384_A192KW.NewKeyDecrypter(pw)
	ek := make([]byte, 24) // the right length: each try would derive
	count := countDerivations(t)
	b := &PBKDF2Budget{Limit: 5000}
	params := func(p2c int) *KeyParams {
		return &KeyParams{Enc: A128GCM, P2S: salt, P2C: p2c, Limits: KeyLimits{PBKDF2: b}}
	}

	if _, err := d.DecryptKey(ek, params(2000)); !errors.Is(err, ErrDecryption) {
		t.Fatalf("first try: %v", err)
	}
	if _, err := other.DecryptKey(ek, params(2000)); !errors.Is(err, ErrDecryption) {
		t.Fatalf("second try, another algorithm: %v", err)
	}
	_, err := d.DecryptKey(ek, params(2000))
	wantErr(t, err, ErrLimitExceeded, "p2c 2000 would bring the PBKDF2 work to 6000 iterations, over the budget of 5000")
	// A cheaper try still fits.
	if _, err := d.DecryptKey(ek, params(1000)); !errors.Is(err, ErrDecryption) {
		t.Fatalf("cheaper try: %v", err)
	}
	// Refusals on public values spend nothing.
	if _, err := d.DecryptKey(make([]byte, 40), params(1000)); !errors.Is(err, ErrDecryption) {
		t.Fatalf("wrong length: %v", err)
	}
	if _, err := d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 3000, Limits: KeyLimits{MaxP2C: 2000, PBKDF2: b}}); !errors.Is(err, ErrLimitExceeded) {
		t.Fatalf("over the cap: %v", err)
	}
	if count.calls != 3 || count.iterations != 5000 || b.Spent != 5000 || b.Refused != 1 {
		t.Fatalf("%d derivations of %d iterations; budget spent %d, refused %d; want 3, 5000, 5000, 1",
			count.calls, count.iterations, b.Spent, b.Refused)
	}

	// A zero budget allows nothing; no budget bounds nothing.
	_, err = d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 1000, Limits: KeyLimits{PBKDF2: &PBKDF2Budget{}}})
	wantErr(t, err, ErrLimitExceeded, "over the budget of 0")
	if _, err := d.DecryptKey(ek, &KeyParams{Enc: A128GCM, P2S: salt, P2C: 1000}); !errors.Is(err, ErrDecryption) {
		t.Fatalf("no budget: %v", err)
	}
	if count.calls != 4 {
		t.Fatalf("%d derivations, want 4", count.calls)
	}
}
