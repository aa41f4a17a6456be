package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/internal/nilcheck"
	"github.com/joseproject/jose/jwa"
)

// KeyCodec teaches this package a key type that an extension module
// implements: a curve of kty "EC" or "OKP" that the standard library lacks
// (secp256k1, Ed448, X448) or a kty of its own. Once registered with
// [RegisterKeyCodec], [Parse], [Key.MarshalJSON], [Key.Thumbprint],
// [FromKey], [Key.Public], [Key.Equal] and [GenerateKey] handle its keys, and
// they are bound to algorithms with the same alg, use and key_ops checks as
// the built-in ones: [Key.Signer] hands the codec's private key to jwa,
// [Key.Verifier] and [Key.KeyEncrypter] its public key.
//
// A KeyCodec must be safe for concurrent use.
type KeyCodec interface {
	// KeyType is the "kty" of the codec's keys.
	KeyType() jwa.KeyType
	// Curve is their "crv", or "" for a kty that has no curves.
	Curve() jwa.Curve
	// Members lists the key material members other than "kty" and "crv",
	// each a base64url string of a fixed size, in the order they are
	// written: the public ones first. At least one is public.
	Members() []KeyMember
	// Decode makes a key from its material, base64url-decoded, each member
	// of the size Members gives: every public member is present, and the
	// private members are either all present or all absent. It returns the
	// private key when they are present, else the public key, and it checks
	// the key as FromKey does. jwk wraps an error that wraps neither
	// [jwa.ErrInvalidKey] nor [jwa.ErrMalformed] with jwa.ErrInvalidKey.
	Decode(material map[string][]byte) (any, error)
	// Encode returns the material of a key that FromKey accepted: the
	// public members, and the private ones too when private is true (it is
	// only true for a key FromKey reported as private). An error means the
	// key cannot be exported (a key in an HSM).
	Encode(key any, private bool) (map[string][]byte, error)
	// FromKey checks a Go key. It returns ok false when key is none of the
	// codec's types; otherwise the public key, whether key is private, and
	// an error when the key is not valid (a point off the curve, a private
	// part that does not match its public part, a typed nil).
	FromKey(key any) (pub any, private bool, ok bool, err error)
}

// KeyMember describes one key material member of a [KeyCodec].
type KeyMember struct {
	// Name is the JSON member name, such as "x" or "d".
	Name string
	// Size is the exact length in bytes of the decoded value, 1 to
	// maxExtMemberSize.
	Size int
	// Private marks the members that only a private key has; they never
	// appear in a public key's JSON nor in a thumbprint (T54).
	Private bool
}

// KeyGenerator is an optional interface of a [KeyCodec]: [GenerateKey] with
// the codec's kty and curve ([WithCurve]) calls it. [WithBits] is refused
// for such keys.
type KeyGenerator interface {
	// GenerateKey makes a fresh private key from crypto/rand, of a type the
	// codec's FromKey accepts.
	GenerateKey() (any, error)
}

// maxExtMemberSize bounds a codec's member sizes, and so what Parse decodes.
const maxExtMemberSize = 1 << 16

// codecs holds the registered codecs, in the order of registration.
var codecs struct {
	sync.RWMutex
	list []KeyCodec
}

// RegisterKeyCodec adds a key type, usually from the init function of an
// extension module's package. It never changes how built-in keys are read or
// checked:
//
//   - a codec for kty "EC" or "OKP" must name a curve other than the
//     built-in ones (P-256, P-384, P-521, Ed25519, X25519), and its members
//     must be members of that kty (RFC 7518 §6.2, RFC 8037 §2);
//   - a codec for another built-in kty ("RSA", "oct") is refused;
//   - a codec for a new kty may use any member names except the common JWK
//     members ("kid", "x5c"...) and the material members of the built-in
//     kty values;
//   - the Go key types it accepts must not be built-in ones: a key that
//     FromKey would report with an RSA, ECDSA, Ed25519 or crypto/ecdh
//     public key is refused when it is made.
//
// A (kty, crv) pair already registered wraps [jwa.ErrAlreadyRegistered]; a
// codec that breaks the other rules gets an error wrapping
// [jwa.ErrInvalidKey]. There is no way to unregister.
func RegisterKeyCodec(c KeyCodec) error {
	if nilcheck.IsNil(c) {
		return invalid("RegisterKeyCodec: nil codec")
	}
	kty, crv := c.KeyType(), c.Curve()
	if err := checkCodecMembers(kty, crv, c.Members()); err != nil {
		return err
	}
	codecs.Lock()
	defer codecs.Unlock()
	for _, o := range codecs.list {
		if o.KeyType() == kty && o.Curve() == crv {
			return fmt.Errorf("jwk: key codec for kty %q crv %q: %w", kty, crv, jwa.ErrAlreadyRegistered)
		}
	}
	codecs.list = append(codecs.list, c)
	return nil
}

// checkCodecMembers applies the naming rules of RegisterKeyCodec.
func checkCodecMembers(kty jwa.KeyType, crv jwa.Curve, ms []KeyMember) error {
	if kty == "" {
		return invalid("RegisterKeyCodec: empty kty")
	}
	builtin, isBuiltinKty := materialMembers[kty]
	if isBuiltinKty {
		if !slices.Contains(builtin, "crv") || crv == "" {
			return invalid("RegisterKeyCodec: kty %q is built in; only a new curve of EC or OKP can be added", kty)
		}
		if jwkcodec.LookupCurve(kty, crv) != nil {
			return fmt.Errorf("jwk: key codec for built-in kty %q crv %q: %w", kty, crv, jwa.ErrAlreadyRegistered)
		}
	}
	public := false
	for i, m := range ms {
		switch {
		case m.Name == "" || m.Name == "kty" || m.Name == "crv" || slices.Contains(commonMembers, m.Name):
			return invalid("RegisterKeyCodec: member name %q", m.Name)
		case slices.ContainsFunc(ms[:i], func(o KeyMember) bool { return o.Name == m.Name }):
			return invalid("RegisterKeyCodec: member %q listed twice", m.Name)
		case m.Size < 1 || m.Size > maxExtMemberSize:
			return invalid("RegisterKeyCodec: member %q of %d bytes", m.Name, m.Size)
		case isBuiltinKty && !slices.Contains(builtin, m.Name):
			return invalid("RegisterKeyCodec: member %q is not a member of a %s key", m.Name, kty)
		case !isBuiltinKty && isKnownMember(m.Name):
			return invalid("RegisterKeyCodec: member %q belongs to a built-in kty", m.Name)
		}
		public = public || !m.Private
	}
	if !public {
		return invalid("RegisterKeyCodec: kty %q crv %q has no public member", kty, crv)
	}
	return nil
}

// codecFor returns the codec registered for (kty, crv), or nil.
func codecFor(kty jwa.KeyType, crv jwa.Curve) KeyCodec {
	codecs.RLock()
	defer codecs.RUnlock()
	for _, c := range codecs.list {
		if c.KeyType() == kty && c.Curve() == crv {
			return c
		}
	}
	return nil
}

// extMembers returns the material members of a kty that only codecs know,
// and whether any codec has that kty.
func extMembers(kty jwa.KeyType) ([]string, bool) {
	codecs.RLock()
	defer codecs.RUnlock()
	var names []string
	found := false
	for _, c := range codecs.list {
		if c.KeyType() != kty {
			continue
		}
		found = true
		if c.Curve() != "" && !slices.Contains(names, "crv") {
			names = append(names, "crv")
		}
		for _, m := range c.Members() {
			if !slices.Contains(names, m.Name) {
				names = append(names, m.Name)
			}
		}
	}
	return names, found
}

// isExtMember reports whether a codec of a new kty reads the member.
func isExtMember(name string) bool {
	codecs.RLock()
	defer codecs.RUnlock()
	for _, c := range codecs.list {
		if _, builtin := materialMembers[c.KeyType()]; builtin {
			continue
		}
		if slices.ContainsFunc(c.Members(), func(m KeyMember) bool { return m.Name == name }) {
			return true
		}
	}
	return false
}

// extKind is a key of a registered KeyCodec: the codec, its Go keys, and
// whether it is private.
type extKind struct {
	codec   KeyCodec
	raw     any // the key as given or decoded: the private key when private
	pub     any
	private bool
}

func (k *extKind) keyType() jwa.KeyType        { return k.codec.KeyType() }
func (k *extKind) curve() jwa.Curve            { return k.codec.Curve() }
func (k *extKind) isPrivate() bool             { return k.private }
func (k *extKind) goKey() any                  { return k.raw }
func (k *extKind) publicKey() crypto.PublicKey { return k.pub }
func (k *extKind) fixedAlg() string            { return "" }

func (k *extKind) public() keyKind {
	if !k.private {
		return k
	}
	return &extKind{codec: k.codec, raw: k.pub, pub: k.pub}
}

func (k *extKind) bindKey(op operation) any {
	if op == opSign || op == opDecrypt {
		return k.raw
	}
	return k.pub
}

// parseExt reads the material of a key whose (kty, crv) c handles.
func parseExt(m members, c KeyCodec) (keyKind, error) {
	kty, crv := c.KeyType(), c.Curve()
	material := map[string][]byte{}
	var havePrivate, missingPrivate string
	for _, mem := range c.Members() {
		b, ok, err := m.Fixed(kty, mem.Name, mem.Size)
		if err != nil {
			return nil, err
		}
		switch {
		case ok:
			material[mem.Name] = b
			if mem.Private {
				havePrivate = mem.Name
			}
		case !mem.Private:
			return nil, malformed("%s %s key without %q", kty, crv, mem.Name)
		default:
			missingPrivate = mem.Name
		}
	}
	if havePrivate != "" && missingPrivate != "" {
		return nil, malformed("%s %s private key has %q but not %q", kty, crv, havePrivate, missingPrivate)
	}
	raw, err := c.Decode(material)
	if err != nil {
		return nil, extError(err)
	}
	return fromCodec(c, raw)
}

// extError makes a codec's error wrap one of the sentinels Parse promises.
func extError(err error) error {
	if errors.Is(err, jwa.ErrInvalidKey) || errors.Is(err, jwa.ErrMalformed) {
		return fmt.Errorf("jwk: %w", err)
	}
	return invalid("%w", err)
}

// fromExt makes the kind of a Go key that one of the codecs accepts; ok is
// false when none does.
func fromExt(raw any) (kind keyKind, ok bool, err error) {
	codecs.RLock()
	list := slices.Clone(codecs.list)
	codecs.RUnlock()
	for _, c := range list {
		pub, private, ok, err := c.FromKey(raw)
		if !ok {
			continue
		}
		if err != nil {
			return nil, true, extError(err)
		}
		kind, err := newExtKey(c, raw, pub, private)
		return kind, true, err
	}
	return nil, false, nil
}

// fromCodec makes the kind of a key that c decoded.
func fromCodec(c KeyCodec, raw any) (keyKind, error) {
	pub, private, ok, err := c.FromKey(raw)
	if !ok {
		return nil, invalid("key codec %s %s decoded a %T it does not accept", c.KeyType(), c.Curve(), raw)
	}
	if err != nil {
		return nil, extError(err)
	}
	return newExtKey(c, raw, pub, private)
}

func newExtKey(c KeyCodec, raw, pub any, private bool) (keyKind, error) {
	switch pub.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey, *ecdh.PublicKey, []byte, jwa.WeakRSAPublicKey:
		// A codec may not relabel a key type this package checks itself.
		return nil, invalid("key codec %s %s claims a built-in %T", c.KeyType(), c.Curve(), pub)
	}
	if isAKPPublic(pub) {
		return nil, invalid("key codec %s %s claims a built-in %T", c.KeyType(), c.Curve(), pub)
	}
	if nilcheck.IsNil(pub) {
		return nil, invalid("key codec %s %s returned no public key", c.KeyType(), c.Curve())
	}
	if !private {
		raw = pub
	}
	return &extKind{codec: c, raw: raw, pub: pub, private: private}, nil
}

// members lists the codec's members: crv when the kty has curves, then
// the material the codec encodes, in the codec's order.
func (k *extKind) members(private bool) ([]member, error) {
	private = private && k.private
	key := k.pub
	if private {
		key = k.raw
	}
	enc, err := k.codec.Encode(key, private)
	if err != nil {
		if private {
			return nil, notExportable(k.raw, err)
		}
		return nil, extError(err)
	}
	var out []member
	if crv := k.curve(); crv != "" {
		out = append(out, jwkcodec.Text("crv", string(crv)))
	}
	for _, m := range k.codec.Members() {
		if m.Private && !private {
			continue
		}
		b, ok := enc[m.Name]
		if !ok || len(b) != m.Size {
			return nil, invalid("key codec %s %s encoded member %q with %d bytes, want %d", k.keyType(), k.curve(), m.Name, len(b), m.Size)
		}
		out = append(out, jwkcodec.Data(m.Name, b))
	}
	return out, nil
}

// required lists the public members, sorted by name.
func (k *extKind) required() ([]member, error) {
	ms, err := k.members(false)
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.Name, b.Name) })
	return ms, err
}

// equal compares two keys of the same codec by their material, the
// private members in constant time.
func (k *extKind) equal(o keyKind) bool {
	x, ok := o.(*extKind)
	if !ok {
		return false // Key.Equal compared kty and crv, so the codecs are the same
	}
	a, errA := k.members(false)
	b, errB := x.members(false)
	if errA != nil || errB != nil || !slices.EqualFunc(a, b, sameMember) {
		return false
	}
	if !k.private || !x.private {
		return true
	}
	a, errA = k.members(true)
	b, errB = x.members(true)
	if errA != nil || errB != nil || len(a) != len(b) {
		// Keys that cannot be exported compare equal only when they are the same value.
		return errA != nil && errB != nil && sameValue(k.raw, x.raw)
	}
	eq := 1
	for i := range a {
		eq &= subtle.ConstantTimeCompare([]byte(a[i].Name), []byte(b[i].Name))
		eq &= subtle.ConstantTimeCompare(a[i].Data, b[i].Data)
		eq &= subtle.ConstantTimeCompare([]byte(a[i].Text), []byte(b[i].Text))
	}
	return eq == 1
}

// sameMember compares two members (public ones: not in constant time).
func sameMember(a, b member) bool {
	return a.Name == b.Name && a.Text == b.Text && bytes.Equal(a.Data, b.Data)
}

// extGenerate makes a key for GenerateKey when a codec has the kty and
// curve; ok is false otherwise. The key is returned as a *Key, which
// GenerateKey's FromKey takes as it is.
func extGenerate(kty jwa.KeyType, c *genConfig) (raw any, ok bool, err error) {
	codec := codecFor(kty, c.crv)
	if codec == nil {
		return nil, false, nil
	}
	g, isGen := codec.(KeyGenerator)
	if !isGen {
		return nil, true, invalid("kty %q crv %q: the key codec cannot generate keys", kty, c.crv)
	}
	if c.bitsSet {
		return nil, true, invalid("a %s %s key's size is its curve's; WithBits is not for it", kty, c.crv)
	}
	raw, err = g.GenerateKey()
	if err != nil {
		return nil, true, invalid("%s %s key generation: %w", kty, c.crv, err)
	}
	// Made by this codec, not by whichever codec first accepts the type.
	kind, err := fromCodec(codec, raw)
	if err != nil {
		return nil, true, err
	}
	return newKey(kind), true, nil
}
