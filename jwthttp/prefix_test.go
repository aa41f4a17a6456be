package jwthttp_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/errtest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

// TestErrorPrefixOnce: the message of each refusal (ChallengeError.Error,
// what a log shows) and of a bad setup names "jwthttp" once, at the
// start, and none of the packages the cause went through (jwt, jws, jwk,
// jwa, dpop), while errors.Is still finds their sentinels.
func TestErrorPrefixOnce(t *testing.T) {
	f := newFixture(t)
	var seen *jwthttp.ChallengeError
	record := recording(&seen)
	h := f.protect(record)
	otherKey, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k1"))
	if err != nil {
		t.Fatal(err)
	}
	client := f.dpopClient()
	withDPoP := f.protect(jwthttp.WithDPoP(dpopProofs(t)), record)
	wrongURI := client.proof("http://example.com/other")
	refusal := func(h http.Handler, q request) error {
		seen = nil
		q.do(h)
		if seen == nil {
			return nil
		}
		return seen
	}
	errtest.PrefixOnce(t, "jwthttp",
		errtest.Failure("expired", refusal(h, request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["exp"] = time.Now().Add(-time.Minute).Unix() })}}), jwt.ErrExpired, `claim "exp"`),
		errtest.Failure("another key", refusal(h, request{auth: []string{"Bearer " + f.sign(otherKey, claims(nil), jwt.WithType("at+jwt"))}}), jwa.ErrInvalidSignature, "ES256 signature"),
		errtest.Failure("malformed", refusal(h, request{auth: []string{"Bearer e30.e30.e30"}}), jwa.ErrMalformed, "alg"),
		errtest.Failure("DPoP proof for another URI", refusal(withDPoP, request{auth: []string{"DPoP " + client.token}, dpop: wrongURI}), dpop.ErrURIMismatch, "htu"),
		errtest.Failure("bad scope claim", refusal(h, request{auth: []string{"Bearer " + f.token(func(m map[string]any) { m["scope"] = "a\tb" })}}), jwt.ErrInvalidClaims, "0x09"),
		errtest.Failure("setup", func() error {
			_, err := jwthttp.Middleware[appClaims](jwthttp.WithVerifyOptions(jwt.WithKey(jwa.ES256, f.key.Public()), jwt.WithEncryptedOnly()))
			return err
		}(), jwt.ErrInvalidOption, "WithVerifyOptions: WithEncryptedOnly"),
	)
}
