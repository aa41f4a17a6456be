package dpop_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// TestOptionMisuse: every misuse of an option (nil, out of range, given
// twice) fails the call with an error that wraps dpop.ErrInvalidOption
// (which is jwa.ErrInvalidOption) and names the option; the arguments of
// NewProof and Validate are held to the same rule.
func TestOptionMisuse(t *testing.T) {
	if dpop.ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("dpop.ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	key := genKey(t)
	secret, _ := jwk.Generate(jwa.HS256)
	proof := func(opts ...dpop.ProofOption) func() error {
		return func() error { _, err := dpop.NewProof("GET", testURI, jwa.ES256, key, opts...); return err }
	}
	validator := func(opts ...dpop.ValidatorOption) func() error {
		return func() error { _, err := dpop.NewValidator(opts...); return err }
	}
	validate := func(opts ...dpop.ValidateOption) func() error {
		return func() error { _, err := newValidator(t).ValidateProof("a.b.c", "GET", testURI, opts...); return err }
	}
	var (
		nilStore   *dpop.MemoryStore
		nilContext context.Context
	)
	for _, tc := range []struct {
		name string
		run  func() error
		says string
		also error
	}{
		{"NewProof nil option", proof(nil), "option 1 of NewProof is nil", nil},
		{"NewValidator nil option", validator(nil), "option 1 of NewValidator is nil", nil},
		{"Validate nil option", validate(nil), "option 1 of Validate is nil", nil},
		{"NewProof relative URI", func() error { _, err := dpop.NewProof("GET", "/items", jwa.ES256, key); return err }, "/items", nil},
		{"NewProof empty method", func() error { _, err := dpop.NewProof("", testURI, jwa.ES256, key); return err }, "empty method", nil},
		{"Validate relative URI", func() error { _, err := newValidator(t).ValidateProof("a.b.c", "GET", "/items"); return err }, "/items", nil},
		{"Validate empty method", func() error { _, err := newValidator(t).ValidateProof("a.b.c", "", testURI); return err }, "empty request method", nil},
		{"WithAccessToken empty", proof(dpop.WithAccessToken("")), "WithAccessToken: empty token", nil},
		{"WithAccessToken twice", validate(dpop.WithAccessToken("a"), dpop.WithAccessToken("b")), "WithAccessToken given twice", nil},
		{"WithNonce empty", proof(dpop.WithNonce("")), "WithNonce: empty nonce", nil},
		{"WithNonce twice", proof(dpop.WithNonce("a"), dpop.WithNonce("b")), "WithNonce given twice", nil},
		{"WithAllowedNonces none", validate(dpop.WithAllowedNonces()), "WithAllowedNonces: no nonce, or an empty one", nil},
		{"WithAllowedNonces empty one", validate(dpop.WithAllowedNonces("a", "")), "WithAllowedNonces: no nonce, or an empty one", nil},
		{"WithID empty", proof(dpop.WithID("")), "WithID: empty jti", nil},
		{"WithID twice", proof(dpop.WithID("a"), dpop.WithID("b")), "WithID given twice", nil},
		{"WithClock nil on NewProof", proof(dpop.WithClock(nil)), "WithClock: the clock function is nil", nil},
		{"WithClock nil on NewValidator", validator(dpop.WithClock(nil)), "WithClock: the clock function is nil", nil},
		{"WithAllowedAlgorithms none", validator(dpop.WithAllowedAlgorithms()), "WithAllowedAlgorithms: no algorithm", nil},
		{"WithAllowedAlgorithms HS256", validator(dpop.WithAllowedAlgorithms(jwa.HS256)), "WithAllowedAlgorithms: HS256 is symmetric", jwa.ErrAlgorithmNotAllowed},
		{"WithAllowedAlgorithms none alg", validator(dpop.WithAllowedAlgorithms(jwa.NoSignature)), `WithAllowedAlgorithms: "none" cannot sign a proof`, jwa.ErrAlgorithmNotAllowed},
		{"WithAllowedAlgorithms unknown", validator(dpop.WithAllowedAlgorithms("XX1")), "WithAllowedAlgorithms", jwa.ErrUnsupportedAlgorithm},
		{"WithMaxAge zero", validator(dpop.WithMaxAge(0)), "WithMaxAge: 0s is not positive", nil},
		{"WithLeeway negative", validator(dpop.WithLeeway(-time.Second)), "WithLeeway: negative leeway", nil},
		{"WithMaxSize zero", validator(dpop.WithMaxSize(0)), "WithMaxSize: 0 is not positive", nil},
		{"WithEmbeddedKeyLimits twice", validator(dpop.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{}), dpop.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})), "WithEmbeddedKeyLimits given twice", nil},
		{"WithReplayStore nil", validator(dpop.WithReplayStore(nil)), "WithReplayStore: the store is nil", nil},
		{"WithReplayStore typed nil", validator(dpop.WithReplayStore(nilStore)), "WithReplayStore: the store is nil", nil},
		{"WithThumbprint twice", validate(dpop.WithThumbprint("a"), dpop.WithThumbprint("b")), "WithThumbprint given twice", nil},
		{"WithContext nil", validate(dpop.WithContext(nilContext)), "WithContext: the context is nil", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
			if tc.also != nil {
				josetest.WantErr(t, err, tc.also)
			}
		})
	}
	// NewProof's algorithm and key are arguments: refused with the
	// algorithm's and the key's sentinels.
	for name, tc := range map[string]struct {
		run  func() error
		want error
	}{
		"HS256":       {func() error { _, err := dpop.NewProof("GET", testURI, jwa.HS256, secret); return err }, jwa.ErrAlgorithmNotAllowed},
		"none":        {func() error { _, err := dpop.NewProof("GET", testURI, jwa.NoSignature, nil); return err }, jwa.ErrAlgorithmNotAllowed},
		"unknown alg": {func() error { _, err := dpop.NewProof("GET", testURI, "XX1", key); return err }, jwa.ErrUnsupportedAlgorithm},
		"nil key":     {func() error { _, err := dpop.NewProof("GET", testURI, jwa.ES256, nil); return err }, jwa.ErrInvalidKey},
	} {
		if err := tc.run(); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", name, err, tc.want)
		}
	}
}
