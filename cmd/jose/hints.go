package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// hint is one row of flagHints: a kind of library error, told by the
// sentinels it wraps, and what the command says about it instead.
type hint struct {
	is     []error // the sentinels the error wraps, every one (errors.Is)
	option string  // the library option (or type) its message names ("WithAudience"), or "" for any message
	when   string  // "--flag": only when the flag was given; "!--flag": only when it was not
	say    string  // the command's own message, which replaces the library's; "" keeps it
	hint   string  // appended in parentheses: what the person can do with the command's flags
}

// flagHints is the one place where the library's errors meet the
// command's flags. The library's messages speak to a Go programmer and
// name its options (WithAllowNoExpiry, WithAudience); a person at the
// command line needs the flag instead, so a message that names an option
// is replaced by the command's own, chosen by the error's sentinels, the
// option named and the flags given. The first row that matches applies;
// the error itself, and so the exit status, is unchanged. The tests hold
// every message to naming no library option.
var flagHints = []hint{
	// jwt verify: the claims.
	{is: []error{jwt.ErrMissingClaim}, option: "WithAllowNoExpiry", say: `claim "exp" is required (--allow-no-exp accepts a token without it)`},
	{is: []error{jwt.ErrMissingClaim, jwt.ErrInvalidIssuer}, option: "WithIssuer", say: `claim "iss" is required by --iss`},
	{is: []error{jwt.ErrMissingClaim, jwt.ErrInvalidSubject}, option: "WithSubject", say: `claim "sub" is required by --sub`},
	{is: []error{jwt.ErrMissingClaim, jwt.ErrInvalidAudience}, option: "WithAudience", say: `claim "aud" is required by --aud`},
	{is: []error{jwt.ErrInvalidAudience}, option: "WithAudience", say: `claim "aud": the token names an audience and no --aud accepts it (RFC 7519 §4.1.3)`},
	{is: []error{jwt.ErrMissingClaim}, hint: "--require names it"},
	{is: []error{jwt.ErrExpired}, hint: "--leeway allows for clock skew"},
	{is: []error{jwt.ErrNotValidYet}, hint: "--leeway allows for clock skew"},
	{is: []error{jwt.ErrIssuedInFuture}, hint: "--leeway allows for clock skew"},
	{is: []error{jwt.ErrUnexpectedForm}, option: "WithEncryptedOnly", say: `the encrypted token holds claims without a signature (no "cty": "JWT"); jwt verify accepts signed claims only`},

	// jws verify: the payload and the header.
	{is: []error{jwa.ErrMalformed}, option: "WithPayload", when: "--payload", say: "--payload was given, but the token has a payload of its own"},
	{is: []error{jwa.ErrMalformed}, option: "WithPayload", when: "!--payload", say: "the payload is detached: give it with --payload"},
	{is: []error{jwa.ErrAlgorithmNotAllowed}, option: "WithUnprotectedAlgorithm", say: `the token's "alg" is not in its protected header, where the command requires it`},

	// The library's limits, which the command keeps at their defaults.
	{is: []error{jwa.ErrLimitExceeded}, option: "WithMaxSize", say: fmt.Sprintf("the token is over the limit of %d bytes", jws.DefaultMaxSize)},
	{is: []error{jwa.ErrLimitExceeded}, option: "WithMaxSignatures", say: fmt.Sprintf("the token has more than %d signatures", jws.DefaultMaxSignatures)},
	{is: []error{jwa.ErrLimitExceeded}, option: "WithPBES2Budget", say: fmt.Sprintf("the p2c values of the token's PBES2 recipients add up to more than %d PBKDF2 iterations, the work one token may cost", jwa.DefaultMaxP2C)},

	// Keys: jwa's advice is for Go programs.
	{is: []error{jwa.ErrInvalidKey}, option: "WeakRSAPublicKey", say: "--key: an RSA key under 2048 bits, which RFC 7518 §3.3 forbids: the command never uses one"},

	// jws sign, jwe encrypt: --header.
	{option: "WithProtectedHeader", say: "--header sets a member that the command writes itself or takes from its own flags (alg, enc, zip, kid, typ, cty, crit), or gives a member a value of the wrong type"},
}

// explain returns err with the message of the first row of flagHints that
// fits it, or err itself.
func explain(fs *flags, err error) error {
	msg := err.Error()
	for _, h := range flagHints {
		if !h.fits(fs, err, msg) {
			continue
		}
		out := h.say
		if out == "" {
			out = msg
		}
		if h.hint != "" {
			out += " (" + h.hint + ")"
		}
		return worded{msg: out, err: err}
	}
	return err
}

func (h hint) fits(fs *flags, err error, msg string) bool {
	for _, s := range h.is {
		if !errors.Is(err, s) {
			return false
		}
	}
	if h.option != "" && !mentions(msg, h.option) {
		return false
	}
	if flag, not := strings.CutPrefix(h.when, "!"); h.when != "" {
		if given := fs != nil && fs.given(strings.TrimPrefix(flag, "--")); given == not {
			return false
		}
	}
	return true
}

// mentions reports whether msg names the identifier id as a word (so that
// WithAudience is not found in WithAudienceArray).
func mentions(msg, id string) bool {
	for i := 0; ; {
		j := strings.Index(msg[i:], id)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(id)
		if (start == 0 || !isIdentByte(msg[start-1])) && (end == len(msg) || !isIdentByte(msg[end])) {
			return true
		}
		i = end
	}
}

func isIdentByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

// worded is an error in the command's own words; errors.Is and errors.As
// still see the error it stands for.
type worded struct {
	msg string
	err error
}

func (w worded) Error() string { return w.msg }
func (w worded) Unwrap() error { return w.err }
