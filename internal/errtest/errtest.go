// Package errtest holds the check that the tests of several packages apply
// to their tables of realistic failures: the one-package-name rule of
// docs/DESIGN.md ("Errors"), the sentinel and what the message says. For
// tests only.
package errtest

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/errwrap"
)

// Case is one failure: the error a call returned, the sentinel it must
// wrap and words its message must hold. Make one with [Failure].
type Case struct {
	name     string
	err      error
	sentinel error
	says     string
}

// Failure is the case name: err, which must wrap sentinel and say says.
func Failure(name string, err, sentinel error, says string) Case {
	return Case{name, err, sentinel, says}
}

// PrefixOnce fails t for each case whose error is missing, does not wrap
// its sentinel, does not say its words, says a phrase twice ([Repeated]),
// or whose message does not start with pkg's name or names another package
// of the module.
func PrefixOnce(t testing.TB, pkg string, cases ...Case) {
	t.Helper()
	for _, c := range cases {
		if c.err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		msg := c.err.Error()
		if p := errwrap.Prefixes(msg); !slices.Equal(p, []string{pkg}) || !strings.HasPrefix(msg, pkg+": ") {
			t.Errorf("%s: %q names packages %q, want %q once, at the start", c.name, msg, p, pkg)
		}
		if !errors.Is(c.err, c.sentinel) || !strings.Contains(msg, c.says) {
			t.Errorf("%s: %q, want %v and %q", c.name, msg, c.sentinel, c.says)
		}
		if p := Repeated(msg); p != "" {
			t.Errorf("%s: %q says %q twice", c.name, msg, p)
		}
	}
}

// Repeated returns a phrase that a line of msg says twice, or "". A
// phrase is a ": "-separated segment of a line with a space in it, such as
// a sentinel's text ("invalid DPoP proof"): a wrapper that adds its
// sentinel to a cause that already says it doubles it. Words without a
// space (an algorithm's name, a member's) may rightly come twice. The
// lines of an errors.Join are read apart, since each says its own cause.
func Repeated(msg string) string {
	for line := range strings.SplitSeq(msg, "\n") {
		segs := strings.Split(line, ": ")
		for i, s := range segs {
			if strings.Contains(s, " ") && slices.Contains(segs[i+1:], s) {
				return s
			}
		}
	}
	return ""
}
