// Package jose is the map of the library: JSON Object Signing and Encryption
// for Go, in layered packages. Nothing in the library imports this package;
// it holds only what needs several layers, such as [Detect].
//
// # Where to start
//
// Pick the package of the task; each one's documentation opens with its
// common calls, and its Examples run as tests:
//
//   - issue or verify a JWT (an ID token, an access token, your own
//     claims): [github.com/joseproject/jose/jwt], jwt.Sign and jwt.Verify;
//   - sign or verify any payload: [github.com/joseproject/jose/jws];
//     encrypt or decrypt one: [github.com/joseproject/jose/jwe];
//   - keys: [github.com/joseproject/jose/jwk] reads PEM (jwk.ParsePEM), a
//     JWK or a JWK Set (jwk.Parse, jwk.ParseSet), wraps Go keys and secrets
//     (jwk.FromKey), generates keys (jwk.Generate), and fetches an identity
//     provider's JWKS URL (jwk.NewRemote, jwk.Discover);
//   - the algorithm names all of them take (jwa.ES256, jwa.RSA_OAEP_256,
//     jwa.A256GCM): [github.com/joseproject/jose/jwa];
//   - protect net/http handlers with access tokens:
//     [github.com/joseproject/jose/jwthttp]; DPoP-bound tokens:
//     [github.com/joseproject/jose/dpop]; selective disclosure (SD-JWT):
//     [github.com/joseproject/jose/sdjwt];
//   - issue tokens with keys that rotate on a schedule, and serve their JWK
//     Set: [github.com/joseproject/jose/jwkring];
//   - ES256K, Ed448 and X448, and state shared by several instances in
//     Redis: the nested modules github.com/joseproject/jose/ext/secp256k1,
//     .../ext/ed448 and .../ext/redisstore.
//
// Every call takes the algorithms it accepts from the caller, never from
// the token, and options of its own type (jwt.VerifyOption,
// jws.SignOption, ...): an option given to the wrong call does not
// compile, and a misused one fails with jwa.ErrInvalidOption. Tokens are
// strings; payloads are []byte.
//
// Errors are for errors.Is: each wraps a sentinel of the package called
// (jwt.ErrExpired, jwe.ErrDecryption, jwk.ErrFetch, ...) or, for a failure
// of the cryptographic layers, one of package jwa's (jwa.ErrInvalidSignature,
// jwa.ErrAlgorithmNotAllowed, jwa.ErrMalformed, jwa.ErrInvalidKey,
// jwa.ErrLimitExceeded, jwa.ErrNotApproved), and its message says what was
// expected. Each package's documentation lists its sentinels.
//
// # Layers
//
// "a → b" says that a may import b and what b may import,
// as layers_test.go states them (internal packages left out):
//
//	jwthttp → dpop
//	dpop    → jwt
//	sdjwt   → jwt
//	jwkring → jwt
//	jwt     → jws, jwe
//	jws     → jwk
//	jwe     → jwk
//	jwk     → jwa
//	jwa
//
// The repository's docs/DESIGN.md says what each package owns, what it
// refuses by default, and how errors and options work; docs/THREAT-MODEL.md
// has an entry for each threat id the code and the tests cite (T36: the
// PBES2 iteration count), with the tests that hold the defense.
//
// # Issue and verify a JWT
//
// The README's blocks (each compiled and run by the tests) are the longer
// versions of these.
//
//	key, err := jwk.Generate(jwa.ES256)
//	if err != nil {
//		return err
//	}
//	token, err := jwt.Sign(jwt.Claims{Subject: "alice", Audience: jwt.Audience{"api"},
//		ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}, jwa.ES256, key)
//	if err != nil {
//		return err
//	}
//	claims, err := jwt.Verify[jwt.Claims](token,
//		jwt.WithKey(jwa.ES256, key.Public()), jwt.WithAudience("api"))
//	if err != nil {
//		return err
//	}
//
// # Verify tokens of an identity provider
//
//	// At start-up: keys refreshes itself until it is closed.
//	keys, err := jwk.Discover(ctx, "https://accounts.example.com")
//	if err != nil {
//		return err
//	}
//	defer keys.Close()
//	// For each token:
//	claims, err := jwt.Verify[jwt.Claims](token, jwt.WithKeySet(keys, jwa.RS256),
//		jwt.WithIssuer("https://accounts.example.com"), jwt.WithAudience("client-id"))
//	if err != nil {
//		return err
//	}
//
// # Sign and verify a payload
//
//	signed, err := jws.Sign(payload, jws.WithKey(jwa.EdDSA, key))
//	if err != nil {
//		return err
//	}
//	verified, err := jws.Verify(signed, jws.WithKey(jwa.EdDSA, key.Public()))
//	if err != nil {
//		return err
//	}
//
// # Encrypt and decrypt
//
//	enc, err := jwe.Encrypt(plaintext, jwe.WithRecipient(jwa.RSA_OAEP_256, pub),
//		jwe.WithEncryption(jwa.A256GCM))
//	if err != nil {
//		return err
//	}
//	decrypted, err := jwe.Decrypt(enc, jwe.WithKey(jwa.RSA_OAEP_256, priv),
//		jwe.WithAllowedEncryptions(jwa.A256GCM))
//	if err != nil {
//		return err
//	}
//
// # Keys
//
// [jwk.FromKey] takes a standard library key, a crypto.Signer or a []byte
// secret; [jwk.ParsePEM] and [jwk.ParseSet] read PEM and JWK Sets;
// [jwk.Key.Thumbprint] computes RFC 7638 thumbprints. Each returns an error
// to check, as above.
//
// [RFC 7515]: https://www.rfc-editor.org/rfc/rfc7515
// [RFC 7516]: https://www.rfc-editor.org/rfc/rfc7516
// [RFC 7517]: https://www.rfc-editor.org/rfc/rfc7517
// [RFC 7518]: https://www.rfc-editor.org/rfc/rfc7518
// [RFC 7519]: https://www.rfc-editor.org/rfc/rfc7519
// [RFC 7638]: https://www.rfc-editor.org/rfc/rfc7638
// [RFC 7797]: https://www.rfc-editor.org/rfc/rfc7797
// [RFC 8037]: https://www.rfc-editor.org/rfc/rfc8037
// [RFC 8725]: https://www.rfc-editor.org/rfc/rfc8725
// [RFC 9864]: https://www.rfc-editor.org/rfc/rfc9864
package jose

import (
	"strings"

	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jws"
)

// Kind is what a token is, as [Detect] tells it.
type Kind int

// Kinds of token.
const (
	Unknown Kind = iota // not a JOSE object
	JWS                 // a signed object (a signed JWT is one), in any serialization
	JWE                 // an encrypted object, in any serialization
)

// String returns "JWS", "JWE" or "unknown".
func (k Kind) String() string {
	switch k {
	case JWS:
		return "JWS"
	case JWE:
		return "JWE"
	}
	return "unknown"
}

// Detect tells whether token is a JWS or a JWE, in the compact or a JSON
// serialization, by parsing its structure with [jws.Parse] and [jwe.Parse]
// and their default limits. It verifies and decrypts nothing: use it to
// route a token, never to trust one.
func Detect(token string) Kind {
	token = strings.TrimSpace(token)
	if _, err := jws.Parse(token); err == nil {
		return JWS
	}
	if _, err := jwe.Parse(token); err == nil {
		return JWE
	}
	return Unknown
}
