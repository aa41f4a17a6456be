package jwe

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// Limits applied by [Decrypt], [DecryptMessage] and [Parse] unless the
// caller sets others.
const (
	// DefaultMaxSize is the largest token accepted: 1 MiB. A JWE is
	// usually a few kilobytes; raise it with [WithMaxSize] for large
	// documents.
	DefaultMaxSize = 1 << 20
	// DefaultMaxRecipients is the largest number of recipients accepted in
	// a general JSON serialization. Each recipient tried may cost an RSA
	// decryption or a PBKDF2 derivation, so the bound keeps one token's
	// cost at a few of those.
	DefaultMaxRecipients = 16
	// DefaultMaxHeaderSize is the largest decoded size of each of the
	// protected, shared and per-recipient headers: 16 KiB.
	DefaultMaxHeaderSize = 16 << 10
	// DefaultEncryptP2C is the PBES2 iteration count Encrypt writes unless
	// [WithP2C] says otherwise ([jwa.DefaultP2C]). Decrypt reads counts up
	// to [jwa.DefaultMaxP2C] unless [WithMaxP2C] says otherwise.
	DefaultEncryptP2C = jwa.DefaultP2C
	// MinP2C is the smallest PBES2 iteration count ([jwa.MinP2C]): the
	// minimum RFC 7518 §4.8.1.2 recommends. Encrypt never writes less, and
	// Decrypt refuses less unless [WithMinP2C] lowers its floor.
	MinP2C = jwa.MinP2C
)

// Option configures one call of [Encrypt], [Decrypt], [DecryptMessage] or
// [Parse]. Each option says which calls it applies to; giving an option to a
// call it means nothing for is an error, as are contradictions (two output
// forms, several WithEncryption for Encrypt).
type Option func(*config) error

// calls an option applies to.
type callKind uint8

const (
	forEncrypt callKind = 1 << iota
	forDecrypt
	forParse
)

var callNames = map[callKind]string{forEncrypt: "Encrypt", forDecrypt: "Decrypt", forParse: "Parse"}

// member is one header member the caller set, kept in the order given so
// that the serialized header is predictable.
type member struct {
	name  string
	value json.RawMessage
}

// recipientSpec is one WithRecipient with the options that follow it.
type recipientSpec struct {
	alg    jwa.KeyAlgorithm
	key    any
	kid    *string
	header []member
}

// decryptKey is one WithKey.
type decryptKey struct {
	alg jwa.KeyAlgorithm
	key any
}

type config struct {
	used []usedOption
	// usedBuf backs used for the usual few options, inside the config's
	// own allocation.
	usedBuf [6]usedOption

	// Encrypt.
	recipients []recipientSpec
	encs       []jwa.ContentEncryption
	zip        jwa.CompressionAlgorithm
	aad        []byte
	protected  []member // caller's protected members, in order
	shared     []member
	p2c        int

	// Decrypt.
	keys     []decryptKey
	set      jwk.KeySet
	setAlgs  []jwa.KeyAlgorithm
	critical []string
	ctx      context.Context
	maxP2C   int
	minP2C   int
	// budget is the PBKDF2 budget the PBES2 decrypters share while this
	// call decrypts; its Limit is WithPBES2Budget's value until then.
	budget    jwa.PBKDF2Budget
	maxDecomp int
	maxSize   int
	maxRecips int
	maxHeader int

	// The flags of both, side by side so that they fill one word.
	encSet, aadSet, json, flat, setWasUsed bool

	// Test hooks, set only by this package's tests: the CEK to use instead
	// of a random one, the PBES2 salt input, a replacement for the
	// content cipher's Seal (to fix the IV), and a report of the PBKDF2
	// budget once Decrypt is done.
	testCEK    []byte
	testP2S    []byte
	testSeal   func(enc jwa.ContentEncryption, cek, plaintext, aad []byte) (jwa.Sealed, error)
	testBudget func(jwa.PBKDF2Budget)
}

type usedOption struct {
	name  string
	calls callKind
}

func (c *config) mark(name string, calls callKind) { c.used = append(c.used, usedOption{name, calls}) }

// newConfig applies opts and checks that each applies to call.
func newConfig(call callKind, opts []Option) (*config, error) {
	c := &config{ctx: context.Background()}
	c.used = c.usedBuf[:0]
	for _, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("jwe: nil Option")
		}
		if err := o(c); err != nil {
			return nil, err
		}
	}
	for _, u := range c.used {
		if u.calls&call == 0 {
			return nil, fmt.Errorf("jwe: %s means nothing for %s", u.name, callNames[call])
		}
	}
	return c, nil
}

func (c *config) limits() (size, recipients, header int) {
	size, recipients, header = c.maxSize, c.maxRecips, c.maxHeader
	if size == 0 {
		size = DefaultMaxSize
	}
	if recipients == 0 {
		recipients = DefaultMaxRecipients
	}
	if header == 0 {
		header = DefaultMaxHeaderSize
	}
	return
}

// WithRecipient adds a recipient for [Encrypt]: the CEK is protected for key
// with alg. Each call adds one recipient; [WithRecipientHeader] and
// [WithKeyID] that follow apply to it.
//
// key may be a *[jwk.Key] (its alg, use and key_ops are honoured), or a
// standard library key: *rsa.PublicKey for RSA1_5 and RSA-OAEP*;
// *ecdsa.PublicKey or *ecdh.PublicKey (P-256, P-384, P-521, X25519) for
// ECDH-ES*; []byte for dir, A*KW, A*GCMKW and the PBES2 password. The key is
// checked when Encrypt binds it to alg (type, size, curve).
func WithRecipient(alg jwa.KeyAlgorithm, key any) Option {
	return func(c *config) error {
		c.mark("WithRecipient", forEncrypt)
		if err := alg.CheckFIPS(); err != nil {
			return fmt.Errorf("jwe: WithRecipient: %w", err)
		}
		c.recipients = append(c.recipients, recipientSpec{alg: alg, key: key})
		return nil
	}
}

// WithKey gives [Decrypt] a key bound to alg. It may be given several
// times; each key is tried on the recipients whose "alg" is its algorithm
// and whose "kid" (when both the token and the key have one) is its kid.
//
// key may be a *[jwk.Key], or a standard library key: *rsa.PrivateKey or a
// crypto.Decrypter with an RSA public key for RSA1_5 and RSA-OAEP*;
// *ecdsa.PrivateKey or *ecdh.PrivateKey for ECDH-ES*; []byte for dir, A*KW,
// A*GCMKW and the PBES2 password.
func WithKey(alg jwa.KeyAlgorithm, key any) Option {
	return func(c *config) error {
		c.mark("WithKey", forDecrypt)
		if err := alg.CheckFIPS(); err != nil {
			return fmt.Errorf("jwe: WithKey: %w", err)
		}
		c.keys = append(c.keys, decryptKey{alg: alg, key: key})
		return nil
	}
}

// WithKeySet gives [Decrypt] a key set and the key management algorithms
// allowed with it (at least one). Keys are chosen by the set's Select with
// each recipient's "kid" and "alg".
func WithKeySet(set jwk.KeySet, algs ...jwa.KeyAlgorithm) Option {
	return func(c *config) error {
		c.mark("WithKeySet", forDecrypt)
		if set == nil {
			return fmt.Errorf("jwe: WithKeySet: nil key set")
		}
		if c.setWasUsed {
			return fmt.Errorf("jwe: WithKeySet given twice")
		}
		if len(algs) == 0 {
			return notAllowed("WithKeySet lists no key management algorithm")
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return fmt.Errorf("jwe: WithKeySet: %w", err)
			}
		}
		c.set, c.setAlgs, c.setWasUsed = set, slices.Clone(algs), true
		return nil
	}
}

// WithEncryption names the content encryption. For [Encrypt] exactly one
// (required); for [Decrypt] the allowed list (required: the token's "enc"
// must be one of them).
func WithEncryption(encs ...jwa.ContentEncryption) Option {
	return func(c *config) error {
		c.mark("WithEncryption", forEncrypt|forDecrypt)
		if c.encSet {
			return fmt.Errorf("jwe: WithEncryption given twice")
		}
		if len(encs) == 0 {
			return notAllowed("WithEncryption lists no content encryption")
		}
		for _, a := range encs {
			if err := a.CheckFIPS(); err != nil {
				return fmt.Errorf("jwe: WithEncryption: %w", err)
			}
		}
		c.encs, c.encSet = slices.Clone(encs), true
		return nil
	}
}

// WithCompression compresses the plaintext before [Encrypt] encrypts it,
// and writes "zip" to the protected header (RFC 7516 §4.1.3). Only
// [jwa.Deflate] is defined. Compressing content an attacker can partly
// choose next to a secret leaks the secret through the length (CRIME); use
// it only for content that holds no such mix.
func WithCompression(zip jwa.CompressionAlgorithm) Option {
	return func(c *config) error {
		c.mark("WithCompression", forEncrypt)
		if zip != jwa.Deflate {
			return fmt.Errorf("jwe: compression %q: %w", zip, jwa.ErrUnsupportedAlgorithm)
		}
		c.zip = zip
		return nil
	}
}

// WithAAD adds external additional authenticated data (the "aad" member,
// RFC 7516 §5.1 step 14). Only the JSON serializations can carry it, so it
// needs [WithJSON] or [WithFlattened].
func WithAAD(aad []byte) Option {
	return func(c *config) error {
		c.mark("WithAAD", forEncrypt)
		c.aad, c.aadSet = slices.Clone(aad), true
		return nil
	}
}

// reserved are the members that Encrypt writes itself; the header options
// refuse them and name the option to use instead.
var reserved = map[string]string{
	"alg": "WithRecipient", "enc": "WithEncryption", "zip": "WithCompression",
	"kid": "WithKeyID", "crit": "", "epk": "", "iv": "", "tag": "", "p2s": "", "p2c": "WithP2C",
}

func headerMember(opt, name string, value any) (member, error) {
	if instead, ok := reserved[name]; ok && name != "crit" {
		if instead == "" {
			return member{}, fmt.Errorf("jwe: %s: %q is written by the key management algorithm", opt, name)
		}
		return member{}, fmt.Errorf("jwe: %s: set %q with %s", opt, name, instead)
	}
	if name == "" {
		return member{}, fmt.Errorf("jwe: %s: empty member name", opt)
	}
	raw, err := json.Marshal(value)
	if err != nil {
		return member{}, fmt.Errorf("jwe: %s %q: %w", opt, name, err)
	}
	return member{name: name, value: raw}, nil
}

func addMember(list []member, opt string, m member) ([]member, error) {
	if slices.ContainsFunc(list, func(o member) bool { return o.name == m.name }) {
		return nil, fmt.Errorf("jwe: %s: %q given twice", opt, m.name)
	}
	return append(list, m), nil
}

// WithProtectedHeader adds a member to the protected header of [Encrypt]:
// value is marshalled with encoding/json. The members Encrypt writes itself
// (alg, enc, zip, kid, epk, iv, tag, p2s, p2c) are refused: use the option
// that sets each. "crit" is allowed, and so are "apu" and "apv" (base64url
// strings, then used by ECDH-ES as PartyUInfo and PartyVInfo).
func WithProtectedHeader(name string, value any) Option {
	return func(c *config) (err error) {
		c.mark("WithProtectedHeader", forEncrypt)
		m, err := headerMember("WithProtectedHeader", name, value)
		if err == nil {
			c.protected, err = addMember(c.protected, "WithProtectedHeader", m)
		}
		return err
	}
}

// WithSharedHeader adds a member to the shared unprotected header
// ("unprotected", RFC 7516 §7.2.1) of [Encrypt], with the rules of
// [WithProtectedHeader] except that "crit" is refused (RFC 7516 §4.1.13
// wants it protected). It needs a JSON serialization.
func WithSharedHeader(name string, value any) Option {
	return func(c *config) (err error) {
		c.mark("WithSharedHeader", forEncrypt)
		if name == "crit" {
			return fmt.Errorf(`jwe: WithSharedHeader: "crit" must be in the protected header`)
		}
		m, err := headerMember("WithSharedHeader", name, value)
		if err == nil {
			c.shared, err = addMember(c.shared, "WithSharedHeader", m)
		}
		return err
	}
}

// WithRecipientHeader adds a member to the per-recipient unprotected header
// ("header") of the most recent [WithRecipient], with the rules of
// [WithSharedHeader]. It needs a JSON serialization.
func WithRecipientHeader(name string, value any) Option {
	return func(c *config) (err error) {
		c.mark("WithRecipientHeader", forEncrypt)
		if len(c.recipients) == 0 {
			return fmt.Errorf("jwe: WithRecipientHeader must follow a WithRecipient")
		}
		if name == "crit" {
			return fmt.Errorf(`jwe: WithRecipientHeader: "crit" must be in the protected header`)
		}
		m, err := headerMember("WithRecipientHeader", name, value)
		if err == nil {
			r := &c.recipients[len(c.recipients)-1]
			r.header, err = addMember(r.header, "WithRecipientHeader", m)
		}
		return err
	}
}

// WithKeyID sets "kid" for the most recent [WithRecipient], instead of the
// key's own kid (the default; a key without kid gives no "kid"). An empty
// kid writes none.
func WithKeyID(kid string) Option {
	return func(c *config) error {
		c.mark("WithKeyID", forEncrypt)
		if len(c.recipients) == 0 {
			return fmt.Errorf("jwe: WithKeyID must follow a WithRecipient")
		}
		c.recipients[len(c.recipients)-1].kid = &kid
		return nil
	}
}

// WithType sets "typ" in the protected header of [Encrypt].
func WithType(typ string) Option {
	return func(c *config) (err error) {
		c.mark("WithType", forEncrypt)
		c.protected, err = addMember(c.protected, "WithType", member{"typ", mustMarshal(typ)})
		return err
	}
}

// WithContentType sets "cty" in the protected header of [Encrypt] ("JWT"
// for a nested JWT, RFC 7519 §5.2).
func WithContentType(cty string) Option {
	return func(c *config) (err error) {
		c.mark("WithContentType", forEncrypt)
		c.protected, err = addMember(c.protected, "WithContentType", member{"cty", mustMarshal(cty)})
		return err
	}
}

func mustMarshal(s string) json.RawMessage {
	// Algorithm names, kids and base64url values need no escaping; quote
	// them directly.
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // a string always marshals
			return b
		}
	}
	b := make([]byte, 0, len(s)+2)
	return append(append(append(b, '"'), s...), '"')
}

// WithJSON makes [Encrypt] write the general JSON serialization (RFC 7516
// §7.2.1), which several recipients need. The default is compact.
func WithJSON() Option {
	return func(c *config) error {
		c.mark("WithJSON", forEncrypt)
		c.json = true
		return nil
	}
}

// WithFlattened makes [Encrypt] write the flattened JSON serialization (RFC
// 7516 §7.2.2): one recipient, with AAD and unprotected headers allowed.
func WithFlattened() Option {
	return func(c *config) error {
		c.mark("WithFlattened", forEncrypt)
		c.flat = true
		return nil
	}
}

// WithP2C sets the PBES2 iteration count [Encrypt] writes; the default is
// [DefaultEncryptP2C]. It must be at least [MinP2C]. See the package
// documentation for the trade-off.
func WithP2C(n int) Option {
	return func(c *config) error {
		c.mark("WithP2C", forEncrypt)
		if n < MinP2C {
			return fmt.Errorf("jwe: WithP2C(%d): below the minimum of %d (RFC 7518 §4.8.1.2): %w", n, MinP2C, jwa.ErrLimitExceeded)
		}
		c.p2c = n
		return nil
	}
}

// WithCritical names extension header members that the caller understands
// and checks itself, so that [Decrypt] accepts them in "crit" (RFC 7516
// §4.1.13). A token whose "crit" names anything else is rejected.
func WithCritical(names ...string) Option {
	return func(c *config) error {
		c.mark("WithCritical", forDecrypt)
		c.critical = append(c.critical, names...)
		return nil
	}
}

// WithContext passes ctx to the key set's Select (a remote set may fetch).
func WithContext(ctx context.Context) Option {
	return func(c *config) error {
		c.mark("WithContext", forDecrypt)
		if ctx == nil {
			return fmt.Errorf("jwe: WithContext: nil context")
		}
		c.ctx = ctx
		return nil
	}
}

func positive(opt string, n int) error {
	if n <= 0 {
		return fmt.Errorf("jwe: %s(%d): must be positive", opt, n)
	}
	return nil
}

// WithMaxSize sets the largest token, in bytes, that [Decrypt] and [Parse]
// accept; the default is [DefaultMaxSize]. A larger token fails with
// [jwa.ErrLimitExceeded] before it is parsed.
func WithMaxSize(n int) Option {
	return func(c *config) error {
		c.mark("WithMaxSize", forDecrypt|forParse)
		c.maxSize = n
		return positive("WithMaxSize", n)
	}
}

// WithMaxRecipients sets the largest number of recipients [Decrypt] and
// [Parse] accept; the default is [DefaultMaxRecipients].
func WithMaxRecipients(n int) Option {
	return func(c *config) error {
		c.mark("WithMaxRecipients", forDecrypt|forParse)
		c.maxRecips = n
		return positive("WithMaxRecipients", n)
	}
}

// WithMaxHeaderSize sets the largest decoded size in bytes of each header
// (protected, shared, per-recipient) that [Decrypt] and [Parse] accept; the
// default is [DefaultMaxHeaderSize].
func WithMaxHeaderSize(n int) Option {
	return func(c *config) error {
		c.mark("WithMaxHeaderSize", forDecrypt|forParse)
		c.maxHeader = n
		return positive("WithMaxHeaderSize", n)
	}
}

// WithMaxP2C sets the largest PBES2 iteration count [Decrypt] accepts; the
// default is [jwa.DefaultMaxP2C]. A larger "p2c" fails with
// [jwa.ErrLimitExceeded] before any PBKDF2 work. It is also the default of
// [WithPBES2Budget].
func WithMaxP2C(n int) Option {
	return func(c *config) error {
		c.mark("WithMaxP2C", forDecrypt)
		c.maxP2C = n
		return positive("WithMaxP2C", n)
	}
}

// WithMinP2C sets the smallest PBES2 iteration count [Decrypt] accepts;
// the default is [MinP2C] (1000, RFC 7518 §4.8.1.2). A smaller "p2c" fails
// with [jwa.ErrLimitExceeded] before any PBKDF2 work. Lower it only to read
// tokens of an old writer: a low count makes each guess at the password
// cheap for whoever holds the token. A higher floor refuses weak tokens
// that a careless writer made.
func WithMinP2C(n int) Option {
	return func(c *config) error {
		c.mark("WithMinP2C", forDecrypt)
		c.minP2C = n
		return positive("WithMinP2C", n)
	}
}

// WithPBES2Budget sets the total PBKDF2 iterations that [Decrypt] spends
// on one token, over all its PBES2 recipients and all the passwords tried
// on them (threat T36: each costs a derivation at a count the sender
// chose, so a token of 16 recipients would otherwise cost 16 derivations
// at [WithMaxP2C], and more with several passwords). The default is the
// [WithMaxP2C] value ([jwa.DefaultMaxP2C] unless set): one derivation at
// the largest count accepted, or several at smaller counts.
//
// The budget is checked before each derivation; a recipient it cannot pay
// for is skipped, and when nothing decrypted the error wraps
// [jwa.ErrLimitExceeded] and names the budget. Raise it for a caller that
// holds several passwords without kids to tell them apart.
func WithPBES2Budget(iterations int) Option {
	return func(c *config) error {
		c.mark("WithPBES2Budget", forDecrypt)
		c.budget.Limit = iterations
		return positive("WithPBES2Budget", iterations)
	}
}

// WithMaxDecompressedSize sets the largest plaintext, in bytes, that
// decompressing a "zip":"DEF" token may produce; the default is
// [jwa.DefaultMaxDecompressedSize]. Decompression stops as soon as the limit
// is passed and fails with [jwa.ErrLimitExceeded].
func WithMaxDecompressedSize(n int) Option {
	return func(c *config) error {
		c.mark("WithMaxDecompressedSize", forDecrypt)
		c.maxDecomp = n
		return positive("WithMaxDecompressedSize", n)
	}
}
