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
	"github.com/joseproject/jose/jwt"
)

// now is the clock of jwt sign; tests replace it.
var now = time.Now

// jwtSign: jose jwt sign --key FILE --alg ALG [--claims FILE] [--iss S]
// [--sub S] [--aud S]... [--exp DURATION] [--nbf DURATION] [--iat] [--jti] [--typ TYP]
func jwtSign(e *env, args []string) error {
	fs := newFlags("jwt sign", "--key FILE --alg ALG [--claims FILE] [--iss S] [--sub S] [--aud S]... [--exp DURATION] [--nbf DURATION] [--iat] [--jti] [--typ TYP]")
	keySpec := fs.String("key", "", "signing key: a JWK, JWK Set or PEM file")
	algFlag := fs.String("alg", "", "signature algorithm (default: the key's alg)")
	kid := fs.String("kid", "", "\"kid\" header (and the key of a JWK Set to use)")
	claimsFile := fs.String("claims", "", "JSON object of claims ('-' for standard input)")
	iss := fs.String("iss", "", "\"iss\" claim")
	sub := fs.String("sub", "", "\"sub\" claim")
	var aud listFlag
	fs.Var(&aud, "aud", "\"aud\" claim; repeat for several audiences")
	exp := fs.Duration("exp", 0, "\"exp\" claim: now plus this duration (15m, 24h)")
	nbf := fs.String("nbf", "", "\"nbf\" claim: now plus this duration (0s for now, -1m for a minute ago)")
	iat := fs.Bool("iat", false, "\"iat\" claim: now")
	jti := fs.Bool("jti", false, "\"jti\" claim: 128 random bits")
	typ := fs.String("typ", "", "\"typ\" header (default JWT)")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	if file != "" {
		return usagef("takes no FILE; give the claims with --claims")
	}
	keys, algs, err := signingKeys(e, []string{*keySpec}, listFlag{*algFlag}, *kid, false)
	if err != nil {
		return err
	}
	alg, err := parseAlgs[jwa.SignatureAlgorithm]("--alg", algs...)
	if err != nil {
		return err
	}
	claims := map[string]any{}
	if *claimsFile != "" {
		data, err := readInput(e, *claimsFile)
		if err != nil {
			return err
		}
		d := json.NewDecoder(bytes.NewReader(data))
		d.UseNumber() // numbers are written back as they were
		if err := d.Decode(&claims); err != nil || claims == nil {
			return usagef("--claims %s must hold one JSON object: %w", *claimsFile, err)
		}
		if d.More() {
			return usagef("--claims %s must hold one JSON object, and nothing after it", *claimsFile)
		}
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
	tok, err := jwt.Sign(claims, alg[0], keys[0], opts...)
	if err != nil {
		return asUsage(err)
	}
	return writeLine(e, tok)
}

// jwtVerify: jose jwt verify --key FILE [--alg ALG[,ALG...]] [--iss S]
// [--aud S] [--sub S] [--leeway DURATION] [--require CLAIM,...] [--typ TYP]
// [--allow-no-exp] [--decrypt-key FILE --enc ENC[,ENC...] --key-alg ALG[,ALG...]] [FILE]
func jwtVerify(e *env, args []string) error {
	fs := newFlags("jwt verify", "--key FILE|URL [--alg ALG[,ALG...]] [--iss S] [--aud S] [--sub S] [--leeway DURATION] [--require CLAIM,...] [--typ TYP] [--allow-no-exp] [--decrypt-key FILE --enc ENC[,ENC...] --key-alg ALG[,ALG...]] [FILE]")
	kf := addKeyFlags(fs, "verification", "allowed signature algorithms")
	var iss, aud listFlag
	fs.Var(&iss, "iss", "accepted issuer; repeat for several")
	fs.Var(&aud, "aud", "accepted audience; repeat for several")
	sub := fs.String("sub", "", "required subject")
	leeway := fs.Duration("leeway", 0, "clock skew allowed for exp, nbf and iat")
	require := fs.String("require", "", "claims that must be present, comma-separated")
	typ := fs.String("typ", "", "required \"typ\" header")
	allowNoExp := fs.Bool("allow-no-exp", false, "accept a token without \"exp\"")
	decryptSpec := fs.String("decrypt-key", "", "key to decrypt a nested (signed, then encrypted) JWT with")
	encFlag := fs.String("enc", "", "allowed content encryptions of a nested JWT (default: those of RFC 7518 §5)")
	keyAlgFlag := fs.String("key-alg", "", "allowed key management algorithms of a nested JWT (default: the decryption key's alg)")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	if *decryptSpec == "" && (*encFlag != "" || *keyAlgFlag != "") {
		return usagef("--enc and --key-alg need --decrypt-key")
	}
	ks, algs, err := kf.verifier(e)
	if err != nil {
		return err
	}
	// verifyKeyOptions checks that a single key fits every algorithm.
	if _, err := verifyKeyOptions(ks, algs); err != nil {
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
		dks, err := loadKey(e.ctx, *decryptSpec, *kf.allowHTTP)
		if err != nil {
			return err
		}
		keyAlgs, err := allowedAlgs[jwa.KeyAlgorithm]("--key-alg", *keyAlgFlag, dks)
		if err != nil {
			return err
		}
		if _, err := decryptKeyOptions(dks, keyAlgs); err != nil {
			return err
		}
		if dks.key != nil {
			for _, a := range keyAlgs {
				opts = append(opts, jwt.WithDecryptionKey(a, dks.key))
			}
		} else {
			opts = append(opts, jwt.WithDecryptionKeySet(dks.set, keyAlgs...))
		}
		encs := defaultEncs
		if *encFlag != "" {
			if encs, err = parseAlgs[jwa.ContentEncryption]("--enc", *encFlag); err != nil {
				return err
			}
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
	claims, err := jwt.Verify[map[string]any](tok, opts...)
	if err != nil {
		return err
	}
	if err := writeJSON(e, claims); err != nil {
		return fmt.Errorf("writing the claims: %w", err)
	}
	return nil
}
