// Package dpop implements OAuth 2.0 Demonstrating Proof of Possession
// ([RFC 9449]): a client proves, on each HTTP request, that it holds the
// private key an access token is bound to, so that a stolen token is of no
// use to anyone else.
//
// A client makes a proof for each request with [NewProof] and sends it in
// the DPoP header, with the access token in "Authorization: DPoP <token>":
//
//	proof, err := dpop.NewProof("GET", "https://api.example.com/items", jwa.ES256, key,
//		dpop.WithAccessToken(accessToken))
//	if err != nil {
//		return err
//	}
//
// A server makes one [Validator] at start-up (it holds the algorithms it
// accepts, the time window and the store of proofs already seen) and checks
// each request with [Validator.Validate], which follows every step of
// RFC 9449 §4.3:
//
//	v, err := dpop.NewValidator() // once
//	if err != nil {
//		return err
//	}
//	proof, err := v.Validate(r.Header, r.Method, "https://api.example.com/items",
//		dpop.WithAccessToken(accessToken), dpop.WithThumbprint(claims.Cnf.JKT))
//	if err != nil {
//		return err
//	}
//
// An authorization server binds the tokens it issues to [Proof.Thumbprint]
// with the "cnf" claim ([Confirmation], RFC 9449 §6.1).
//
// Each call takes options of its own type ([ProofOption], [ValidatorOption],
// [ValidateOption]; [WithAccessToken] and [WithClock] serve two calls), so
// that an option given to the wrong call does not compile. What a client
// writes and what a server accepts are named apart: [WithNonce] puts one
// nonce in a proof, [WithAllowedNonces] lists the ones a server accepts. A
// misused option fails the call with an error wrapping [ErrInvalidOption]
// that names it.
//
// The proof is a JWT checked by the jwt package, with the key from its own
// "jwk" header ([jwt.WithEmbeddedKey]): that key is trusted only to prove
// possession, never to say who the client is. A proof is not an
// authentication: the access token must still be verified on its own.
//
// What a Validator refuses, beyond the steps of RFC 9449 §4.3:
//
//   - a proof's key is bounded before any RSA arithmetic, since anyone can
//     make a proof: by default an RSA key has at most 4096 bits and the
//     exponent 65537 ([WithEmbeddedKeyLimits] widens this), because a random
//     16384-bit modulus with a huge exponent costs the server some 300
//     times an ordinary check; a key with the ROCA fingerprint
//     (CVE-2017-15361) is refused as jwk refuses it everywhere;
//   - a proof is remembered through the last instant it could be accepted,
//     that instant included, so that it cannot be replayed at the edge of
//     its window; a [ReplayStore] reports success only for an id it
//     recorded, and its doc is the contract other stores follow.
//
// Every error of Validate wraps [ErrInvalidProof] (the "invalid_dpop_proof"
// error code of RFC 9449), except [ErrUseNonce] ("use_dpop_nonce", §8 and
// §9) and [ErrKeyMismatch] ("invalid_token", §7.1), which call for other
// answers, and failures of the caller's [ReplayStore].
//
// The default [MemoryStore] remembers proofs for one process only: behind a
// load balancer, a proof accepted by one instance would be accepted again
// by another. Give every instance one shared [ReplayStore]: the nested
// module github.com/joseproject/jose/ext/redisstore keeps proofs in Redis
// (README, "Running several instances").
//
// [RFC 9449]: https://www.rfc-editor.org/rfc/rfc9449
package dpop
