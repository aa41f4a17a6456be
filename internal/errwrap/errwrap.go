// Package errwrap keeps the package names of this module from piling up in
// error messages (docs/DESIGN.md, "Errors"): an error names the package the
// caller called once, at its start, and no other package of the module,
// while it keeps the identity of every error it wraps for errors.Is and
// errors.As.
//
// Each exported function of a package that returns errors ends with
// [Own], deferred:
//
//	func Verify(token string, opts ...VerifyOption) (_ []byte, err error) {
//		defer errwrap.Own(&err, "jws")
//		...
//	}
//
// Inside a package, errors are made with the package's name as usual; a
// site that quotes another package's message in one of its own removes
// the names with [StripText].
//
//	jwt: no key with kid "a" for ES256 (the set has kids "b"): no matching key
//
// rather than
//
//	jwt: jws: jwk: no key with kid "a" for ES256 (the set has kids "b"): jwk: no matching key
package errwrap

import "strings"

// packages are the names that start the errors of the module's packages.
var packages = [...]string{"jwa", "jwk", "jws", "jwe", "jwt", "dpop", "sdjwt", "jwthttp", "jwkring", "jose"}

// Own makes *errp, when it is not nil, an error whose text starts with
// pkg's name once and names no other package of the module: it is left
// as it is when it already reads so (as the prebuilt errors of jwe's
// decryption do, which then keep their identity and cost no allocation),
// and wrapped otherwise.
func Own(errp *error, pkg string) {
	err := *errp
	if err == nil {
		return
	}
	msg := err.Error()
	if n := prefixLen(msg); n == len(pkg)+2 && msg[:len(pkg)] == pkg && !hasPrefixAt(msg[n:]) {
		return
	}
	*errp = owned{msg: pkg + ": " + StripText(msg), err: err}
}

type owned struct {
	msg string
	err error
}

func (o owned) Error() string { return o.msg }
func (o owned) Unwrap() error { return o.err }

// StripText removes the package names ("jwk: ") that start msg or any
// segment of it after ": ".
func StripText(msg string) string {
	if !hasPrefixAt(msg) {
		return msg
	}
	var b strings.Builder
	b.Grow(len(msg))
	for msg != "" {
		if n := prefixLen(msg); n > 0 {
			msg = msg[n:]
			continue
		}
		i := strings.Index(msg, ": ")
		if i < 0 {
			b.WriteString(msg)
			break
		}
		b.WriteString(msg[:i+2])
		msg = msg[i+2:]
	}
	return b.String()
}

// Prefixes returns the package names that start msg or a segment of it,
// in order, for tests that hold a message to the rule.
func Prefixes(msg string) []string {
	var found []string
	for msg != "" {
		if n := prefixLen(msg); n > 0 {
			found = append(found, msg[:n-2])
			msg = msg[n:]
			continue
		}
		i := strings.Index(msg, ": ")
		if i < 0 {
			break
		}
		msg = msg[i+2:]
	}
	return found
}

// hasPrefixAt reports whether msg holds a package name anywhere it could
// start a segment, so that the common case returns msg unchanged.
func hasPrefixAt(msg string) bool {
	if prefixLen(msg) > 0 {
		return true
	}
	for {
		i := strings.Index(msg, ": ")
		if i < 0 {
			return false
		}
		msg = msg[i+2:]
		if prefixLen(msg) > 0 {
			return true
		}
	}
}

// prefixLen is the length of the package name and ": " that start msg, or
// zero.
func prefixLen(msg string) int {
	for _, p := range packages {
		if len(msg) > len(p)+1 && msg[:len(p)] == p && msg[len(p)] == ':' && msg[len(p)+1] == ' ' {
			return len(p) + 2
		}
	}
	return 0
}
