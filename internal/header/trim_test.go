package header

import "testing"

// TestTrimSpace: only SP, HT, CR and LF around a token go; white space
// inside it, and other white space (VT, FF, NBSP), stay for the parser to
// refuse.
func TestTrimSpace(t *testing.T) {
	for in, want := range map[string]string{
		"":                 "",
		" \t\r\n":          "",
		"a.b.c\n":          "a.b.c",
		"\r\n a.b.c \t":    "a.b.c",
		"a. b.c":           "a. b.c",
		"a.b\r\n.c":        "a.b\r\n.c",
		"\va.b.c\f":        "\va.b.c\f",
		"\u00a0a.b.c":      "\u00a0a.b.c",
		"{\"a\":1}\n":      "{\"a\":1}",
		"\n\n{ \"a\": 1 }": "{ \"a\": 1 }",
	} {
		if got := TrimSpace(in); got != want {
			t.Errorf("TrimSpace(%q) = %q, want %q", in, got, want)
		}
		if got := string(TrimSpace([]byte(in))); got != want {
			t.Errorf("TrimSpace([]byte(%q)) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { TrimSpace([]byte(" a.b.c\n")) }); n != 0 {
		t.Errorf("TrimSpace allocates %v times", n)
	}
}
