package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Exit statuses, as the package documentation (doc.go) states them.
const (
	exitOK     = 0 // success
	exitFailed = 1 // the token failed: signature, decryption, claims, malformed
	exitUsage  = 2 // usage: flags, key files, algorithm names
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what every command reads and writes.
type env struct {
	ctx            context.Context // ended when the command returns (stops remote key set refreshes)
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one leaf of the command tree.
type command struct {
	name    string // "jws sign"
	summary string
	run     func(e *env, args []string) error
}

var commands = []command{
	{"jwk gen", "print a new private JWK", jwkGen},
	{"jwk pub", "print the public part of a JWK or JWK Set", jwkPub},
	{"jwk thumbprint", "print the RFC 7638 thumbprint of a key", jwkThumbprint},
	{"jwk convert", "convert a key between PEM and JWK", jwkConvert},
	{"jws sign", "sign a payload", jwsSign},
	{"jws verify", "verify a JWS and print its payload", jwsVerify},
	{"jwe encrypt", "encrypt a plaintext", jweEncrypt},
	{"jwe decrypt", "decrypt a JWE and print its plaintext", jweDecrypt},
	{"jwt sign", "print a signed JWT", jwtSign},
	{"jwt verify", "verify a JWT and print its claims", jwtVerify},
	{"inspect", "print what a token holds, verifying nothing", inspect},
}

// run is the whole command: main only adds the process around it, so tests
// drive it in-process. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	name := args[0]
	rest := args[1:]
	if name == "jwk" || name == "jws" || name == "jwe" || name == "jwt" {
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			fmt.Fprintf(stderr, "jose %s: missing subcommand; run 'jose help' for the list\n", name)
			return exitUsage
		}
		name += " " + rest[0]
		rest = rest[1:]
	}
	for _, c := range commands {
		if c.name == name {
			err := c.run(e, rest)
			if err == nil || errors.Is(err, errHelp) {
				return exitOK
			}
			fmt.Fprintf(stderr, "jose %s: %v\n", name, oneLine(err))
			return exitCode(err)
		}
	}
	fmt.Fprintf(stderr, "jose: unknown command %q; run 'jose help' for the list\n", name)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: jose COMMAND [flags] [FILE]")
	fmt.Fprintln(w, "\nInput is FILE, or standard input when FILE is omitted or '-'.")
	fmt.Fprintln(w, "Exit status: 0 success, 1 the token failed, 2 usage error.")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-16s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'jose COMMAND -h' for the flags of a command.")
}

// errUsage marks a usage error: a bad flag, a key file that cannot be read or
// used, an unknown algorithm name. Errors of the library that mean the same
// are recognised by their own sentinels in exitCode.
var errUsage = errors.New("usage error")

// usageError wraps a message as a usage error without printing "usage
// error" in it.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() []error {
	return []error{u.err, errUsage}
}

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// asUsage marks err, from a step that reads the caller's own inputs (a key
// file, a header), as a usage error whatever sentinel it wraps: the library
// reports a malformed key file with jwa.ErrMalformed, as it does a malformed
// token.
func asUsage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// tokenFailures are the errors that mean the token failed (exit 1).
var tokenFailures = []error{
	jwa.ErrInvalidSignature,
	jwa.ErrDecryption,
	jwa.ErrMalformed,
	jwa.ErrLimitExceeded,
	jwa.ErrAlgorithmNotAllowed,
	jwk.ErrKeyNotFound,
	jwt.ErrInvalidClaims,
	jwt.ErrExpired,
	jwt.ErrNotValidYet,
	jwt.ErrIssuedInFuture,
	jwt.ErrTooOld,
	jwt.ErrMissingClaim,
	jwt.ErrInvalidIssuer,
	jwt.ErrInvalidAudience,
	jwt.ErrInvalidSubject,
	jwt.ErrInvalidType,
	jwt.ErrRejected,
	jwt.ErrUnexpectedForm,
}

// exitCode chooses the exit status of a failed command with errors.Is alone:
// errors of the caller's own inputs (flags, key files), which the command
// marks with errUsage before the library sees the token, then the sentinels
// that mean the token failed, and anything else is a usage error (an
// unusable key, an unknown algorithm, contradicting options).
//
// In FIPS 140-3 mode a refusal of an algorithm or a key that is not approved
// (jwa.ErrNotApproved) is a usage error too, whatever else it wraps.
func exitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, jwa.ErrNotApproved) {
		return exitUsage
	}
	for _, s := range tokenFailures {
		if errors.Is(err, s) {
			return exitFailed
		}
	}
	return exitUsage
}

// oneLine keeps an error message on one line of standard error.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
