package main

import (
	"fmt"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

// defaultEncs is the content encryption allow-list of decrypt when --enc is
// omitted: the algorithms of RFC 7518 §5. "enc" cannot weaken the key
// binding (the key is bound to --alg), and every one of them is an AEAD.
var defaultEncs = []jwa.ContentEncryption{
	jwa.A128CBC_HS256, jwa.A192CBC_HS384, jwa.A256CBC_HS512,
	jwa.A128GCM, jwa.A192GCM, jwa.A256GCM,
}

// pbes2Algs are the algorithms a --password-file password is used with when
// --alg is omitted.
var pbes2Algs = []jwa.KeyAlgorithm{jwa.PBES2_HS256_A128KW, jwa.PBES2_HS384_A192KW, jwa.PBES2_HS512_A256KW}

// jweEncrypt: jose jwe encrypt --key FILE --alg ALG --enc ENC [--kid KID]
// [--zip DEF] [--cty CTY] [--header JSON] [--format compact|flattened|general] [FILE]
func jweEncrypt(e *env, args []string) error {
	fs := newFlags("jwe encrypt", "--key FILE|--password-file FILE --alg ALG --enc ENC [--kid KID] [--zip DEF] [--cty CTY] [--header JSON] [--format compact|flattened|general] [FILE]")
	var keyFiles, algFlag listFlag
	fs.Var(&keyFiles, "key", "recipient key: a JWK, JWK Set or PEM file; repeat for several recipients")
	fs.Var(&algFlag, "alg", "key management algorithm: once for every recipient, or once per recipient (default: the key's alg)")
	enc := fs.String("enc", "", "content encryption (required)")
	passwordFile := fs.String("password-file", "", "PBES2 password, as one more recipient after the keys")
	kid := fs.String("kid", "", "\"kid\" of the recipient (and the key of a JWK Set to use)")
	zip := fs.String("zip", "", "compress the plaintext first: DEF")
	cty := fs.String("cty", "", "protected \"cty\"")
	header := fs.String("header", "", "JSON object of protected header members to add")
	format := fs.String("format", "compact", "compact, flattened or general")
	allowHTTP := fs.Bool("allow-http", false, "allow an http:// --key URL (for loopback tests)")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	recipients := len(keyFiles)
	if *passwordFile != "" {
		recipients++
	}
	if recipients == 0 {
		return usagef("--key or --password-file is required")
	}
	if *format == "flattened" && recipients > 1 {
		return usagef("--format flattened holds one recipient; use general for %d", recipients)
	}
	if *format == "compact" && recipients > 1 {
		*format = "general" // several recipients need the general JSON serialization
	}
	if *kid != "" && recipients > 1 {
		return usagef("--kid names one recipient; with several, each takes its key's own kid")
	}
	encs, err := parseAlgs[jwa.ContentEncryption]("--enc", *enc)
	if err != nil {
		return err
	}
	if len(encs) != 1 {
		return usagef("--enc names the one content encryption to use")
	}
	algs, err := perKeyAlgs(algFlag.String(), recipients)
	if err != nil {
		return err
	}
	var keys []any
	if len(keyFiles) > 0 {
		// perKeyAlgs was checked against every recipient; the keys take the first ones.
		jks, own, err := signingKeys(e, keyFiles, listFlag(algs[:min(len(algs), len(keyFiles))]), *kid, *allowHTTP)
		if err != nil {
			return err
		}
		if algs == nil {
			algs = own
		}
		for _, k := range jks {
			keys = append(keys, k)
		}
	}
	if *passwordFile != "" {
		pw, err := readPassword(*passwordFile)
		if err != nil {
			return err
		}
		keys = append(keys, pw)
		if len(algs) < len(keys) {
			return usagef("give the PBES2 algorithm of --password-file with --alg")
		}
	}
	keyAlgs, err := parseAlgs[jwa.KeyAlgorithm]("--alg", algs...)
	if err != nil {
		return err
	}
	names, members, err := headerMembers(*header)
	if err != nil {
		return err
	}
	opts := []jwe.EncryptOption{jwe.WithEncryption(encs[0])}
	for i, k := range keys {
		opts = append(opts, jwe.WithRecipient(keyAlgs[min(i, len(keyAlgs)-1)], k))
	}
	if *kid != "" {
		opts = append(opts, jwe.WithKeyID(*kid))
	}
	for _, n := range names {
		opts = append(opts, jwe.WithProtectedHeader(n, members[n]))
	}
	switch *zip {
	case "":
	case string(jwa.Deflate):
		opts = append(opts, jwe.WithCompression(jwa.Deflate))
	default:
		return usagef("--zip %s: only DEF is defined", *zip)
	}
	if *cty != "" {
		opts = append(opts, jwe.WithContentType(*cty))
	}
	switch *format {
	case "flattened":
		opts = append(opts, jwe.WithFlattened())
	case "general":
		opts = append(opts, jwe.WithJSON())
	}
	plaintext, err := readInput(e, file)
	if err != nil {
		return err
	}
	tok, err := jwe.Encrypt(plaintext, opts...)
	if err != nil {
		return asUsage(err) // there is no token yet: every failure is the caller's input
	}
	return writeLine(e, tok)
}

// decryptKeyOptions binds the decryption key to each allowed algorithm, as
// verifyKeyOptions does for signatures.
func decryptKeyOptions(ks *keySource, algs []jwa.KeyAlgorithm) ([]jwe.DecryptOption, error) {
	if ks.key == nil {
		return []jwe.DecryptOption{jwe.WithKeySet(ks.set, algs...)}, nil
	}
	var opts []jwe.DecryptOption
	for _, a := range algs {
		if _, err := ks.key.KeyDecrypter(a); err != nil {
			return nil, asUsage(fmt.Errorf("--key %s cannot decrypt %s: %w", ks.name, a, err))
		}
		opts = append(opts, jwe.WithKey(a, ks.key))
	}
	return opts, nil
}

// jweDecrypt: jose jwe decrypt --key FILE [--alg ALG[,ALG...]] [--enc ENC[,ENC...]] [FILE]
func jweDecrypt(e *env, args []string) error {
	fs := newFlags("jwe decrypt", "--key FILE|URL|--password-file FILE [--alg ALG[,ALG...]] [--enc ENC[,ENC...]] [FILE]")
	kf := addKeyFlags(fs, "decryption", "allowed key management algorithms")
	keySpec, algFlag := kf.key, kf.alg
	passwordFile := fs.String("password-file", "", "PBES2 password (instead of --key)")
	encFlag := fs.String("enc", "", "allowed content encryptions, comma-separated (default: those of RFC 7518 §5)")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	encs := defaultEncs
	if *encFlag != "" {
		if encs, err = parseAlgs[jwa.ContentEncryption]("--enc", *encFlag); err != nil {
			return err
		}
	}
	var opts []jwe.DecryptOption
	switch {
	case *keySpec != "" && *passwordFile != "":
		return usagef("give --key or --password-file, not both")
	case *passwordFile != "":
		pw, err := readPassword(*passwordFile)
		if err != nil {
			return err
		}
		algs := pbes2Algs
		if *algFlag != "" {
			if algs, err = parseAlgs[jwa.KeyAlgorithm]("--alg", *algFlag); err != nil {
				return err
			}
		}
		for _, a := range algs {
			opts = append(opts, jwe.WithKey(a, pw))
		}
	default:
		ks, err := loadKey(e.ctx, *keySpec, *kf.allowHTTP)
		if err != nil {
			return err
		}
		algs, err := allowedAlgs[jwa.KeyAlgorithm]("--alg", *algFlag, ks)
		if err != nil {
			return err
		}
		if opts, err = decryptKeyOptions(ks, algs); err != nil {
			return err
		}
	}
	opts = append(opts, jwe.WithAllowedEncryptions(encs...), jwe.WithContext(e.ctx))
	tok, err := readToken(e, file)
	if err != nil {
		return err
	}
	plaintext, err := jwe.Decrypt(tok, opts...)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(plaintext) // byte for byte
	return err
}
