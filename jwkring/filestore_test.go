package jwkring

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

func fileRing(t *testing.T, path string, kek []byte, clock *fakeclock.Clock) (*Ring, error) {
	t.Helper()
	store, err := NewFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(context.Background(), testPolicy(), WithStore(store, kek), WithClock(clock))
	if r != nil {
		t.Cleanup(func() { r.Close() })
	}
	return r, err
}

// TestFileStoreAtRest (T84): the file has mode 0600, holds a JWE and no
// private key material in any encoding, no temporary file is left, and a
// second ring on the file (a restart) signs with the same keys.
func TestFileStoreAtRest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ring.jwe")
	kek := newKEK(t)
	clock := fakeclock.New(start)
	r, err := fileRing(t, path, kek, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", fi.Mode().Perm())
	}
	if bytes.Count(b, []byte(".")) != 4 || bytes.ContainsAny(b, "{}\" \n") {
		t.Fatalf("the file is not a compact JWE: %.80s", b)
	}
	for _, e := range r.snap.Load().st.keys {
		raw, _ := e.key.MarshalJSON()
		var m map[string]string
		_ = json.Unmarshal(raw, &m)
		d, _ := base64.RawURLEncoding.DecodeString(m["d"])
		for _, leak := range [][]byte{[]byte(m["d"]), d, []byte(base64.StdEncoding.EncodeToString(d))} {
			if len(leak) == 0 || bytes.Contains(b, leak) {
				t.Fatalf("the file holds the private key of %s in the clear", e.key.KeyID())
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("the directory holds %d files; want the state alone", len(entries))
	}
	again, err := fileRing(t, path, kek, clock)
	if err != nil {
		t.Fatal(err)
	}
	if kidsOf(again.Keys()) != kidsOf(r.Keys()) || currentKID(again) != currentKID(r) {
		t.Fatalf("after a restart: %s, before: %s", kidsOf(again.Keys()), kidsOf(r.Keys()))
	}
}

func kidsOf(keys []KeyInfo) string {
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k.KeyID + " " + k.State.String() + ";")
	}
	return b.String()
}

// TestFileStoreRefusesTampering (T83, T84): a state altered in any part,
// opened with another key-encryption key, replaced by a JWE of other
// content, or rolled back to an older state, is refused, and the ring in
// memory keeps signing.
func TestFileStoreRefusesTampering(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ring.jwe")
	kek := newKEK(t)
	clock := fakeclock.New(start)
	r, err := fileRing(t, path, kek, clock)
	if err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	parts := strings.Split(string(good), ".")
	flip := func(i int) []byte { // another base64url letter in the middle of part i
		p := append([]string(nil), parts...)
		c := []byte(p[i])
		if c[len(c)/2] == 'A' {
			c[len(c)/2] = 'B'
		} else {
			c[len(c)/2] = 'A'
		}
		p[i] = string(c)
		return []byte(strings.Join(p, "."))
	}
	other, err := jwe.Encrypt([]byte(`{"jwkring":1}`), jwe.WithRecipient(jwa.A256KW, kek), jwe.WithEncryption(jwa.A256GCM), jwe.WithContentType("text/plain"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		blob []byte
		kek  []byte
		also error
		msg  string
	}{
		{"wrong KEK", good, newKEK(t), jwa.ErrDecryption, "is the key-encryption key the one it was written with?"},
		{"encrypted key altered", flip(1), kek, jwa.ErrDecryption, "opening the stored state"},
		{"ciphertext altered", flip(3), kek, jwa.ErrDecryption, "opening the stored state"},
		{"tag altered", flip(4), kek, jwa.ErrDecryption, "opening the stored state"},
		{"iv altered", flip(2), kek, jwa.ErrDecryption, "opening the stored state"},
		{"truncated", good[:len(good)/2], kek, jwa.ErrMalformed, "opening the stored state"},
		{"not a JWE", []byte(`{"keys":[]}`), kek, jwa.ErrMalformed, "opening the stored state"},
		{"another content type", []byte(other), kek, jwa.ErrMalformed, `cty "text/plain"`},
		{"empty file", []byte{}, kek, jwa.ErrMalformed, "is empty"},
		{"oversized", bytes.Repeat([]byte("a"), MaxStateSize+1), kek, jwa.ErrLimitExceeded, "is over 1048576 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(path, c.blob, 0o600); err != nil {
				t.Fatal(err)
			}
			r2, err := fileRing(t, path, c.kek, clock)
			if r2 != nil || !errors.Is(err, ErrState) || !errors.Is(err, c.also) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("New on the altered file: %v; want ErrState, %v, saying %q", err, c.also, c.msg)
			}
			if bytes.Equal(c.blob, good) {
				return // the running ring has read these very bytes with its own key
			}
			if err := r.Refresh(context.Background()); !errors.Is(err, ErrState) {
				t.Fatalf("Refresh of the running ring: %v, want ErrState", err)
			}
			if _, k := r.SigningKey(); k == nil {
				t.Fatal("the running ring lost its key")
			}
		})
	}

	// A rollback: the state of an earlier generation, sealed with the
	// right key, is refused by a ring that has seen a later one.
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err = fileRing(t, path, kek, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	kid := currentKID(r)
	keys := kidsOf(r.Keys())
	if err := os.WriteFile(path, good, 0o600); err != nil {
		t.Fatal(err)
	}
	err = r.Refresh(context.Background())
	if !errors.Is(err, ErrState) || !strings.Contains(err.Error(), "generation 1, and this ring holds generation 2: rolled back") {
		t.Fatalf("Refresh after a rollback: %v", err)
	}
	if currentKID(r) != kid || kidsOf(r.Keys()) != keys {
		t.Fatal("the ring took in the rolled-back state")
	}
	if err := r.Rotate(context.Background()); !errors.Is(err, ErrState) {
		t.Fatalf("Rotate over a rolled-back state: %v, want ErrState", err)
	}
}

// TestFileStoreCompareAndSwap: a write over a state other than the one
// read is refused with ErrConflict and changes nothing.
func TestFileStoreCompareAndSwap(t *testing.T) {
	ctx := context.Background()
	s, err := NewFileStore(filepath.Join(t.TempDir(), "state"))
	if err != nil {
		t.Fatal(err)
	}
	if b, err := s.Load(ctx); b != nil || err != nil {
		t.Fatalf("an empty store: %q, %v", b, err)
	}
	if err := s.CompareAndSwap(ctx, []byte("a"), []byte("b")); !errors.Is(err, ErrConflict) {
		t.Fatalf("over nothing, expecting something: %v", err)
	}
	if err := s.CompareAndSwap(ctx, nil, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := s.CompareAndSwap(ctx, nil, []byte("two")); !errors.Is(err, ErrConflict) {
		t.Fatalf("expecting nothing over something: %v", err)
	}
	if err := s.CompareAndSwap(ctx, []byte("other"), []byte("two")); !errors.Is(err, ErrConflict) {
		t.Fatalf("expecting another: %v", err)
	}
	if err := s.CompareAndSwap(ctx, []byte("one"), nil); !errors.Is(err, ErrStore) {
		t.Fatalf("an empty state: %v", err)
	}
	if err := s.CompareAndSwap(ctx, []byte("one"), []byte("two")); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Load(ctx); string(b) != "two" {
		t.Fatalf("Load: %q", b)
	}
	for _, bad := range []string{"", filepath.Join(t.TempDir(), "missing", "state"), filepath.Join(s.path, "state")} {
		if _, err := NewFileStore(bad); !errors.Is(err, ErrStore) {
			t.Errorf("NewFileStore(%q): %v", bad, err)
		}
	}
	var nilStore *FileStore
	if _, err := nilStore.Load(ctx); !errors.Is(err, ErrStore) {
		t.Errorf("nil store Load: %v", err)
	}
	if err := nilStore.CompareAndSwap(ctx, nil, []byte("x")); !errors.Is(err, ErrStore) {
		t.Errorf("nil store CompareAndSwap: %v", err)
	}
}

// TestFileStoreUnwritable: a store whose directory is gone fails the
// rotation loudly, and the ring keeps its key.
func TestFileStoreUnwritable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	r, err := fileRing(t, filepath.Join(dir, "state"), newKEK(t), fakeclock.New(start))
	if err != nil {
		t.Fatal(err)
	}
	kid := currentKID(r)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	err = r.Rotate(context.Background())
	if !errors.Is(err, ErrStore) || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "writing the state") {
		t.Fatalf("Rotate into a directory that is gone: %v", err)
	}
	if n := strings.Count(err.Error(), "the key store failed"); n != 1 {
		t.Errorf("Rotate into a directory that is gone: %q says ErrStore %d times, want once", err, n)
	}
	if currentKID(r) != kid || len(r.Keys()) != 1 {
		t.Fatal("a failed rotation changed the ring")
	}
}

// TestFileStoreRefusesLinksAndSpecialFiles: the path must name a regular
// file. A symbolic link is refused (a write would replace the link, so the
// ring would read one file and write another), and so are a directory and
// a FIFO, whose opening would block the ring for ever; on NewFileStore and
// on every read, since the path can change after the store is made.
func TestFileStoreRefusesLinksAndSpecialFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links and FIFOs need a Unix file system")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("a.b.c.d.e"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, msg string }{
		{link, "is a symbolic link"},
		{fifo, "is not a regular file"},
		{sub, "is not a regular file"},
	} {
		if s, err := NewFileStore(c.path); s != nil || !errors.Is(err, ErrStore) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("NewFileStore(%s): %v, %v; want ErrStore, %q", filepath.Base(c.path), s, err, c.msg)
		}
		// The same path, made hostile after the store was made.
		later := filepath.Join(t.TempDir(), "state")
		s, err := NewFileStore(later)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(c.path, later); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { _, err := s.Load(context.Background()); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, ErrStore) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("Load of %s: %v; want ErrStore, %q", filepath.Base(c.path), err, c.msg)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Load of %s blocks", filepath.Base(c.path))
		}
		if err := s.CompareAndSwap(context.Background(), nil, []byte("x")); !errors.Is(err, ErrStore) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("CompareAndSwap on %s: %v; want ErrStore, %q", filepath.Base(c.path), err, c.msg)
		}
		if err := os.Rename(later, c.path); err != nil {
			t.Fatal(err)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "a.b.c.d.e" {
		t.Fatal("the link's target was changed")
	}
	var zero FileStore
	if _, err := zero.Load(context.Background()); !errors.Is(err, ErrStore) || !strings.Contains(err.Error(), "NewFileStore") {
		t.Errorf("zero FileStore Load: %v", err)
	}
	if err := zero.CompareAndSwap(context.Background(), nil, []byte("x")); !errors.Is(err, ErrStore) || !strings.Contains(err.Error(), "NewFileStore") {
		t.Errorf("zero FileStore CompareAndSwap: %v", err)
	}
}
