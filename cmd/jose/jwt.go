package main

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwt"
)

// now is the clock of jwt sign; tests replace it.
var now = time.Now

// jwtSign: jose jwt sign --key FILE --alg ALG [--claims FILE] [--iss S]
// [--sub S] [--aud S]... [--exp DURATION] [--nbf DURATION] [--iat] [--jti]
// [--typ TYP] [--encrypt-key FILE --key-alg ALG --enc ENC [--zip DEF]]
func jwtSign(fs *flags) action {
	keySpec := fs.file("key", "signing key: a JWK, JWK Set or PEM file")
	algFlag := fs.enum("alg", "", "signature algorithm (default: the key's alg)", signatureAlgs)
	kid := fs.String("kid", "", "\"kid\" header (and the key of a JWK Set to use)")
	claimsFile := fs.file("claims", "JSON object of claims ('-' for standard input)")
	iss := fs.String("iss", "", "\"iss\" claim")
	sub := fs.String("sub", "", "\"sub\" claim")
	var aud listFlag
	fs.Var(&aud, "aud", "\"aud\" claim; repeat for several audiences")
	exp := fs.Duration("exp", 0, "\"exp\" claim: now plus this duration (15m, 24h)")
	nbf := fs.String("nbf", "", "\"nbf\" claim: now plus this duration (0s for now, -1m for a minute ago)")
	iat := fs.Bool("iat", false, "\"iat\" claim: now")
	jti := fs.Bool("jti", false, "\"jti\" claim: 128 random bits")
	typ := fs.String("typ", "", "\"typ\" header (default JWT)")
	encryptSpec := fs.file("encrypt-key", "then encrypt the signed JWT to this key (a nested JWT, cty \"JWT\"): a JWK, JWK Set or PEM file")
	keyAlg := fs.enum("key-alg", "", "key management algorithm of --encrypt-key (default: that key's alg)", keyAlgs)
	enc := fs.enum("enc", "", "content encryption of --encrypt-key", contentEncs)
	zip := fs.enum("zip", "", "with --encrypt-key, compress the signed JWT first: DEF", []string{string(jwa.Deflate)})
	return func(e *env, file string) error {
		if file != "" {
			return usagef("takes no FILE; give the claims with --claims")
		}
		if *encryptSpec == "" && (*keyAlg != "" || *enc != "" || *zip != "") {
			return usagef("--key-alg, --enc and --zip need --encrypt-key")
		}
		keys, algs, err := signers(e, []string{*keySpec}, listFlag{*algFlag}, *kid)
		if err != nil {
			return err
		}
		var encrypt []jwe.EncryptOption
		if *encryptSpec != "" {
			if encrypt, err = nestedOptions(e, *encryptSpec, *keyAlg, *enc, *zip); err != nil {
				return err
			}
		}
		claims, err := readClaims(e, *claimsFile)
		if err != nil {
			return err
		}
		t := now()
		if *iss != "" {
			claims["iss"] = *iss
		}
		if *sub != "" {
			claims["sub"] = *sub
		}
		switch len(aud) {
		case 0:
		case 1:
			claims["aud"] = aud[0]
		default:
			claims["aud"] = []string(aud)
		}
		if *exp != 0 {
			claims["exp"] = jwt.NewNumericDate(t.Add(*exp))
		}
		if *nbf != "" {
			d, err := time.ParseDuration(*nbf)
			if err != nil {
				return usagef("--nbf: %w", err)
			}
			claims["nbf"] = jwt.NewNumericDate(t.Add(d))
		}
		if *iat {
			claims["iat"] = jwt.NewNumericDate(t)
		}
		if *jti {
			var b [16]byte
			_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
			claims["jti"] = base64.RawURLEncoding.EncodeToString(b[:])
		}
		var opts []jwt.SignOption
		if *typ != "" {
			opts = append(opts, jwt.WithType(*typ))
		}
		if *kid != "" {
			opts = append(opts, jwt.WithKeyID(*kid))
		}
		tok, err := jwt.Sign(claims, algs[0], keys[0], opts...)
		if err != nil {
			return asUsage(err) // there is no token yet: every failure is the caller's input
		}
		if encrypt == nil {
			return writeLine(e, tok)
		}
		// The nested JWT of RFC 7519 §5.2 as jwt.SignAndEncrypt makes it
		// (cty "JWT"), with --zip besides.
		nested, err := jwe.Encrypt([]byte(tok), encrypt...)
		if err != nil {
			return asUsage(err)
		}
		return writeLine(e, nested)
	}
}

// nestedOptions are the jwe options of jwt sign --encrypt-key, checked
// before anything is signed.
func nestedOptions(e *env, spec, keyAlg, enc, zip string) ([]jwe.EncryptOption, error) {
	sources, keys, names, err := signingKeys(e, "--encrypt-key", []string{spec}, listFlag{keyAlg}, "", false)
	if err != nil {
		return nil, err
	}
	if keyAlg == "" {
		names = keyManagementAlgs(names) // the key's own
	}
	algs, err := parseAlgs[jwa.KeyAlgorithm]("--key-alg", names...)
	if err != nil {
		return nil, err
	}
	opts, err := encryptOptions([]recipient{{alg: algs[0], key: keys[0]}}, sources, "--enc", enc)
	if err != nil {
		return nil, err
	}
	zipOpts, err := compression(zip)
	if err != nil {
		return nil, err
	}
	return append(append(opts, zipOpts...), jwe.WithContentType("JWT")), nil // RFC 7519 §5.2
}

// readClaims reads --claims: one JSON object, its numbers kept as written.
func readClaims(e *env, file string) (map[string]any, error) {
	claims := map[string]any{}
	if file == "" {
		return claims, nil
	}
	data, err := readInput(e, file)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber() // numbers are written back as they were
	if err := d.Decode(&claims); err != nil || claims == nil {
		return nil, usagef("--claims %s must hold one JSON object: %w", file, err)
	}
	if d.More() {
		return nil, usagef("--claims %s must hold one JSON object, and nothing after it", file)
	}
	return claims, nil
}

// jwtVerify: jose jwt verify --key FILE [--alg ALG[,ALG...]] [--iss S]
// [--aud S] [--sub S] [--leeway DURATION] [--require CLAIM,...] [--typ TYP]
// [--allow-no-exp] [--decrypt-key FILE --enc ENC[,ENC...] --key-alg ALG[,ALG...]] [FILE]
func jwtVerify(fs *flags) action {
	kf := addKeyFlags(fs, "verification", "allowed signature algorithms", signatureAlgs)
	var iss, aud listFlag
	fs.Var(&iss, "iss", "accepted issuer; repeat for several")
	fs.Var(&aud, "aud", "accepted audience; repeat for several")
	sub := fs.String("sub", "", "required subject")
	leeway := fs.Duration("leeway", 0, "clock skew allowed for exp, nbf and iat")
	require := fs.String("require", "", "claims that must be present, comma-separated")
	typ := fs.String("typ", "", "required \"typ\" header")
	allowNoExp := fs.Bool("allow-no-exp", false, "accept a token without \"exp\"")
	decryptSpec := fs.file("decrypt-key", "key to decrypt a nested (signed, then encrypted) JWT with")
	encFlag := fs.enum("enc", "", "allowed content encryptions of a nested JWT (default: a dir key's own, or those of RFC 7518 §5)", contentEncs)
	keyAlgFlag := fs.enum("key-alg", "", "allowed key management algorithms of a nested JWT (default: the decryption key's alg)", keyAlgs)
	return func(e *env, file string) error {
		if *decryptSpec == "" && (*encFlag != "" || *keyAlgFlag != "") {
			return usagef("--enc and --key-alg need --decrypt-key")
		}
		ks, algs, err := kf.verifier(e)
		if err != nil {
			return err
		}
		opts := []jwt.VerifyOption{jwt.WithContext(e.ctx)}
		if ks.key != nil {
			for _, a := range algs {
				opts = append(opts, jwt.WithKey(a, ks.key))
			}
		} else {
			opts = append(opts, jwt.WithKeySet(ks.set, algs...))
		}
		if *decryptSpec != "" {
			dks, keyAlgs, err := decrypter(e, "--decrypt-key", *decryptSpec, "--key-alg", *keyAlgFlag, *kf.allowHTTP)
			if err != nil {
				return err
			}
			if dks.key != nil {
				for _, a := range keyAlgs {
					opts = append(opts, jwt.WithDecryptionKey(a, dks.key))
				}
			} else {
				opts = append(opts, jwt.WithDecryptionKeySet(dks.set, keyAlgs...))
			}
			encs, err := allowedEncs("--enc", *encFlag, dks)
			if err != nil {
				return err
			}
			opts = append(opts, jwt.WithAllowedEncryptions(encs...))
		}
		if len(iss) > 0 {
			opts = append(opts, jwt.WithIssuer(iss...))
		}
		if len(aud) > 0 {
			opts = append(opts, jwt.WithAudience(aud...))
		}
		if *sub != "" {
			opts = append(opts, jwt.WithSubject(*sub))
		}
		if *leeway != 0 {
			opts = append(opts, jwt.WithLeeway(*leeway))
		}
		if *require != "" {
			var names []string
			for _, n := range strings.Split(*require, ",") {
				if n = strings.TrimSpace(n); n != "" {
					names = append(names, n)
				}
			}
			opts = append(opts, jwt.WithRequiredClaims(names...))
		}
		if *typ != "" {
			opts = append(opts, jwt.WithExpectedType(*typ))
		}
		if *allowNoExp {
			opts = append(opts, jwt.WithAllowNoExpiry())
		}
		tok, err := readToken(e, file)
		if err != nil {
			return err
		}
		claims, err := jwt.Verify[map[string]any](string(tok), opts...)
		if err != nil {
			return err
		}
		if err := writeJSON(e, claims); err != nil {
			return fmt.Errorf("writing the claims: %w", err)
		}
		return nil
	}
}
