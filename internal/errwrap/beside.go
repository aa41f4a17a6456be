package errwrap

import "strings"

// Beside returns an error that wraps both err and sentinel (errors.Is finds
// each) and whose text names the sentinel's meaning once: err's text when
// it already says sentinel's, err's text and sentinel's otherwise. When
// err's text ends with the last segments of sentinel's (a sentinel that
// wraps a more general one, as "invalid claims: malformed input" does),
// those segments are said once:
//
//	Beside(`key without "kty": malformed input`, "invalid claims: malformed input")
//	  = `key without "kty": invalid claims: malformed input`
//
// A site that would write fmt.Errorf("...: %w: %w", err, sentinel), where
// err may already wrap sentinel or a sentinel of the same words, writes
// fmt.Errorf("...: %w", errwrap.Beside(err, sentinel)).
func Beside(err, sentinel error) error {
	msg, s := err.Error(), sentinel.Error()
	if !strings.Contains(msg, s) {
		msg = mergeTail(msg, s)
	}
	return beside{msg, err, sentinel}
}

// mergeTail joins msg and s with ": ", saying once the segments that end
// both msg and s.
func mergeTail(msg, s string) string {
	for tail := s; ; {
		if msg == tail {
			return s
		}
		if strings.HasSuffix(msg, ": "+tail) {
			return msg[:len(msg)-len(tail)] + s
		}
		_, rest, ok := strings.Cut(tail, ": ")
		if !ok {
			return msg + ": " + s
		}
		tail = rest
	}
}

type beside struct {
	msg           string
	err, sentinel error
}

func (b beside) Error() string   { return b.msg }
func (b beside) Unwrap() []error { return []error{b.err, b.sentinel} }
