package hostile

import "strings"

// Case is one variant of a token, named for a test's failure message.
type Case struct {
	Name, Token string
}

// SpaceAround returns token with ASCII white space around it, as a token
// read from a file or pasted from a terminal arrives: every parser must
// accept each one as the token itself.
func SpaceAround(token string) []Case {
	return []Case{
		{"trailing LF", token + "\n"},
		{"trailing CRLF", token + "\r\n"},
		{"leading SP", " " + token},
		{"leading HT", "\t" + token},
		{"both sides", " \t\r\n" + token + "\n\n \t"},
	}
}

// SpaceInside returns token with white space inserted inside it: in the
// middle of its longest base64url run (which a lenient decoder skips, as
// Go's standard one does for CR and LF), and, when the token has one,
// after a '.' and before a '~'. Every parser must refuse each one.
func SpaceInside(token string) []Case {
	var cases []Case
	mid := longestRunMiddle(token)
	for _, ws := range []struct{ name, s string }{{"SP", " "}, {"HT", "\t"}, {"CR", "\r"}, {"LF", "\n"}, {"CRLF", "\r\n"}} {
		cases = append(cases, Case{"interior " + ws.name + " in base64url", token[:mid] + ws.s + token[mid:]})
	}
	if !strings.HasPrefix(token, "{") && len(token) > 4 {
		cases = append(cases, Case{"interior SP in the first part", token[:2] + " " + token[2:]})
	}
	if i := strings.IndexByte(token, '.'); i > 0 {
		cases = append(cases, Case{"LF after a dot", token[:i+1] + "\n" + token[i+1:]})
	}
	if i := strings.IndexByte(token, '~'); i > 0 {
		cases = append(cases, Case{"SP before a tilde", token[:i] + " " + token[i:]})
	}
	return cases
}

// longestRunMiddle returns the index of the middle of the longest run of
// base64url characters in s.
func longestRunMiddle(s string) int {
	best, bestLen, start := 0, 0, -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isBase64URL(s[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start > bestLen {
			best, bestLen = start, i-start
		}
		start = -1
	}
	return best + bestLen/2
}

func isBase64URL(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_'
}

// NamesEncoding reports whether the message of err, a parser's refusal of a
// token from [SpaceInside], says which encoding the white space broke: the
// base64url of a part, the JSON of a serialization, or the count of parts.
func NamesEncoding(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "base64url") || strings.Contains(msg, "JSON") || strings.Contains(msg, "parts")
}
