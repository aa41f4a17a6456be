package jwkring

import (
	"context"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
)

// TestOptionMisuse: every misuse of an Option fails New with an error that
// wraps ErrPolicy and ErrInvalidOption (which is jwa.ErrInvalidOption), as
// the options of every package of the module do, and names the option.
func TestOptionMisuse(t *testing.T) {
	if ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	var (
		nilStore *FileStore
		nilClock *fakeclock.Clock
	)
	store, err := NewFileStore(t.TempDir() + "/state")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts []Option
		says string
	}{
		{"nil option", []Option{WithTimeout(time.Second), nil}, "option 2 of New is nil"},
		{"WithStore nil", []Option{WithStore(nil, newKEK(t))}, "WithStore: nil store"},
		{"WithStore typed nil", []Option{WithStore(nilStore, newKEK(t))}, "WithStore: nil store"},
		{"WithStore short kek", []Option{WithStore(store, make([]byte, 16))}, "WithStore"},
		{"WithClock nil", []Option{WithClock(nil)}, "WithClock: nil clock"},
		{"WithClock typed nil", []Option{WithClock(nilClock)}, "WithClock: nil clock"},
		{"WithReloadInterval zero", []Option{WithReloadInterval(0)}, "WithReloadInterval(0s): want a positive interval"},
		{"WithReloadInterval without a store", []Option{WithReloadInterval(time.Second)}, "WithReloadInterval means nothing without WithStore"},
		{"WithTimeout zero", []Option{WithTimeout(0)}, "WithTimeout(0s): want a positive timeout"},
		{"WithErrorHandler nil", []Option{WithErrorHandler(nil)}, "WithErrorHandler: nil function"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := New(context.Background(), testPolicy(), tc.opts...)
			if r != nil {
				t.Fatal("a ring returned alongside an error")
			}
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
			josetest.WantErr(t, err, ErrPolicy)
		})
	}
}
