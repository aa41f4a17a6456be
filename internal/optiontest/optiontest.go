// Package optiontest is what the option tests of every package of the
// module share: each package has a table of misused options whose errors
// must all wrap jwa.ErrInvalidOption, name the option, and wrap a more
// specific sentinel where there is one.
//
// The package imports nothing of the module, so that every package's
// internal tests may use it; the caller passes the sentinels.
package optiontest

import (
	"errors"
	"strings"
	"testing"
)

// Refused fails t unless err wraps each of the non-nil sentinels and its
// message holds says.
func Refused(t testing.TB, err error, says string, sentinels ...error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one that says %q", says)
		return
	}
	for _, s := range sentinels {
		if s != nil && !errors.Is(err, s) {
			t.Fatalf("got %v, want %v", err, s)
			return
		}
	}
	if !strings.Contains(err.Error(), says) {
		t.Fatalf("error %q does not say %q", err, says)
	}
}
