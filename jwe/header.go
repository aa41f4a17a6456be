package jwe

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/internal/jwkcodec"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Header is one JOSE header of a JWE (protected, shared unprotected or
// per-recipient), or the union of them for one recipient. Its registered
// members were type-checked when the token was parsed: a member of the wrong
// JSON type is rejected then, so the typed accessors here return "" for an
// absent member only. A Header is immutable.
type Header struct {
	m header.Members
}

// registered lists the header members RFC 7516 §4.1 and RFC 7518 §4.6-4.8
// define; "crit" must not name them (RFC 7516 §4.1.13).
var registered = []string{
	"alg", "enc", "zip", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256",
	"typ", "cty", "crit", "epk", "apu", "apv", "iv", "tag", "p2s", "p2c",
	"ek", "psk_id", // draft-ietf-jose-hpke-encrypt-20 §11.2
}

// checkMembers checks the JSON types of the registered members of h (T22).
func checkMembers(h header.Members) error {
	for _, name := range []string{"alg", "enc", "zip", "kid", "typ", "cty", "jku", "x5u", "x5t", "x5t#S256"} {
		// As header.Members.String checks, without making the string.
		if v, ok := h[name]; ok {
			if _, err := strictjson.Unquote(v); err != nil {
				return malformed("header member %q must be a string: %w", name, err)
			}
		}
	}
	for _, name := range []string{"apu", "apv", "iv", "tag", "p2s", "x5t", "x5t#S256", "ek", "psk_id"} {
		if _, _, err := h.Bytes(name); err != nil {
			return err
		}
	}
	if _, _, err := h.Int("p2c"); err != nil {
		return err
	}
	if _, _, err := h.Strings("crit"); err != nil {
		return err
	}
	for _, name := range []string{"epk", "jwk"} {
		if v, ok := h[name]; ok && (len(v) == 0 || v[0] != '{') {
			return malformed("header member %q must be an object", name)
		}
	}
	return nil
}

// emptyHeader stands for every absent header: a Header is immutable, so
// they can all share it.
var emptyHeader = &Header{m: header.Members{}}

func newHeader(m header.Members) *Header {
	if len(m) == 0 {
		return emptyHeader
	}
	return &Header{m: m}
}

// interned holds the algorithm names a header usually carries, so that
// reading "alg", "enc" or "zip" allocates no string.
var interned = func() map[string]string {
	m := map[string]string{}
	for _, a := range []jwa.KeyAlgorithm{
		jwa.RSA1_5, jwa.RSA_OAEP, jwa.RSA_OAEP_256, jwa.RSA_OAEP_384, jwa.RSA_OAEP_512,
		jwa.A128KW, jwa.A192KW, jwa.A256KW, jwa.Direct,
		jwa.ECDH_ES, jwa.ECDH_ES_A128KW, jwa.ECDH_ES_A192KW, jwa.ECDH_ES_A256KW,
		jwa.A128GCMKW, jwa.A192GCMKW, jwa.A256GCMKW,
		jwa.PBES2_HS256_A128KW, jwa.PBES2_HS384_A192KW, jwa.PBES2_HS512_A256KW,
	} {
		m[string(a)] = string(a)
	}
	for _, e := range []jwa.ContentEncryption{
		jwa.A128CBC_HS256, jwa.A192CBC_HS384, jwa.A256CBC_HS512,
		jwa.A128GCM, jwa.A192GCM, jwa.A256GCM, jwa.C20P, jwa.XC20P,
	} {
		m[string(e)] = string(e)
	}
	m[string(jwa.Deflate)] = string(jwa.Deflate)
	return m
}()

// merge returns the union of disjoint headers. When at most one of them
// has members, that one is returned as it is (a Header is immutable), so
// the common single-header token costs no new map.
func merge(hs ...*Header) *Header {
	var only *Header
	for _, h := range hs {
		if h == nil || len(h.m) == 0 {
			continue
		}
		if only != nil {
			out := header.Members{}
			for _, h := range hs {
				if h != nil {
					maps.Copy(out, h.m)
				}
			}
			return &Header{m: out}
		}
		only = h
	}
	if only == nil {
		return newHeader(nil)
	}
	return only
}

func (h *Header) str(name string) string {
	if h == nil {
		return ""
	}
	v, ok := h.m[name]
	if !ok {
		return ""
	}
	// Parse checked that the member is a string.
	b, err := strictjson.Unquote(v)
	if err != nil {
		return ""
	}
	if s, ok := interned[string(b)]; ok {
		return s
	}
	return string(b)
}

// Algorithm returns "alg", the key management algorithm.
func (h *Header) Algorithm() jwa.KeyAlgorithm { return jwa.KeyAlgorithm(h.str("alg")) }

// Encryption returns "enc", the content encryption.
func (h *Header) Encryption() jwa.ContentEncryption { return jwa.ContentEncryption(h.str("enc")) }

// Compression returns "zip".
func (h *Header) Compression() jwa.CompressionAlgorithm {
	return jwa.CompressionAlgorithm(h.str("zip"))
}

// KeyID returns "kid". It is the token's own claim: compare it, never use it
// as a path or a query.
func (h *Header) KeyID() string { return h.str("kid") }

// Type returns "typ".
func (h *Header) Type() string { return h.str("typ") }

// ContentType returns "cty".
func (h *Header) ContentType() string { return h.str("cty") }

// Critical returns "crit".
func (h *Header) Critical() []string { return h.members().Critical() }

// Get returns the undecoded JSON value of any member.
func (h *Header) Get(name string) (json.RawMessage, bool) { return h.members().Get(name) }

// Names returns the member names, sorted.
func (h *Header) Names() []string { return h.members().Names() }

// Len returns the number of members.
func (h *Header) Len() int { return len(h.members()) }

// members returns the members; none for a nil header.
func (h *Header) members() header.Members {
	if h == nil {
		return nil
	}
	return h.m
}

// MarshalJSON writes the header as a JSON object with its members sorted.
func (h *Header) MarshalJSON() ([]byte, error) { return h.members().MarshalJSON() }

// parseEPK reads an ephemeral public key ("epk", RFC 7518 §4.6.1.1): a
// public EC key on P-256, P-384 or P-521, or an OKP X25519 key (RFC 8037
// §3.2), returned as an *ecdh.PublicKey; or a key of a curve an extension
// registered with jwk (X448), returned as a [jwa.ECDHPublicKey]. jwk checks
// it as any key (the point must be on its curve, T33); a private member
// makes it malformed. In FIPS 140-3 mode ([jwa.FIPSMode]) a key on a
// curve that mode does not approve (X25519, X448) is refused here, before
// any key agreement, with an error wrapping [jwa.ErrNotApproved]; every
// other error wraps [jwa.ErrMalformed].
func parseEPK(raw json.RawMessage) (*ecdh.PublicKey, jwa.ECDHPublicKey, error) {
	if epk, err := quickEPK(raw); epk != nil || err != nil {
		return epk, nil, err
	}
	k, err := jwk.Parse(raw)
	if err != nil {
		err = header.TokenKeyError(err, jwk.ErrInvalidKeyData)
		if errors.Is(err, jwa.ErrNotApproved) { // jwk refused the curve (FIPS 140-3 mode)
			return nil, nil, fmt.Errorf("jwe: epk: %w", err)
		}
		// jwk's error may say jwa.ErrMalformed already (a malformed
		// member); the sentinel is said once.
		return nil, nil, fmt.Errorf("jwe: epk: %w", errwrap.Beside(err, jwa.ErrMalformed))
	}
	if k.IsPrivate() {
		return nil, nil, malformed("epk holds private key material")
	}
	switch pub := k.PublicKey().(type) {
	case *ecdsa.PublicKey:
		if epk, err := pub.ECDH(); err == nil {
			return epk, nil, nil
		}
	case *ecdh.PublicKey:
		return pub, nil, nil
	case jwa.ECDHPublicKey:
		return nil, pub, nil
	}
	return nil, nil, malformed("epk of kty %q, crv %q: need EC P-256, P-384, P-521 or OKP X25519, or a key agreement curve of an extension", k.KeyType(), k.Curve())
}

// epkNames are the members quickEPK reads, so that their names cost no
// allocation.
var epkNames = strictjson.NewNames("kty", "crv", "x", "y")

// quickEPK reads the usual "epk", with exactly the members kty, crv, x and
// (for EC) y, each of the exact length its curve needs (RFC 7518
// §6.2.1.2, §6.2.1.3; RFC 8037 §2), with jwk's own member reader
// (internal/jwkcodec), straight into an *ecdh.PublicKey, which checks that
// the point is on the curve (T33). It returns nil for anything else, which
// parseEPK then gives to jwk.Parse for the full checks and the precise
// error; so it accepts nothing that jwk.Parse would refuse. In FIPS 140-3
// mode it refuses a curve that mode does not approve, as jwk.Parse does,
// with the same words.
func quickEPK(raw json.RawMessage) (*ecdh.PublicKey, error) {
	obj, err := epkNames.ObjectAliased(raw) // read only, never written
	if err != nil || len(obj) < 3 {
		return nil, nil
	}
	m := jwkcodec.Members(obj)
	kty, _, err1 := m.Unquoted("kty")
	crv, _, err2 := m.Unquoted("crv")
	if err1 != nil || err2 != nil {
		return nil, nil
	}
	c := jwkcodec.LookupCurve(kty, crv)
	if c == nil || c.ECDH == nil || len(m) != c.NumMembers() {
		return nil, nil
	}
	if err := c.Name.CheckFIPS(); err != nil { // T76: before the key is decoded
		return nil, fmt.Errorf("jwe: epk: key on curve %s: %w", c.Name, err)
	}
	enc, err := c.Public(make([]byte, 0, c.EncodedSize()), m)
	if err != nil {
		return nil, nil
	}
	pub, err := c.ECDH.NewPublicKey(enc)
	if err != nil {
		return nil, nil
	}
	return pub, nil
}

// marshalEPK writes the ephemeral public key as a JWK (kty, crv, x, y: the
// member order of RFC 7520).
func marshalEPK(pub any) (json.RawMessage, error) {
	if k, ok := pub.(*ecdh.PublicKey); ok && k != nil {
		if c := jwkcodec.CurveOf(k.Curve()); c != nil {
			// A key of a built-in curve, written by jwk's member writer
			// from the key's own encoding.
			return c.AppendJWK(make([]byte, 0, 48+2*base64url.EncodedLen(c.Size)), k.Bytes()), nil
		}
	}
	k, err := jwk.FromKey(pub)
	if err != nil {
		return nil, err
	}
	return k.MarshalJSON()
}
