package header

// TrimSpace returns token without the ASCII white space (SP, HT, CR, LF)
// around it: a token read from a file or a terminal ends with a newline,
// and the peers (go-jose, jwx, golang-jwt) accept that. Every parser of a
// token calls it first, before its size limit, so that the limit counts
// the token itself; white space inside a token stays an error of the parser
// (base64url refuses it, internal/base64url).
//
// It is the one owner of the rule: jws, jwe, jwt, dpop and sdjwt call it,
// none trims by itself. It does not allocate.
func TrimSpace[T ~string | ~[]byte](token T) T {
	i, j := 0, len(token)
	for i < j && isSpace(token[i]) {
		i++
	}
	for j > i && isSpace(token[j-1]) {
		j--
	}
	return token[i:j]
}

// isSpace reports whether b is white space for [TrimSpace]: the four
// characters JSON also allows around a value (RFC 8259 §2).
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }
