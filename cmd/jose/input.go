package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// errHelp is returned for -h: the flags were printed, and the exit status
// is 0.
var errHelp = errors.New("help requested")

// flags is the flag set of one command.
type flags struct {
	*flag.FlagSet
	name     string // "jws sign"
	synopsis string // its arguments, for -h
}

// newFlags makes the flag set of a command. Parse errors are reported by
// parseArgs as one line, not by the flag package.
func newFlags(name, synopsis string) *flags {
	fs := flag.NewFlagSet("jose "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flags{FlagSet: fs, name: name, synopsis: synopsis}
}

// parseArgs parses flags, which may come before or after the FILE argument,
// and returns FILE ("" for standard input). More than one FILE is an error.
func parseArgs(e *env, fs *flags, args []string) (string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(e.stderr, "usage: jose %s %s\n", fs.name, fs.synopsis)
				fs.SetOutput(e.stderr)
				fs.PrintDefaults()
				return "", errHelp
			}
			return "", usagef("%w; run 'jose %s -h' for its flags", err, fs.name)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			files = append(files, rest...) // everything after "--" is a file
			break
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
	if len(files) > 1 {
		return "", usagef("one FILE at most, got %d (%s)", len(files), strings.Join(files, ", "))
	}
	if len(files) == 1 && files[0] != "-" {
		return files[0], nil
	}
	return "", nil
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// readInput reads FILE, or standard input for "" (and "-"), byte for byte.
func readInput(e *env, file string) ([]byte, error) {
	if file == "" || file == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			return nil, usagef("reading standard input: %w", err)
		}
		return b, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, usagef("%w", err)
	}
	return b, nil
}

// readToken reads a token and trims the white space around it (a trailing
// newline from echo or a file).
func readToken(e *env, file string) (string, error) {
	b, err := readInput(e, file)
	if err != nil {
		return "", err
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "", fmt.Errorf("no token on input: %w", jwa.ErrMalformed)
	}
	return string(b), nil
}

// readPassword reads a PBES2 password from a file, without the line ending
// that editors and echo add; other white space is part of the password.
func readPassword(file string) ([]byte, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, usagef("password file: %w", err)
	}
	b = bytes.TrimSuffix(b, []byte("\n"))
	b = bytes.TrimSuffix(b, []byte("\r"))
	if len(b) == 0 {
		return nil, usagef("password file %s is empty", file)
	}
	return b, nil
}

// keySource is what --key named: one key, or a key set (a file or a URL).
type keySource struct {
	name string
	key  *jwk.Key   // one key
	set  jwk.KeySet // a set: a *jwk.Set or a *jwk.Remote
	keys []*jwk.Key // the keys of the set, as known now
}

// keyFlags are the --key, --alg and --allow-http flags of the verifying and
// decrypting commands.
type keyFlags struct {
	key, alg  *string
	allowHTTP *bool
}

func addKeyFlags(fs *flags, use, algUsage string) keyFlags {
	return keyFlags{
		key:       fs.String("key", "", use+" key: a JWK, JWK Set or PEM file, or a JWK Set URL"),
		alg:       fs.String("alg", "", algUsage+", comma-separated (default: the key's alg)"),
		allowHTTP: fs.Bool("allow-http", false, "allow an http:// --key URL (for loopback tests)"),
	}
}

// verifier loads --key and the signature algorithms it is used with.
func (kf keyFlags) verifier(e *env) (*keySource, []jwa.SignatureAlgorithm, error) {
	ks, err := loadKey(e.ctx, *kf.key, *kf.allowHTTP)
	if err != nil {
		return nil, nil, err
	}
	algs, err := allowedAlgs[jwa.SignatureAlgorithm]("--alg", *kf.alg, ks)
	if err != nil {
		return nil, nil, err
	}
	return ks, algs, nil
}

// loadKey reads --key: a JWK, a JWK Set or PEM from a file, or a JWK Set
// from an https:// URL (http:// only with --allow-http) fetched once through
// jwk.NewRemote. Every failure is a usage error.
func loadKey(ctx context.Context, spec string, allowHTTP bool) (*keySource, error) {
	if spec == "" {
		return nil, usagef("--key is required")
	}
	if strings.HasPrefix(spec, "https://") || strings.HasPrefix(spec, "http://") {
		if strings.HasPrefix(spec, "http://") && !allowHTTP {
			return nil, usagef("--key %s: plain http is refused; use https, or --allow-http for a test server", spec)
		}
		var opts []jwk.RemoteOption
		if allowHTTP {
			opts = append(opts, jwk.WithInsecureHTTP())
		}
		r, err := jwk.NewRemote(spec, opts...)
		if err != nil {
			return nil, asUsage(fmt.Errorf("--key %s: %w", spec, err))
		}
		// One command needs one fetch: the set fetched is used as it is,
		// and the Remote is closed at once (no background refresh).
		defer r.Close()
		if err := r.Refresh(ctx); err != nil {
			return nil, asUsage(fmt.Errorf("--key %s: %w", spec, err))
		}
		set := r.Set()
		return &keySource{name: spec, set: set, keys: set.Keys()}, nil
	}
	data, err := os.ReadFile(spec)
	if err != nil {
		return nil, usagef("--key: %w", err)
	}
	key, set, err := parseKeyData(data)
	if err != nil {
		return nil, asUsage(fmt.Errorf("--key %s: %w", spec, err))
	}
	if set != nil {
		return &keySource{name: spec, set: set, keys: set.Keys()}, nil
	}
	return &keySource{name: spec, key: key}, nil
}

// parseKeyData tells a JWK Set (a JSON object with "keys"), a JWK (another
// JSON object) and PEM apart, and parses it.
func parseKeyData(data []byte) (*jwk.Key, *jwk.Set, error) {
	t := bytes.TrimSpace(data)
	switch {
	case len(t) > 0 && t[0] == '{':
		var probe map[string]json.RawMessage
		if json.Unmarshal(t, &probe) == nil {
			if _, ok := probe["keys"]; ok {
				set, err := jwk.ParseSet(t)
				if err != nil {
					return nil, nil, err
				}
				if set.Len() == 0 {
					return nil, nil, fmt.Errorf("the JWK Set holds no key this program can use: %w", jwa.ErrInvalidKey)
				}
				return nil, set, nil
			}
		}
		key, err := jwk.Parse(t)
		return key, nil, err
	case isPEM(t):
		key, err := jwk.ParsePEM(t)
		return key, nil, err
	}
	return nil, nil, fmt.Errorf("not a JWK, a JWK Set or PEM: %w", jwa.ErrMalformed)
}

// isPEM reports whether data looks like PEM rather than JSON.
func isPEM(data []byte) bool {
	return bytes.Contains(data, []byte("-----BEGIN "))
}

// one returns the single key of the source: the key itself, or the key of
// the set whose kid is kid (or the only key of the set when kid is "").
func (ks *keySource) one(kid string) (*jwk.Key, error) {
	if ks.key != nil {
		return ks.key, nil
	}
	var found []*jwk.Key
	for _, k := range ks.keys {
		if kid == "" || k.KeyID() == kid {
			found = append(found, k)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case kid != "" && len(found) == 0:
		return nil, usagef("--key %s: no key has kid %q", ks.name, kid)
	case kid != "":
		return nil, usagef("--key %s: %d keys have kid %q", ks.name, len(found), kid)
	}
	return nil, usagef("--key %s holds %d keys; choose one with --kid", ks.name, len(found))
}

// keyAlgs returns the "alg" members of the source's keys, the default
// allow-list when --alg is omitted: each key must have one.
func (ks *keySource) keyAlgs() ([]string, error) {
	keys := ks.keys
	if ks.key != nil {
		keys = []*jwk.Key{ks.key}
	}
	var algs []string
	for _, k := range keys {
		a := k.Algorithm()
		if a == "" {
			return nil, usagef("--key %s: key %v has no \"alg\"; say which algorithms to accept with --alg", ks.name, k)
		}
		if !slices.Contains(algs, a) {
			algs = append(algs, a)
		}
	}
	return algs, nil
}

// algName is a type of algorithm name.
type algName interface {
	~string
	Available() bool
	CheckFIPS() error
}

// parseAlgs reads a comma-separated list of algorithm names for the flag
// flagName. Unknown names, "none", and in FIPS 140-3 mode the algorithms
// that are not approved there, are usage errors.
func parseAlgs[T algName](flagName string, lists ...string) ([]T, error) {
	var out []T
	for _, list := range lists {
		for _, s := range strings.Split(list, ",") {
			s = strings.TrimSpace(s)
			if s == "" {
				continue
			}
			a := T(s)
			if s == string(jwa.NoSignature) {
				return nil, usagef("%s none: unsecured tokens are never accepted", flagName)
			}
			if err := a.CheckFIPS(); err != nil {
				return nil, usagef("%s: %w", flagName, err) // FIPS 140-3 mode
			}
			if !a.Available() {
				return nil, usagef("%s %s: unknown algorithm for this flag", flagName, s)
			}
			if !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	return out, nil
}

// allowedAlgs is the allow-list of a verifying command: --alg when given,
// else the "alg" of the keys.
func allowedAlgs[T algName](flagName, flagValue string, ks *keySource) ([]T, error) {
	if flagValue != "" {
		return parseAlgs[T](flagName, flagValue)
	}
	own, err := ks.keyAlgs()
	if err != nil {
		return nil, err
	}
	algs, err := parseAlgs[T](flagName, own...)
	if err != nil {
		return nil, usagef("--key %s: the key's own alg cannot be used here (%w); give --alg", ks.name, err)
	}
	return algs, nil
}

// perKeyAlgs pairs the --alg values of a signing or encrypting command with
// its n keys: one value for every key, or one per key in the same order.
func perKeyAlgs(flagValue string, n int) ([]string, error) {
	var algs []string
	for _, a := range strings.Split(flagValue, ",") {
		if a = strings.TrimSpace(a); a != "" {
			algs = append(algs, a)
		}
	}
	switch {
	case len(algs) == n:
		return algs, nil
	case len(algs) == 1:
		out := make([]string, n)
		for i := range out {
			out[i] = algs[0]
		}
		return out, nil
	case len(algs) == 0:
		return nil, nil
	}
	return nil, usagef("--alg names %d algorithms for %d keys; give one for all or one per key", len(algs), n)
}

// headerMembers reads --header: a JSON object whose members are added in
// name order, so the output does not depend on map order.
func headerMembers(s string) ([]string, map[string]json.RawMessage, error) {
	if s == "" {
		return nil, nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, nil, usagef("--header must be a JSON object: %w", err)
	}
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, m, nil
}

// checkFormat checks --format.
func checkFormat(f string) error {
	switch f {
	case "compact", "flattened", "general":
		return nil
	}
	return usagef("--format %q: use compact, flattened or general", f)
}

// writeLine writes s and a newline.
func writeLine(e *env, s string) error {
	if _, err := io.WriteString(e.stdout, s+"\n"); err != nil {
		return usagef("writing the output: %w", err)
	}
	return nil
}

// writeJSON writes v as indented JSON and a newline.
func writeJSON(e *env, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeLine(e, string(b))
}
