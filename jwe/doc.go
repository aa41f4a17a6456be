// Package jwe encrypts and decrypts JSON Web Encryption ([RFC 7516]) in the
// compact, flattened JSON and general JSON serializations, with every key
// management and content encryption algorithm of package jwa ([RFC 7518],
// [RFC 8037] for X25519), several recipients, external AAD, shared and
// per-recipient unprotected headers, and "zip":"DEF" compression.
//
// Most callers want [Encrypt] and [Decrypt]:
//
//	tok, err := jwe.Encrypt(plaintext,
//		jwe.WithRecipient(jwa.RSA_OAEP_256, pub), jwe.WithEncryption(jwa.A256GCM))
//	plain, err := jwe.Decrypt(tok,
//		jwe.WithKey(jwa.RSA_OAEP_256, priv), jwe.WithEncryption(jwa.A256GCM))
//
// [DecryptMessage] also tells which recipient and key decrypted the token
// and returns its headers; [Parse] reads the structure without decrypting.
//
// # What the caller decides
//
// Decryption needs both a key bound to its algorithm ([WithKey]) or a key
// set with its list of algorithms ([WithKeySet]), and the list of allowed
// content encryptions ([WithEncryption]). The token's "alg" and "enc" are
// checked against those lists before any key is used and never choose an
// algorithm by themselves. After the header is accepted, every failure is
// the same [ErrDecryption] and costs the same work (see [DecryptMessage]).
//
// # Member names
//
// Member names are matched exactly, as RFC 7516 §5.3 compares strings, in
// headers and in the JSON serializations. In a JSON serialization, a member
// whose name differs from one of RFC 7516 §7.2.1 only in case ("PROTECTED",
// "Ciphertext", a "Header" in "recipients") is refused ([jwa.ErrMalformed]),
// where the specification would ignore an unknown member: encoding/json, and
// libraries built on it, would read it as the registered one, so the same
// token would mean two things. Other unknown members are ignored.
//
// # Limits
//
// Each has a default and an option; none is a package variable:
//
//   - token size: [DefaultMaxSize] (1 MiB), [WithMaxSize];
//   - recipients: [DefaultMaxRecipients] (16), [WithMaxRecipients];
//   - each header's decoded size: [DefaultMaxHeaderSize] (16 KiB),
//     [WithMaxHeaderSize];
//   - PBES2 "p2c" read: [jwa.DefaultMaxP2C] (1,000,000), [WithMaxP2C],
//     checked before any PBKDF2 work;
//   - decompressed plaintext: [jwa.DefaultMaxDecompressedSize] (4 MiB),
//     [WithMaxDecompressedSize]; inflating stops at the limit, so a
//     decompression bomb fails fast with [jwa.ErrLimitExceeded].
//
// # PBES2 iteration counts
//
// A high "p2c" makes guessing a weak password offline expensive, but the
// same cost is paid by the decrypter for every token anyone sends, and the
// sender picks the count. [Encrypt] writes [DefaultEncryptP2C] (600,000,
// the OWASP figure for PBKDF2-HMAC-SHA256) unless [WithP2C] says otherwise,
// and never less than [MinP2C] (1000, RFC 7518 §4.8.1.2). [Decrypt] reads at
// most [jwa.DefaultMaxP2C]: enough to read its own output, about half a
// second of CPU per token. A service that takes PBES2 tokens from parties it
// does not trust should set [WithMaxP2C] to what its own writers use (other
// libraries read at most 10,000 by default) and rate-limit. PBES2 is only
// ever tried with a password the caller bound to a PBES2 algorithm.
//
// [RFC 7516]: https://www.rfc-editor.org/rfc/rfc7516
// [RFC 7518]: https://www.rfc-editor.org/rfc/rfc7518
// [RFC 8037]: https://www.rfc-editor.org/rfc/rfc8037
package jwe
