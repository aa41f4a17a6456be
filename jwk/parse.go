package jwk

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// Limits on key material read from JSON, checked on the encoded length
// before any decoding or big-number work.
const (
	maxRSABytes   = 16384 / 8 // the modulus bound of checkRSAPublic
	maxRSAEBytes  = 4         // e fits in 31 bits
	maxCertsInX5C = 16        // a longer chain is not a certificate path anyone uses
)

// errSkippable marks a key that is well formed but of a kind this package
// does not implement (an unknown kty, crv or use). [ParseSet] skips such
// keys (RFC 7517 §5); [Parse] returns the error.
var errSkippable = errors.New("unsupported key")

// commonMembers are the members every kty may carry (RFC 7517 §4).
var commonMembers = []string{"kty", "kid", "use", "key_ops", "alg", "x5u", "x5c", "x5t", "x5t#S256"}

// materialMembers are the key material members of each kty (RFC 7518 §6,
// RFC 8037 §2). A member of one kty in a key of another is an error, so that
// nothing secret rides along unseen (T54).
var materialMembers = map[jwa.KeyType][]string{
	jwa.KeyTypeRSA: {"n", "e", "d", "p", "q", "dp", "dq", "qi", "oth"},
	jwa.KeyTypeEC:  {"crv", "x", "y", "d"},
	jwa.KeyTypeOKP: {"crv", "x", "d"},
	jwa.KeyTypeOct: {"k"},
	jwa.KeyTypeAKP: {"pub", "priv"}, // draft-ietf-cose-dilithium-11 §3
}

// isKnownMember reports whether name is a member this package reads, for
// any kty: such a member is never kept among the unknown ones.
func isKnownMember(name string) bool {
	if slices.Contains(commonMembers, name) {
		return true
	}
	for _, names := range materialMembers {
		if slices.Contains(names, name) {
			return true
		}
	}
	return isExtMember(name)
}

// Parse reads one JWK (RFC 7517 §4) and checks it as [FromKey] does.
//
// The JSON must be one object without duplicate members (nor names that
// differ only in case), in valid UTF-8, with nothing after it. Member values
// must have their RFC types; binary members are strict unpadded base64url,
// except "x5c" which is standard base64 with padding (RFC 7517 §4.7).
//
// Supported keys: kty "RSA" (two primes; a private key carries all of d, p,
// q, dp, dq and qi, which must be consistent; a private key given by d alone
// is refused because it cannot be checked, and multi-prime "oth" is
// refused), "EC" (crv P-256, P-384, P-521; x and y of exactly the field size
// and on the curve; d of exactly the order size and matching x and y), "OKP"
// (crv Ed25519 or X25519; x and d of 32 bytes, d matching x), "oct" (a
// non-empty k) and, from Go 1.27 on, "AKP" (draft-ietf-cose-dilithium: alg
// ML-DSA-44, ML-DSA-65 or ML-DSA-87, required; pub of that parameter set's
// size; priv, when present, the 32-byte seed, which must give pub). A member
// that belongs to another kty is an error.
//
// "use" must be "sig" or "enc": a key meant for something else is refused,
// since the rules that bind it to algorithms would not know what to allow.
// "key_ops" must be unique strings consistent with "use" (RFC 7517 §4.3).
// When "x5c" is present its certificates must parse and the leaf's public
// key must equal the key; "x5t" and "x5t#S256" must be the leaf's SHA-1 and
// SHA-256 digests. The certificates are not verified: see
// [Key.Certificates]. "x5u" is kept as a string and never fetched.
//
// Members this package does not know are kept for [Key.MarshalJSON] and
// [Key.Member]. Errors wrap [jwa.ErrMalformed] for JSON of the wrong shape
// and [jwa.ErrInvalidKey] for key material that is not a valid key (or of an
// unsupported kty or crv); an AKP key whose alg is not implemented (any AKP
// key before Go 1.27) wraps [jwa.ErrUnsupportedAlgorithm]. Every error
// also wraps [ErrInvalidKeyData]. Errors name the member, never its value.
func Parse(data []byte) (_ *Key, err error) {
	defer errwrap.Own(&err, "jwk")
	// The members alias data only while the key is built: every value kept
	// is decoded or copied (readMembers clones the unknown members).
	m, err := keyNames.ObjectAliased(data)
	if err != nil {
		return nil, keyDataError(fmt.Errorf("jwk: %w: %w", jwa.ErrMalformed, err))
	}
	k, err := parseMembers(m)
	if err != nil {
		return nil, keyDataError(err)
	}
	return k, nil
}

// keyNames are the members of RFC 7517 §4, RFC 7518 §6, RFC 8037 §2 and the
// AKP keys, so that reading them costs no allocation for their names.
var keyNames = strictjson.NewNames(
	"kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256",
	"crv", "x", "y", "d", "n", "e", "p", "q", "dp", "dq", "qi", "oth", "k",
	"pub", "priv",
)

// UnmarshalJSON parses a JWK as [Parse] does, so that a *Key can be a field
// of a struct decoded with encoding/json (a header's "jwk", a "cnf" claim).
// It is meant for a fresh Key: a Key in use is immutable and must not be
// decoded into.
func (k *Key) UnmarshalJSON(data []byte) error {
	p, err := Parse(data)
	if err != nil {
		return err
	}
	*k = Key{
		kty: p.kty, crv: p.crv, raw: p.raw, pub: p.pub, private: p.private, weak: p.weak, ecPoint: p.ecPoint,
		kid: p.kid, alg: p.alg, use: p.use, ops: p.ops,
		x5u: p.x5u, x5c: p.x5c, x5t: p.x5t, x5tS256: p.x5tS256,
		extra: p.extra, codec: p.codec,
	}
	return nil
}

// members is a decoded JSON object whose values are still raw.
type members map[string]json.RawMessage

func malformed(format string, args ...any) error {
	return fmt.Errorf("jwk: "+format+": %w", append(args, jwa.ErrMalformed)...)
}

// unquoted reads a string member, unescaped; ok is false when it is
// absent. The result may alias the member: copy what is kept.
func (m members) unquoted(name string) (s []byte, ok bool, err error) {
	raw, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	if len(raw) == 0 || raw[0] != '"' { // T22: null, numbers, objects are not strings
		return nil, false, malformed("member %q is not a string", name)
	}
	u, err := strictjson.Unquote(raw)
	if err != nil {
		return nil, false, malformed("member %q is not a string: %w", name, err)
	}
	return u, true, nil
}

// str reads a string member; ok is false when it is absent.
func (m members) str(name string) (s string, ok bool, err error) {
	u, ok, err := m.unquoted(name)
	return string(u), ok, err
}

// strings reads a member that is an array of strings.
func (m members) strings(name string) ([]string, bool, error) {
	raw, ok := m[name]
	if !ok {
		return nil, false, nil
	}
	out, err := strictjson.StringArray(raw)
	if err != nil {
		return nil, false, malformed("member %q is not an array of strings: %w", name, err)
	}
	return out, true, nil
}

// bytes reads a base64url member of at most maxLen bytes; the length is
// checked on the encoding, before decoding.
func (m members) bytes(name string, maxLen int) ([]byte, bool, error) {
	s, ok, err := m.unquoted(name)
	if err != nil || !ok {
		return nil, ok, err
	}
	tooLong := func() error { return invalid("member %q is longer than %d bytes", name, maxLen) }
	if len(s) > base64url.EncodedLen(maxLen)+4 { // hostile lengths end here, before decoding
		return nil, false, tooLong()
	}
	b, err := base64url.Decode(s)
	if err != nil {
		return nil, false, malformed("member %q is not base64url: %w", name, err)
	}
	if len(b) > maxLen {
		return nil, false, tooLong()
	}
	return b, true, nil
}

// need reads a base64url member that must be present.
func (m members) need(kty jwa.KeyType, name string, maxLen int) ([]byte, error) {
	b, ok, err := m.bytes(name, maxLen)
	if err == nil && !ok {
		err = malformed("%s key without %q", kty, name)
	}
	return b, err
}

// fixed reads a base64url member that must have exactly n bytes.
func (m members) fixed(kty jwa.KeyType, name string, n int) ([]byte, bool, error) {
	b, ok, err := m.bytes(name, n)
	if err != nil || !ok {
		return nil, ok, err
	}
	if len(b) != n {
		return nil, false, invalid("%s member %q has %d bytes, not %d", kty, name, len(b), n)
	}
	return b, true, nil
}

// parseMembers builds a key from a checked JSON object.
func parseMembers(m members) (*Key, error) {
	s, ok, err := m.str("kty")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("key without \"kty\"")
	}
	kty := jwa.KeyType(s)
	allowed, known := materialMembers[kty]
	if !known {
		allowed, known = extMembers(kty)
	}
	if !known {
		return nil, fmt.Errorf("jwk: unsupported kty %q: %w (%w)", s, jwa.ErrInvalidKey, errSkippable)
	}
	for name := range m {
		if !slices.Contains(allowed, name) && !slices.Contains(commonMembers, name) && isKnownMember(name) {
			return nil, malformed("member %q does not belong in a %s key", name, kty)
		}
	}
	crv, _, _ := m.str("crv")
	if err := fipsCurve(jwa.Curve(crv)); err != nil {
		return nil, err
	}
	var k *Key
	if codecFor(kty, jwa.Curve(crv)) != nil {
		// Registered pairs are never built-in ones (RegisterKeyCodec).
		k, err = parseExt(m, codecFor(kty, jwa.Curve(crv)))
	} else {
		k, err = parseBuiltin(m, kty)
	}
	if err != nil {
		return nil, err
	}
	if err := k.readMembers(m); err != nil {
		return nil, err
	}
	if err := k.checkMembers(); err != nil {
		return nil, err
	}
	return k, nil
}

// parseBuiltin reads the material of a key of a built-in kty.
func parseBuiltin(m members, kty jwa.KeyType) (*Key, error) {
	var raw any
	var err error
	switch kty {
	case jwa.KeyTypeRSA:
		raw, err = parseRSA(m)
	case jwa.KeyTypeEC:
		return parseEC(m) // checked there, without fromRaw's conversions
	case jwa.KeyTypeOKP:
		raw, err = parseOKP(m)
	case jwa.KeyTypeOct:
		raw, err = m.need(kty, "k", 1<<20)
	case jwa.KeyTypeAKP:
		raw, err = parseAKP(m) // akp.go, or akp_go126.go before Go 1.27
	default:
		// A kty that only codecs know, with a crv none of them has.
		crv, _, _ := m.str("crv")
		return nil, fmt.Errorf("jwk: unsupported %s crv %q: %w (%w)", kty, crv, jwa.ErrInvalidKey, errSkippable)
	}
	if err != nil {
		return nil, err
	}
	return fromRaw(raw)
}

// readMembers reads the members common to every kty and keeps the unknown
// ones.
func (k *Key) readMembers(m members) error {
	var err error
	if k.kid, _, err = m.str("kid"); err != nil {
		return err
	}
	if k.alg, _, err = m.str("alg"); err != nil {
		return err
	}
	if k.x5u, _, err = m.str("x5u"); err != nil {
		return err
	}
	use, ok, err := m.str("use")
	if err != nil {
		return err
	}
	if ok && use != "sig" && use != "enc" {
		// RFC 7517 §4.2 lets other values exist; a key meant for a use we
		// cannot bind to algorithms is refused rather than allowed everything.
		return fmt.Errorf("jwk: unsupported use %q: %w (%w)", use, jwa.ErrMalformed, errSkippable)
	}
	k.use = use
	if k.ops, ok, err = m.strings("key_ops"); err != nil {
		return err
	}
	if ok && k.ops == nil {
		k.ops = []string{} // present and empty: the key allows nothing
	}
	if k.x5t, _, err = m.fixed(k.kty, "x5t", 20); err != nil {
		return err
	}
	if k.x5tS256, _, err = m.fixed(k.kty, "x5t#S256", 32); err != nil {
		return err
	}
	if k.x5c, err = parseX5C(m); err != nil {
		return err
	}
	for name, v := range m {
		if isKnownMember(name) {
			continue
		}
		if k.extra == nil {
			k.extra = map[string]json.RawMessage{}
		}
		k.extra[name] = slices.Clone(v)
	}
	return nil
}

// parseRSA reads an RSA key (RFC 7518 §6.3).
func parseRSA(m members) (any, error) {
	const kty = jwa.KeyTypeRSA
	if _, ok := m["oth"]; ok {
		return nil, invalid("RSA keys with more than two primes (\"oth\") are not supported")
	}
	n, err := m.need(kty, "n", maxRSABytes)
	if err != nil {
		return nil, err
	}
	eb, err := m.need(kty, "e", maxRSAEBytes)
	if err != nil {
		return nil, err
	}
	e := new(big.Int).SetBytes(eb)
	if !e.IsInt64() || e.Int64() > 1<<31-1 {
		return nil, invalid("RSA member \"e\" is too large")
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(e.Int64())}
	private := []string{"d", "p", "q", "dp", "dq", "qi"}
	vals := make([]*big.Int, len(private))
	var have int
	for i, name := range private {
		b, ok, err := m.bytes(name, maxRSABytes)
		if err != nil {
			return nil, err
		}
		if ok {
			vals[i] = new(big.Int).SetBytes(b)
			have++
		}
	}
	switch {
	case have == 0:
		return pub, nil
	case have == 1 && vals[0] != nil:
		// RFC 7518 §6.3.2 allows d alone, but such a key cannot be checked
		// for consistency; ask for the full form.
		return nil, invalid("RSA private key with \"d\" only: p, q, dp, dq and qi are required")
	case have != len(private):
		missing := private[slices.IndexFunc(vals, func(v *big.Int) bool { return v == nil })]
		return nil, malformed("RSA private key without %q", missing) // RFC 7518 §6.3.2
	}
	priv := &rsa.PrivateKey{
		PublicKey: *pub,
		D:         vals[0],
		Primes:    []*big.Int{vals[1], vals[2]},
		Precomputed: rsa.PrecomputedValues{
			Dp: vals[3], Dq: vals[4], Qinv: vals[5],
		},
	}
	// Precompute keeps consistent CRT values; fromRaw's Validate then checks
	// n = pq, d, dp, dq and qi, and refuses inconsistent ones.
	priv.Precompute()
	return priv, nil
}

// parseEC reads an EC key (RFC 7518 §6.2) and makes the Key, with the
// checks of fromRaw: the point is on the curve, and d gives that point.
func parseEC(m members) (*Key, error) {
	const kty = jwa.KeyTypeEC
	crv, err := curveMember(m, kty)
	if err != nil {
		return nil, err
	}
	c, ok := ellipticCurve(crv)
	if !ok {
		return nil, fmt.Errorf("jwk: unsupported EC crv %q: %w (%w)", crv, jwa.ErrInvalidKey, errSkippable)
	}
	size := (c.Params().BitSize + 7) / 8 // RFC 7518 §6.2.1.2: the full coordinate size
	point := make([]byte, 1, 1+2*size)
	point[0] = 4 // uncompressed
	for _, name := range []string{"x", "y"} {
		b, ok, err := m.fixed(kty, name, size)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, malformed("EC key without %q", name)
		}
		point = append(point, b...)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(c, point)
	if err != nil { // T10
		return nil, invalid("EC point (x, y) is not on %s: %w", crv, err)
	}
	d, ok, err := m.fixed(kty, "d", size) // RFC 7518 §6.2.2.1: the full order size
	if err != nil {
		return nil, err
	}
	if !ok {
		return &Key{kty: kty, crv: crv, raw: pub, pub: pub, ecPoint: point}, nil
	}
	priv, err := ecdsa.ParseRawPrivateKey(c, d) // checks the scalar, computes its point
	if err != nil {
		return nil, invalid("EC member \"d\" is not a valid %s scalar: %w", crv, err)
	}
	if !priv.PublicKey.Equal(pub) {
		return nil, invalid("EC private key does not match its public key")
	}
	return &Key{kty: kty, crv: crv, raw: priv, pub: &priv.PublicKey, private: true, ecPoint: point}, nil
}

// parseOKP reads an OKP key (RFC 8037 §2).
func parseOKP(m members) (any, error) {
	const kty = jwa.KeyTypeOKP
	crv, err := curveMember(m, kty)
	if err != nil {
		return nil, err
	}
	if crv != jwa.CurveEd25519 && crv != jwa.X25519 {
		return nil, fmt.Errorf("jwk: unsupported OKP crv %q: %w (%w)", crv, jwa.ErrInvalidKey, errSkippable)
	}
	x, ok, err := m.fixed(kty, "x", 32)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("OKP key without \"x\"")
	}
	d, private, err := m.fixed(kty, "d", 32)
	if err != nil {
		return nil, err
	}
	if crv == jwa.CurveEd25519 {
		if !private {
			return ed25519.PublicKey(x), nil
		}
		// fromRaw checks that the seed d gives the public key x.
		return ed25519.PrivateKey(append(d, x...)), nil
	}
	if !private {
		pub, err := ecdh.X25519().NewPublicKey(x)
		if err != nil {
			return nil, invalid("X25519 member \"x\": %w", err)
		}
		return pub, nil
	}
	priv, err := ecdh.X25519().NewPrivateKey(d)
	if err != nil {
		return nil, invalid("X25519 member \"d\" is not a valid scalar: %w", err)
	}
	if subtle.ConstantTimeCompare(priv.PublicKey().Bytes(), x) != 1 {
		return nil, invalid("X25519 member \"d\" does not match \"x\"")
	}
	return priv, nil
}

func curveMember(m members, kty jwa.KeyType) (jwa.Curve, error) {
	crv, ok, err := m.str("crv")
	if err == nil && !ok {
		err = malformed("%s key without \"crv\"", kty)
	}
	return jwa.Curve(crv), err
}
