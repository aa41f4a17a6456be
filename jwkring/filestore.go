package jwkring

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/jwa"
)

// FileStore is a [Store] in one file, for a service that runs as one
// process: its compare-and-swap holds within the process (a mutex), not
// between processes. Several instances need a shared store, such as the
// one of ext/redisstore.
//
// A write is atomic: the new state goes to a temporary file in the same
// directory, created with mode 0600, synced to disk, and renamed over the
// old one; then the directory is synced, so that the rename survives a
// crash. A reader sees the old state or the new one, never a part. The
// file holds a JWE: the private keys are encrypted with the ring's
// key-encryption key.
//
// The path names the file itself. A symbolic link there, or anything but
// a regular file (a directory, a FIFO, a device), is refused with
// [ErrStore]: a write replaces the link rather than its target, so reads
// and writes would part ways, and opening a FIFO would block for ever.
type FileStore struct {
	path string
	mu   sync.Mutex
}

// NewFileStore returns a store in the file at path, which need not exist
// yet; its directory must. A path that exists and is not a regular file
// (a symbolic link included) is refused.
func NewFileStore(path string) (_ *FileStore, err error) {
	defer errwrap.Own(&err, "jwkring")
	if path == "" {
		return nil, fmt.Errorf("jwkring: NewFileStore: empty path: %w", ErrStore)
	}
	if _, err := regularFile(path); err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("jwkring: NewFileStore: the directory of the state: %w: %w", ErrStore, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("jwkring: NewFileStore: %q is not a directory: %w", dir, ErrStore)
	}
	return &FileStore{path: path}, nil
}

// Load reads the file; a file that does not exist is an empty store.
func (s *FileStore) Load(ctx context.Context) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.read()
}

// CompareAndSwap writes new when the file holds old (nil: when there is
// no file), as [Store] says.
func (s *FileStore) CompareAndSwap(ctx context.Context, old, new []byte) error {
	if err := s.check(); err != nil {
		return err
	}
	if len(new) == 0 {
		return fmt.Errorf("jwkring: FileStore: an empty state: %w", ErrStore)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, err := s.read()
	if err != nil {
		return err
	}
	if (cur == nil) != (old == nil) || !bytes.Equal(cur, old) {
		return fmt.Errorf("jwkring: %s: %w", s.path, ErrConflict)
	}
	return s.write(new)
}

// check refuses a nil store, or one not made by NewFileStore.
func (s *FileStore) check() error {
	if s == nil || s.path == "" {
		return fmt.Errorf("jwkring: a nil or zero *FileStore (make it with NewFileStore): %w", ErrStore)
	}
	return nil
}

// regularFile returns what Lstat says of path, nil when nothing is there,
// and refuses anything but a regular file: a symbolic link (a write would
// replace the link, not its target), a directory, a FIFO (opening it
// blocks until a writer comes), a device.
func regularFile(path string) (fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, fmt.Errorf("jwkring: %s is a symbolic link; FileStore replaces the file at its path, so give the path of the file itself: %w", path, ErrStore)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("jwkring: %s is not a regular file (mode %v): %w", path, fi.Mode(), ErrStore)
	}
	return fi, nil
}

// read returns the file's contents, nil when it does not exist.
func (s *FileStore) read() ([]byte, error) {
	fi, err := regularFile(s.path)
	if fi == nil || err != nil {
		return nil, err
	}
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	defer f.Close()
	if opened, err := f.Stat(); err != nil || !os.SameFile(fi, opened) {
		return nil, fmt.Errorf("jwkring: %s changed while it was opened: %w", s.path, ErrStore)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxStateSize+1))
	if err != nil {
		return nil, fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	if len(b) > MaxStateSize {
		return nil, fmt.Errorf("jwkring: %s is over %d bytes: %w: %w", s.path, MaxStateSize, ErrState, jwa.ErrLimitExceeded)
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("jwkring: %s is empty (a state is never empty): %w: %w", s.path, ErrState, jwa.ErrMalformed)
	}
	return b, nil
}

// write replaces the file atomically with b.
func (s *FileStore) write(b []byte) (err error) {
	dir, name := filepath.Split(s.path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*") // mode 0600
	if err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	if _, err = tmp.Write(b); err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	if err = os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename in dir durable. Windows cannot open a directory
// for syncing and needs no such step.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("jwkring: %w: %w", ErrStore, err)
	}
	return nil
}
