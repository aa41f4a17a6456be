// Package jwa names the JOSE algorithms and implements them over standard
// library keys ([RFC 7518], [RFC 8037], [RFC 9864]).
//
// It knows nothing about headers or JSON: it signs and verifies byte
// strings, protects content encryption keys, and encrypts content. Most
// programs use it only for the algorithm names (jwa.ES256, jwa.A256GCM) that
// they pass to the jws, jwe and jwt packages.
//
// Each algorithm is a typed string whose value is its IANA name. A key is
// bound to an algorithm once, with [SignatureAlgorithm.NewSigner],
// [SignatureAlgorithm.NewVerifier], [KeyAlgorithm.NewKeyEncrypter],
// [KeyAlgorithm.NewKeyDecrypter] or [ContentEncryption.NewCipher]; that is
// where the key's type, size and curve are checked, never on each use.
//
// An application may add algorithms with [RegisterSignature],
// [RegisterKeyManagement] and [RegisterContentEncryption]. Registering makes
// an algorithm available, never acceptable: verifiers and decrypters still
// name the algorithms they accept.
//
// [RFC 7518]: https://www.rfc-editor.org/rfc/rfc7518
// [RFC 8037]: https://www.rfc-editor.org/rfc/rfc8037
// [RFC 9864]: https://www.rfc-editor.org/rfc/rfc9864
package jwa
