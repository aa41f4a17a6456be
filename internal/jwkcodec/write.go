package jwkcodec

import (
	"encoding/json"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// Member is one JWK member to write: a name and either a string value
// (Text) or binary data (Data, not nil), written as its unpadded base64url
// (RFC 7515 §2). No binary member of a JWK is empty, so a nil Data means
// the value is Text. The writers escape a name or text as encoding/json
// does, unless the member was made by [Text] or [Data], which checked once
// that nothing needs escaping and kept the member's opening.
type Member struct {
	Name string
	Text string
	Data []byte
	// open is `,"name":"` when neither name nor text needs escaping,
	// else "".
	open string
}

// Text returns a member with a string value.
func Text(name, text string) Member { return newMember(name, text, nil, plainASCII(text)) }

// Data returns a member with a binary value.
func Data(name string, data []byte) Member { return newMember(name, "", data, true) }

func newMember(name, text string, data []byte, plainValue bool) Member {
	m := Member{Name: name, Text: text, Data: data}
	if plainValue && plainASCII(name) {
		m.open = opening(name)
	}
	return m
}

// opening returns `,"name":"` for a name that needs no escaping: made once
// for the names of RFC 7517, RFC 7518, RFC 8037 and the AKP keys.
func opening(name string) string {
	if len(name) == 1 && oneLetter[name[0]] != "" {
		return oneLetter[name[0]]
	}
	for _, o := range openings {
		if len(o) == len(name)+5 && o[2:2+len(name)] == name {
			return o
		}
	}
	return `,"` + name + `":"`
}

// oneLetter and openings are the openings of the names keys use.
var oneLetter, openings = func() (one [128]string, more []string) {
	for _, name := range []string{"x", "y", "d", "n", "e", "p", "q", "k", "kty", "crv", "dp", "dq", "qi", "alg", "pub", "priv"} {
		o := `,"` + name + `":"`
		if len(name) == 1 {
			one[name[0]] = o
		} else {
			more = append(more, o)
		}
	}
	return one, more
}()

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
	if m.open == "" { // made without Text or Data: checked here
		b = append(appendString(append(b, ','), m.Name), ':')
		if m.Data == nil {
			return appendString(b, m.Text)
		}
		return append(base64url.AppendEncode(append(b, '"'), m.Data), '"')
	}
	b = append(b, m.open...)
	if m.Data != nil {
		b = base64url.AppendEncode(b, m.Data)
	} else {
		b = append(b, m.Text...)
	}
	return append(b, '"')
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
