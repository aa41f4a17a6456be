package jwe

import (
	"slices"

	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// seeds adds every serialization of the RFC 7520 examples and of RFC 7516
// Appendix A.
func seeds(f *testing.F) {
	files, _ := filepath.Glob("../testdata/rfc7520/jwe/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		v := &cookbookJWE{}
		if err := jsonUnmarshal(data, v); err != nil {
			f.Fatal(err)
		}
		for _, tok := range v.outputs() {
			f.Add([]byte(tok))
		}
	}
	f.Add([]byte(`{"recipients":[{}],"ciphertext":""}`))
	f.Add([]byte("...."))
}

// FuzzParse checks that Parse never panics, returns nothing alongside an
// error, and that a parsed message's headers are disjoint and typed.
func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, token []byte) {
		m, err := Parse(string(token))
		if err != nil {
			if m != nil {
				t.Fatal("message returned alongside an error")
			}
			if !errors.Is(err, jwa.ErrMalformed) && !errors.Is(err, jwa.ErrLimitExceeded) {
				t.Fatalf("error outside the jwa sentinels: %v", err)
			}
			return
		}
		for i := range m.Recipients {
			h := m.JOSEHeader(i)
			if h.Algorithm() == "" || h.Encryption() == "" {
				t.Fatal("accepted a recipient without alg or enc")
			}
		}
	})
}

// FuzzDecrypt runs hostile tokens against fixed keys of several kinds.
func FuzzDecrypt(f *testing.F) {
	seeds(f)
	for _, alg := range []jwa.KeyAlgorithm{jwa.A128KW, jwa.Direct, jwa.A128GCMKW, jwa.PBES2_HS256_A128KW} {
		tok, err := Encrypt([]byte("fuzz"), WithRecipient(alg, kw16), WithEncryption(jwa.A128GCM), WithP2C(MinP2C), WithFlattened())
		if err != nil {
			f.Fatal(err)
		}
		f.Add([]byte(tok))
	}
	opts := []DecryptOption{
		WithKey(jwa.A128KW, kw16), WithKey(jwa.Direct, kw16), WithKey(jwa.A128GCMKW, kw16),
		WithKey(jwa.PBES2_HS256_A128KW, kw16), WithMaxP2C(2000),
		WithAllowedEncryptions(slices.DeleteFunc([]jwa.ContentEncryption{jwa.A128GCM, jwa.A128CBC_HS256, jwa.C20P},
			func(e jwa.ContentEncryption) bool { return e.CheckFIPS() != nil })...), // C20P is refused in FIPS 140-3 mode
		WithMaxDecompressedSize(1 << 16),
	}
	f.Fuzz(func(t *testing.T, token []byte) {
		pt, err := Decrypt(string(token), opts...)
		if err == nil {
			return
		}
		if pt != nil {
			t.Fatal("plaintext returned alongside an error")
		}
		for _, s := range []error{jwa.ErrMalformed, jwa.ErrLimitExceeded, jwa.ErrDecryption, jwa.ErrAlgorithmNotAllowed, jwa.ErrUnsupportedAlgorithm, errKeyNotFound} {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("error outside the sentinels: %v", err)
	})
}
