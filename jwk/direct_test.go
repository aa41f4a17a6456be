package jwk

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestDirKeyBoundToEnc: a symmetric key whose "alg" names a content
// encryption, as RFC 7520 §3.6's {"alg":"A256GCM"} does, is a CEK for dir
// with that enc: bound to dir, it refuses any other enc on both sides
// before the key is used, and it serves no other algorithm (threat T32).
func TestDirKeyBoundToEnc(t *testing.T) {
	data, err := os.ReadFile("../testdata/rfc7520/jwk/3_6.symmetric_key_encryption.json")
	if err != nil {
		t.Fatal(err)
	}
	k, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	e, err := k.KeyEncrypter(jwa.Direct)
	if err != nil {
		t.Fatalf("KeyEncrypter(dir): %v", err)
	}
	d, err := k.KeyDecrypter(jwa.Direct)
	if err != nil {
		t.Fatalf("KeyDecrypter(dir): %v", err)
	}
	cek, _, err := e.EncryptKey(nil, &jwa.KeyParams{Enc: jwa.A256GCM})
	if err != nil || len(cek) != 32 {
		t.Fatalf("EncryptKey(A256GCM): %v", err)
	}
	if got, err := d.DecryptKey(nil, &jwa.KeyParams{Enc: jwa.A256GCM}); err != nil || !bytes.Equal(got, cek) {
		t.Fatalf("DecryptKey(A256GCM): %v", err)
	}

	// Another enc whose CEK has the same length is refused all the same.
	const msg = "is bound to dir with A256GCM, not %s"
	for _, enc := range []jwa.ContentEncryption{jwa.C20P, jwa.A128CBC_HS256, jwa.A128GCM} {
		_, _, err := e.EncryptKey(nil, &jwa.KeyParams{Enc: enc})
		wantBound(t, err, strings.Replace(msg, "%s", string(enc), 1))
		_, err = d.DecryptKey(nil, &jwa.KeyParams{Enc: enc})
		wantBound(t, err, strings.Replace(msg, "%s", string(enc), 1))
	}
	_, err = k.KeyDecrypter(jwa.A256KW)
	wantBound(t, err, "is bound to A256GCM, not A256KW")
	_, err = k.Verifier(jwa.HS256)
	wantBound(t, err, "is bound to A256GCM, not HS256")
	if _, err := d.DecryptKey(nil, nil); !errors.Is(err, jwa.ErrMalformed) {
		t.Fatalf("no parameters: %v", err)
	}

	// A key bound to "dir" keeps serving any enc its length fits; an alg
	// that names no content encryption binds to nothing else.
	dir, err := Parse([]byte(`{"kty":"oct","alg":"dir","k":"AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8"}`))
	if err != nil {
		t.Fatal(err)
	}
	dd, err := dir.KeyDecrypter(jwa.Direct)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dd.DecryptKey(nil, &jwa.KeyParams{Enc: jwa.C20P}); err != nil {
		t.Fatalf("alg dir with C20P: %v", err)
	}
	other, err := Parse([]byte(`{"kty":"oct","alg":"A999GCM","k":"AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8"}`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = other.KeyDecrypter(jwa.Direct)
	wantBound(t, err, "is bound to A999GCM, not dir")
}

func wantBound(t *testing.T, err error, msg string) {
	t.Helper()
	if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) || !strings.Contains(err.Error(), msg) {
		t.Fatalf("got %v, want %q wrapping %v", err, msg, jwa.ErrAlgorithmNotAllowed)
	}
}
