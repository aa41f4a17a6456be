package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

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

// keySource is what --key (or --decrypt-key, --encrypt-key) named: one
// key, or a key set (a file or a URL).
type keySource struct {
	flag string // "--key"
	name string
	key  *jwk.Key   // one key
	set  *jwk.Set   // a set: a file's, or the one fetch of a URL
	keys []*jwk.Key // the keys of the set, as known now
}

// keyFlags are the --key, --alg and --allow-http flags of the verifying and
// decrypting commands.
type keyFlags struct {
	key, alg  *string
	allowHTTP *bool
}

func addKeyFlags(fs *flags, use, algUsage string, algs []string) keyFlags {
	return keyFlags{
		key:       fs.file("key", use+" key: a JWK, JWK Set or PEM file, or a JWK Set URL"),
		alg:       fs.enum("alg", "", algUsage+", comma-separated (default: the key's alg)", algs),
		allowHTTP: fs.Bool("allow-http", false, "allow an http:// --key URL (for loopback tests)"),
	}
}

// verifier loads --key and the signature algorithms it is used with, and
// checks that the key (or a key of the set) can verify each of them.
func (kf keyFlags) verifier(e *env) (*keySource, []jwa.SignatureAlgorithm, error) {
	return usableKey(e, "--key", *kf.key, "--alg", *kf.alg, *kf.allowHTTP, "verify",
		func(k *jwk.Key, a jwa.SignatureAlgorithm) error { _, err := k.Verifier(a); return err })
}

// decrypter loads a decryption key (--key, --decrypt-key) and the key
// management algorithms of algFlag it is used with, and checks that the
// key (or a key of the set) can decrypt with each of them.
func decrypter(e *env, keyFlag, spec, algFlag, algs string, allowHTTP bool) (*keySource, []jwa.KeyAlgorithm, error) {
	return usableKey(e, keyFlag, spec, algFlag, algs, allowHTTP, "decrypt", canDecrypt)
}

func canDecrypt(k *jwk.Key, a jwa.KeyAlgorithm) error { _, err := k.KeyDecrypter(a); return err }

// usableKey loads the key of keyFlag and the algorithms of algFlag (else
// the key's own), and checks that the key can do op with each of them.
func usableKey[T algName](e *env, keyFlag, spec, algFlag, algs string, allowHTTP bool, op string, try func(*jwk.Key, T) error) (*keySource, []T, error) {
	ks, err := loadKey(e.ctx, keyFlag, spec, allowHTTP)
	if err != nil {
		return nil, nil, err
	}
	allowed, err := allowedAlgs[T](algFlag, algs, ks)
	if err != nil {
		return nil, nil, err
	}
	if err := fitsAll(ks, op, allowed, try); err != nil {
		return nil, nil, err
	}
	return ks, allowed, nil
}

// fitsAll checks that the key of ks can do op with every algorithm of algs.
func fitsAll[T ~string](ks *keySource, op string, algs []T, try func(*jwk.Key, T) error) error {
	for _, a := range algs {
		if err := ks.fits(op, string(a), func(k *jwk.Key) error { return try(k, a) }); err != nil {
			return err
		}
	}
	return nil
}

// fits checks, before any token is read, that the key (or at least one key
// of the set) can do op with alg: a key that cannot is a usage error.
func (ks *keySource) fits(op, alg string, try func(*jwk.Key) error) error {
	if ks.key != nil {
		if err := try(ks.key); err != nil {
			return asUsage(fmt.Errorf("%s %s cannot %s %s: %w", ks.flag, ks.name, op, alg, err))
		}
		return nil
	}
	var first error
	for _, k := range ks.keys {
		err := try(k)
		if err == nil {
			return nil
		}
		first = cmpErr(first, err)
	}
	return asUsage(fmt.Errorf("%s %s: no key of the set can %s %s (%w)", ks.flag, ks.name, op, alg, first))
}

// cmpErr returns a, or b when a is nil.
func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// loadKey reads a key flag's value: a JWK, a JWK Set or PEM from a file,
// or a JWK Set from an https:// URL (http:// only with --allow-http)
// fetched once through jwk.NewRemote. Every failure is a usage error: the
// command's own, or the library's ErrInvalidKeyData for data it cannot
// read as a key.
func loadKey(ctx context.Context, flag, spec string, allowHTTP bool) (*keySource, error) {
	if spec == "" {
		return nil, usagef("%s is required", flag)
	}
	if strings.HasPrefix(spec, "https://") || strings.HasPrefix(spec, "http://") {
		if strings.HasPrefix(spec, "http://") && !allowHTTP {
			return nil, usagef("%s %s: plain http is refused; use https, or --allow-http for a test server", flag, spec)
		}
		var opts []jwk.RemoteOption
		if allowHTTP {
			opts = append(opts, jwk.WithInsecureHTTP())
		}
		r, err := jwk.NewRemote(spec, opts...)
		if err != nil {
			return nil, asUsage(fmt.Errorf("%s %s: %w", flag, spec, err))
		}
		// One command needs one fetch: the set fetched is used as it is,
		// and the Remote is closed at once (no background refresh).
		defer r.Close()
		if err := r.Refresh(ctx); err != nil {
			return nil, asUsage(fmt.Errorf("%s %s: %w", flag, spec, err))
		}
		set := r.Set()
		keys := set.Keys()
		if len(keys) == 0 {
			return nil, usagef("%s %s: the JWK Set holds no key this program can use", flag, spec)
		}
		return &keySource{flag: flag, name: spec, set: set, keys: keys}, nil
	}
	data, err := os.ReadFile(spec)
	if err != nil {
		return nil, usagef("%s: %w", flag, err)
	}
	key, set, err := parseKeyData(data)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", flag, spec, err)
	}
	if set != nil {
		return &keySource{flag: flag, name: spec, set: set, keys: set.Keys()}, nil
	}
	return &keySource{flag: flag, name: spec, key: key}, nil
}

// parseKeyData tells a JWK Set (a JSON object with "keys"), a JWK (another
// JSON object) and PEM apart, and parses it. Every error wraps
// jwk.ErrInvalidKeyData.
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
					return nil, nil, worded{"the JWK Set holds no key this program can use", jwk.ErrInvalidKeyData}
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
	return nil, nil, worded{"not a JWK, a JWK Set or PEM", jwk.ErrInvalidKeyData}
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
		return nil, usagef("%s %s: no key has kid %q", ks.flag, ks.name, kid)
	case kid != "":
		return nil, usagef("%s %s: %d keys have kid %q", ks.flag, ks.name, len(found), kid)
	}
	return nil, usagef("%s %s holds %d keys; choose one with --kid", ks.flag, ks.name, len(found))
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
			return nil, usagef("%s %s: key %v has no \"alg\"; say which algorithms to accept with %s", ks.flag, ks.name, k, algFlagOf(ks.flag))
		}
		if !slices.Contains(algs, a) {
			algs = append(algs, a)
		}
	}
	return algs, nil
}

// algFlagOf is the flag that gives the algorithms of a key flag.
func algFlagOf(keyFlag string) string {
	switch keyFlag {
	case "--decrypt-key", "--encrypt-key":
		return "--key-alg"
	}
	return "--alg"
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
				if why := unavailable(s); why != "" {
					return nil, usagef("%s %s: %s", flagName, s, why)
				}
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
	if _, ok := any(T("")).(jwa.KeyAlgorithm); ok {
		own = keyManagementAlgs(own) // a content encryption there means dir
	}
	algs, err := parseAlgs[T](flagName, own...)
	if err != nil {
		return nil, usagef("%s %s: the key's own alg cannot be used here (%w); give %s", ks.flag, ks.name, err, flagName)
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

// formats are the values of --format.
var formats = []string{"compact", "flattened", "general"}

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
