package main

import (
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
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

// recipient is one recipient of an encryption: its key and algorithm,
// checked against each other.
type recipient struct {
	alg jwa.KeyAlgorithm
	key *jwk.Key
}

// passwordKey reads a --password-file as an oct key.
func passwordKey(file string) (*keySource, error) {
	pw, err := readPassword(file)
	if err != nil {
		return nil, err
	}
	k, err := jwk.FromKey(pw)
	if err != nil {
		return nil, asUsage(err)
	}
	return &keySource{flag: "--password-file", name: file, key: k}, nil
}

// keyManagementAlgs are the key management algorithms of keys whose own
// "alg" names them: a content encryption ("A128GCM") there means "dir"
// with that encryption, as for the symmetric key of RFC 7520 §5.6 (RFC
// 7518 §4.5: the key is the CEK). Other names are kept as they are.
func keyManagementAlgs(own []string) []string {
	out := make([]string, len(own))
	for i, a := range own {
		if _, ok := contentEncryptionOf(a); ok {
			a = string(jwa.Direct)
		}
		out[i] = a
	}
	return out
}

// contentEncryptionOf reports whether a key's "alg" names a content
// encryption, and which.
func contentEncryptionOf(alg string) (jwa.ContentEncryption, bool) {
	enc := jwa.ContentEncryption(alg)
	return enc, alg != "" && enc.Available()
}

// dirEncryption is the content encryption of a single dir recipient whose
// key's "alg" names one: what --enc defaults to then. It is "" otherwise.
func dirEncryption(rs []recipient) string {
	if len(rs) != 1 || rs[0].alg != jwa.Direct {
		return ""
	}
	if enc, ok := contentEncryptionOf(rs[0].key.Algorithm()); ok {
		return string(enc)
	}
	return ""
}

// encryptOptions checks the recipients, each key against its algorithm,
// and the content encryption of encFlag (the flag named encName), before
// any plaintext is read: HPKE Integrated Encryption takes no "enc" and one
// recipient, dir and ECDH-ES one recipient, anything else exactly one
// "enc". Without encFlag, a dir recipient whose key's "alg" is a content
// encryption takes that one.
func encryptOptions(rs []recipient, sources []*keySource, encName, encFlag string) ([]jwe.EncryptOption, error) {
	if encFlag == "" {
		encFlag = dirEncryption(rs)
	}
	var opts []jwe.EncryptOption
	for i, r := range rs {
		ks := &keySource{flag: sources[i].flag, name: sources[i].name, key: r.key}
		if err := ks.fits("encrypt to", string(r.alg), func(k *jwk.Key) error { _, err := k.KeyEncrypter(r.alg); return err }); err != nil {
			return nil, err
		}
		switch {
		case len(rs) > 1 && r.alg.IsIntegrated():
			return nil, usagef("%s encrypts the content itself (HPKE Integrated Encryption) and allows one recipient only", r.alg)
		case len(rs) > 1 && r.alg.IsDirect():
			return nil, usagef("%s determines the content key itself and allows one recipient only", r.alg)
		}
		opts = append(opts, jwe.WithRecipient(r.alg, r.key))
	}
	if len(rs) == 1 && rs[0].alg.IsIntegrated() {
		if encFlag != "" {
			return nil, usagef("%s: %s encrypts the content itself (HPKE Integrated Encryption) and takes no %s", encName, rs[0].alg, encName)
		}
		return opts, nil
	}
	encs, err := parseAlgs[jwa.ContentEncryption](encName, encFlag)
	if err != nil {
		return nil, err
	}
	if len(encs) != 1 {
		return nil, usagef("%s names the one content encryption to use (%s is required)", encName, encName)
	}
	return append(opts, jwe.WithEncryption(encs[0])), nil
}

// compression is the option of --zip.
func compression(zip string) ([]jwe.EncryptOption, error) {
	switch zip {
	case "":
		return nil, nil
	case string(jwa.Deflate):
		return []jwe.EncryptOption{jwe.WithCompression(jwa.Deflate)}, nil
	}
	return nil, usagef("--zip %s: only DEF is defined", zip)
}

// jweEncrypt: jose jwe encrypt --key FILE --alg ALG --enc ENC [--kid KID]
// [--zip DEF] [--cty CTY] [--header JSON] [--format compact|flattened|general] [FILE]
func jweEncrypt(fs *flags) action {
	keyFiles := fs.fileList("key", "recipient key: a JWK, JWK Set or PEM file; repeat for several recipients")
	algFlag := fs.enumList("alg", "key management algorithm: once for every recipient, or once per recipient (default: the key's alg; dir for a key whose alg is a content encryption)", keyAlgs)
	enc := fs.enum("enc", "", "content encryption (required, but for HPKE Integrated Encryption and a dir key whose alg names it)", contentEncs)
	passwordFile := fs.file("password-file", "PBES2 password, as one more recipient after the keys")
	kid := fs.String("kid", "", "\"kid\" of the recipient (and the key of a JWK Set to use)")
	zip := fs.enum("zip", "", "compress the plaintext first: DEF", []string{string(jwa.Deflate)})
	cty := fs.String("cty", "", "protected \"cty\"")
	header := fs.String("header", "", "JSON object of protected header members to add")
	format := fs.enum("format", "compact", "compact, flattened or general", formats)
	allowHTTP := fs.Bool("allow-http", false, "allow an http:// --key URL (for loopback tests)")
	return func(e *env, file string) error {
		if err := checkFormat(*format); err != nil {
			return err
		}
		n := len(*keyFiles)
		if *passwordFile != "" {
			n++
		}
		switch {
		case n == 0:
			return usagef("--key or --password-file is required")
		case *format == "flattened" && n > 1:
			return usagef("--format flattened holds one recipient; use general for %d", n)
		case *kid != "" && n > 1:
			return usagef("--kid names one recipient; with several, each takes its key's own kid")
		case *format == "compact" && n > 1:
			*format = "general" // several recipients need the general JSON serialization
		}
		algs, err := perKeyAlgs(algFlag.String(), n)
		if err != nil {
			return err
		}
		var sources []*keySource
		var keys []*jwk.Key
		if len(*keyFiles) > 0 {
			// perKeyAlgs was checked against every recipient; the keys take the first ones.
			var own []string
			sources, keys, own, err = signingKeys(e, "--key", *keyFiles, listFlag(algs[:min(len(algs), len(*keyFiles))]), *kid, *allowHTTP)
			if err != nil {
				return err
			}
			if algs == nil {
				algs = keyManagementAlgs(own)
			}
		}
		if *passwordFile != "" {
			ks, err := passwordKey(*passwordFile)
			if err != nil {
				return err
			}
			sources, keys = append(sources, ks), append(keys, ks.key)
			if len(algs) < len(keys) {
				return usagef("give the PBES2 algorithm of --password-file with --alg")
			}
		}
		names, err := parseAlgs[jwa.KeyAlgorithm]("--alg", algs...)
		if err != nil {
			return err
		}
		rs := make([]recipient, len(keys))
		for i, k := range keys {
			rs[i] = recipient{alg: names[min(i, len(names)-1)], key: k}
		}
		opts, err := encryptOptions(rs, sources, "--enc", *enc)
		if err != nil {
			return err
		}
		zipOpts, err := compression(*zip)
		if err != nil {
			return err
		}
		opts = append(opts, zipOpts...)
		if *kid != "" {
			opts = append(opts, jwe.WithKeyID(*kid))
		}
		hnames, members, err := headerMembers(*header)
		if err != nil {
			return err
		}
		for _, n := range hnames {
			opts = append(opts, jwe.WithProtectedHeader(n, members[n]))
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
}

// decryptOptions gives the decryption key to jwe: a single key bound to
// each allowed algorithm, or a set with its allow-list.
func decryptOptions(ks *keySource, algs []jwa.KeyAlgorithm) []jwe.DecryptOption {
	if ks.key == nil {
		return []jwe.DecryptOption{jwe.WithKeySet(ks.set, algs...)}
	}
	opts := make([]jwe.DecryptOption, 0, len(algs))
	for _, a := range algs {
		opts = append(opts, jwe.WithKey(a, ks.key))
	}
	return opts
}

// allowedEncs is the allow-list of an --enc flag of a decrypting command.
// Without the flag it is the key's own content encryption, for a key whose
// "alg" names one (it can decrypt nothing else), and defaultEncs otherwise.
func allowedEncs(flag, value string, ks *keySource) ([]jwa.ContentEncryption, error) {
	if value != "" {
		return parseAlgs[jwa.ContentEncryption](flag, value)
	}
	if ks != nil && ks.key != nil {
		if enc, ok := contentEncryptionOf(ks.key.Algorithm()); ok {
			return []jwa.ContentEncryption{enc}, nil
		}
	}
	return defaultEncs, nil
}

// jweDecrypt: jose jwe decrypt --key FILE [--alg ALG[,ALG...]] [--enc ENC[,ENC...]] [FILE]
func jweDecrypt(fs *flags) action {
	kf := addKeyFlags(fs, "decryption", "allowed key management algorithms", keyAlgs)
	passwordFile := fs.file("password-file", "PBES2 password (instead of --key)")
	encFlag := fs.enum("enc", "", "allowed content encryptions, comma-separated (default: a dir key's own, or those of RFC 7518 §5)", contentEncs)
	return func(e *env, file string) error {
		var ks *keySource
		var algs []jwa.KeyAlgorithm
		var err error
		switch {
		case *kf.key != "" && *passwordFile != "":
			return usagef("give --key or --password-file, not both")
		case *passwordFile != "":
			if ks, err = passwordKey(*passwordFile); err != nil {
				return err
			}
			algs = pbes2Algs
			if *kf.alg != "" {
				if algs, err = parseAlgs[jwa.KeyAlgorithm]("--alg", *kf.alg); err != nil {
					return err
				}
			}
			if err := fitsAll(ks, "decrypt", algs, canDecrypt); err != nil {
				return err
			}
		default:
			if ks, algs, err = decrypter(e, "--key", *kf.key, "--alg", *kf.alg, *kf.allowHTTP); err != nil {
				return err
			}
		}
		encs, err := allowedEncs("--enc", *encFlag, ks)
		if err != nil {
			return err
		}
		opts := append(decryptOptions(ks, algs), jwe.WithAllowedEncryptions(encs...), jwe.WithContext(e.ctx))
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
}
