package main

import (
	"crypto"
	"encoding/base64"
	"fmt"

	"github.com/joseproject/jose/jwk"
)

// readKeyInput reads a JWK, a JWK Set or PEM from FILE or standard input.
func readKeyInput(e *env, file string) (*jwk.Key, *jwk.Set, error) {
	data, err := readInput(e, file)
	if err != nil {
		return nil, nil, err
	}
	return parseKeyData(data)
}

// jwkPub: jose jwk pub [FILE]
func jwkPub(*flags) action {
	return func(e *env, file string) error {
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
			return asUsage(err)
		}
		return writeLine(e, string(b))
	}
}

// jwkThumbprint: jose jwk thumbprint [--hash SHA-256|SHA-384|SHA-512] [--uri] [FILE]
func jwkThumbprint(fs *flags) action {
	hashName := fs.enum("hash", "SHA-256", "SHA-256, SHA-384 or SHA-512", []string{"SHA-256", "SHA-384", "SHA-512"})
	uri := fs.Bool("uri", false, "print the RFC 9278 thumbprint URI")
	return func(e *env, file string) error {
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
}

// jwkConvert: jose jwk convert [--to jwk|pem] [FILE]
func jwkConvert(fs *flags) action {
	to := fs.enum("to", "", "jwk or pem (default: the other form of the input)", []string{"jwk", "pem"})
	return func(e *env, file string) error {
		if *to != "" && *to != "jwk" && *to != "pem" {
			return usagef("--to %s: use jwk or pem", *to)
		}
		data, err := readInput(e, file)
		if err != nil {
			return err
		}
		key, set, err := parseKeyData(data)
		if err != nil {
			return err
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
}
