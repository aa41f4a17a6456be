// Command jose signs, verifies, encrypts, decrypts and inspects JOSE objects
// (JWS, JWE, JWT) and manages JWKs from the command line. It is a thin layer
// over the library: each command is one call into its public API.
//
// Usage:
//
//	jose jwk gen --kty RSA|EC|OKP|oct [--size BITS] [--crv CRV] [--alg ALG] [--use sig|enc] [--kid KID|--kid-thumbprint]
//	jose jwk pub [FILE]
//	jose jwk thumbprint [--hash SHA-256|SHA-384|SHA-512] [--uri] [FILE]
//	jose jwk convert [--to jwk|pem] [FILE]
//	jose jws sign --key FILE --alg ALG [--kid KID] [--header JSON] [--format compact|flattened|general] [--detached] [--unencoded] [FILE]
//	jose jws verify --key FILE [--alg ALG[,ALG...]] [--payload FILE] [FILE]
//	jose jwe encrypt --key FILE|--password-file FILE --alg ALG --enc ENC [--kid KID] [--zip DEF] [--cty CTY] [--header JSON] [--format ...] [FILE]
//	jose jwe decrypt --key FILE|--password-file FILE [--alg ALG[,ALG...]] [--enc ENC[,ENC...]] [FILE]
//	jose jwt sign --key FILE --alg ALG [--claims FILE] [--iss S] [--sub S] [--aud S]... [--exp DURATION] [--nbf DURATION] [--iat] [--jti] [--typ TYP]
//	jose jwt verify --key FILE [--alg ALG[,ALG...]] [--iss S] [--aud S] [--sub S] [--leeway DURATION] [--require CLAIM,...]
//	                [--typ TYP] [--allow-no-exp] [--decrypt-key FILE --enc ENC[,ENC...] --key-alg ALG[,ALG...]] [FILE]
//	jose inspect [FILE]
//
// Input is FILE, or standard input when FILE is omitted or "-"; white space
// around a token is trimmed, payloads pass byte for byte. Flags may stand
// before or after FILE. Only the result goes to standard output; an error is
// one line on standard error.
//
// --key reads a JWK, a JWK Set or PEM (PKCS#8, PKCS#1, SEC 1, PKIX, X.509
// certificates), or fetches a JWK Set from an https:// URL (http:// only
// with --allow-http, for tests on loopback). With a set, verification picks
// the key by the token's kid and alg as the library's key selection does;
// signing and encryption use the set's only key, or the one --kid names.
// jws sign and jwe encrypt take --key several times for several signatures
// or recipients, with --alg once for all or once per key.
//
// Verification and decryption accept only the algorithms of --alg (and for
// JWE of --enc); without --alg, only the alg of the key itself, and a key
// without one is a usage error. Without --enc, decryption accepts the content
// encryption algorithms of RFC 7518 §5. "none" is never accepted.
//
// Exit status: 0 success; 1 the token failed (bad signature, failed
// decryption, claim rejected, malformed token); 2 usage error (unknown flag,
// unreadable or unusable key, unknown algorithm name).
//
// FIPS 140-3: inspect prints the FIPS 140-3 status of each algorithm a
// token names, and jwk gen prints that of the new key's algorithm and curve
// on standard error. In FIPS 140-3 mode (GODEBUG=fips140=on or only, or a
// GOFIPS140 build) an algorithm, curve or key that mode does not approve is
// refused with exit status 2 and a message naming FIPS 140-3.
package main
