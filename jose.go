// Package jose is the map of the library: JSON Object Signing and Encryption
// for Go, in layered packages.
//
//		internal/base64url ← jwa ← jwk ← jws ─┐
//		                              ← jwe ─┴← jwt
//
//	  - [github.com/joseproject/jose/jwa]: algorithm names (RFC 7518, RFC 8037,
//	    RFC 9864) and their implementations over standard library keys.
//	  - [github.com/joseproject/jose/jwk]: keys in JSON form (RFC 7517), key
//	    sets, thumbprints (RFC 7638), PEM and X.509.
//	  - [github.com/joseproject/jose/jws]: signatures (RFC 7515, RFC 7797).
//	  - [github.com/joseproject/jose/jwe]: encryption (RFC 7516).
//	  - [github.com/joseproject/jose/jwt]: tokens and claims (RFC 7519, RFC 8725).
//
// Nothing in the library imports this package.
package jose
