package jwkcodec

import (
	"encoding/json"

	"github.com/joseproject/jose/internal/base64url"
)

// Member is one JWK member to write: a name and either a string value
// (Text) or binary data (Data, not nil), written as its unpadded base64url
// (RFC 7515 §2). No binary member of a JWK is empty, so a nil Data means
// the value is Text.
type Member struct {
	Name string
	Text string
	Data []byte
}

// AppendObject appends a JSON object of the members, in their order.
func AppendObject(b []byte, ms ...Member) []byte {
	b = append(b, '{')
	for _, m := range ms {
		b = AppendMember(b, m)
	}
	return append(b, '}')
}

// AppendMember appends a member to an object that b ends inside: a comma
// unless the object is empty so far (b ends with '{'), then the name, a
// colon and the value.
func AppendMember(b []byte, m Member) []byte {
	b = AppendName(b, m.Name)
	if m.Data != nil {
		b = append(b, '"')
		b = base64url.AppendEncode(b, m.Data)
		return append(b, '"')
	}
	return appendString(b, m.Text)
}

// AppendName appends the separator before a member (a comma unless b ends
// with the object's '{'), the member's name and the colon; the value comes
// next.
func AppendName(b []byte, name string) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	return append(appendString(b, name), ':')
}

// appendString appends s as a JSON string, escaped as encoding/json
// escapes it.
func appendString(b []byte, s string) []byte {
	if plainASCII(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	v, _ := json.Marshal(s) // a string never fails
	return append(b, v...)
}

// plainASCII reports whether s is printable ASCII that encoding/json writes
// as it is between quotes (it escapes ", \, <, > and &).
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return true
}
