package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what every command reads and writes.
type env struct {
	ctx            context.Context // ended when the command returns (ends a key set fetch)
	stdin          io.Reader
	stdout, stderr io.Writer
}

// action is what a command does once its flags are parsed; file is its
// FILE argument, "" for standard input.
type action func(e *env, file string) error

// command is one leaf of the command tree. Its flags are declared by
// define, on a fresh flag set, which returns what to run: so -h, the
// completion scripts and the run itself all read the same definitions.
type command struct {
	name     string // "jws sign"
	summary  string
	synopsis string // its flags and arguments, for -h and the usage list
	note     string // what -h says after the flags, or ""
	define   func(fs *flags) action
}

// commands is the command tree, in the order of the usage list. It is
// filled in by init, since completion reads it.
var commands []command

func init() {
	commands = []command{
		{name: "jwk gen", summary: "print a new private JWK", define: jwkGen,
			synopsis: "--kty RSA|EC|OKP|oct|AKP [--size BITS] [--crv CRV] [--alg ALG] [--use sig|enc] [--kid KID|--kid-thumbprint]",
			note:     "Every key type, curve and algorithm of the project: RSA (2048 bits unless --size), EC (P-256, P-384, P-521, secp256k1), OKP (Ed25519, X25519, Ed448, X448), oct (what --alg needs, or 256 bits), AKP (ML-DSA, with a jose built with Go 1.27 or later)."},
		{name: "jwk pub", summary: "print the public part of a JWK or of every key of a JWK Set", define: jwkPub,
			synopsis: "[FILE]"},
		{name: "jwk thumbprint", summary: "print the RFC 7638 thumbprint of a key", define: jwkThumbprint,
			synopsis: "[--hash SHA-256|SHA-384|SHA-512] [--uri] [FILE]"},
		{name: "jwk convert", summary: "convert a key between PEM and JWK", define: jwkConvert,
			synopsis: "[--to jwk|pem] [FILE]"},
		{name: "jws sign", summary: "sign a payload", define: jwsSign,
			synopsis: "--key FILE --alg ALG [--kid KID] [--header JSON] [--format compact|flattened|general] [--detached] [--unencoded] [FILE]"},
		{name: "jws verify", summary: "verify a JWS and print its payload", define: jwsVerify,
			synopsis: "--key FILE|URL [--alg ALG[,ALG...]] [--payload FILE] [FILE]"},
		{name: "jwe encrypt", summary: "encrypt a plaintext", define: jweEncrypt,
			synopsis: "--key FILE|--password-file FILE --alg ALG --enc ENC [--kid KID] [--zip DEF] [--cty CTY] [--header JSON] [--format compact|flattened|general] [FILE]",
			note:     "The plaintext is encrypted byte for byte, a trailing newline included. So piping 'jose jwt sign' into 'jose jwe encrypt' puts the newline jwt sign prints inside the plaintext, and jwt verify --decrypt-key then refuses the inner token: make a nested JWT with 'jose jwt sign --encrypt-key FILE --key-alg ALG --enc ENC' instead (or strip the newline: tr -d '\\n')."},
		{name: "jwe decrypt", summary: "decrypt a JWE and print its plaintext", define: jweDecrypt,
			synopsis: "--key FILE|URL|--password-file FILE [--alg ALG[,ALG...]] [--enc ENC[,ENC...]] [FILE]"},
		{name: "jwt sign", summary: "print a signed JWT, or a signed then encrypted (nested) one", define: jwtSign,
			synopsis: "--key FILE --alg ALG [--claims FILE] [--iss S] [--sub S] [--aud S]... [--exp DURATION] [--nbf DURATION] [--iat] [--jti] [--typ TYP] [--encrypt-key FILE --key-alg ALG --enc ENC [--zip DEF]]"},
		{name: "jwt verify", summary: "verify a JWT and print its claims", define: jwtVerify,
			synopsis: "--key FILE|URL [--alg ALG[,ALG...]] [--iss S] [--aud S] [--sub S] [--leeway DURATION] [--require CLAIM,...] [--typ TYP] [--allow-no-exp] [--decrypt-key FILE --enc ENC[,ENC...] --key-alg ALG[,ALG...]] [FILE]"},
		{name: "inspect", summary: "print what a token holds, verifying nothing", define: inspect,
			synopsis: "[FILE]"},
		{name: "completion", summary: "print a shell completion script (bash or zsh)", define: completion,
			synopsis: "bash|zsh",
			note:     "bash: source <(jose completion bash), or save it in /etc/bash_completion.d/jose.\nzsh: save it as _jose in a directory of $fpath (or source <(jose completion zsh) after compinit)."},
	}
}

// groups are the first words of the two-word commands ("jwk", "jws"...).
func groups() []string {
	var out []string
	for _, c := range commands {
		if g, _, ok := strings.Cut(c.name, " "); ok && (len(out) == 0 || out[len(out)-1] != g) {
			out = append(out, g)
		}
	}
	return out
}

// run is the whole command: main only adds the process around it, so tests
// drive it in-process. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stderr)
		return exitOK
	case "--version", "-version", "version":
		if err := printVersion(stdout); err != nil {
			fmt.Fprintf(stderr, "jose: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	name, rest := args[0], args[1:]
	for _, g := range groups() {
		if name != g {
			continue
		}
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			fmt.Fprintf(stderr, "jose %s: missing subcommand; run 'jose help' for the list\n", name)
			return exitUsage
		}
		name += " " + rest[0]
		rest = rest[1:]
	}
	for i := range commands {
		if c := &commands[i]; c.name == name {
			return c.run(e, rest)
		}
	}
	fmt.Fprintf(stderr, "jose: unknown command %q; run 'jose help' for the list\n", name)
	return exitUsage
}

// run parses the command's flags and runs it. A failure is one line on
// standard error, in the words of flagHints where the library's would
// name its options.
func (c *command) run(e *env, args []string) int {
	fs := newFlags(c)
	act := c.define(fs)
	file, err := parseArgs(e, fs, args)
	if err == nil {
		err = act(e, file)
	}
	switch {
	case err == nil, err == errHelp:
		return exitOK
	}
	fmt.Fprintf(e.stderr, "jose %s: %s\n", c.name, oneLine(explain(fs, err)))
	return exitCode(err)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: jose COMMAND [flags] [FILE]")
	fmt.Fprintln(w, "\nInput is FILE, or standard input when FILE is omitted or '-'.")
	fmt.Fprintln(w, "Exit status: 0 success, 1 the token failed, 2 usage error.")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-16s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'jose COMMAND -h' for the flags of a command, 'jose --version' for the version.")
}

// oneLine keeps an error message on one line of standard error.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
