package jwe

import (
	"cmp"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/header"
	"github.com/joseproject/jose/internal/jwecrypto"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Result is what [DecryptMessage] returns: the plaintext and what it was
// decrypted with.
//
// Of the three headers, only Protected is authenticated: the content's
// tag covers it (RFC 7516 §5.1 step 14). Shared and PerRecipient are
// protected by nothing; whoever handles the token may add, change or
// remove their members without the decryption noticing. So read "typ",
// "cty" and any other member the application acts on from Protected, and
// treat a member found only in the other two as the sender's unchecked
// hint (threat T61). [Result.Source] tells which header holds a member.
type Result struct {
	// Plaintext is the decrypted (and decompressed) content.
	Plaintext []byte
	// Recipient is the index in Message.Recipients of the recipient whose
	// key decrypted the content.
	Recipient int
	// Key is the key that decrypted it.
	Key *jwk.Key
	// Algorithm is the key management algorithm that decrypted it, and
	// Encryption the content encryption: both among those the caller
	// allowed, wherever the token wrote them. Encryption is empty for
	// Integrated Encryption (HPKE).
	Algorithm  jwa.KeyAlgorithm
	Encryption jwa.ContentEncryption
	// Protected is the JWE Protected Header, authenticated by the
	// decryption; empty (not nil) when the token has none.
	Protected *Header
	// Shared ("unprotected") and PerRecipient (the recipient's "header")
	// are the unprotected headers, which nothing authenticates; each empty
	// (not nil) when absent.
	Shared, PerRecipient *Header
	// AAD is the external additional authenticated data, or nil. It is
	// authenticated.
	AAD []byte
	// Serialization is the form the token was in.
	Serialization Serialization
}

// HeaderSource names the header of a [Result] that holds a member.
type HeaderSource uint8

// The headers a member may come from. The three are disjoint (RFC 7516
// §7.2.1, checked when the token is parsed), so a member is in one at
// most.
const (
	Absent         HeaderSource = iota // in none of them
	InProtected                        // the protected header: authenticated
	InShared                           // the shared unprotected header: not authenticated
	InPerRecipient                     // the per-recipient header: not authenticated
)

// Authenticated reports whether a member from s was authenticated: only
// one from the protected header was.
func (s HeaderSource) Authenticated() bool { return s == InProtected }

// String returns "absent", "protected", "shared unprotected" or
// "per-recipient unprotected".
func (s HeaderSource) String() string {
	switch s {
	case Absent:
		return "absent"
	case InProtected:
		return "protected"
	case InShared:
		return "shared unprotected"
	case InPerRecipient:
		return "per-recipient unprotected"
	}
	return "unknown"
}

// Source returns the undecoded value of the member name of the decrypting
// recipient's JOSE Header and the header it came from; nil and [Absent]
// when no header has it.
func (r *Result) Source(name string) (json.RawMessage, HeaderSource) {
	for _, h := range [...]struct {
		h *Header
		s HeaderSource
	}{{r.Protected, InProtected}, {r.Shared, InShared}, {r.PerRecipient, InPerRecipient}} {
		if v, ok := h.h.Get(name); ok {
			return v, h.s
		}
	}
	return nil, Absent
}

// Decrypt decrypts a JWE in any serialization and returns the plaintext. It
// is [DecryptMessage] without the details.
func Decrypt(token string, opts ...DecryptOption) (_ []byte, err error) {
	defer errwrap.Own(&err, "jwe")
	r, err := DecryptMessage(token, opts...)
	if err != nil {
		return nil, err
	}
	return r.Plaintext, nil
}

// DecryptMessage decrypts a JWE in any serialization.
//
// The caller states what it accepts, and the token chooses nothing by
// itself: keys with [WithKey] (each bound to its algorithm) and/or
// [WithKeySet] (with its list of algorithms), and the allowed content
// encryptions with [WithAllowedEncryptions]; both are required (the second
// but for HPKE keys alone), and a missing one is an error wrapping
// [ErrInvalidOption] that names it. A token whose "alg"
// or "enc" is not allowed fails with [jwa.ErrAlgorithmNotAllowed] before any
// key is used.
//
// Before any cryptographic work, the token is parsed as [Parse] does and its
// limits are applied ([WithMaxSize], [WithMaxRecipients],
// [WithMaxHeaderSize]); "crit" must name only members given to
// [WithKnownCritical]; "zip", when present, must be "DEF" (T45); with dir or
// ECDH-ES the encrypted key must be empty (T35); an "epk" must be a public
// key on the curve of the recipient's key (T33). Those failures wrap
// [jwa.ErrMalformed], [jwa.ErrLimitExceeded] or
// [jwa.ErrUnsupportedAlgorithm]; a recipient with no usable key gives
// [jwk.ErrKeyNotFound].
//
// Then each recipient whose "alg" is allowed and for which a key fits (by
// alg, and by kid when both the token and the key have one) is tried in
// order, until one decrypts. A recipient that the key's algorithm refuses
// on public values alone is skipped before any secret work: a "p2c" over
// [WithMaxP2C] or under [WithMinP2C], a "p2s" under 8 bytes, PBKDF2 work
// beyond the token's [WithPBES2Budget] (T36), an "epk" on another curve
// than the key, an "enc" other than the one a dir key is bound to (T32).
// When the budget refused a recipient and nothing decrypted, that error is
// returned; when every recipient was refused on public values, the first
// such error is. Whatever fails from there on (the key unwrap, the CEK's
// length, the tag, the padding, the IV's length) gives the same error,
// wrapping [ErrDecryption] with no cause, and a failed key unwrap goes on
// with a random CEK so that it costs the same work as a bad tag (RSA1_5
// keeps the RFC 7516 §11.5 mitigation). A compressed plaintext is then
// inflated up to [WithMaxDecompressedSize] ([jwa.ErrLimitExceeded] when it
// would grow larger).
func DecryptMessage(token string, opts ...DecryptOption) (_ *Result, err error) {
	defer errwrap.Own(&err, "jwe")
	c, err := configure(callDecrypt, opts)
	if err != nil {
		return nil, err
	}
	switch {
	case len(c.keys) == 0 && c.set == nil:
		return nil, optionError("Decrypt needs a key: give WithKey or WithKeySet")
	case len(c.encs) == 0 && !c.onlyIntegrated():
		return nil, optionError("Decrypt needs WithAllowedEncryptions, the content encryptions it accepts")
	case c.minP2C > cmp.Or(c.maxP2C, jwa.DefaultMaxP2C):
		return nil, optionError("WithMinP2C(%d) is over the largest count accepted, %d (WithMaxP2C)", c.minP2C, cmp.Or(c.maxP2C, jwa.DefaultMaxP2C))
	}
	keys, err := c.bindKeys()
	if err != nil {
		return nil, err
	}
	// T36: one budget of PBKDF2 iterations for every recipient and key
	// tried on this token; by default one derivation at the cap.
	c.budget = jwa.PBKDF2Budget{Limit: cmp.Or(c.budget.Limit, c.maxP2C, jwa.DefaultMaxP2C)}
	m, err := c.parse(token)
	if err != nil {
		return nil, err
	}
	r, err := c.decrypt(m, keys)
	if c.testBudget != nil {
		c.testBudget(c.budget)
	}
	return r, err
}

// boundKey is a WithKey key, checked and bound to its algorithm.
type boundKey struct {
	alg jwa.KeyAlgorithm
	key *jwk.Key
	dec jwa.KeyDecrypter
}

func (c *config) bindKeys() ([]boundKey, error) {
	out := make([]boundKey, 0, len(c.keys))
	for _, k := range c.keys {
		if _, err := k.alg.Scheme(); err != nil {
			return nil, optionError("WithKey: %w", err)
		}
		key, err := jwk.FromKey(k.key)
		if err != nil {
			return nil, optionError("WithKey(%s): %w", k.alg, err)
		}
		dec, err := key.KeyDecrypter(k.alg)
		if err != nil {
			return nil, optionError("WithKey(%s): %w", k.alg, err)
		}
		out = append(out, boundKey{k.alg, key, dec})
	}
	return out, nil
}

func (c *config) algAllowed(alg jwa.KeyAlgorithm) bool {
	return slices.Contains(c.setAlgs, alg) || slices.ContainsFunc(c.keys, func(k decryptKey) bool { return k.alg == alg })
}

// noAllowedRecipient is the error for a token none of whose recipients
// uses a key management algorithm the caller allows; it names the
// token's algorithms and the accepted ones, so that a caller sees at once
// which option to change.
func (c *config) noAllowedRecipient(m *Message) error {
	var names []string
	for _, a := range c.setAlgs {
		names = append(names, string(a))
	}
	for _, k := range c.keys {
		names = append(names, string(k.alg))
	}
	slices.Sort(names)
	var got []string
	for i := range m.Recipients {
		if a := fmt.Sprintf("%.64q", m.JOSEHeader(i).Algorithm()); !slices.Contains(got, a) { // clipped: the token chose it
			got = append(got, a)
		}
	}
	return notAllowed("no recipient uses an allowed key management algorithm: the token has %s; accepted are %s",
		strings.Join(got, ", "), strings.Join(slices.Compact(names), ", "))
}

// attempt is one (recipient, key) pair to try.
type attempt struct {
	recipient int
	key       *jwk.Key
	dec       jwa.KeyDecrypter
	params    *jwa.KeyParams
}

// checkCommon applies the rules every recipient's header must pass before
// its key is used: "crit", "zip" and "psk_id".
func (c *config) checkCommon(m *Message, recipient int) error {
	h := m.JOSEHeader(recipient)
	// RFC 7516 §4.1.13: "crit" only in the protected header, naming only
	// members this call understands (T23).
	if _, err := header.CheckCrit(m.Protected.m, []header.Members{m.Shared.m, m.Recipients[recipient].Header.m}, registered, c.known); err != nil {
		return err
	}
	// T45: "zip" is "DEF" (RFC 7518 §7.3, case-sensitive) or absent. Any
	// other value names a compression this package does not implement; an
	// empty one is no exception, since reading it as "no compression"
	// would accept a header that does not say what it means.
	if _, ok := m.Protected.m["zip"]; ok {
		if zip := m.Protected.Compression(); zip != jwa.Deflate {
			return fmt.Errorf("jwe: compression %q: only %q is defined: %w", zip, jwa.Deflate, jwa.ErrUnsupportedAlgorithm)
		}
	}
	// draft-ietf-jose-hpke-encrypt-20 §4: "psk_id" selects HPKE PSK mode,
	// which crypto/hpke does not offer; decrypting in base mode instead
	// would ignore a member the sender meant.
	if _, ok := h.m["psk_id"]; ok {
		return fmt.Errorf("jwe: \"psk_id\" (HPKE PSK mode) is not supported: %w", jwa.ErrUnsupportedAlgorithm)
	}
	return nil
}

func (c *config) decrypt(m *Message, keys []boundKey) (*Result, error) {
	if m.JOSEHeader(0).Algorithm().IsIntegrated() { // Parse checked it is the only recipient
		return c.decryptIntegrated(m, keys)
	}
	enc := m.JOSEHeader(0).Encryption() // the same for all: Parse checked
	if !slices.Contains(c.encs, enc) {
		list := make([]string, len(c.encs))
		for i, e := range c.encs {
			list[i] = string(e)
		}
		// The name is clipped, as noAllowedRecipient clips "alg": the token chose it.
		return nil, notAllowed("content encryption %.64q is not allowed: accepted are %s", enc, strings.Join(list, ", "))
	}
	scheme, err := enc.Scheme()
	if err != nil {
		return nil, fmt.Errorf("jwe: %w", err)
	}
	var attempts []attempt
	allowed := false
	for i := range m.Recipients {
		h := m.JOSEHeader(i)
		r := m.Recipients[i]
		if err := c.checkCommon(m, i); err != nil {
			return nil, err
		}
		alg := h.Algorithm()
		if !c.algAllowed(alg) {
			continue
		}
		allowed = true
		if _, err := alg.Scheme(); err != nil {
			return nil, fmt.Errorf("jwe: %w", err)
		}
		// T35: dir and ECDH-ES determine the CEK; an encrypted key would
		// be ignored, so a token that carries one is not what it claims.
		if alg.IsDirect() && len(r.EncryptedKey) != 0 {
			return nil, malformed("%s with a non-empty encrypted key", alg)
		}
		p, err := c.keyParams(h, enc)
		if err != nil {
			return nil, err
		}
		cands, err := c.candidates(h, alg, keys)
		if err != nil {
			return nil, err
		}
		for _, k := range cands {
			attempts = append(attempts, attempt{recipient: i, key: k.key, dec: k.dec, params: p})
		}
	}
	if !allowed {
		return nil, c.noAllowedRecipient(m)
	}
	if len(attempts) == 0 {
		return nil, fmt.Errorf("jwe: no key fits any recipient: %w", jwk.ErrKeyNotFound)
	}
	aad := aadInput(m.rawProtected, m.rawAAD, m.hasAAD)
	sealed := jwa.Sealed{IV: m.IV, Ciphertext: m.Ciphertext, Tag: m.Tag}
	var structural error // the first recipient refused on public values
	var overBudget error // the first recipient refused for the PBES2 budget
	tried := false
	for i, a := range attempts {
		p := *a.params
		refused := c.budget.Refused
		cek, err := a.dec.DecryptKey(m.Recipients[a.recipient].EncryptedKey, &p)
		if err != nil {
			// jwa and jwk check public values first (p2c and p2s, the
			// PBKDF2 budget, an epk on another curve than the key, the enc
			// a dir key is bound to, a p2s FIPS 140-3 mode refuses) and say
			// so; such a recipient is
			// skipped before any secret work, and may be told apart.
			switch {
			case c.budget.Refused > refused:
				if overBudget == nil {
					overBudget = fmt.Errorf("jwe: recipient %d: %w (WithPBES2Budget sets the PBKDF2 iterations one token may cost)", a.recipient, err)
				}
				continue
			case errors.Is(err, jwa.ErrLimitExceeded) || errors.Is(err, jwa.ErrMalformed) || errors.Is(err, jwa.ErrAlgorithmNotAllowed) || errors.Is(err, jwa.ErrNotApproved):
				if structural == nil {
					structural = fmt.Errorf("jwe: recipient %d: %w", a.recipient, err)
				}
				continue
			}
			cek = nil
		}
		tried = true
		if len(cek) != scheme.KeySize() {
			// Go on with a random CEK of the right length so that a bad key
			// costs the same work as a bad tag (RFC 7516 §11.5).
			cek = make([]byte, scheme.KeySize())
			_, _ = rand.Read(cek)
		}
		// The last attempt may decrypt in place: no later one needs the
		// ciphertext. Which attempt is last depends on the token and the
		// keys only, never on a secret.
		var inPlace []byte
		if i == len(attempts)-1 {
			inPlace = m.ctTag
		}
		plain, ok := open(scheme, cek, sealed, inPlace, aad)
		if !ok {
			continue
		}
		return c.result(m, a.recipient, enc, a.key, plain)
	}
	switch {
	case overBudget != nil:
		return nil, overBudget
	case !tried:
		return nil, structural
	}
	return nil, errDecrypt
}

// result inflates a compressed plaintext and reports what decrypted it.
func (c *config) result(m *Message, recipient int, enc jwa.ContentEncryption, key *jwk.Key, plain []byte) (*Result, error) {
	if m.Protected.Compression() == jwa.Deflate {
		var err error
		// A limit of zero is jwa.DefaultMaxDecompressedSize.
		if plain, err = jwa.Deflate.Decompress(plain, c.maxDecomp); err != nil {
			return nil, fmt.Errorf("jwe: %w", err)
		}
	}
	return &Result{
		Plaintext:     plain,
		Recipient:     recipient,
		Key:           key,
		Algorithm:     cmp.Or(m.Protected.Algorithm(), m.Shared.Algorithm(), m.Recipients[recipient].Header.Algorithm()),
		Encryption:    enc,
		Protected:     m.Protected,
		Shared:        m.Shared,
		PerRecipient:  m.Recipients[recipient].Header,
		AAD:           m.AAD,
		Serialization: m.Serialization,
	}, nil
}

// open runs the content decryption and reports success only. When ctTag
// is not nil (s.Ciphertext and s.Tag side by side in a buffer nothing else
// needs) and the cipher can, it decrypts in place.
func open(scheme jwa.ContentScheme, cek []byte, s jwa.Sealed, ctTag, aad []byte) ([]byte, bool) {
	ciph, err := scheme.NewCipher(cek)
	if err != nil {
		return nil, false
	}
	var plain []byte
	if ip, ok := ciph.(jwecrypto.InPlaceOpener); ok && ctTag != nil {
		plain, err = ip.OpenInPlace(s.IV, ctTag, aad)
	} else {
		plain, err = ciph.Open(s, aad)
	}
	if err != nil {
		return nil, false
	}
	return plain, true
}

// keyParams reads the key management parameters of a recipient's header.
// The JSON types were checked by Parse.
func (c *config) keyParams(h *Header, enc jwa.ContentEncryption) (*jwa.KeyParams, error) {
	p := &jwa.KeyParams{Enc: enc, Limits: jwa.KeyLimits{MinP2C: c.minP2C, MaxP2C: c.maxP2C, PBKDF2: &c.budget}}
	if raw, ok := h.m["epk"]; ok {
		epk, ext, err := parseEPK(raw)
		if err != nil {
			return nil, err
		}
		p.EPK, p.ExtEPK = epk, ext
	}
	p.APU, _, _ = h.m.Bytes("apu")
	p.APV, _, _ = h.m.Bytes("apv")
	p.IV, _, _ = h.m.Bytes("iv")
	p.Tag, _, _ = h.m.Bytes("tag")
	p.EK, _, _ = h.m.Bytes("ek")
	p.P2S, _, _ = h.m.Bytes("p2s")
	p.P2C, _, _ = h.m.Int("p2c")
	return p, nil
}

// candidates returns the keys to try on a recipient with alg: the WithKey
// keys bound to alg whose kid does not contradict the header's, then the
// key set's choice.
func (c *config) candidates(h *Header, alg jwa.KeyAlgorithm, keys []boundKey) ([]boundKey, error) {
	kid := h.KeyID()
	var out []boundKey
	for _, k := range keys {
		if k.alg != alg {
			continue
		}
		if kid != "" && k.key.KeyID() != "" && k.key.KeyID() != kid {
			continue
		}
		out = append(out, k)
	}
	if c.set != nil && slices.Contains(c.setAlgs, alg) {
		found, err := c.set.Select(c.ctx, jwk.Query{KeyID: kid, KeyManagement: alg})
		if err != nil && !errors.Is(err, jwk.ErrKeyNotFound) {
			return nil, fmt.Errorf("jwe: %w", err)
		}
		for _, k := range found {
			dec, err := k.KeyDecrypter(alg)
			if err != nil {
				continue
			}
			out = append(out, boundKey{alg, k, dec})
		}
	}
	return out, nil
}
