// Package jwthttp protects net/http handlers with JWT access tokens: the
// bearer tokens of OAuth 2.0 ([RFC 6750]), typically JWT access tokens
// ([RFC 9068]), and optionally DPoP-bound ones ([RFC 9449]).
//
// Most callers want [Middleware] with the options of jwt.Verify, then
// [ClaimsFrom] in the handler and [RequireScope] where a scope is needed:
//
//	keys, err := jwk.Discover(ctx, "https://issuer.example.com")
//	if err != nil {
//		return err
//	}
//	defer keys.Close()
//	auth, err := jwthttp.Middleware[MyClaims](
//		jwthttp.WithVerifyOptions(
//			jwt.WithKeySet(keys, jwa.RS256, jwa.ES256),
//			jwt.WithIssuer("https://issuer.example.com"),
//			jwt.WithAudience("https://api.example.com")),
//		jwthttp.WithRealm("api"))
//	if err != nil {
//		return err
//	}
//	mux.Handle("GET /orders", auth(jwthttp.RequireScope("orders:read")(http.HandlerFunc(orders))))
//
//	func orders(w http.ResponseWriter, r *http.Request) {
//		claims, ok := jwthttp.ClaimsFrom[MyClaims](r.Context())
//		if !ok {
//			http.Error(w, "no claims", http.StatusInternalServerError)
//			return
//		}
//		...
//	}
//
// A refused request is answered as RFC 6750 §3 says: 401 with a
// WWW-Authenticate challenge (with error="invalid_token" and a short
// description when a token was sent but is not valid), 400 invalid_request
// for a malformed request, 403 insufficient_scope from RequireScope, and
// 503 when the check could not be made: a key set that could not be
// fetched (jwk.ErrFetch), or a store the check needs that did not answer,
// such as a DPoP replay store or the revocation list behind
// jwt.WithJTIValidator (jwt.ErrStoreUnavailable; a Redis that is down, say).
// The descriptions never repeat the token, a claim or key material; the
// full cause goes to the [ErrorHandler] as a [ChallengeError], which wraps
// the sentinels of jwt, jwk and jwa for errors.Is.
//
// Each refusal is also logged, one line through log/slog (slog.Default()
// unless [WithLogger] says otherwise): the status, the code, the method and
// path, and the cause, never the token or a header. Without it, a 401 in
// production says nothing of why.
//
// The token is read from the Authorization header only; the query string
// ([WithQueryToken]) is an opt-in, and the form body (RFC 6750 §2.2) is not
// read.
//
// What the middleware refuses by default, and why:
//
//   - a token whose "typ" is not "at+jwt" ([TokenType]; RFC 9068 §4): an
//     ID token, a DPoP proof or any other JWT the same keys sign for the
//     same audience is not an access token. [WithAnyTokenType] is the
//     opt-out for identity providers that issue plain JWTs;
//   - a nested (signed, then encrypted) token whose outer "cty" is not
//     "JWT" (RFC 7519 §5.2); [WithTypeAsContentType] also accepts the
//     access token type there, as panva's oidc-provider writes it;
//   - options that jwt refuses, a nil key set among them: Middleware
//     applies the jwt options once and fails, so that no request meets
//     them;
//   - a "scope" or "scp" claim that is not scope-tokens separated by single
//     spaces (RFC 6749 §3.3): a tab, a no-break space or a line separator
//     between two scopes makes the token invalid rather than be read as a
//     separator by one parser and as part of a scope by another;
//   - for DPoP ([WithDPoP], [DPoPProofs]), a proof whose "htu" is not one
//     of the server's own origins followed by the request's path: the
//     origins are given at setup, since the request's Host header is the
//     client's to choose, and a proof made for another site would pass if
//     the target were rebuilt from it;
//   - a DPoP proof whose key is outside the bounds of its dpop.Validator
//     (by default an RSA key of at most 4096 bits with e = 65537), and a
//     proof seen before, up to the last instant of its window.
//
// [RFC 6750]: https://www.rfc-editor.org/rfc/rfc6750
// [RFC 9068]: https://www.rfc-editor.org/rfc/rfc9068
// [RFC 9449]: https://www.rfc-editor.org/rfc/rfc9449
package jwthttp
