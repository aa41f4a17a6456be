package main

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// signingKeys loads every --key of a signing or encrypting command and pairs
// each with its --alg (one for all, one per key, or else the key's own alg).
func signingKeys(e *env, specs []string, algFlag listFlag, kid string, allowHTTP bool) ([]*jwk.Key, []string, error) {
	if len(specs) == 0 {
		return nil, nil, usagef("--key is required")
	}
	algs, err := perKeyAlgs(algFlag.String(), len(specs))
	if err != nil {
		return nil, nil, err
	}
	keys := make([]*jwk.Key, len(specs))
	for i, spec := range specs {
		ks, err := loadKey(e.ctx, spec, allowHTTP)
		if err != nil {
			return nil, nil, err
		}
		if keys[i], err = ks.one(kid); err != nil {
			return nil, nil, err
		}
	}
	if algs == nil {
		for _, k := range keys {
			if k.Algorithm() == "" {
				return nil, nil, usagef("key %v has no \"alg\"; give --alg", k)
			}
			algs = append(algs, k.Algorithm())
		}
	}
	return keys, algs, nil
}

// jwsSign: jose jws sign --key FILE --alg ALG [--kid KID] [--header JSON]
// [--format compact|flattened|general] [--detached] [--unencoded] [FILE]
func jwsSign(e *env, args []string) error {
	fs := newFlags("jws sign", "--key FILE --alg ALG [--kid KID] [--header JSON] [--format compact|flattened|general] [--detached] [--unencoded] [FILE]")
	var keyFiles, algFlag listFlag
	fs.Var(&keyFiles, "key", "signing key: a JWK, JWK Set or PEM file; repeat for several signatures")
	fs.Var(&algFlag, "alg", "signature algorithm: once for every key, or once per key (default: the key's alg)")
	kid := fs.String("kid", "", "protected \"kid\" (and the key of a JWK Set to use)")
	header := fs.String("header", "", "JSON object of protected header members to add")
	format := fs.String("format", "compact", "compact, flattened or general")
	detached := fs.Bool("detached", false, "leave the payload out of the token (RFC 7515 Appendix F)")
	unencoded := fs.Bool("unencoded", false, "unencoded payload, RFC 7797 (b64=false, crit [\"b64\"])")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *format == "flattened" && len(keyFiles) > 1 {
		return usagef("--format flattened holds one signature; use general for %d keys", len(keyFiles))
	}
	if *format == "compact" && len(keyFiles) > 1 {
		*format = "general" // several signatures need the general JSON serialization
	}
	if *kid != "" && len(keyFiles) > 1 {
		return usagef("--kid names one key; with several keys, each signature takes its key's own kid")
	}
	keys, algs, err := signingKeys(e, keyFiles, algFlag, *kid, false)
	if err != nil {
		return err
	}
	sigAlgs, err := parseAlgs[jwa.SignatureAlgorithm]("--alg", algs...)
	if err != nil {
		return err
	}
	names, members, err := headerMembers(*header)
	if err != nil {
		return err
	}
	var opts []jws.SignOption
	for _, n := range names { // before any key: they apply to every signature
		opts = append(opts, jws.WithProtectedHeader(n, members[n]))
	}
	if *kid != "" {
		opts = append(opts, jws.WithKeyID(*kid))
	}
	for i, k := range keys {
		opts = append(opts, jws.WithKey(sigAlgs[min(i, len(sigAlgs)-1)], k))
	}
	switch *format {
	case "flattened":
		opts = append(opts, jws.WithFlattened())
	case "general":
		opts = append(opts, jws.WithJSON())
	}
	if *detached {
		opts = append(opts, jws.WithDetachedPayload())
	}
	if *unencoded {
		opts = append(opts, jws.WithUnencodedPayload())
	}
	payload, err := readInput(e, file)
	if err != nil {
		return err
	}
	tok, err := jws.Sign(payload, opts...)
	if err != nil {
		return asUsage(err) // there is no token yet: every failure is the caller's input
	}
	return writeLine(e, tok)
}

// verifyKeyOptions binds the verification key to each allowed algorithm: a
// single key is bound here, so a key that cannot serve an algorithm is a
// usage error before any token is read; a set is given with its allow-list.
func verifyKeyOptions(ks *keySource, algs []jwa.SignatureAlgorithm) ([]jws.VerifyOption, error) {
	if ks.key == nil {
		return []jws.VerifyOption{jws.WithKeySet(ks.set, algs...)}, nil
	}
	var opts []jws.VerifyOption
	for _, a := range algs {
		if _, err := ks.key.Verifier(a); err != nil {
			return nil, asUsage(fmt.Errorf("--key %s cannot verify %s: %w", ks.name, a, err))
		}
		opts = append(opts, jws.WithKey(a, ks.key))
	}
	return opts, nil
}

// jwsVerify: jose jws verify --key FILE [--alg ALG[,ALG...]] [--payload FILE] [FILE]
func jwsVerify(e *env, args []string) error {
	fs := newFlags("jws verify", "--key FILE|URL [--alg ALG[,ALG...]] [--payload FILE] [FILE]")
	kf := addKeyFlags(fs, "verification", "allowed algorithms")
	payloadFile := fs.String("payload", "", "the detached payload")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	ks, algs, err := kf.verifier(e)
	if err != nil {
		return err
	}
	opts, err := verifyKeyOptions(ks, algs)
	if err != nil {
		return err
	}
	opts = append(opts, jws.WithContext(e.ctx))
	if *payloadFile == "-" && file == "" {
		return usagef("the token and --payload cannot both come from standard input")
	}
	if *payloadFile != "" {
		p, err := readInput(e, *payloadFile)
		if err != nil {
			return err
		}
		opts = append(opts, jws.WithPayload(p))
	}
	tok, err := readToken(e, file)
	if err != nil {
		return err
	}
	payload, err := jws.Verify(tok, opts...)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(payload) // byte for byte
	return err
}
