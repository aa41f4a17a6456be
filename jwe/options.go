package jwe

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/joseproject/jose/internal/nilcheck"
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

// The options of each call have their own type, so that an option given to
// a call it means nothing for does not compile: [EncryptOption] for
// [Encrypt], [DecryptOption] for [Decrypt] and [DecryptMessage],
// [ParseOption] for [Parse]. The limits a decryption is held to are
// [LimitOption]s, each a DecryptOption too, and the limits Parse applies as
// well are ParseOptions, each a LimitOption too; package jwt passes
// LimitOptions on to the decryption of a nested token. The types are
// interfaces that only this package implements.
//
// A misused option (a nil option, key or key set, an argument out of range,
// contradicting options, a required option missing) fails the call with an
// error that wraps [ErrInvalidOption] and names the option.

// EncryptOption configures [Encrypt]: the recipients, the content
// encryption, the headers and the serialization of the token written.
type EncryptOption interface {
	isEncryptOption()
}

// DecryptOption configures [Decrypt] and [DecryptMessage]: the keys and
// algorithms accepted and the limits applied. Every [LimitOption] is one
// too.
type DecryptOption interface {
	isDecryptOption()
}

// LimitOption bounds what one token may cost its decrypter: its size, its
// recipients and headers, its PBES2 work, its decompressed size. Each has a
// safe default; each is a [DecryptOption], and the ones [Parse] applies as
// well are [ParseOption]s.
type LimitOption interface {
	DecryptOption
	isLimitOption()
}

// ParseOption configures [Parse]: the limits a token is read within. Each
// is a [LimitOption], and so a [DecryptOption], with the same meaning
// there.
type ParseOption interface {
	LimitOption
	isParseOption()
}

// ErrInvalidOption is [jwa.ErrInvalidOption], which every misused option
// wraps.
var ErrInvalidOption = jwa.ErrInvalidOption

// The implementations: one function type per set of calls an option takes.
// The interfaces' methods only mark which calls take an option; config.apply
// calls the function itself, by its concrete type, so that an option made
// in the argument list of a call does not escape to the heap.
type (
	encryptOption func(*config) error // an EncryptOption
	decryptOption func(*config) error // a DecryptOption
	limitOption   func(*config) error // a LimitOption (so a DecryptOption)
	parseOption   func(*config) error // a ParseOption (so a LimitOption)
)

func (encryptOption) isEncryptOption() {}
func (decryptOption) isDecryptOption() {}
func (limitOption) isDecryptOption()   {}
func (limitOption) isLimitOption()     {}
func (parseOption) isDecryptOption()   {}
func (parseOption) isLimitOption()     {}
func (parseOption) isParseOption()     {}

// call is the function the options are applied for.
type call uint8

const (
	callEncrypt call = iota
	callDecrypt
	callParse
)

var callNames = [...]string{callEncrypt: "Encrypt", callDecrypt: "Decrypt", callParse: "Parse"}

// configure applies opts, the options of one call, in order.
func configure[O any](cl call, opts []O) (*config, error) {
	c := &config{call: cl, ctx: context.Background()}
	for i, o := range opts {
		if err := c.apply(i, any(o)); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// apply applies option i, o, which the call's signature typed.
func (c *config) apply(i int, o any) error {
	switch f := o.(type) {
	case encryptOption:
		return f(c)
	case decryptOption:
		return f(c)
	case limitOption:
		return f(c)
	case parseOption:
		return f(c)
	}
	return optionError("option %d of %s is nil", i+1, callNames[c.call])
}

// once refuses an option given a second time: set reports whether it was.
func once(name string, set bool) error {
	if set {
		return optionError("%s given twice", name)
	}
	return nil
}

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
	call call

	// Encrypt.
	recipients []recipientSpec
	enc        jwa.ContentEncryption // WithEncryption
	zip        jwa.CompressionAlgorithm
	aad        []byte
	protected  []member // caller's protected members, in order
	shared     []member
	p2c        int

	// Decrypt.
	keys    []decryptKey
	set     jwk.KeySet
	setAlgs []jwa.KeyAlgorithm
	encs    []jwa.ContentEncryption // WithAllowedEncryptions
	known   []string                // WithKnownCritical
	ctx     context.Context
	maxP2C  int
	minP2C  int
	// budget is the PBKDF2 budget the PBES2 decrypters share while this
	// call decrypts; its Limit is WithPBES2Budget's value until then.
	budget    jwa.PBKDF2Budget
	maxDecomp int
	maxSize   int
	maxRecips int
	maxHeader int

	// The flags of both, side by side so that they fill one word.
	encSet, aadSet, json, flat, ctxSet bool

	// Test hooks, set only by this package's tests: the CEK to use instead
	// of a random one, the PBES2 salt input, a replacement for the
	// content cipher's Seal (to fix the IV), and a report of the PBKDF2
	// budget once Decrypt is done.
	testCEK    []byte
	testP2S    []byte
	testSeal   func(enc jwa.ContentEncryption, cek, plaintext, aad []byte) (jwa.Sealed, error)
	testBudget func(jwa.PBKDF2Budget)
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
// ECDH-ES*; []byte for dir, A*KW, A*GCMKW and the PBES2 password. A nil
// key, or a nil pointer in key, is refused; the key is checked when Encrypt
// binds it to alg (type, size, curve), and a key that does not fit is an
// error wrapping [ErrInvalidOption] and the cause.
func WithRecipient(alg jwa.KeyAlgorithm, key any) EncryptOption {
	return encryptOption(func(c *config) error {
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithRecipient: %w", err)
		}
		if nilcheck.IsNil(key) {
			return optionError("WithRecipient(%s): the key is nil", alg)
		}
		c.recipients = append(c.recipients, recipientSpec{alg: alg, key: key})
		return nil
	})
}

// WithKey gives [Decrypt] a key bound to alg. It may be given several
// times; each key is tried on the recipients whose "alg" is its algorithm
// and whose "kid" (when both the token and the key have one) is its kid.
//
// key may be a *[jwk.Key], or a standard library key: *rsa.PrivateKey or a
// crypto.Decrypter with an RSA public key for RSA1_5 and RSA-OAEP*;
// *ecdsa.PrivateKey or *ecdh.PrivateKey for ECDH-ES*; []byte for dir, A*KW,
// A*GCMKW and the PBES2 password. A nil key, or a nil pointer in key, is
// refused, and so is a key that does not fit alg (the error wraps
// [ErrInvalidOption] and the cause).
func WithKey(alg jwa.KeyAlgorithm, key any) DecryptOption {
	return decryptOption(func(c *config) error {
		if err := alg.CheckFIPS(); err != nil {
			return optionError("WithKey: %w", err)
		}
		if nilcheck.IsNil(key) {
			return optionError("WithKey(%s): the key is nil", alg)
		}
		c.keys = append(c.keys, decryptKey{alg: alg, key: key})
		return nil
	})
}

// WithKeySet gives [Decrypt] a key set and the key management algorithms
// allowed with it (at least one). Keys are chosen by the set's Select with
// each recipient's "kid" and "alg". A nil set, or a nil *jwk.Set or
// *jwk.Remote in it, is refused, as is a second WithKeySet.
func WithKeySet(set jwk.KeySet, algs ...jwa.KeyAlgorithm) DecryptOption {
	return decryptOption(func(c *config) error {
		if nilcheck.IsNil(set) {
			return optionError("WithKeySet: the key set is nil (did jwk.Discover or jwk.NewRemote return an error?)")
		}
		if err := once("WithKeySet", c.set != nil); err != nil {
			return err
		}
		if len(algs) == 0 {
			return optionError("WithKeySet needs the list of accepted key management algorithms: %w", jwa.ErrAlgorithmNotAllowed)
		}
		for _, a := range algs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithKeySet: %w", err)
			}
		}
		c.set, c.setAlgs = set, slices.Clone(algs)
		return nil
	})
}

// WithEncryption names the one content encryption [Encrypt] uses (RFC 7518
// §5), such as [jwa.A256GCM]. It is required, except for an Integrated
// Encryption algorithm (HPKE), which encrypts the content itself and takes
// none.
func WithEncryption(enc jwa.ContentEncryption) EncryptOption {
	return encryptOption(func(c *config) error {
		if err := once("WithEncryption", c.encSet); err != nil {
			return err
		}
		if err := enc.CheckFIPS(); err != nil {
			return optionError("WithEncryption: %w", err)
		}
		if _, err := enc.Scheme(); err != nil {
			return optionError("WithEncryption(%q): %w", enc, err)
		}
		c.enc, c.encSet = enc, true
		return nil
	})
}

// WithAllowedEncryptions lists the content encryptions [Decrypt] accepts
// (at least one); the token's "enc" must be one of them, checked before any
// key is used. It is required, except when every key is for Integrated
// Encryption (HPKE), whose tokens have no "enc".
func WithAllowedEncryptions(encs ...jwa.ContentEncryption) DecryptOption {
	return decryptOption(func(c *config) error {
		if err := once("WithAllowedEncryptions", c.encs != nil); err != nil {
			return err
		}
		if len(encs) == 0 {
			return optionError("WithAllowedEncryptions lists no content encryption: %w", jwa.ErrAlgorithmNotAllowed)
		}
		for _, a := range encs {
			if err := a.CheckFIPS(); err != nil {
				return optionError("WithAllowedEncryptions: %w", err)
			}
		}
		c.encs = slices.Clone(encs)
		return nil
	})
}

// WithCompression compresses the plaintext before [Encrypt] encrypts it,
// and writes "zip" to the protected header (RFC 7516 §4.1.3). Only
// [jwa.Deflate] is defined. Compressing content an attacker can partly
// choose next to a secret leaks the secret through the length (CRIME); use
// it only for content that holds no such mix.
func WithCompression(zip jwa.CompressionAlgorithm) EncryptOption {
	return encryptOption(func(c *config) error {
		if zip != jwa.Deflate {
			return optionError("WithCompression(%q): only %q is defined: %w", zip, jwa.Deflate, jwa.ErrUnsupportedAlgorithm)
		}
		c.zip = zip
		return nil
	})
}

// WithAAD adds external additional authenticated data (the "aad" member,
// RFC 7516 §5.1 step 14). Only the JSON serializations can carry it, so it
// needs [WithJSON] or [WithFlattened].
func WithAAD(aad []byte) EncryptOption {
	return encryptOption(func(c *config) error {
		if err := once("WithAAD", c.aadSet); err != nil {
			return err
		}
		c.aad, c.aadSet = slices.Clone(aad), true
		return nil
	})
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
			return member{}, optionError("%s: %q is written by the key management algorithm", opt, name)
		}
		return member{}, optionError("%s: set %q with %s", opt, name, instead)
	}
	if name == "" {
		return member{}, optionError("%s: empty member name", opt)
	}
	raw, err := json.Marshal(value)
	if err != nil {
		return member{}, optionError("%s(%q): %w", opt, name, err)
	}
	return member{name: name, value: raw}, nil
}

func addMember(list []member, opt string, m member) ([]member, error) {
	if slices.ContainsFunc(list, func(o member) bool { return o.name == m.name }) {
		return nil, optionError("%s: %q given twice", opt, m.name)
	}
	return append(list, m), nil
}

// WithProtectedHeader adds a member to the protected header of [Encrypt]:
// value is marshalled with encoding/json. The members Encrypt writes itself
// (alg, enc, zip, kid, epk, iv, tag, p2s, p2c) are refused: use the option
// that sets each. "crit" is allowed, and so are "apu" and "apv" (base64url
// strings, then used by ECDH-ES as PartyUInfo and PartyVInfo).
func WithProtectedHeader(name string, value any) EncryptOption {
	return encryptOption(func(c *config) (err error) {
		m, err := headerMember("WithProtectedHeader", name, value)
		if err == nil {
			c.protected, err = addMember(c.protected, "WithProtectedHeader", m)
		}
		return err
	})
}

// WithSharedHeader adds a member to the shared unprotected header
// ("unprotected", RFC 7516 §7.2.1) of [Encrypt], with the rules of
// [WithProtectedHeader] except that "crit" is refused (RFC 7516 §4.1.13
// wants it protected). It needs a JSON serialization.
func WithSharedHeader(name string, value any) EncryptOption {
	return encryptOption(func(c *config) (err error) {
		if name == "crit" {
			return optionError(`WithSharedHeader: "crit" must be in the protected header`)
		}
		m, err := headerMember("WithSharedHeader", name, value)
		if err == nil {
			c.shared, err = addMember(c.shared, "WithSharedHeader", m)
		}
		return err
	})
}

// WithRecipientHeader adds a member to the per-recipient unprotected header
// ("header") of the most recent [WithRecipient], with the rules of
// [WithSharedHeader]. It needs a JSON serialization.
func WithRecipientHeader(name string, value any) EncryptOption {
	return encryptOption(func(c *config) (err error) {
		if len(c.recipients) == 0 {
			return optionError("WithRecipientHeader must follow a WithRecipient")
		}
		if name == "crit" {
			return optionError(`WithRecipientHeader: "crit" must be in the protected header`)
		}
		m, err := headerMember("WithRecipientHeader", name, value)
		if err == nil {
			r := &c.recipients[len(c.recipients)-1]
			r.header, err = addMember(r.header, "WithRecipientHeader", m)
		}
		return err
	})
}

// WithKeyID sets "kid" for the most recent [WithRecipient], instead of the
// key's own kid (the default; a key without kid gives no "kid"). An empty
// kid writes none.
func WithKeyID(kid string) EncryptOption {
	return encryptOption(func(c *config) error {
		if len(c.recipients) == 0 {
			return optionError("WithKeyID must follow a WithRecipient")
		}
		r := &c.recipients[len(c.recipients)-1]
		if err := once("WithKeyID", r.kid != nil); err != nil {
			return err
		}
		r.kid = &kid
		return nil
	})
}

// WithType sets "typ" in the protected header of [Encrypt].
func WithType(typ string) EncryptOption {
	return encryptOption(func(c *config) (err error) {
		c.protected, err = addMember(c.protected, "WithType", member{"typ", mustMarshal(typ)})
		return err
	})
}

// WithContentType sets "cty" in the protected header of [Encrypt] ("JWT"
// for a nested JWT, RFC 7519 §5.2).
func WithContentType(cty string) EncryptOption {
	return encryptOption(func(c *config) (err error) {
		c.protected, err = addMember(c.protected, "WithContentType", member{"cty", mustMarshal(cty)})
		return err
	})
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
func WithJSON() EncryptOption {
	return encryptOption(func(c *config) error { c.json = true; return nil })
}

// WithFlattened makes [Encrypt] write the flattened JSON serialization (RFC
// 7516 §7.2.2): one recipient, with AAD and unprotected headers allowed.
func WithFlattened() EncryptOption {
	return encryptOption(func(c *config) error { c.flat = true; return nil })
}

// WithP2C sets the PBES2 iteration count [Encrypt] writes; the default is
// [DefaultEncryptP2C]. It must be at least [MinP2C]. See the package
// documentation for the trade-off.
func WithP2C(n int) EncryptOption {
	return encryptOption(func(c *config) error {
		if n < MinP2C {
			return optionError("WithP2C(%d): below the minimum of %d (RFC 7518 §4.8.1.2): %w", n, MinP2C, jwa.ErrLimitExceeded)
		}
		c.p2c = n
		return nil
	})
}

// WithKnownCritical names extension header members that the caller
// understands and checks itself, so that [Decrypt] accepts them in "crit"
// (RFC 7516 §4.1.13). A token whose "crit" names anything else is rejected.
func WithKnownCritical(names ...string) DecryptOption {
	return decryptOption(func(c *config) error {
		if len(names) == 0 {
			return optionError("WithKnownCritical without a name")
		}
		c.known = append(c.known, names...)
		return nil
	})
}

// WithContext passes ctx to the key set's Select (a remote set may fetch).
// The default is context.Background(); a nil context is refused.
func WithContext(ctx context.Context) DecryptOption {
	return decryptOption(func(c *config) error {
		if ctx == nil {
			return optionError("WithContext: the context is nil (give context.Background() or the request's)")
		}
		if err := once("WithContext", c.ctxSet); err != nil {
			return err
		}
		c.ctx, c.ctxSet = ctx, true
		return nil
	})
}

// positive checks the argument of a limit option.
func positive(opt string, n int) error {
	if n <= 0 {
		return optionError("%s(%d): want a positive number", opt, n)
	}
	return nil
}

// WithMaxSize sets the largest token, in bytes, that [Decrypt] and [Parse]
// accept; the default is [DefaultMaxSize]. A larger token fails with
// [jwa.ErrLimitExceeded] before it is parsed.
func WithMaxSize(n int) ParseOption {
	return parseOption(func(c *config) error {
		c.maxSize = n
		return positive("WithMaxSize", n)
	})
}

// WithMaxRecipients sets the largest number of recipients [Decrypt] and
// [Parse] accept; the default is [DefaultMaxRecipients].
func WithMaxRecipients(n int) ParseOption {
	return parseOption(func(c *config) error {
		c.maxRecips = n
		return positive("WithMaxRecipients", n)
	})
}

// WithMaxHeaderSize sets the largest decoded size in bytes of each header
// (protected, shared, per-recipient) that [Decrypt] and [Parse] accept; the
// default is [DefaultMaxHeaderSize].
func WithMaxHeaderSize(n int) ParseOption {
	return parseOption(func(c *config) error {
		c.maxHeader = n
		return positive("WithMaxHeaderSize", n)
	})
}

// WithMaxP2C sets the largest PBES2 iteration count [Decrypt] accepts; the
// default is [jwa.DefaultMaxP2C]. A larger "p2c" fails with
// [jwa.ErrLimitExceeded] before any PBKDF2 work. It is also the default of
// [WithPBES2Budget].
func WithMaxP2C(n int) LimitOption {
	return limitOption(func(c *config) error {
		c.maxP2C = n
		return positive("WithMaxP2C", n)
	})
}

// WithMinP2C sets the smallest PBES2 iteration count [Decrypt] accepts;
// the default is [MinP2C] (1000, RFC 7518 §4.8.1.2). A smaller "p2c" fails
// with [jwa.ErrLimitExceeded] before any PBKDF2 work. Lower it only to read
// tokens of an old writer: a low count makes each guess at the password
// cheap for whoever holds the token. A higher floor refuses weak tokens
// that a careless writer made. It may not exceed [WithMaxP2C].
func WithMinP2C(n int) LimitOption {
	return limitOption(func(c *config) error {
		c.minP2C = n
		return positive("WithMinP2C", n)
	})
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
func WithPBES2Budget(iterations int) LimitOption {
	return limitOption(func(c *config) error {
		c.budget.Limit = iterations
		return positive("WithPBES2Budget", iterations)
	})
}

// WithMaxDecompressedSize sets the largest plaintext, in bytes, that
// decompressing a "zip":"DEF" token may produce; the default is
// [jwa.DefaultMaxDecompressedSize]. Decompression stops as soon as the limit
// is passed and fails with [jwa.ErrLimitExceeded].
func WithMaxDecompressedSize(n int) LimitOption {
	return limitOption(func(c *config) error {
		c.maxDecomp = n
		return positive("WithMaxDecompressedSize", n)
	})
}
