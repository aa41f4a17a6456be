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
//	if err != nil {
//		return err
//	}
//	plain, err := jwe.Decrypt(tok,
//		jwe.WithKey(jwa.RSA_OAEP_256, priv), jwe.WithAllowedEncryptions(jwa.A256GCM))
//	if err != nil {
//		return err
//	}
//
// [DecryptMessage] also tells which recipient and key decrypted the token
// and returns its headers; [Parse] reads the structure without decrypting.
//
// A token is a string, in and out, in every serialization (compact and
// JSON alike); a plaintext and external AAD are []byte. Decrypt decodes the
// parts of a compact token straight from the string.
//
// Each call takes options of its own type: [EncryptOption], [DecryptOption]
// and [ParseOption]; the limits a decryption is held to are [LimitOption]s
// (each a DecryptOption, and the ones Parse applies too are ParseOptions).
// An option given to a call it means nothing for does not compile. The
// producing and the accepting option are named apart: [WithEncryption]
// names the one content encryption Encrypt uses, [WithAllowedEncryptions]
// the ones Decrypt accepts. A misused option (nil, out of range,
// contradicting another, a required one missing) fails the call with an
// error wrapping [ErrInvalidOption] that names it.
//
// # What the caller decides
//
// Decryption needs both a key bound to its algorithm ([WithKey]) or a key
// set with its list of algorithms ([WithKeySet]), and the list of allowed
// content encryptions ([WithAllowedEncryptions]). The token's "alg" and "enc" are
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
//   - PBES2 "p2c" read: at most [jwa.DefaultMaxP2C] (1,000,000),
//     [WithMaxP2C], and at least [MinP2C] (1000), [WithMinP2C], both
//     checked before any PBKDF2 work;
//   - PBKDF2 work per token, over all its PBES2 recipients and the
//     passwords tried on them: the [WithMaxP2C] value in iterations (one
//     derivation at the cap), [WithPBES2Budget], checked before each
//     derivation;
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
// never less than [MinP2C] (1000, RFC 7518 §4.8.1.2), with a fresh 16-byte
// "p2s". [Decrypt] reads at most [jwa.DefaultMaxP2C]: enough to read its
// own output, about half a second of CPU per token. A service that takes
// PBES2 tokens from parties it does not trust should set [WithMaxP2C] to
// what its own writers use (other libraries read at most 10,000 by default)
// and rate-limit. PBES2 is only ever tried with a password the caller bound
// to a PBES2 algorithm.
//
// The cap alone would not bound a token: each PBES2 recipient, and each
// password tried on it, costs one derivation, so a 2.3 KB token of 16
// recipients at the cap would cost 16 (T36). [Decrypt] therefore shares one
// budget of PBKDF2 iterations between all of them, by default the cap:
// one derivation at the largest count, or several at smaller counts. A
// recipient the budget cannot pay for is skipped; when nothing decrypted,
// the error wraps [jwa.ErrLimitExceeded] and names the budget.
// [WithPBES2Budget] raises it, for instance for several passwords without
// kids to tell them apart.
//
// [Decrypt] refuses, before any PBKDF2 work, a "p2c" under [MinP2C] (RFC
// 7518 §4.8.1.2 recommends at least 1000: a lower count makes every guess
// at the password cheap for whoever captures the token) unless [WithMinP2C]
// lowers the floor, and a "p2s" under 8 bytes (RFC 7518 §4.8.1.1 requires
// at least 8), with [jwa.ErrLimitExceeded] and [jwa.ErrMalformed].
//
// # Compression
//
// "zip" must be in the protected header (RFC 7516 §4.1.3) and must be
// "DEF" exactly (RFC 7518 §7.3): any other value, "" and "def" included,
// is refused with [jwa.ErrUnsupportedAlgorithm] before any key is used,
// since no other value says how to read the plaintext. [Encrypt] writes
// "zip" only through [WithCompression] with [jwa.Deflate].
//
// # Which header members are authenticated
//
// Only the protected header is authenticated: the content's tag covers it.
// The shared and per-recipient unprotected headers of the JSON
// serializations are covered by nothing, so anyone who handles the token
// can change them. [Result] keeps the three apart (Protected, Shared,
// PerRecipient) and merges none of them; read "typ", "cty" and any other
// member the application acts on from Result.Protected, and use
// [Result.Source] to learn which header a member came from. A dir key
// whose JWK "alg" names a content encryption ("alg":"A128GCM", as in RFC
// 7520 §5.6) decrypts only that "enc".
//
// # FIPS 140-3 mode
//
// In FIPS 140-3 mode ([jwa.FIPSMode]) [WithRecipient], [WithKey],
// [WithKeySet], [WithEncryption] and [WithAllowedEncryptions] refuse an algorithm that is not approved
// (RSA1_5, RSA-OAEP, C20P, XC20P, the HPKE suites over X25519 or
// ChaCha20-Poly1305) with [jwa.ErrNotApproved], and binding refuses the keys
// that mode forbids (an X25519 key for ECDH-ES, an RSA key under 2048 bits
// or with a small exponent). A PBES2 token whose p2s is under 128 bits is
// refused before any PBKDF2 work. AES-GCM then takes its IVs from Go's
// module; the tokens are the same.
//
// [RFC 7516]: https://www.rfc-editor.org/rfc/rfc7516
// [RFC 7518]: https://www.rfc-editor.org/rfc/rfc7518
// [RFC 8037]: https://www.rfc-editor.org/rfc/rfc8037
package jwe
