package jwe

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/jwecrypto"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Encrypt encrypts plaintext for the recipients given with [WithRecipient]
// (at least one) with the content encryption given with [WithEncryption]
// (exactly one), and returns the JWE.
//
// Every call draws a fresh random CEK of the size the content encryption
// needs, and the content encryption draws a fresh IV (T46); ECDH-ES draws a
// fresh ephemeral key per recipient, PBES2 a fresh 16-byte salt. dir and
// ECDH-ES determine the CEK themselves, so they allow one recipient only
// (RFC 7516 §7.2.1).
//
// Output: compact by default (one recipient, no unprotected header, no
// AAD; anything else is an error, never silently another form), flattened
// JSON with [WithFlattened], general JSON with [WithJSON] (needed for
// several recipients). With one recipient, "alg", "kid" and the members the
// key management algorithm writes ("epk", "p2s", "p2c", "tag", "iv") go to
// the protected header, as in RFC 7520 §5; with several recipients they go
// to each recipient's unprotected header, as in RFC 7516 Appendix A.4, and
// the protected header holds "enc", "zip" and the caller's members. The
// protected header's members are written in the order alg, kid, algorithm
// members, the caller's members (in option order), enc, zip.
//
// "kid" is the key's kid unless [WithKeyID] says otherwise. The PBES2
// iteration count is [DefaultEncryptP2C] unless [WithP2C] says otherwise.
func Encrypt(plaintext []byte, opts ...EncryptOption) (_ string, err error) {
	defer errwrap.Own(&err, "jwe")
	c, err := configure(callEncrypt, opts)
	if err != nil {
		return "", err
	}
	form, err := c.encryptForm()
	if err != nil {
		return "", err
	}
	if _, ok := c.integrated(); ok {
		return c.encryptIntegrated(plaintext, form)
	}
	enc := c.enc
	scheme, err := enc.Scheme()
	if err != nil {
		return "", fmt.Errorf("jwe: %w", err)
	}

	cek := c.testCEK
	if cek == nil {
		cek = make([]byte, scheme.KeySize())
		_, _ = rand.Read(cek) // never fails since Go 1.24
	}
	several := len(c.recipients) > 1
	recipientHeaders := make([][]member, len(c.recipients))
	encryptedKeys := make([][]byte, len(c.recipients))
	var generatedProtected []member
	for i, spec := range c.recipients {
		gen, ek, used, err := c.encryptKey(spec, enc, cek)
		if err != nil {
			return "", err
		}
		if spec.alg.IsDirect() {
			cek = used
		}
		encryptedKeys[i] = ek
		if several {
			recipientHeaders[i] = append(gen, spec.header...)
		} else {
			generatedProtected = gen
			recipientHeaders[i] = spec.header
		}
	}

	protected := append(generatedProtected, c.protected...)
	protected = append(protected, member{"enc", mustMarshal(string(enc))})
	if c.zip != "" {
		protected = append(protected, member{"zip", mustMarshal(string(c.zip))})
	}
	for i := range recipientHeaders {
		// RFC 7516 §7.2.1: the headers must be disjoint.
		if err := disjoint(protected, c.shared, recipientHeaders[i]); err != nil {
			return "", err
		}
	}
	content := plaintext
	if c.zip != "" {
		if content, err = c.zip.Compress(plaintext); err != nil {
			return "", fmt.Errorf("jwe: %w", err)
		}
	}
	headerJSON := objectJSON(protected)
	if form == Compact && c.testSeal == nil {
		return compactSeal(scheme, enc, cek, headerJSON, encryptedKeys[0], content)
	}
	rawProtected := base64url.EncodeToString(headerJSON)
	aad := aadInput([]byte(rawProtected), base64url.AppendEncode(nil, c.aad), len(c.aad) > 0)
	var sealed jwa.Sealed
	if c.testSeal != nil {
		sealed, err = c.testSeal(enc, cek, content, aad)
	} else {
		var ciph jwa.ContentCipher
		if ciph, err = scheme.NewCipher(cek); err == nil {
			sealed, err = ciph.Seal(content, aad)
		}
	}
	if err != nil {
		return "", fmt.Errorf("jwe: %s: %w", enc, err)
	}

	return c.serialize(form, rawProtected, recipientHeaders, encryptedKeys, sealed)
}

// sealSlack bounds what content encryption adds to the plaintext: an IV
// (24 bytes for XChaCha20), up to a block of padding (16) and a tag (up to
// 32), rounded up.
const sealSlack = 96

// maxPooledSeal is the largest scratch buffer kept for reuse.
const maxPooledSeal = 1 << 20

// sealPool holds scratch buffers for AppendSeal. They only ever hold what
// the token publishes (the encoded protected header, IV, ciphertext, tag):
// AppendSeal leaves nothing else behind.
var sealPool sync.Pool // of *[]byte

// compactSeal encrypts content and writes the compact serialization (RFC
// 7516 §7.1) into one string: the protected header is encoded into a reused
// scratch buffer, where it serves as the AAD (RFC 7516 §5.1 step 14), the
// sealed parts follow it there, and all are encoded into the output.
func compactSeal(scheme jwa.ContentScheme, enc jwa.ContentEncryption, cek, headerJSON, ek, content []byte) (string, error) {
	ciph, err := scheme.NewCipher(cek)
	if err != nil {
		return "", fmt.Errorf("jwe: %s: %w", enc, err)
	}
	as, ok := ciph.(jwecrypto.AppendSealer)
	if !ok {
		rawProtected := base64url.AppendEncode(nil, headerJSON)
		sealed, err := ciph.Seal(content, rawProtected)
		if err != nil {
			return "", fmt.Errorf("jwe: %s: %w", enc, err)
		}
		return compact(rawProtected, ek, sealed), nil
	}
	p, _ := sealPool.Get().(*[]byte)
	if p == nil {
		p = new([]byte)
	}
	if n := base64url.EncodedLen(len(headerJSON)) + len(content) + sealSlack; cap(*p) < n {
		*p = make([]byte, 0, n)
	}
	aad := base64url.AppendEncode((*p)[:0], headerJSON)
	_, sealed, err := as.AppendSeal(aad[len(aad):], content, aad)
	if err != nil {
		return "", fmt.Errorf("jwe: %s: %w", enc, err)
	}
	out := compact(aad, ek, sealed)
	if cap(*p) <= maxPooledSeal {
		sealPool.Put(p)
	}
	return out, nil
}

// serialize writes the JWE in form: the compact serialization of RFC 7516
// §7.1, or the JSON of §7.2 with the caller's shared header and AAD.
func (c *config) serialize(form Serialization, rawProtected string, recipientHeaders [][]member, encryptedKeys [][]byte, sealed jwa.Sealed) (string, error) {
	if form == Compact {
		return compact([]byte(rawProtected), encryptedKeys[0], sealed), nil
	}
	rawAAD := base64url.EncodeToString(c.aad)
	out := jsonJWE{
		Protected:  rawProtected,
		IV:         base64url.EncodeToString(sealed.IV),
		Ciphertext: ptr(base64url.EncodeToString(sealed.Ciphertext)),
		Tag:        base64url.EncodeToString(sealed.Tag),
	}
	if len(c.shared) > 0 {
		out.Unprotected = objectJSON(c.shared)
	}
	if len(c.aad) > 0 {
		out.AAD = &rawAAD
	}
	if form == Flattened {
		if len(recipientHeaders[0]) > 0 {
			out.Header = objectJSON(recipientHeaders[0])
		}
		if len(encryptedKeys[0]) > 0 {
			out.EncryptedKey = ptr(base64url.EncodeToString(encryptedKeys[0]))
		}
	} else {
		out.Recipients = make([]jsonRecipient, len(encryptedKeys))
		for i := range out.Recipients {
			out.Recipients[i].EncryptedKey = base64url.EncodeToString(encryptedKeys[i])
			if len(recipientHeaders[i]) > 0 {
				out.Recipients[i].Header = objectJSON(recipientHeaders[i])
			}
		}
	}
	b, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("jwe: %w", err)
	}
	return string(b), nil
}

func ptr[T any](v T) *T { return &v }

// encryptForm checks the assembled Encrypt options and picks the output.
func (c *config) encryptForm() (Serialization, error) {
	switch {
	case len(c.recipients) == 0:
		return 0, optionError("Encrypt needs a recipient: give WithRecipient")
	case c.json && c.flat:
		return 0, optionError("WithJSON and WithFlattened contradict each other")
	}
	if alg, ok := c.integrated(); ok {
		// draft-ietf-jose-hpke-encrypt-20 §5: exactly one recipient, and no
		// "enc" since the algorithm encrypts the content itself.
		switch {
		case len(c.recipients) > 1:
			return 0, optionError("%s is Integrated Encryption and allows a single recipient only", alg)
		case c.encSet:
			return 0, optionError("%s is Integrated Encryption and takes no WithEncryption", alg)
		}
		return c.pickForm()
	}
	if !c.encSet {
		return 0, optionError("Encrypt needs the content encryption: give WithEncryption")
	}
	if len(c.recipients) > 1 {
		for _, r := range c.recipients {
			// RFC 7516 §7.2.1 (and §4.5, §4.6 of RFC 7518): a direct
			// algorithm fixes the CEK, which the other recipients cannot
			// share.
			if r.alg.IsDirect() {
				return 0, optionError("%s allows a single recipient only", r.alg)
			}
		}
		if !c.json {
			return 0, optionError("%d recipients need the general JSON serialization: give WithJSON", len(c.recipients))
		}
	}
	return c.pickForm()
}

// pickForm chooses the serialization from WithJSON and WithFlattened, and
// refuses the compact form for what it cannot carry.
func (c *config) pickForm() (Serialization, error) {
	if c.json {
		return General, nil
	}
	if c.flat {
		return Flattened, nil
	}
	switch {
	case c.aadSet:
		return 0, optionError("the compact serialization cannot carry AAD: give WithJSON or WithFlattened")
	case len(c.shared) > 0 || len(c.recipients[0].header) > 0:
		return 0, optionError("the compact serialization cannot carry unprotected headers: give WithJSON or WithFlattened")
	}
	return Compact, nil
}

// encryptKey protects cek for one recipient and returns the header members
// it produces (alg, kid, epk, p2s, p2c, tag, iv), the encrypted key and the
// CEK the algorithm used.
func (c *config) encryptKey(spec recipientSpec, enc jwa.ContentEncryption, cek []byte) ([]member, []byte, []byte, error) {
	key, ke, err := bindRecipient(spec)
	if err != nil {
		return nil, nil, nil, err
	}
	p := jwa.KeyParams{Enc: enc, P2C: c.p2c, P2S: slices.Clone(c.testP2S)}
	for _, list := range [][]member{c.protected, c.shared, spec.header} {
		for _, m := range list {
			var dst *[]byte
			switch m.name {
			case "apu":
				dst = &p.APU
			case "apv":
				dst = &p.APV
			default:
				continue
			}
			var s string
			if err := json.Unmarshal(m.value, &s); err != nil {
				return nil, nil, nil, fmt.Errorf("jwe: header member %q must be a base64url string: %w: %w", m.name, err, jwa.ErrMalformed)
			}
			if *dst, err = base64url.DecodeString(s); err != nil {
				return nil, nil, nil, fmt.Errorf("jwe: header member %q must be a base64url string: %w: %w", m.name, err, jwa.ErrMalformed)
			}
		}
	}
	used, ek, err := ke.EncryptKey(cek, &p)
	if err != nil {
		if strings.HasPrefix(errwrap.StripText(err.Error()), string(spec.alg)+": ") {
			return nil, nil, nil, fmt.Errorf("jwe: %w", err) // jwa named the algorithm
		}
		return nil, nil, nil, fmt.Errorf("jwe: %s: %w", spec.alg, err)
	}
	gen := algAndKID(spec, key)
	if p.EPK != nil || p.ExtEPK != nil {
		var key any = p.EPK
		if p.EPK == nil {
			key = p.ExtEPK
		}
		epk, err := marshalEPK(key)
		if err != nil {
			return nil, nil, nil, err
		}
		gen = append(gen, member{"epk", epk})
	}
	if len(p.P2S) > 0 {
		gen = append(gen,
			member{"p2s", mustMarshal(base64url.EncodeToString(p.P2S))},
			member{"p2c", json.RawMessage(strconv.Itoa(p.P2C))})
	}
	if len(p.EK) > 0 {
		gen = append(gen, member{"ek", mustMarshal(base64url.EncodeToString(p.EK))})
	}
	if len(p.Tag) > 0 || len(p.IV) > 0 {
		gen = append(gen,
			member{"tag", mustMarshal(base64url.EncodeToString(p.Tag))},
			member{"iv", mustMarshal(base64url.EncodeToString(p.IV))})
	}
	return gen, ek, used, nil
}

// bindRecipient checks a WithRecipient key and binds it to its algorithm.
func bindRecipient(spec recipientSpec) (*jwk.Key, jwa.KeyEncrypter, error) {
	if _, err := spec.alg.Scheme(); err != nil {
		return nil, nil, optionError("WithRecipient: %w", err)
	}
	key, err := jwk.FromKey(spec.key)
	if err != nil {
		return nil, nil, optionError("WithRecipient(%s): %w", spec.alg, err)
	}
	ke, err := key.KeyEncrypter(spec.alg)
	if err != nil {
		return nil, nil, optionError("WithRecipient(%s): %w", spec.alg, err)
	}
	return key, ke, nil
}

// algAndKID are the first members of a recipient's header: "alg", then
// "kid" (the key's unless WithKeyID said otherwise).
func algAndKID(spec recipientSpec, key *jwk.Key) []member {
	gen := []member{{"alg", mustMarshal(string(spec.alg))}}
	kid := key.KeyID()
	if spec.kid != nil {
		kid = *spec.kid
	}
	if kid != "" {
		gen = append(gen, member{"kid", mustMarshal(kid)})
	}
	return gen
}

func disjoint(lists ...[]member) error {
	seen := map[string]bool{}
	for _, l := range lists {
		for _, m := range l {
			if seen[m.name] {
				return optionError("header member %q is set in more than one header (RFC 7516 §7.2.1)", m.name)
			}
			seen[m.name] = true
		}
	}
	return nil
}

// objectJSON writes members as a JSON object in their order.
func objectJSON(members []member) []byte {
	b := []byte{'{'}
	for i, m := range members {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, mustMarshal(m.name)...)
		b = append(b, ':')
		b = append(b, m.value...)
	}
	return append(b, '}')
}

// compact joins the five parts of RFC 7516 §7.1 into one string: the
// encoded protected header in rawProtected, and the others, which it
// encodes.
func compact(rawProtected, ek []byte, s jwa.Sealed) string {
	var b strings.Builder
	b.Grow(len(rawProtected) + 4 + base64url.EncodedLen(len(ek)) + base64url.EncodedLen(len(s.IV)) +
		base64url.EncodedLen(len(s.Ciphertext)) + base64url.EncodedLen(len(s.Tag)))
	b.Write(rawProtected)
	for _, part := range [...][]byte{ek, s.IV, s.Ciphertext, s.Tag} {
		b.WriteByte('.')
		base64url.WriteEncode(&b, part)
	}
	return b.String()
}
