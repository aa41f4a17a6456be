package jwkcodec

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// Member is one JWK member to write: a name and either a string value
// (Text) or binary data (Data, not nil), written as its unpadded base64url
// (RFC 7515 §2). No binary member of a JWK is empty, so a nil Data means
// the value is Text. The writers escape a name or text as encoding/json
// does, unless the member was made by [Text] or [Data], which checked once
// that nothing needs escaping and laid out the member's bytes.
type Member struct {
	Name string
	Text string
	Data []byte
	// head holds the member as written up to its Data, after a comma:
	// `,"name":"` for Data, the whole `,"name":"text"` for Text; n is its
	// length, 0 when the member takes the checked path. A fixed-size
	// copy of it costs no call and no branch on its length.
	head [24]byte
	n    uint8
}

// Text returns a member with a string value.
func Text(name, text string) Member {
	m := Member{Name: name, Text: text}
	if plainASCII(name) && plainASCII(text) && 6+len(name)+len(text) <= len(m.head) {
		n := copy(m.head[:], `,"`)
		n += copy(m.head[n:], name)
		n += copy(m.head[n:], `":"`)
		n += copy(m.head[n:], text)
		n += copy(m.head[n:], `"`)
		m.n = uint8(n)
	}
	return m
}

// Data returns a member with a binary value.
func Data(name string, data []byte) Member {
	m := Member{Name: name, Data: data}
	if plainASCII(name) && 5+len(name) <= len(m.head) {
		n := copy(m.head[:], `,"`)
		n += copy(m.head[n:], name)
		n += copy(m.head[n:], `":"`)
		m.n = uint8(n)
	}
	return m
}

// KeyType returns the member "kty": one made once for the built-in key
// types, which must not be changed.
func KeyType(kty jwa.KeyType) *Member {
	for i := range ktyMembers {
		if ktyMembers[i].Text == string(kty) {
			return &ktyMembers[i]
		}
	}
	m := Text("kty", string(kty))
	return &m
}

// ktyMembers are the "kty" members of the built-in key types.
var ktyMembers = [...]Member{
	Text("kty", string(jwa.KeyTypeEC)), Text("kty", string(jwa.KeyTypeRSA)), Text("kty", string(jwa.KeyTypeOKP)),
	Text("kty", string(jwa.KeyTypeOct)), Text("kty", string(jwa.KeyTypeAKP)),
}

// AppendObject appends a JSON object of the members, in their order.
func AppendObject(b []byte, ms ...Member) []byte {
	start := len(b)
	for i := range ms {
		b = appendMember(b, &ms[i])
	}
	return closeObject(b, start)
}

// AppendWithKeyType appends a JSON object of the members, which are
// sorted by name, and of kty in its place among them, without white space:
// the input of an RFC 7638 thumbprint when the members are a key's
// required ones (RFC 7638 §3.3: names in the order of their code points,
// which is the order of their UTF-8 bytes).
func AppendWithKeyType(b []byte, kty *Member, sorted []Member) []byte {
	start := len(b)
	i := 0
	for ; i < len(sorted) && sorted[i].Name < kty.Name; i++ {
		b = appendMember(b, &sorted[i])
	}
	b = appendMember(b, kty)
	for ; i < len(sorted); i++ {
		b = appendMember(b, &sorted[i])
	}
	return closeObject(b, start)
}

// closeObject makes the members appended from start, each after a comma,
// an object: the first comma becomes its '{'.
func closeObject(b []byte, start int) []byte {
	if len(b) == start {
		b = append(b, '{')
	} else {
		b[start] = '{'
	}
	return append(b, '}')
}

// AppendMember appends a member to an object that b ends inside: a comma
// unless the object is empty so far (b ends with '{'), then the name, a
// colon and the value.
func AppendMember(b []byte, m Member) []byte {
	if len(b) > 0 && b[len(b)-1] != '{' {
		return appendMember(b, &m)
	}
	start := len(b)
	b = appendMember(b, &m)
	return append(b[:start], b[start+1:]...) // the first member: no comma
}

// appendMember appends a comma and a member.
func appendMember(b []byte, m *Member) []byte {
	if m.n == 0 { // made without Text or Data, or too long: checked here
		b = append(appendString(append(b, ','), m.Name), ':')
		if m.Data == nil {
			return appendString(b, m.Text)
		}
		return append(base64url.AppendEncode(append(b, '"'), m.Data), '"')
	}
	n := len(b)
	b = slices.Grow(b, len(m.head))[:n+len(m.head)]
	*(*[len(m.head)]byte)(b[n:]) = m.head
	b = b[:n+int(m.n)]
	if m.Data == nil {
		return b
	}
	return append(base64url.AppendEncode(b, m.Data), '"')
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
	// A copy, so that s (and with it every member given to AppendObject)
	// does not escape to the heap through json.Marshal.
	v, _ := json.Marshal(strings.Clone(s)) // a string never fails
	return append(b, v...)
}

// plainASCII reports whether s is printable ASCII that encoding/json writes
// as it is between quotes (it escapes ", \, <, > and &).
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plain[s[i]] {
			return false
		}
	}
	return true
}

// plain marks the bytes of plainASCII.
var plain = func() (t [256]bool) {
	for c := 0x20; c <= 0x7e; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()
