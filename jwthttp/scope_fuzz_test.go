package jwthttp

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzScopeClaim reads arbitrary "scope" claim values: never a panic, and
// every scope accepted is a scope-token, so that what was granted joins
// back into the claim with single spaces.
func FuzzScopeClaim(f *testing.F) {
	for _, seed := range []string{
		`"read write"`, `"repo:x\u00a0admin"`, `"repo:x\tadmin"`, `"a  b"`, `" a"`, `""`, `null`,
		`["read","write"]`, `["read write"]`, `[""]`, `[1]`, `{}`, `"\u2028"`, `"a\"b"`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, claim []byte) {
		var l scopeList
		if err := l.UnmarshalJSON(claim); err != nil {
			return
		}
		for _, s := range l {
			if !validScope(s) {
				t.Fatalf("accepted %q from %q", s, claim)
			}
		}
		var str string
		if json.Unmarshal(claim, &str) == nil && strings.Join(l, " ") != str {
			t.Fatalf("%q read as %q", claim, l)
		}
	})
}
