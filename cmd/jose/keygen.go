package main

import (
	"cmp"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// genCurves is the curve of each algorithm that jwk.Generate does not make
// keys for (those of the ext modules, and HPKE): jwk gen makes a key of
// that curve with jwk.GenerateKey and binds it to the algorithm.
var genCurves = map[string]jwa.Curve{
	string(jwa.ES256K): jwa.Secp256k1,
	string(jwa.Ed448):  jwa.CurveEd448,
	string(jwa.HPKE_0): jwa.P256,
	string(jwa.HPKE_1): jwa.P384,
	string(jwa.HPKE_2): jwa.P521,
	string(jwa.HPKE_3): jwa.X25519,
	string(jwa.HPKE_4): jwa.X25519,
	string(jwa.HPKE_7): jwa.P256,
}

// curveType is the key type of a curve.
func curveType(crv string) jwa.KeyType {
	switch jwa.Curve(crv) {
	case jwa.P256, jwa.P384, jwa.P521, jwa.Secp256k1:
		return jwa.KeyTypeEC
	}
	return jwa.KeyTypeOKP
}

// jwkGen: jose jwk gen --kty KTY [--size BITS] [--crv CRV] [--alg ALG]
// [--use sig|enc] [--kid KID|--kid-thumbprint]
func jwkGen(fs *flags) action {
	kty := fs.enum("kty", "", "key type: "+strings.Join(keyTypes, ", "), keyTypes)
	size := fs.Int("size", 0, "RSA modulus or secret length in bits (RSA 2048, oct what --alg needs or 256)")
	crv := fs.enum("crv", "", "curve: P-256, P-384, P-521, secp256k1 (EC); Ed25519, X25519, Ed448, X448 (OKP)", curves)
	alg := fs.enum("alg", "", "bind the key to this algorithm (sets \"alg\"; any JWS or JWE alg but PBES2, or an enc: a dir key for it)", genAlgs())
	use := fs.enum("use", "", "sig or enc", []string{"sig", "enc"})
	kid := fs.String("kid", "", "key ID")
	kidThumb := fs.Bool("kid-thumbprint", false, "set kid to the key's RFC 7638 SHA-256 thumbprint")
	return func(e *env, file string) error {
		if file != "" {
			return usagef("takes no FILE")
		}
		g := genRequest{kty: *kty, crv: *crv, alg: *alg, size: *size}
		switch *use {
		case "":
		case "sig", "enc":
			g.members = append(g.members, jwk.WithUse(*use))
		default:
			return usagef("--use %q: use sig or enc (RFC 7517 §4.2)", *use)
		}
		switch {
		case *kid != "" && *kidThumb:
			return usagef("--kid and --kid-thumbprint exclude each other")
		case *kid != "":
			g.members = append(g.members, jwk.WithKeyID(*kid))
		case *kidThumb:
			g.members = append(g.members, jwk.WithThumbprintKeyID())
		}
		key, err := g.generate()
		if err != nil {
			return err
		}
		b, err := key.MarshalJSON()
		if err != nil {
			return asUsage(err)
		}
		if err := writeLine(e, string(b)); err != nil {
			return err
		}
		g.printStatus(e.stderr, key)
		return nil
	}
}

// genRequest is what jwk gen was asked for.
type genRequest struct {
	kty, crv, alg string
	size          int
	members       []jwk.Option
}

// check refuses, before any key is made, names that do not exist, flags
// that mean nothing for the key asked for, and in FIPS 140-3 mode an --alg
// or --crv that mode does not approve (by name, before the lists of names,
// which leave them out there, could call them unknown).
func (g genRequest) check() error {
	switch {
	case g.kty == "" && g.alg == "":
		return usagef("--kty is required (%s), or --alg", strings.Join(keyTypes, ", "))
	case g.kty != "" && !slices.Contains(keyTypes, g.kty):
		return usagef("--kty %s: use %s", g.kty, strings.Join(keyTypes, ", "))
	case g.crv != "" && !slices.Contains(curves, g.crv):
		return usagef("--crv %s: use %s", g.crv, strings.Join(curves, ", "))
	case g.alg == string(jwa.NoSignature):
		return usagef("--alg none takes no key")
	case slices.Contains([]jwa.KeyAlgorithm{jwa.PBES2_HS256_A128KW, jwa.PBES2_HS384_A192KW, jwa.PBES2_HS512_A256KW}, jwa.KeyAlgorithm(g.alg)):
		return usagef("--alg %s: a PBES2 key is a password, chosen by a person: give it with --password-file, or as the k of an oct JWK", g.alg)
	}
	for _, c := range []struct {
		flag string
		err  error
	}{
		{"--alg", jwa.SignatureAlgorithm(g.alg).CheckFIPS()},
		{"--alg", jwa.KeyAlgorithm(g.alg).CheckFIPS()},
		{"--alg", jwa.ContentEncryption(g.alg).CheckFIPS()},
		{"--crv", jwa.Curve(g.crv).CheckFIPS()},
	} {
		if c.err != nil {
			return usagef("%s: %w", c.flag, c.err) // FIPS 140-3 mode
		}
	}
	if g.alg != "" && !slices.Contains(genAlgs(), g.alg) {
		if why := unavailable(g.alg); why != "" {
			return usagef("--alg %s: %s", g.alg, why)
		}
		return usagef("--alg %s: unknown algorithm", g.alg)
	}
	kty := jwa.KeyType(g.kty)
	switch {
	case kty != "":
	case g.crv != "":
		kty = curveType(g.crv)
	default:
		kty = g.algKeyType()
	}
	switch {
	case g.size != 0 && kty != jwa.KeyTypeRSA && kty != jwa.KeyTypeOct:
		return usagef("--size is for RSA and oct keys; the size of %s keys is their curve's or their algorithm's", kty)
	case g.crv != "" && kty != jwa.KeyTypeEC && kty != jwa.KeyTypeOKP:
		return usagef("--crv is for EC and OKP keys, not %s", kty)
	case g.crv != "" && g.kty != "" && curveType(g.crv) != kty:
		return usagef("--crv %s is a curve of %s keys, not --kty %s", g.crv, curveType(g.crv), kty)
	case kty == jwa.KeyTypeAKP && g.alg == "":
		return usagef("--kty AKP needs --alg: ML-DSA-44, ML-DSA-65 or ML-DSA-87")
	case g.isEnc() && g.size != 0 && g.size != 8*jwa.ContentEncryption(g.alg).KeySize():
		return usagef("--size %d: a key for %s has %d bits", g.size, g.alg, 8*jwa.ContentEncryption(g.alg).KeySize())
	}
	return nil
}

// printStatus writes to standard error the FIPS 140-3 status of --alg and
// of the new key's curve, and whether --alg is deprecated or a draft, so
// that whoever makes a key sees what a deployment could use it for.
func (g genRequest) printStatus(w io.Writer, key *jwk.Key) {
	switch sig := jwa.SignatureAlgorithm(g.alg); {
	case sig.Available():
		printStatus(w, "jose jwk gen: alg", "--alg", sig, nil)
	case g.isEnc():
		printStatus(w, "jose jwk gen: alg", "--alg", jwa.ContentEncryption(g.alg), nil)
	default:
		printStatus(w, "jose jwk gen: alg", "--alg", jwa.KeyAlgorithm(g.alg), nil)
	}
	printStatus(w, "jose jwk gen: crv", "--crv", key.Curve(), nil)
}

// isEnc reports whether --alg is a content encryption: the key is then a
// dir key bound to it, as the RFC 7520 §5.6 key is.
func (g genRequest) isEnc() bool {
	return g.alg != "" && slices.Contains(contentEncs, g.alg)
}

// genAlgs is what jwk gen --alg takes: every "alg" value and every "enc".
func genAlgs() []string {
	return slices.Concat(allAlgs(), contentEncs)
}

// algKeyType is the key type of --alg.
func (g genRequest) algKeyType() jwa.KeyType {
	if g.isEnc() {
		return jwa.KeyTypeOct
	}
	if t := jwa.SignatureAlgorithm(g.alg).KeyType(); t != "" {
		return t
	}
	return jwa.KeyAlgorithm(g.alg).KeyType()
}

// generate makes the key: jwk.GenerateKey for a key type, jwk.Generate
// for an algorithm, and for an algorithm jwk.Generate does not know (those
// of the ext modules, HPKE) or a curve it does not make for the algorithm
// (ECDH-ES over X448), a key of the algorithm's curve bound to it, which
// must then be able to serve it.
func (g genRequest) generate() (*jwk.Key, error) {
	if err := g.check(); err != nil {
		return nil, err
	}
	var opts []jwk.GenerateOption
	if g.size != 0 {
		opts = append(opts, jwk.WithBits(g.size))
	}
	if g.crv != "" {
		opts = append(opts, jwk.WithCurve(jwa.Curve(g.crv)))
	}
	for _, m := range g.members {
		opts = append(opts, m)
	}
	var key *jwk.Key
	var err error
	sig := jwa.SignatureAlgorithm(g.alg)
	switch {
	case g.alg == "":
		key, err = jwk.GenerateKey(jwa.KeyType(g.kty), opts...)
	case g.isEnc():
		if g.size == 0 {
			opts = append(opts, jwk.WithBits(8*jwa.ContentEncryption(g.alg).KeySize()))
		}
		key, err = jwk.GenerateKey(jwa.KeyTypeOct, append(opts, jwk.WithAlgorithm(g.alg))...)
	case g.algKeyType() == jwa.KeyTypeAKP && sig.Available():
		key, err = generateAKP(sig, g.members)
	case g.algKeyType() == jwa.KeyTypeAKP:
		return nil, usagef("--alg %s: its ML-KEM keys have no JWK form yet (draft-skokan-jose-hpke-pq-pqt), so jwk gen cannot print one", g.alg)
	case sig.Available():
		key, err = jwk.Generate(sig, opts...)
	default:
		key, err = jwk.Generate(jwa.KeyAlgorithm(g.alg), opts...)
	}
	if err != nil && g.alg != "" {
		key, err = g.fallback(err)
	}
	if err != nil {
		return nil, asUsage(err)
	}
	if g.kty != "" && key.KeyType() != jwa.KeyType(g.kty) {
		return nil, usagef("--alg %s makes %s keys, not --kty %s", g.alg, key.KeyType(), g.kty)
	}
	return key, nil
}

// fallback answers a refusal of jwk.Generate: an algorithm it does not
// know, or a curve it does not make for the algorithm, gets a key of the
// algorithm's curve bound to it, when that key can serve the algorithm.
func (g genRequest) fallback(genErr error) (*jwk.Key, error) {
	crv := cmp.Or(jwa.Curve(g.crv), genCurves[strings.TrimSuffix(g.alg, "-KE")])
	unknownAlg := errors.Is(genErr, jwa.ErrUnsupportedAlgorithm)
	if crv == "" || !unknownAlg && (g.crv == "" || !errors.Is(genErr, jwa.ErrInvalidKey)) {
		return nil, genErr
	}
	key, err := g.bound(crv)
	switch {
	case err == nil:
		return key, nil
	case unknownAlg:
		return nil, err
	}
	return nil, genErr
}

// bound makes a key of the curve bound to --alg, and checks that it can
// serve the algorithm.
func (g genRequest) bound(crv jwa.Curve) (*jwk.Key, error) {
	opts := []jwk.GenerateOption{jwk.WithCurve(crv)}
	for _, m := range g.members {
		opts = append(opts, m)
	}
	opts = append(opts, jwk.WithAlgorithm(g.alg))
	key, err := jwk.GenerateKey(curveType(string(crv)), opts...)
	if err != nil {
		return nil, err
	}
	if sig := jwa.SignatureAlgorithm(g.alg); sig.Available() {
		_, err = key.Signer(sig)
	} else {
		_, err = key.KeyEncrypter(jwa.KeyAlgorithm(g.alg))
	}
	if err != nil {
		return nil, err
	}
	return key, nil
}
