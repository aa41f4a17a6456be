package main

import (
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

// signingKeys loads every --key of a signing or encrypting command and pairs
// each with its --alg (one for all, one per key, or else the key's own alg).
func signingKeys(e *env, flag string, specs []string, algFlag listFlag, kid string, allowHTTP bool) ([]*keySource, []*jwk.Key, []string, error) {
	if len(specs) == 0 {
		return nil, nil, nil, usagef("%s is required", flag)
	}
	algs, err := perKeyAlgs(algFlag.String(), len(specs))
	if err != nil {
		return nil, nil, nil, err
	}
	sources := make([]*keySource, len(specs))
	keys := make([]*jwk.Key, len(specs))
	for i, spec := range specs {
		if sources[i], err = loadKey(e.ctx, flag, spec, allowHTTP); err != nil {
			return nil, nil, nil, err
		}
		if keys[i], err = sources[i].one(kid); err != nil {
			return nil, nil, nil, err
		}
	}
	if algs == nil {
		for _, k := range keys {
			if k.Algorithm() == "" {
				return nil, nil, nil, usagef("key %v has no \"alg\"; give %s", k, algFlagOf(flag))
			}
			algs = append(algs, k.Algorithm())
		}
	}
	return sources, keys, algs, nil
}

// signers pairs the signing keys with their algorithms, and checks up
// front that each key can sign with its algorithm.
func signers(e *env, specs []string, algFlag listFlag, kid string) ([]*jwk.Key, []jwa.SignatureAlgorithm, error) {
	sources, keys, names, err := signingKeys(e, "--key", specs, algFlag, kid, false)
	if err != nil {
		return nil, nil, err
	}
	algs, err := parseAlgs[jwa.SignatureAlgorithm]("--alg", names...)
	if err != nil {
		return nil, nil, err
	}
	per := make([]jwa.SignatureAlgorithm, len(keys))
	for i, k := range keys {
		per[i] = algs[min(i, len(algs)-1)]
		a := per[i]
		ks := &keySource{flag: sources[i].flag, name: sources[i].name, key: k}
		if err := ks.fits("sign", string(a), func(k *jwk.Key) error { _, err := k.Signer(a); return err }); err != nil {
			return nil, nil, err
		}
	}
	return keys, per, nil
}

// jwsSign: jose jws sign --key FILE --alg ALG [--kid KID] [--header JSON]
// [--format compact|flattened|general] [--detached] [--unencoded] [FILE]
func jwsSign(fs *flags) action {
	keyFiles := fs.fileList("key", "signing key: a JWK, JWK Set or PEM file; repeat for several signatures")
	algFlag := fs.enumList("alg", "signature algorithm: once for every key, or once per key (default: the key's alg)", signatureAlgs)
	kid := fs.String("kid", "", "protected \"kid\" (and the key of a JWK Set to use)")
	header := fs.String("header", "", "JSON object of protected header members to add")
	format := fs.enum("format", "compact", "compact, flattened or general", formats)
	detached := fs.Bool("detached", false, "leave the payload out of the token (RFC 7515 Appendix F)")
	unencoded := fs.Bool("unencoded", false, "unencoded payload, RFC 7797 (b64=false, crit [\"b64\"])")
	return func(e *env, file string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		n := len(*keyFiles)
		if *format == "flattened" && n > 1 {
			return usagef("--format flattened holds one signature; use general for %d keys", n)
		}
		if *format == "compact" && n > 1 {
			*format = "general" // several signatures need the general JSON serialization
		}
		if *kid != "" && n > 1 {
			return usagef("--kid names one key; with several keys, each signature takes its key's own kid")
		}
		keys, algs, err := signers(e, *keyFiles, *algFlag, *kid)
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
			opts = append(opts, jws.WithKey(algs[i], k))
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
}

// verifyOptions gives the verification key to jws: a single key bound to
// each allowed algorithm, or a set with its allow-list.
func verifyOptions(ks *keySource, algs []jwa.SignatureAlgorithm) []jws.VerifyOption {
	if ks.key == nil {
		return []jws.VerifyOption{jws.WithKeySet(ks.set, algs...)}
	}
	opts := make([]jws.VerifyOption, 0, len(algs))
	for _, a := range algs {
		opts = append(opts, jws.WithKey(a, ks.key))
	}
	return opts
}

// jwsVerify: jose jws verify --key FILE [--alg ALG[,ALG...]] [--payload FILE] [FILE]
func jwsVerify(fs *flags) action {
	kf := addKeyFlags(fs, "verification", "allowed algorithms", signatureAlgs)
	payloadFile := fs.file("payload", "the detached payload")
	return func(e *env, file string) error {
		ks, algs, err := kf.verifier(e)
		if err != nil {
			return err
		}
		opts := append(verifyOptions(ks, algs), jws.WithContext(e.ctx))
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
}
