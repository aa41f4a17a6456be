package errtest

import (
	"errors"
	"fmt"
	"testing"
)

// recorder is a testing.TB that keeps what PrefixOnce reports.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// TestPrefixOnce: the check fails each way a message can break the rule.
func TestPrefixOnce(t *testing.T) {
	sentinel := errors.New("no matching key")
	good := fmt.Errorf("jwt: kid %q: %w", "a", sentinel)
	for _, c := range []struct {
		name string
		c    Case
		fail bool
	}{
		{"good", Failure("good", good, sentinel, `kid "a"`), false},
		{"no error", Failure("nil", nil, sentinel, ""), true},
		{"two packages", Failure("two", fmt.Errorf("jwt: jws: %w", sentinel), sentinel, ""), true},
		{"another package", Failure("other", fmt.Errorf("jws: %w", sentinel), sentinel, ""), true},
		{"not at the start", Failure("late", fmt.Errorf("x: jwt: %w", sentinel), sentinel, ""), true},
		{"sentinel missing", Failure("sentinel", errors.New("jwt: kid"), sentinel, ""), true},
		{"words missing", Failure("words", good, sentinel, "kid \"b\""), true},
		{"sentinel said twice", Failure("twice", fmt.Errorf("jwt: no matching key: kid: %w", sentinel), sentinel, ""), true},
		{"joined causes", Failure("joined", fmt.Errorf("jwt: %w", errors.Join(fmt.Errorf("kid a: %w", sentinel), fmt.Errorf("kid b: %w", sentinel))), sentinel, ""), false},
		{"a name twice", Failure("name", fmt.Errorf("jwt: ES256: ES256 signature: %w", sentinel), sentinel, ""), false},
	} {
		r := &recorder{TB: t}
		PrefixOnce(r, "jwt", c.c)
		if failed := len(r.failures) > 0; failed != c.fail {
			t.Errorf("%s: failed %v (%q), want %v", c.name, failed, r.failures, c.fail)
		}
	}
}
