package main

import (
	"crypto"
	"encoding/base64"
	"fmt"
	"io"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// jwkGen: jose jwk gen --kty RSA|EC|OKP|oct [--size BITS] [--crv CRV]
// [--alg ALG] [--use sig|enc] [--kid KID|--kid-thumbprint]
func jwkGen(e *env, args []string) error {
	fs := newFlags("jwk gen", "--kty RSA|EC|OKP|oct [--size BITS] [--crv CRV] [--alg ALG] [--use sig|enc] [--kid KID|--kid-thumbprint]")
	kty := fs.String("kty", "", "key type: RSA, EC, OKP or oct")
	size := fs.Int("size", 0, "RSA modulus or secret length in bits (RSA 2048, oct what --alg needs or 256)")
	crv := fs.String("crv", "", "curve: P-256, P-384, P-521 (EC), Ed25519, X25519 (OKP)")
	alg := fs.String("alg", "", "bind the key to this algorithm (sets \"alg\")")
	use := fs.String("use", "", "sig or enc")
	kid := fs.String("kid", "", "key ID")
	kidThumb := fs.Bool("kid-thumbprint", false, "set kid to the key's RFC 7638 SHA-256 thumbprint")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	if file != "" {
		return usagef("takes no FILE")
	}
	if *kty == "" && *alg == "" {
		return usagef("--kty is required (RSA, EC, OKP or oct)")
	}
	if *kid != "" && *kidThumb {
		return usagef("--kid and --kid-thumbprint exclude each other")
	}
	var opts []jwk.GenerateOption
	if *size != 0 {
		opts = append(opts, jwk.WithBits(*size))
	}
	if *crv != "" {
		opts = append(opts, jwk.WithCurve(jwa.Curve(*crv)))
	}
	if *use != "" {
		opts = append(opts, jwk.WithUse(*use))
	}
	if *kid != "" {
		opts = append(opts, jwk.WithKeyID(*kid))
	}
	if *kidThumb {
		opts = append(opts, jwk.WithThumbprintKeyID())
	}
	// In FIPS 140-3 mode an algorithm that is not approved is refused by
	// name, before the lookups below could call it unknown.
	if err := jwa.SignatureAlgorithm(*alg).CheckFIPS(); err != nil {
		return asUsage(err)
	}
	if err := jwa.KeyAlgorithm(*alg).CheckFIPS(); err != nil {
		return asUsage(err)
	}
	var key *jwk.Key
	switch {
	case *alg == "":
		key, err = jwk.GenerateKey(jwa.KeyType(*kty), opts...)
	case jwa.SignatureAlgorithm(*alg).Available():
		key, err = jwk.Generate(jwa.SignatureAlgorithm(*alg), opts...)
	case jwa.KeyAlgorithm(*alg).Available():
		key, err = jwk.Generate(jwa.KeyAlgorithm(*alg), opts...)
	default:
		return usagef("--alg %s: unknown algorithm", *alg)
	}
	if err != nil {
		return asUsage(err)
	}
	if *kty != "" && key.KeyType() != jwa.KeyType(*kty) {
		return usagef("--alg %s makes %s keys, not --kty %s", *alg, key.KeyType(), *kty)
	}
	b, err := key.MarshalJSON()
	if err != nil {
		return err
	}
	if err := writeLine(e, string(b)); err != nil {
		return err
	}
	printFIPS(e.stderr, *alg, key.Curve())
	return nil
}

// printFIPS writes to standard error the FIPS 140-3 status of the algorithm
// a new key is bound to (alg, when given) and of its curve, so that whoever
// generates a key sees whether a FIPS 140-3 deployment could use it.
func printFIPS(w io.Writer, alg string, crv jwa.Curve) {
	if alg != "" {
		st := jwa.SignatureAlgorithm(alg).FIPS()
		if !jwa.SignatureAlgorithm(alg).Available() {
			st = jwa.KeyAlgorithm(alg).FIPS()
		}
		fmt.Fprintf(w, "jose jwk gen: alg %s: FIPS 140-3 %s\n", alg, st)
	}
	if crv != "" {
		fmt.Fprintf(w, "jose jwk gen: crv %s: FIPS 140-3 %s\n", crv, crv.FIPS())
	}
}

// readKeyInput reads a JWK, a JWK Set or PEM from FILE or standard input.
func readKeyInput(e *env, file string) (*jwk.Key, *jwk.Set, error) {
	data, err := readInput(e, file)
	if err != nil {
		return nil, nil, err
	}
	key, set, err := parseKeyData(data)
	if err != nil {
		return nil, nil, asUsage(err)
	}
	return key, set, nil
}

// jwkPub: jose jwk pub [FILE]
func jwkPub(e *env, args []string) error {
	fs := newFlags("jwk pub", "[FILE]")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	key, set, err := readKeyInput(e, file)
	if err != nil {
		return err
	}
	var b []byte
	if set != nil {
		b, err = set.Public().MarshalJSON()
	} else {
		pub := key.Public()
		if pub == nil {
			return usagef("a secret (oct) key has no public part")
		}
		b, err = pub.MarshalJSON()
	}
	if err != nil {
		return err
	}
	return writeLine(e, string(b))
}

// jwkThumbprint: jose jwk thumbprint [--hash SHA-256|SHA-384|SHA-512] [--uri] [FILE]
func jwkThumbprint(e *env, args []string) error {
	fs := newFlags("jwk thumbprint", "[--hash SHA-256|SHA-384|SHA-512] [--uri] [FILE]")
	hashName := fs.String("hash", "SHA-256", "SHA-256, SHA-384 or SHA-512")
	uri := fs.Bool("uri", false, "print the RFC 9278 thumbprint URI")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	var h crypto.Hash
	switch *hashName {
	case "SHA-256", "sha-256":
		h = crypto.SHA256
	case "SHA-384", "sha-384":
		h = crypto.SHA384
	case "SHA-512", "sha-512":
		h = crypto.SHA512
	default:
		return usagef("--hash %s: use SHA-256, SHA-384 or SHA-512", *hashName)
	}
	key, set, err := readKeyInput(e, file)
	if err != nil {
		return err
	}
	keys := []*jwk.Key{key}
	if set != nil {
		keys = set.Keys() // one line per key, in the set's order
	}
	for _, k := range keys {
		var line string
		if *uri {
			line, err = k.ThumbprintURI(h)
		} else {
			var tp []byte
			tp, err = k.Thumbprint(h)
			line = base64.RawURLEncoding.EncodeToString(tp)
		}
		if err != nil {
			return asUsage(err)
		}
		if err := writeLine(e, line); err != nil {
			return err
		}
	}
	return nil
}

// jwkConvert: jose jwk convert [--to jwk|pem] [FILE]
func jwkConvert(e *env, args []string) error {
	fs := newFlags("jwk convert", "[--to jwk|pem] [FILE]")
	to := fs.String("to", "", "jwk or pem (default: the other form of the input)")
	file, err := parseArgs(e, fs, args)
	if err != nil {
		return err
	}
	if *to != "" && *to != "jwk" && *to != "pem" {
		return usagef("--to %s: use jwk or pem", *to)
	}
	data, err := readInput(e, file)
	if err != nil {
		return err
	}
	key, set, err := parseKeyData(data)
	if err != nil {
		return asUsage(err)
	}
	if set != nil {
		return usagef("a JWK Set cannot be converted; give one key")
	}
	target := *to
	if target == "" {
		target = "pem"
		if isPEM(data) {
			target = "jwk"
		}
	}
	if target == "jwk" {
		b, err := key.MarshalJSON()
		if err != nil {
			return asUsage(err)
		}
		return writeLine(e, string(b))
	}
	b, err := key.PEM()
	if err != nil {
		return asUsage(fmt.Errorf("%v has no PEM form: %w", key, err))
	}
	_, err = e.stdout.Write(b)
	return err
}
