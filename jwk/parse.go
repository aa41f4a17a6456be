package jwk

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// maxCertsInX5C bounds "x5c": a longer chain is not a certificate path
// anyone uses.
const maxCertsInX5C = 16

// errSkippable marks a key that is well formed but of a kind this package
// does not implement (an unknown kty, crv or use). [ParseSet] skips such
// keys (RFC 7517 §5); [Parse] returns the error.
var errSkippable = errors.New("jwk: unsupported key")

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
	*k = Key{kind: p.kind, meta: p.meta}
	return nil
}

// parseMembers builds a key from a checked JSON object.
func parseMembers(m members) (*Key, error) {
	s, ok, err := m.String("kty")
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
	crv, _, _ := m.String("crv")
	if err := fipsCurve(jwa.Curve(crv)); err != nil {
		return nil, err
	}
	var kind keyKind
	if c := codecFor(kty, jwa.Curve(crv)); c != nil {
		// Registered pairs are never built-in ones (RegisterKeyCodec).
		kind, err = parseExt(m, c)
	} else {
		kind, err = parseBuiltin(m, kty, crv)
	}
	if err != nil {
		return nil, err
	}
	k := newKey(kind)
	if err := k.readMembers(m); err != nil {
		return nil, err
	}
	if err := k.checkMembers(); err != nil {
		return nil, err
	}
	return k, nil
}

// parseBuiltin reads the material of a key of a built-in kty.
func parseBuiltin(m members, kty jwa.KeyType, crv string) (keyKind, error) {
	switch kty {
	case jwa.KeyTypeRSA:
		return parseRSA(m)
	case jwa.KeyTypeEC:
		return parseEC(m)
	case jwa.KeyTypeOKP:
		return parseOKP(m)
	case jwa.KeyTypeOct:
		return parseOct(m)
	case jwa.KeyTypeAKP:
		return parseAKP(m) // akp.go, or akp_go126.go before Go 1.27
	}
	// A kty that only codecs know, with a crv none of them has.
	return nil, fmt.Errorf("jwk: unsupported %s crv %q: %w (%w)", kty, crv, jwa.ErrInvalidKey, errSkippable)
}

// readMembers reads the members common to every kty and keeps the unknown
// ones.
func (k *Key) readMembers(m members) error {
	var err error
	if k.kid, _, err = m.String("kid"); err != nil {
		return err
	}
	if k.alg, _, err = m.String("alg"); err != nil {
		return err
	}
	if k.x5u, _, err = m.String("x5u"); err != nil {
		return err
	}
	use, ok, err := m.String("use")
	if err != nil {
		return err
	}
	if ok && use != "sig" && use != "enc" {
		// RFC 7517 §4.2 lets other values exist; a key meant for a use we
		// cannot bind to algorithms is refused rather than allowed everything.
		return fmt.Errorf("jwk: unsupported use %q: %w (%w)", use, jwa.ErrMalformed, errSkippable)
	}
	k.use = use
	if k.ops, ok, err = m.Strings("key_ops"); err != nil {
		return err
	}
	if ok && k.ops == nil {
		k.ops = []string{} // present and empty: the key allows nothing
	}
	if k.x5t, _, err = m.Fixed(k.KeyType(), "x5t", 20); err != nil {
		return err
	}
	if k.x5tS256, _, err = m.Fixed(k.KeyType(), "x5t#S256", 32); err != nil {
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
