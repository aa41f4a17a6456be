package jwe

import (
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// TestZipOnlyDEF: "zip" is "DEF" or absent (RFC 7516 §4.1.3, RFC 7518
// §7.3). Any other value is refused before any key is used, the empty
// string and other spellings of DEF included, so that a header never
// means "no compression" by saying something else (threat T45). The tokens
// are otherwise sound: the dir key decrypts them.
func TestZipOnlyDEF(t *testing.T) {
	deflated, err := jwa.Deflate.Compress([]byte("compressed"))
	if err != nil {
		t.Fatal(err)
	}
	dir := []DecryptOption{WithKey(jwa.Direct, cek16), WithAllowedEncryptions(jwa.A128GCM)}
	for _, zip := range []string{``, `def`, `Def`, `GZIP`, `DEF `, ` DEF`, `DEF\u0000`, `none`} {
		header := `{"alg":"dir","enc":"A128GCM","zip":"` + zip + `"}`
		_, err := Decrypt(handToken(t, header, nil, cek16, deflated), dir...)
		shown := strings.ReplaceAll(zip, `\u0000`, `\x00`)
		wantErr(t, err, jwa.ErrUnsupportedAlgorithm, `jwe: compression "`+shown+`": only "DEF" is defined`)
	}
	_, err = Decrypt(handToken(t, `{"alg":"dir","enc":"A128GCM","zip":null}`, nil, cek16, deflated), dir...)
	wantErr(t, err, jwa.ErrMalformed, `"zip" must be a string`)

	// The same token with "DEF", and with the name escaped in JSON, is read.
	for _, zip := range []string{`DEF`, `\u0044EF`} {
		header := `{"alg":"dir","enc":"A128GCM","zip":"` + zip + `"}`
		if plain, err := Decrypt(handToken(t, header, nil, cek16, deflated), dir...); err != nil || string(plain) != "compressed" {
			t.Fatalf("zip %s: %q, %v", zip, plain, err)
		}
	}
}

// TestZipOnlyDEFIntegrated: the rule holds for HPKE Integrated Encryption,
// whose "zip" is read on the same path.
func TestZipOnlyDEFIntegrated(t *testing.T) {
	sk := hpkeDHKey(t, jwa.HPKE_0)
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.HPKE_0, sk.PublicKey()))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(tok), ".")
	parts[0] = base64url.EncodeToString([]byte(`{"alg":"HPKE-0","zip":""}`))
	_, err = Decrypt(strings.Join(parts, "."), WithKey(jwa.HPKE_0, sk))
	wantErr(t, err, jwa.ErrUnsupportedAlgorithm, `jwe: compression "": only "DEF" is defined`)
}

// TestEncryptZip: Encrypt writes "zip" only as "DEF", through
// WithCompression(jwa.Deflate), and refuses every other way to write one.
func TestEncryptZip(t *testing.T) {
	base := []EncryptOption{WithRecipient(jwa.Direct, cek16), WithEncryption(jwa.A128GCM)}
	for _, zip := range []jwa.CompressionAlgorithm{"", "def", "GZIP"} {
		_, err := Encrypt([]byte("x"), append(base, WithCompression(zip))...)
		wantErr(t, err, jwa.ErrUnsupportedAlgorithm, `WithCompression("`+string(zip)+`")`)
	}
	for _, opt := range []EncryptOption{WithProtectedHeader("zip", ""), WithProtectedHeader("zip", "DEF"), WithSharedHeader("zip", "DEF"), WithRecipientHeader("zip", "def")} {
		tok, err := Encrypt([]byte("x"), append(base, opt, WithJSON())...)
		if err == nil || tok != "" || !strings.Contains(err.Error(), `set "zip" with WithCompression`) {
			t.Fatalf("a header option wrote zip: %v", err)
		}
	}
	tok, err := Encrypt([]byte("x"), append(base, WithCompression(jwa.Deflate))...)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	if zip, _ := m.Protected.Get("zip"); string(zip) != `"DEF"` {
		t.Fatalf("zip written: %s", zip)
	}
	if tok, err = Encrypt([]byte("x"), base...); err != nil {
		t.Fatal(err)
	}
	if m, err = Parse(tok); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Protected.Get("zip"); ok {
		t.Fatal("zip written without WithCompression")
	}
}
