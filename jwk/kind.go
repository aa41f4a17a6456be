package jwk

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
	"reflect"

	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/jwa"
)

// keyKind is the key material of a Key: one small type per kind of key
// (rsaKind, ecKind, ed25519Kind, x25519Kind, octKind, the AKP keys of akp.go
// and kem.go, and extKind around a registered KeyCodec) that knows its JWK
// members, its Go key, its public part and its equality. A Key adds the
// members that describe the key (kid, alg, use, key_ops, the X.509
// members) and its bindings to algorithms. A keyKind is checked when it
// is made and immutable afterwards. Built-in kinds and the kinds of ext
// modules' KeyCodecs are alike behind it: Parse, MarshalJSON, Thumbprint,
// Public, Equal and the bindings never ask which kind they hold.
type keyKind interface {
	keyType() jwa.KeyType
	// curve is "crv", or "" for a kty without curves.
	curve() jwa.Curve
	// isPrivate reports whether the key can sign or decrypt.
	isPrivate() bool
	// goKey is the Go key as it was given or parsed: the private key (or
	// the crypto.Signer, crypto.Decrypter holding it) of a private key, the
	// public key of a public one, the secret of an oct key.
	goKey() any
	// publicKey is the Go public key, nil for an oct key.
	publicKey() crypto.PublicKey
	// public is the kind without its private part: itself when it has
	// none. An oct key has no public part and is never asked.
	public() keyKind
	// members lists the key material members in the order of the RFCs
	// (RFC 7518 §6, RFC 8037 §2): the public ones, then, when private is
	// set and the key has them, the private ones. The public list is
	// the kind's own, made when the kind is, and costs nothing. Binary
	// values are the key's bytes: integers
	// minimal big-endian (RFC 7518 §2 Base64urlUInt), EC coordinates and d
	// of the full field or order size (RFC 7518 §6.2.1.2, §6.2.2.1).
	members(private bool) ([]member, error)
	// required lists the members an RFC 7638 thumbprint hashes besides
	// kty (RFC 7638 §3.2; alg too for AKP, draft-ietf-cose-dilithium-11
	// §6), sorted by name: the public members, the same values members
	// gives, so that no private member is ever part of a thumbprint (T54).
	required() ([]member, error)
	// equal reports whether o holds the same key: a kind of the same type
	// with the same public key and, when both are private, the same
	// private key (secrets compared in constant time).
	equal(o keyKind) bool
	// bindKey is the Go key that jwa binds for op: the private key for
	// signing and decrypting, the public key (the secret of an oct key)
	// for verifying and encrypting; nil when the key must not serve op
	// (a weak RSA key asked to encrypt).
	bindKey(op operation) any
	// fixedAlg is the one "alg" the key can have, or "" (an ML-DSA key is
	// bound to its parameter set).
	fixedAlg() string
}

// member is one JSON member of a key's material.
type member = jwkcodec.Member

// The reading and error helpers are the codec's (internal/jwkcodec).
type members = jwkcodec.Members

var (
	invalid   = jwkcodec.Invalid
	malformed = jwkcodec.Malformed
)

// kindError is an error of a kind that names no key; Key.material adds
// the key's description: "jwk: <key> <text>".
type kindError struct {
	text  string
	cause error // a codec's own error, or nil
}

func (e *kindError) Error() string { return e.text }

// notExportable is the error of a private key whose material cannot be
// read (an HSM or KMS key).
func notExportable(held any, cause error) error {
	return &kindError{fmt.Sprintf("is held by a %T and cannot be exported; marshal its Public() instead", held), cause}
}

// pair is the Go key of an asymmetric kind: its public key, and its
// private key (or the crypto.Signer or crypto.Decrypter holding it) when
// it is private.
type pair[P any] struct {
	pub  P
	priv any // nil for a public key
}

func (p *pair[P]) isPrivate() bool             { return p.priv != nil }
func (p *pair[P]) publicKey() crypto.PublicKey { return p.pub }
func (p *pair[P]) fixedAlg() string            { return "" }

func (p *pair[P]) goKey() any {
	if p.priv != nil {
		return p.priv
	}
	return p.pub
}

func (p *pair[P]) bindKey(op operation) any {
	if op == opSign || op == opDecrypt {
		return p.priv
	}
	return p.pub
}

// dropPrivate forgets the private key, on a copy (publicOf).
func (p *pair[P]) dropPrivate() { p.priv = nil }

// publicOf is the public method of the kinds built on a pair: the kind
// itself when it holds no private key, else a copy without it (sharing
// the public members, which are immutable).
func publicOf[K any, PK interface {
	*K
	keyKind
	dropPrivate()
}](k PK) keyKind {
	if !k.isPrivate() {
		return k
	}
	c := PK(new(K))
	*c = *k
	c.dropPrivate()
	return c
}

// privateAs returns the private key of a kind, of type T, for members:
// ok is false when members lists the public ones only (private not asked,
// or a public key), and err is set when something other than a T holds
// the key (an HSM: it cannot be exported).
func privateAs[T any](private bool, held any) (key T, ok bool, err error) {
	if !private || held == nil {
		return key, false, nil
	}
	key, ok = held.(T)
	if !ok {
		return key, false, notExportable(held, nil)
	}
	return key, true, nil
}

// publicOnly is what members returns when privateAs said no.
func publicOnly(ms []member, err error) ([]member, error) {
	if err != nil {
		return nil, err
	}
	return ms, nil
}

// holdOpaque makes a public kind the kind of an opaque private key
// (fromOpaque): one that signs or decrypts but whose material is elsewhere.
func (p *pair[P]) holdOpaque(priv any) { p.priv = priv }

// publicEqual is a public key that compares itself with another.
type publicEqual interface{ Equal(crypto.PublicKey) bool }

// samePair compares two pairs: the public keys by their Equal method, the
// private parts when both have one.
func samePair[P publicEqual](a, b *pair[P]) bool {
	return a.pub.Equal(b.pub) && (a.priv == nil || b.priv == nil || samePrivate(a.priv, b.priv))
}

// samePrivate compares two private keys by their Equal method (constant
// time in the standard library); an opaque signer is equal only to itself.
func samePrivate(a, b any) bool {
	if p, ok := a.(interface{ Equal(crypto.PrivateKey) bool }); ok {
		return p.Equal(b)
	}
	return sameValue(a, b)
}

// sameValue reports whether a and b are the same comparable value, without
// panicking on values that cannot be compared.
func sameValue(a, b any) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta != nil && ta == tb && ta.Comparable() && a == b
}

// goKinds make the kind of a standard library key, each for the types it
// knows (ok false for the others).
var goKinds = []func(raw any) (kind keyKind, ok bool, err error){
	rsaFromGo, ecFromGo, okpFromGo, octFromGo,
	akpFromGo, // ML-DSA keys, from Go 1.27 on (akp.go)
	kemFromGo, // HPKE's ML-KEM and hybrid keys (kem.go)
}

// fromRaw checks a Go key and makes its kind.
func fromRaw(raw any) (keyKind, error) {
	if raw == nil {
		return nil, invalid("no key")
	}
	for _, from := range goKinds {
		if kind, ok, err := from(raw); ok {
			return kind, err
		}
	}
	// Only keys of no built-in type reach the registered codecs.
	if kind, ok, err := fromExt(raw); ok {
		return kind, err
	}
	switch key := raw.(type) {
	case crypto.Signer:
		return fromOpaque(key, key.Public)
	case crypto.Decrypter:
		return fromOpaque(key, key.Public)
	}
	if _, ok := raw.(string); ok { // the commonest mistake: say what to give
		return nil, invalid("unsupported key type string (a secret is a []byte; a PEM or JWK text is read with jwk.ParsePEM or jwk.Parse)")
	}
	return nil, invalid("unsupported key type %T", raw)
}

// fromOpaque makes the kind of a key whose private part lives elsewhere (an
// HSM, a KMS), known by its public key only: an RSA, EC, Ed25519 or ML-DSA
// key.
func fromOpaque(key any, public func() crypto.PublicKey) (kind keyKind, err error) {
	defer func() {
		if recover() != nil { // a typed nil whose Public method dereferences it
			kind, err = nil, invalid("nil %T", key)
		}
	}()
	pub := public()
	if !opaquePublic(pub) {
		return nil, invalid("%T has an unsupported public key %T", key, pub)
	}
	kind, err = fromRaw(pub)
	if err != nil {
		return nil, err
	}
	kind.(interface{ holdOpaque(any) }).holdOpaque(key)
	return kind, nil
}

// opaquePublic reports whether an opaque signer's public key is of a kind
// that can be held that way.
func opaquePublic(pub crypto.PublicKey) bool {
	switch pub.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		return true
	}
	return isAKPPublic(pub)
}

// noKey is the kind of a zero Key (one declared, never made or parsed):
// it has no material, serves nothing and equals nothing.
type noKey struct{}

func (noKey) keyType() jwa.KeyType        { return "" }
func (noKey) curve() jwa.Curve            { return "" }
func (noKey) isPrivate() bool             { return false }
func (noKey) goKey() any                  { return nil }
func (noKey) publicKey() crypto.PublicKey { return nil }
func (noKey) public() keyKind             { return noKey{} }
func (noKey) equal(keyKind) bool          { return false }
func (noKey) bindKey(operation) any       { return nil }
func (noKey) fixedAlg() string            { return "" }

func (noKey) members(bool) ([]member, error) {
	return nil, &kindError{text: "is empty: a Key is made by FromKey, Parse or Generate"}
}

func (n noKey) required() ([]member, error) { return n.members(false) }

// km returns the key's kind: noKey for a zero Key.
func (k *Key) km() keyKind {
	if k.kind == nil {
		return noKey{}
	}
	return k.kind
}
