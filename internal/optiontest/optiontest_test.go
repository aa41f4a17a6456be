package optiontest

import (
	"errors"
	"fmt"
	"testing"
)

// recorder is a testing.TB that records a failure instead of stopping.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.failed = true }

func TestRefused(t *testing.T) {
	sentinel, other := errors.New("sentinel"), errors.New("other")
	err := fmt.Errorf("pkg: WithX(0): want a positive number: %w", sentinel)
	for _, tc := range []struct {
		name      string
		err       error
		says      string
		sentinels []error
		fails     bool
	}{
		{"refused as said", err, "WithX(0)", []error{sentinel, nil}, false},
		{"no error", nil, "WithX", []error{sentinel}, true},
		{"another sentinel", err, "WithX", []error{other}, true},
		{"another message", err, "WithY", []error{sentinel}, true},
	} {
		r := &recorder{TB: t}
		Refused(r, tc.err, tc.says, tc.sentinels...)
		if r.failed != tc.fails {
			t.Errorf("%s: failed = %v, want %v", tc.name, r.failed, tc.fails)
		}
	}
}
