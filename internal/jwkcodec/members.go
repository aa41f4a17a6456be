package jwkcodec

import (
	"encoding/json"
	"fmt"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// Members is a JSON object whose values are still raw, as
// internal/strictjson reads it. Values read from it may alias it: copy
// what is kept. It is not internal/header.Members, the members of a JOSE
// header, because a JWK's readers bound each value by the size its key
// type allows before decoding it and refuse key material in terms of the
// key (jwa.ErrInvalidKey), which a header's readers, reading a token's
// parameters, neither know nor need.
type Members map[string]json.RawMessage

// Malformed is an error of JSON of the wrong shape: "jwk: " and the
// message, wrapping [jwa.ErrMalformed].
func Malformed(format string, args ...any) error {
	return fmt.Errorf("jwk: "+format+": %w", append(args, jwa.ErrMalformed)...)
}

// Invalid is an error of key material that is not a valid key: "jwk: "
// and the message, wrapping [jwa.ErrInvalidKey].
func Invalid(format string, args ...any) error {
	return fmt.Errorf("jwk: "+format+": %w", append(args, jwa.ErrInvalidKey)...)
}

// Unquoted reads a string member, unescaped; ok is false when it is
// absent. The result may alias the member.
func (m Members) Unquoted(name string) (s []byte, ok bool, err error) {
	raw, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	if len(raw) == 0 || raw[0] != '"' { // T22: null, numbers, objects are not strings
		return nil, false, Malformed("member %q is not a string", name)
	}
	u, err := strictjson.Unquote(raw)
	if err != nil {
		return nil, false, Malformed("member %q is not a string: %w", name, err)
	}
	return u, true, nil
}

// String reads a string member; ok is false when it is absent.
func (m Members) String(name string) (s string, ok bool, err error) {
	u, ok, err := m.Unquoted(name)
	return string(u), ok, err
}

// Strings reads a member that is an array of strings.
func (m Members) Strings(name string) ([]string, bool, error) {
	raw, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	out, err := strictjson.StringArray(raw)
	if err != nil {
		return nil, false, Malformed("member %q is not an array of strings: %w", name, err)
	}
	return out, true, nil
}

// AppendBytes appends the value of a base64url member of at most maxLen
// bytes to dst; ok is false when it is absent. The length is checked on the
// encoding, before decoding, so a hostile length costs nothing.
func (m Members) AppendBytes(dst []byte, name string, maxLen int) (_ []byte, ok bool, err error) {
	s, ok, err := m.Unquoted(name)
	if err != nil || !ok {
		return dst, ok, err
	}
	tooLong := func() error { return Invalid("member %q is longer than %d bytes", name, maxLen) }
	if len(s) > base64url.EncodedLen(maxLen)+4 { // hostile lengths end here, before decoding
		return dst, false, tooLong()
	}
	start := len(dst)
	out, err := base64url.AppendDecode(dst, s)
	if err != nil {
		return dst, false, Malformed("member %q is not base64url: %w", name, err)
	}
	if len(out)-start > maxLen {
		return dst, false, tooLong()
	}
	return out, true, nil
}

// Bytes reads a base64url member of at most maxLen bytes.
func (m Members) Bytes(name string, maxLen int) ([]byte, bool, error) {
	b, ok, err := m.AppendBytes(nil, name, maxLen)
	if ok && b == nil {
		b = []byte{} // present and empty
	}
	return b, ok, err
}

// Need reads a base64url member that must be present.
func (m Members) Need(kty jwa.KeyType, name string, maxLen int) ([]byte, error) {
	b, ok, err := m.Bytes(name, maxLen)
	if err == nil && !ok {
		err = Malformed("%s key without %q", kty, name)
	}
	return b, err
}

// Fixed reads a base64url member that must have exactly n bytes.
func (m Members) Fixed(kty jwa.KeyType, name string, n int) ([]byte, bool, error) {
	b, ok, err := m.AppendFixed(nil, kty, name, n)
	return b, ok, err
}

// AppendFixed appends the value of a base64url member that must have
// exactly n bytes to dst.
func (m Members) AppendFixed(dst []byte, kty jwa.KeyType, name string, n int) ([]byte, bool, error) {
	out, ok, err := m.AppendBytes(dst, name, n)
	if err != nil || !ok {
		return dst, ok, err
	}
	if len(out)-len(dst) != n {
		return dst, false, Invalid("%s member %q has %d bytes, not %d", kty, name, len(out)-len(dst), n)
	}
	return out, true, nil
}
