package jws

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/x509"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestOptionMisuse: every misuse of an option (nil, out of range, given
// twice, contradicting another, a required one missing) fails the call with
// an error that wraps ErrInvalidOption (which is jwa.ErrInvalidOption) and
// names the option, beside a more specific sentinel where there is one.
func TestOptionMisuse(t *testing.T) {
	if ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	hs := WithKey(jwa.HS256, hsKey)
	rsa := rsaPublic(t).Public()
	set, _ := jwk.NewSet(rsa)
	tok, err := Sign([]byte("p"), hs)
	if err != nil {
		t.Fatal(err)
	}
	sign := func(opts ...SignOption) func() error {
		return func() error { _, err := Sign([]byte("a.b"), opts...); return err }
	}
	verify := func(opts ...VerifyOption) func() error {
		return func() error { _, err := Verify(tok, opts...); return err }
	}
	parse := func(opts ...ParseOption) func() error {
		return func() error { _, err := Parse(tok, opts...); return err }
	}
	var (
		nilSet     *jwk.Set
		nilRemote  *jwk.Remote
		nilSigner  crypto.Signer = (*ecdsa.PrivateKey)(nil)
		nilContext context.Context
		approve    = func(*jwk.Key) error { return nil }
		roots      = x509.VerifyOptions{Roots: x509.NewCertPool()}
	)
	for _, tc := range []struct {
		name string
		run  func() error
		says string
		also error // a second sentinel, or nil
	}{
		{"Sign nil option", sign(hs, nil), "option 2 of Sign is nil", nil},
		{"Verify nil option", verify(nil), "option 1 of Verify is nil", nil},
		{"Parse nil option", parse(WithMaxSize(10), nil), "option 2 of Parse is nil", nil},
		{"Sign without a key", sign(), "Sign needs a key: give WithKey", nil},
		{"Verify without a key", verify(), "Verify needs a key", nil},
		{"WithKey nil key", sign(WithKey(jwa.ES256, nil)), "WithKey(ES256): the key is nil", nil},
		{"WithKey nil crypto.Signer", sign(WithKey(jwa.ES256, nilSigner)), "WithKey(ES256): the key is nil", nil},
		{"WithKey typed nil public key", verify(WithKey(jwa.ES256, (*ecdsa.PublicKey)(nil))), "WithKey(ES256): the key is nil", nil},
		{"WithKey public key to sign", sign(WithKey(jwa.RS256, rsa)), "WithKey(RS256)", jwa.ErrInvalidKey},
		{"WithKey RSA key for HS256", verify(WithKey(jwa.HS256, rsa)), "WithKey(HS256)", jwa.ErrInvalidKey},
		{"WithKey unknown algorithm", sign(WithKey("XS256", hsKey)), "WithKey", jwa.ErrUnsupportedAlgorithm},
		{"WithKey none with a key", verify(WithKey(jwa.NoSignature, hsKey)), `WithKey: "none" takes no key`, jwa.ErrAlgorithmNotAllowed},
		{"none without WithUnsafeNone", sign(WithKey(jwa.NoSignature, nil)), "needs WithUnsafeNone", jwa.ErrAlgorithmNotAllowed},
		{"WithKeySet nil", verify(WithKeySet(nil, jwa.RS256)), "WithKeySet: the key set is nil (did jwk.Discover", nil},
		{"WithKeySet nil *jwk.Set", verify(WithKeySet(nilSet, jwa.RS256)), "WithKeySet: the key set is nil", nil},
		{"WithKeySet nil *jwk.Remote", verify(WithKeySet(nilRemote, jwa.RS256)), "WithKeySet: the key set is nil", nil},
		{"WithKeySet without algorithms", verify(WithKeySet(set)), "WithKeySet needs the list of accepted algorithms", jwa.ErrAlgorithmNotAllowed},
		{"WithKeySet none", verify(WithKeySet(set, jwa.NoSignature)), `WithKeySet: "none"`, jwa.ErrAlgorithmNotAllowed},
		{"WithKeySet twice", verify(WithKeySet(set, jwa.RS256), WithKeySet(set, jwa.RS256)), "WithKeySet given twice", nil},
		{"WithEmbeddedKey nil approve", verify(WithEmbeddedKey(nil, jwa.ES256)), "WithEmbeddedKey: the approve function is nil", nil},
		{"WithEmbeddedKey without algorithms", verify(WithEmbeddedKey(approve)), "WithEmbeddedKey needs the list", jwa.ErrAlgorithmNotAllowed},
		{"WithEmbeddedKey twice", verify(WithEmbeddedKey(approve, jwa.ES256), WithEmbeddedKey(approve, jwa.ES256)), "WithEmbeddedKey given twice", nil},
		{"WithEmbeddedKeyLimits alone", verify(hs, WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})), "WithEmbeddedKeyLimits without WithEmbeddedKey", nil},
		{"WithEmbeddedKeyLimits twice", verify(WithEmbeddedKey(approve, jwa.ES256), WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{}), WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})), "WithEmbeddedKeyLimits given twice", nil},
		{"WithX509 without roots", verify(WithX509(x509.VerifyOptions{}, jwa.ES256)), "WithX509: opts.Roots is nil", nil},
		{"WithX509 without algorithms", verify(WithX509(roots)), "WithX509 needs the list", jwa.ErrAlgorithmNotAllowed},
		{"WithX509 twice", verify(WithX509(roots, jwa.ES256), WithX509(roots, jwa.ES256)), "WithX509 given twice", nil},
		{"WithProtectedHeader alg", sign(hs, WithProtectedHeader("alg", "none")), `WithProtectedHeader cannot set "alg"`, nil},
		{"WithProtectedHeader crit", sign(hs, WithProtectedHeader("crit", []string{"x"})), `WithProtectedHeader cannot set "crit"`, nil},
		{"WithProtectedHeader zip", sign(hs, WithProtectedHeader("zip", "DEF")), `WithProtectedHeader cannot set "zip"`, nil},
		{"WithProtectedHeader kid not a string", sign(hs, WithProtectedHeader("kid", 1)), `WithProtectedHeader("kid")`, jwa.ErrMalformed},
		{"WithProtectedHeader secret jwk", sign(hs, WithProtectedHeader("jwk", hsKey)), `WithProtectedHeader("jwk")`, jwa.ErrInvalidKey},
		{"WithUnprotectedHeader b64", sign(hs, WithUnprotectedHeader("b64", false), WithJSON()), `WithUnprotectedHeader cannot set "b64"`, nil},
		{"WithUnprotectedHeader compact", sign(hs, WithUnprotectedHeader("kid", "a")), "unprotected headers need a JSON serialization", nil},
		{"WithKeyID twice", sign(hs, WithKeyID("a"), WithKeyID("b")), `WithKeyID: header member "kid" is set twice`, nil},
		{"WithType twice", sign(hs, WithType("a"), WithType("b")), `WithType: header member "typ" is set twice`, nil},
		{"WithContentType twice", sign(hs, WithContentType("a"), WithContentType("b")), `WithContentType: header member "cty" is set twice`, nil},
		{"kid protected and unprotected", sign(hs, WithKeyID("a"), WithUnprotectedHeader("kid", "b"), WithJSON()), `"kid"`, jwa.ErrMalformed},
		{"member in both common headers", sign(WithProtectedHeader("x", 1), WithUnprotectedHeader("x", 2), hs, WithJSON()), `"x"`, jwa.ErrMalformed},
		{"WithJSON and WithFlattened", sign(hs, WithJSON(), WithFlattened()), "WithJSON and WithFlattened contradict", nil},
		{"two keys, compact", sign(hs, hs), "2 signatures need the general JSON serialization: give WithJSON", nil},
		{"two keys, flattened", sign(hs, hs, WithFlattened()), "give WithJSON", nil},
		{"WithCritical empty", sign(hs, WithCritical()), "WithCritical without a name", nil},
		{"WithCritical of an unset member", sign(hs, WithCritical("exp")), `"exp"`, jwa.ErrMalformed},
		{"WithCritical of a registered member", sign(hs, WithKeyID("a"), WithCritical("kid")), `"kid"`, jwa.ErrMalformed},
		{"WithKnownCritical empty", verify(hs, WithKnownCritical()), "WithKnownCritical without a name", nil},
		{"WithPayload twice", verify(hs, WithPayload(nil), WithPayload(nil)), "WithPayload given twice", nil},
		{"WithContext nil", verify(hs, WithContext(nilContext)), "WithContext: the context is nil", nil},
		{"WithMaxSize zero", verify(hs, WithMaxSize(0)), "WithMaxSize(0): want a positive size", nil},
		{"WithMaxSize negative on Parse", parse(WithMaxSize(-1)), "WithMaxSize(-1)", nil},
		{"WithMaxSignatures negative", verify(hs, WithMaxSignatures(-1)), "WithMaxSignatures(-1): want a positive count", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if fipstest.Refused(err, jwa.ErrNotApproved) { // "none" is refused first in FIPS 140-3 mode
				josetest.WantErr(t, err, jwa.ErrInvalidOption)
				return
			}
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
			if tc.also != nil {
				josetest.WantErr(t, err, tc.also)
			}
		})
	}
	// The controls.
	if _, err := Verify(tok, hs, WithContext(context.Background())); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(tok, WithMaxSize(len(tok)), WithKnownCritical("exp")); err != nil {
		t.Fatal(err)
	}
}

// TestAlgorithmNotAllowedNamesTheAllowed: a token whose "alg" the caller
// did not accept is refused with a message that lists the algorithms that
// are accepted.
func TestAlgorithmNotAllowedNamesTheAllowed(t *testing.T) {
	es := testKeys(t)[jwa.ES256]
	set, _ := jwk.NewSet(rsaPublic(t).Public())
	tok := compactHS(`{"alg":"HS256"}`, "p")
	_, err := Verify(tok, WithKey(jwa.ES256, publicOf(t, es)), WithKeySet(set, jwa.RS256, jwa.PS256), WithKey(jwa.ES256, publicOf(t, es)))
	if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("got %v", err)
	}
	if want := `algorithm "HS256" is not allowed: accepted are ES256, RS256, PS256`; !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not say %q", err, want)
	}
}

// TestAlgorithmNotAllowedClipsTheTokensName: the refusal names the
// token's "alg" clipped, so that a 10,000-byte name cannot make a huge
// error (or log line).
func TestAlgorithmNotAllowedClipsTheTokensName(t *testing.T) {
	long := strings.Repeat("X", 10_000)
	tok := compactHS(`{"alg":"`+long+`"}`, "p")
	_, err := Verify(tok, WithKey(jwa.HS256, hsKey))
	if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("got %.200v", err)
	}
	if want := `algorithm "` + long[:64] + `" is not allowed: accepted are HS256`; !strings.Contains(err.Error(), want) {
		t.Fatalf("error %.200q does not say %q", err, want)
	}
	if n := len(err.Error()); n > 300 {
		t.Fatalf("error of %d bytes: %.200s...", n, err)
	}
}
