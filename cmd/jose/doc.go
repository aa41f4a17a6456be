// Command jose signs, verifies, encrypts, decrypts and inspects JOSE objects
// (JWS, JWE, JWT) and manages JWKs from the command line. It is a thin layer
// over the library: each command is a call or two into its public API, so
// whatever the command does, a Go program can do in a few lines.
//
// Install it with
//
//	go install github.com/joseproject/jose/cmd/jose@latest
//
// It is a module of its own (github.com/joseproject/jose/cmd/jose) so that
// it can import the ext modules of algorithms: every algorithm of the
// project works in it, ES256K and secp256k1 keys (ext/secp256k1), Ed448 and X448
// (ext/ed448) included, while the library's own go.mod names none of their
// dependencies. ML-DSA (AKP keys) needs a jose built with Go 1.27 or later;
// built with Go 1.26 it refuses them with a usage error that says so.
//
// Usage:
//
//	jose jwk gen --kty RSA|EC|OKP|oct|AKP [--size BITS] [--crv CRV] [--alg ALG] [--use sig|enc] [--kid KID|--kid-thumbprint]
//	jose jwk pub [FILE]
//	jose jwk thumbprint [--hash SHA-256|SHA-384|SHA-512] [--uri] [FILE]
//	jose jwk convert [--to jwk|pem] [FILE]
//	jose jws sign --key FILE --alg ALG [--kid KID] [--header JSON] [--format compact|flattened|general] [--detached] [--unencoded] [FILE]
//	jose jws verify --key FILE [--alg ALG[,ALG...]] [--payload FILE] [FILE]
//	jose jwe encrypt --key FILE|--password-file FILE --alg ALG --enc ENC [--kid KID] [--zip DEF] [--cty CTY] [--header JSON] [--format ...] [FILE]
//	jose jwe decrypt --key FILE|--password-file FILE [--alg ALG[,ALG...]] [--enc ENC[,ENC...]] [FILE]
//	jose jwt sign --key FILE --alg ALG [--claims FILE] [--iss S] [--sub S] [--aud S]... [--exp DURATION] [--nbf DURATION] [--iat] [--jti] [--typ TYP]
//	              [--encrypt-key FILE --key-alg ALG --enc ENC [--zip DEF]]
//	jose jwt verify --key FILE [--alg ALG[,ALG...]] [--iss S] [--aud S] [--sub S] [--leeway DURATION] [--require CLAIM,...]
//	                [--typ TYP] [--allow-no-exp] [--decrypt-key FILE --enc ENC[,ENC...] --key-alg ALG[,ALG...]] [FILE]
//	jose inspect [FILE]
//	jose completion bash|zsh
//	jose --version
//
// Input is FILE, or standard input when FILE is omitted or "-"; white space
// around a token is trimmed, payloads and plaintexts pass byte for byte (so
// a trailing newline is encrypted too: make a nested JWT with jwt sign
// --encrypt-key rather than by piping jwt sign into jwe encrypt). Flags may
// stand before or after FILE. Only the result goes to standard output; an
// error is one line on standard error, and it names the command's flags
// (--allow-no-exp, --aud), never the library's option names.
//
// --key reads a JWK, a JWK Set or PEM (PKCS#8, PKCS#1, SEC 1, PKIX, X.509
// certificates), or fetches a JWK Set from an https:// URL (http:// only
// with --allow-http, for tests on loopback) through the library's remote key
// set, with its timeouts and size bound. With a set, verification picks
// the key by the token's kid, then its alg, kty and use, as the library's
// key selection does; signing and encryption use the set's only key, or the
// one --kid names. jws sign and jwe encrypt take --key several times for
// several signatures or recipients (general JSON), with --alg once for all
// or once per key, in the same order.
//
// Verification and decryption never let the token choose the algorithm:
// they accept only the algorithms of --alg (and for JWE of --enc); without
// --alg, only the alg of the key itself, and a key without one is a usage
// error. A key whose alg is a content encryption, such as the symmetric key
// of RFC 7520 §5.6 ("alg":"A128GCM"), is a dir key for that encryption:
// without --alg it means dir, and jwe encrypt and jwt sign --encrypt-key
// take its alg as --enc unless --enc is given (another one is refused).
// Without --enc, decryption accepts the content encryptions of RFC
// 7518 §5, or with such a dir key its own. "none" is never accepted. jwt verify refuses a token without
// "exp" unless --allow-no-exp is given, and a token with "aud" unless --aud
// names one of its audiences (RFC 7519 §4.1.3).
//
// jwt sign --encrypt-key signs the claims, then encrypts the signed JWT to
// that key under --key-alg and --enc (a nested JWT, cty "JWT", RFC 7519
// §5.2), compressed first with --zip DEF; jwt verify --decrypt-key reads it.
// HPKE Integrated Encryption (HPKE-0 and up, without -KE) encrypts the
// content itself and takes no --enc.
//
// jwk gen makes a private key of every key type, curve and algorithm of the
// project: RSA (2048 bits unless --size), EC (P-256, P-384, P-521,
// secp256k1), OKP (Ed25519, X25519, Ed448, X448), oct (the size --alg
// needs, or 256 bits) and AKP (ML-DSA-44, -65, -87); with --alg the key is
// bound to that algorithm; an --alg that is a content encryption (A128GCM)
// makes a dir key for it. PBES2 keys are passwords and are not generated.
// jwk gen and inspect note the algorithms that are deprecated (EdDSA,
// RSA1_5) or only drafts (HPKE, C20P, XC20P), and print the FIPS 140-3
// status of each algorithm and curve (jwk gen on standard error, for the
// new key's algorithm and curve; inspect for each algorithm a token names).
//
// inspect prints a token's serialization, headers and, for JWS, payload,
// under a line that says UNVERIFIED; it verifies nothing.
//
// Exit status: 0 success; 1 the token failed: anything wrong with the token
// itself (bad signature, failed decryption, claim rejected, malformed token,
// an "alg", "enc", "zip" or "crit" in the token that is unknown,
// unsupported or not allowed, a p2c out of bounds); 2 usage error: what the
// person typed or gave as a key (unknown flag, unreadable or unusable key
// file, an --alg that does not exist or that the key cannot do, a key set
// the library refuses, and in FIPS 140-3 mode an algorithm, curve or key
// that mode does not approve). Every name and key the person gives is
// checked before the token is read, and the status is chosen from the
// error's sentinels alone. inspect exits 1 only for input that is not a
// JOSE object.
//
// FIPS 140-3 mode (GODEBUG=fips140=on or only, or a GOFIPS140 build):
// an algorithm, curve or key that mode does not approve is refused with
// exit status 2 and a message naming FIPS 140-3, whether a flag names it
// or a key file holds it; the completion scripts offer only the
// algorithms it approves.
//
// --version reports the command's module version, the versions of the
// library and the ext modules it was built with, and the Go release.
// completion prints a bash or zsh completion script.
package main
