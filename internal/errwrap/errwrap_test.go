package errwrap

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestStripText(t *testing.T) {
	for in, want := range map[string]string{
		"":                                       "",
		"malformed input":                        "malformed input",
		"jws: bad: jwk: x: jwk: no matching key": "bad: x: no matching key",
		"jwt: jws: jwk: x":                       "x",
		`kid "jwk: x": y`:                        `kid "jwk: x": y`, // inside a quoted value: not a segment start
		"jwtx: y":                                "jwtx: y",
		"WithKey(HS256): jwa: HS256 key: short":  "WithKey(HS256): HS256 key: short",
		"jwk:":                                   "jwk:",
	} {
		if got := StripText(in); got != want {
			t.Errorf("StripText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPrefixes(t *testing.T) {
	got := Prefixes("jwt: jws: WithKey(HS256): jwk: a: b: jwa: c")
	if want := []string{"jwt", "jws", "jwk", "jwa"}; !slices.Equal(got, want) {
		t.Fatalf("%q, want %q", got, want)
	}
	if got := Prefixes("no prefix: at all"); got != nil {
		t.Fatalf("%q", got)
	}
}

func TestOwn(t *testing.T) {
	sentinel := errors.New("no matching key")
	prebuilt := fmt.Errorf("jwe: %w", errors.New("decryption failed"))
	for _, c := range []struct {
		in   error
		want string
		same bool
	}{
		{nil, "", true},
		{prebuilt, "jwe: decryption failed", true},
		{fmt.Errorf("jwe: a: %w", fmt.Errorf("jwk: b: %w", sentinel)), "jwe: a: b: no matching key", false},
		{fmt.Errorf("jwk: b: %w", sentinel), "jwe: b: no matching key", false},
		{sentinel, "jwe: no matching key", false},
	} {
		err := c.in
		Own(&err, "jwe")
		if c.in == nil {
			if err != nil {
				t.Errorf("Own(nil) = %v", err)
			}
			continue
		}
		if err.Error() != c.want || (err == c.in) != c.same || !errors.Is(err, c.in) {
			t.Errorf("Own(%q) = %q (same value %v), want %q (same value %v)", c.in, err, err == c.in, c.want, c.same)
		}
	}
	if n := testing.AllocsPerRun(100, func() { err := prebuilt; Own(&err, "jwe") }); n != 0 {
		t.Errorf("Own of an error that already reads right allocates %v times", n)
	}
}
