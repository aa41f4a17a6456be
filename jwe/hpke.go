package jwe

import (
	"fmt"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/jwecrypto"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Integrated Encryption (draft-ietf-jose-hpke-encrypt-20 §5, §7): the key
// management algorithm (HPKE-0, HPKE-1, ...; see [jwa.KeyAlgorithm.IsIntegrated])
// encrypts the content itself. The JWE has exactly one recipient, no "enc",
// no "ek", an empty IV and tag, and its encrypted key is the HPKE
// encapsulated secret; the HPKE aad is the JWE Additional Authenticated Data
// (the encoded protected header, then "." and the encoded "aad" if any).

// integrated reports whether a recipient uses an Integrated Encryption
// algorithm, and which.
func (c *config) integrated() (jwa.KeyAlgorithm, bool) {
	for _, r := range c.recipients {
		if r.alg.IsIntegrated() {
			return r.alg, true
		}
	}
	return "", false
}

// encryptIntegrated is Encrypt for an Integrated Encryption algorithm
// (draft §7.1 steps 7, 13-17): "alg", "kid", the caller's members and "zip"
// go to the protected header.
func (c *config) encryptIntegrated(plaintext []byte, form Serialization) (string, error) {
	spec := c.recipients[0]
	key, ke, err := bindRecipient(spec)
	if err != nil {
		return "", err
	}
	ie, ok := ke.(jwecrypto.IntegratedEncrypter)
	if !ok {
		return "", fmt.Errorf("jwe: %s: the algorithm's encrypter cannot seal content: %w", spec.alg, jwa.ErrUnsupportedAlgorithm)
	}
	protected := append(algAndKID(spec, key), c.protected...)
	if c.zip != "" {
		protected = append(protected, member{"zip", mustMarshal(string(c.zip))})
	}
	if err := disjoint(protected, c.shared, spec.header); err != nil {
		return "", err
	}
	rawProtected := base64url.EncodeToString(objectJSON(protected))
	aad := aadInput([]byte(rawProtected), base64url.AppendEncode(nil, c.aad), len(c.aad) > 0)
	content := plaintext
	if c.zip != "" {
		if content, err = c.zip.Compress(plaintext); err != nil {
			return "", fmt.Errorf("jwe: %w", err)
		}
	}
	encapsulated, ciphertext, err := ie.Seal(content, aad)
	if err != nil {
		return "", fmt.Errorf("jwe: %s: %w", spec.alg, err)
	}
	return c.serialize(form, rawProtected, [][]member{spec.header}, [][]byte{encapsulated}, jwa.Sealed{Ciphertext: ciphertext})
}

// checkIntegrated applies draft §5 to a token whose "alg" is an
// Integrated Encryption algorithm; every failure wraps [jwa.ErrMalformed].
func (m *Message) checkIntegrated(h *Header) error {
	alg := h.Algorithm()
	switch {
	case len(m.Recipients) != 1:
		return malformed("%s is Integrated Encryption and allows a single recipient only", alg)
	case m.Protected.Algorithm() != alg:
		return malformed("%s: \"alg\" must be in the protected header", alg)
	case h.Encryption() != "":
		return malformed("%s is Integrated Encryption: \"enc\" must be absent", alg)
	case len(m.IV) != 0 || len(m.Tag) != 0:
		return malformed("%s is Integrated Encryption: the IV and tag must be empty", alg)
	}
	if _, ok := h.m["ek"]; ok {
		return malformed("%s is Integrated Encryption: \"ek\" must be absent", alg)
	}
	return nil
}

// decryptIntegrated is Decrypt for an Integrated Encryption token (draft
// §7.2 steps 18-19): every key bound to the token's "alg" is tried, and any
// failure after the header was accepted gives the one [ErrDecryption].
func (c *config) decryptIntegrated(m *Message, keys []boundKey) (*Result, error) {
	h := m.JOSEHeader(0)
	alg := h.Algorithm()
	if !c.algAllowed(alg) {
		return nil, c.noAllowedRecipient(m)
	}
	if err := c.checkCommon(m, 0); err != nil {
		return nil, err
	}
	cands, err := c.candidates(h, alg, keys)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("jwe: no key fits any recipient: %w", jwk.ErrKeyNotFound)
	}
	aad := aadInput(m.rawProtected, m.rawAAD, m.hasAAD)
	for _, k := range cands {
		id, ok := k.dec.(jwecrypto.IntegratedDecrypter)
		if !ok {
			continue
		}
		plain, err := id.Open(m.Recipients[0].EncryptedKey, m.Ciphertext, aad)
		if err != nil {
			continue
		}
		return c.result(m, 0, "", k.key, plain)
	}
	return nil, errDecrypt
}

// onlyIntegrated reports whether every algorithm the caller allows for
// Decrypt is Integrated Encryption, which has no "enc" to allow: then
// WithAllowedEncryptions may be left out.
func (c *config) onlyIntegrated() bool {
	n := 0
	for _, k := range c.keys {
		if !k.alg.IsIntegrated() {
			return false
		}
		n++
	}
	for _, a := range c.setAlgs {
		if !a.IsIntegrated() {
			return false
		}
		n++
	}
	return n > 0
}
