package sdjwt

import (
	"crypto"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// SDJWT is an SD-JWT as its holder keeps it: the issuer-signed JWT and every
// disclosure the issuer gave, each with the claim it reveals. Make one with
// [Parse] or [ParseUnverified]; present it with [SDJWT.Present].
type SDJWT struct {
	jwt         string
	hash        HashAlgorithm
	cnf         json.RawMessage // the "cnf" claim, if any
	disclosures []*Disclosure
}

// Parse is what a holder does with the SD-JWT it receives from an issuer
// (RFC 9901 §7.2): it checks it as [Verify] does (the issuer's signature and
// claims with the [WithVerifyOptions], which must give the issuer's keys; every
// disclosure's digest once in the token; the claims of the processed payload)
// and returns it with its disclosures. An SD-JWT+KB is refused: an issuer
// does not send one (RFC 9901 §7.2).
//
// Options: [WithVerifyOptions], [WithAllowedHashAlgorithms], [WithMaxSize],
// [WithClock], [WithLeeway].
func Parse(sdjwt string, opts ...ParseOption) (_ *SDJWT, err error) {
	defer errwrap.Own(&err, "sdjwt")
	c, err := configure(callParse, opts)
	if err != nil {
		return nil, err
	}
	t, err := splitHolder(sdjwt, c.maxSize)
	if err != nil {
		return nil, err
	}
	var p *processed
	var cnf json.RawMessage
	transform := func(payload []byte) ([]byte, error) {
		if p, err = process(payload, t.disclosures, c.hashes); err != nil {
			return nil, err
		}
		cnf = marshalCnf(p.claims)
		return json.Marshal(p.claims)
	}
	if _, err := jwt.Verify[map[string]any](t.jwt, c.issuerJWTOptions(transform)...); err != nil {
		return nil, fmt.Errorf("sdjwt: %w", err)
	}
	return &SDJWT{jwt: t.jwt, hash: p.hash, cnf: cnf, disclosures: p.disclosures}, nil
}

// ParseUnverified reads an SD-JWT without checking the issuer's signature
// or any claim: for a holder that cannot (it lacks the issuer's key) or has
// already done so. The structure is checked as by [Parse]: the strict JSON of
// the payload and disclosures, every disclosure's digest exactly once, the
// accepted "_sd_alg". An SD-JWT+KB is refused.
//
// Options: [WithAllowedHashAlgorithms], [WithMaxSize].
func ParseUnverified(sdjwt string, opts ...ReadOption) (_ *SDJWT, err error) {
	defer errwrap.Own(&err, "sdjwt")
	c, err := configure(callParseUnverified, opts)
	if err != nil {
		return nil, err
	}
	t, err := splitHolder(sdjwt, c.maxSize)
	if err != nil {
		return nil, err
	}
	payload, err := base64url.DecodeString(strings.Split(t.jwt, ".")[1])
	if err != nil {
		return nil, malformed("issuer-signed JWT payload is not base64url: %w", err)
	}
	p, err := process(payload, t.disclosures, c.hashes)
	if err != nil {
		return nil, err
	}
	return &SDJWT{jwt: t.jwt, hash: p.hash, cnf: marshalCnf(p.claims), disclosures: p.disclosures}, nil
}

func splitHolder(s string, maxSize int) (*token, error) {
	t, err := split(s, maxSize)
	if err != nil {
		return nil, err
	}
	if t.kb != "" {
		// RFC 9901 §7.2: a holder rejects an SD-JWT+KB.
		return nil, malformed("an issued SD-JWT ends with '~', not a Key Binding JWT")
	}
	return t, nil
}

func marshalCnf(claims map[string]any) json.RawMessage {
	if v, ok := claims["cnf"]; ok {
		b, _ := json.Marshal(v)
		return b
	}
	return nil
}

// JWT returns the issuer-signed JWT.
func (s *SDJWT) JWT() string { return s.jwt }

// HashAlgorithm returns the hash of the digests ("_sd_alg").
func (s *SDJWT) HashAlgorithm() HashAlgorithm { return s.hash }

// Disclosures returns the disclosures in the order the issuer gave them.
// Each one's [Disclosure.Path] says which claim it reveals.
func (s *SDJWT) Disclosures() []*Disclosure { return slices.Clone(s.disclosures) }

// String returns the SD-JWT with every disclosure, in the compact form.
func (s *SDJWT) String() string {
	t := &token{jwt: s.jwt}
	for _, d := range s.disclosures {
		t.disclosures = append(t.disclosures, d.encoded)
	}
	return t.compact()
}

// Present returns a presentation of the SD-JWT that reveals the selected
// disclosures (RFC 9901 §7.2), which must be disclosures of s (from
// [SDJWT.Disclosures]). A disclosure nested in the value of another needs
// that one to be of use (RFC 9901 §4.2.6), so Present adds the enclosing
// disclosures itself. The disclosures are written in the issuer's order.
//
// With [WithHolderKey] and [WithKeyBinding], Present appends a Key Binding
// JWT (RFC 9901 §4.3): "typ" "kb+jwt", and the claims "iat" (from
// [WithClock]), "aud", "nonce" and "sd_hash", the digest of the presentation
// under the SD-JWT's hash algorithm. Options: [WithHolderKey],
// [WithKeyBinding], [WithClock], [WithJSON].
func (s *SDJWT) Present(selected []*Disclosure, opts ...PresentOption) (_ string, err error) {
	defer errwrap.Own(&err, "sdjwt")
	c, err := configure(callPresent, opts)
	if err != nil {
		return "", err
	}
	if (c.holderKey != nil) != c.kb {
		return "", optionError("a Key Binding JWT needs both WithHolderKey and WithKeyBinding")
	}
	keep := map[*Disclosure]bool{}
	for _, d := range selected {
		if d == nil || !containsDisclosure(s.disclosures, d) {
			return "", optionError("Present: a selected disclosure is not one of this SD-JWT's")
		}
		for ; d != nil; d = d.parent {
			keep[d] = true
		}
	}
	t := &token{jwt: s.jwt, disclosures: []string{}}
	for _, d := range s.disclosures {
		if keep[d] {
			t.disclosures = append(t.disclosures, d.encoded)
		}
	}
	if c.kb {
		if err := s.checkHolderKey(c.holderKey); err != nil {
			return "", err
		}
		sdHash, err := s.hash.Digest(t.sdHashInput())
		if err != nil {
			return "", err
		}
		kb := kbClaims{Nonce: c.nonce, Audience: c.audience, IssuedAt: c.clock().Unix(), SDHash: sdHash}
		if t.kb, err = jwt.Sign(kb, c.holderAlg, c.holderKey, jwt.WithType(kbType)); err != nil {
			return "", fmt.Errorf("sdjwt: key binding JWT: %w", err)
		}
	}
	if c.json {
		return t.flattened()
	}
	return t.compact(), nil
}

func containsDisclosure(list []*Disclosure, d *Disclosure) bool {
	for _, e := range list {
		if e == d {
			return true
		}
	}
	return false
}

// checkHolderKey checks, when it can tell, that the holder's key is the one
// in "cnf", so that a wallet notices a wrong key before a verifier does.
func (s *SDJWT) checkHolderKey(key any) error {
	var pub *jwk.Key
	switch k := key.(type) {
	case *jwk.Key:
		pub = k.Public()
	case crypto.Signer:
		var err error
		if pub, err = jwk.FromKey(k.Public()); err != nil {
			return nil // let jwt.Sign say what is wrong with the key
		}
	default:
		return nil
	}
	cnfKey, err := confirmationKey(s.cnf)
	if err != nil {
		return err
	}
	if !cnfKey.Equal(pub) {
		return fmt.Errorf("sdjwt: the holder key is not the SD-JWT's \"cnf\" key: %w", ErrKeyBinding)
	}
	return nil
}

// kbType is the "typ" of a Key Binding JWT (RFC 9901 §4.3).
const kbType = "kb+jwt"

// kbClaims are the claims of a Key Binding JWT, in the RFC's order.
type kbClaims struct {
	Nonce    string `json:"nonce"`
	Audience string `json:"aud"`
	IssuedAt int64  `json:"iat"`
	SDHash   string `json:"sd_hash"`
}

// confirmationKey reads the public key of a "cnf" claim with the "jwk"
// confirmation method (RFC 7800 §3.2).
func confirmationKey(cnf json.RawMessage) (*jwk.Key, error) {
	if cnf == nil {
		return nil, fmt.Errorf("sdjwt: the SD-JWT has no \"cnf\" claim to bind a key: %w", ErrKeyBinding)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(cnf, &m); err != nil {
		return nil, fmt.Errorf("sdjwt: the \"cnf\" claim is not a JSON object: %w: %w", err, ErrKeyBinding)
	}
	if m["jwk"] == nil {
		return nil, fmt.Errorf("sdjwt: the \"cnf\" claim has no \"jwk\" member: %w", ErrKeyBinding)
	}
	k, err := jwk.Parse(m["jwk"])
	if err != nil {
		return nil, fmt.Errorf("sdjwt: \"cnf\" key: %w: %w", ErrKeyBinding, header.TokenKeyError(err, jwk.ErrInvalidKeyData))
	}
	if k.IsPrivate() || k.IsSymmetric() {
		return nil, fmt.Errorf("sdjwt: the \"cnf\" key is not a public key: %w", ErrKeyBinding)
	}
	return k, nil
}
