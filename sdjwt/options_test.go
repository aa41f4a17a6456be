package sdjwt_test

import (
	"testing"
	"time"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/sdjwt"
)

// TestOptionMisuse: every misuse of an option (nil, out of range, given
// twice, contradicting another, a required one missing) fails the call with
// an error that wraps sdjwt.ErrInvalidOption (which is
// jwa.ErrInvalidOption) and names the option.
func TestOptionMisuse(t *testing.T) {
	if sdjwt.ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("sdjwt.ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	f := newFixture(t)
	sd, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, sdjwt.WithDisclosable("/given_name"), sdjwt.WithConfirmationKey(f.holder))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := sdjwt.ParseUnverified(sd)
	if err != nil {
		t.Fatal(err)
	}
	issue := func(opts ...sdjwt.IssueOption) func() error {
		return func() error { _, err := sdjwt.Issue(sampleClaims(), jwa.ES256, f.issuer, opts...); return err }
	}
	present := func(opts ...sdjwt.PresentOption) func() error {
		return func() error { _, err := tok.Present(nil, opts...); return err }
	}
	verify := func(opts ...sdjwt.VerifyOption) func() error {
		return func() error { _, err := sdjwt.Verify[map[string]any](sd, opts...); return err }
	}
	parse := func(opts ...sdjwt.ParseOption) func() error {
		return func() error { _, err := sdjwt.Parse(sd, opts...); return err }
	}
	read := func(opts ...sdjwt.ReadOption) func() error {
		return func() error { _, err := sdjwt.ParseUnverified(sd, opts...); return err }
	}
	keys := sdjwt.WithVerifyOptions(jwt.WithKey(jwa.ES256, f.issuer.Public()))
	var nilKey *jwk.Key
	for _, tc := range []struct {
		name string
		run  func() error
		says string
	}{
		{"Issue nil option", issue(nil), "option 1 of Issue is nil"},
		{"Present nil option", present(nil), "option 1 of Present is nil"},
		{"Verify nil option", verify(keys, nil), "option 2 of Verify is nil"},
		{"Parse nil option", parse(nil), "option 1 of Parse is nil"},
		{"ParseUnverified nil option", read(nil), "option 1 of ParseUnverified is nil"},
		{"WithSignOptions nil jwt option", issue(sdjwt.WithSignOptions(jwt.WithKeyID("k"), nil)), "WithSignOptions: option 2 is nil"},
		{"WithVerifyOptions nil jwt option", verify(sdjwt.WithVerifyOptions(nil)), "WithVerifyOptions: option 1 is nil"},
		{"WithVerifyOptions a jwt misuse", verify(sdjwt.WithVerifyOptions(jwt.WithKeySet(nil, jwa.ES256))), "jwt: WithKeySet: the key set is nil"},
		{"WithDisclosable empty", issue(sdjwt.WithDisclosable()), "WithDisclosable without a path"},
		{"WithDisclosable no claim", issue(sdjwt.WithDisclosable("/missing")), "/missing"},
		{"WithDecoys too many", issue(sdjwt.WithDecoys(1000)), "WithDecoys: 1000 is not between 0 and 100"},
		{"WithHashAlgorithm unknown", issue(sdjwt.WithHashAlgorithm("md5")), `WithHashAlgorithm: "md5" is not implemented`},
		{"WithHashAlgorithm twice", issue(sdjwt.WithHashAlgorithm(sdjwt.SHA256), sdjwt.WithHashAlgorithm(sdjwt.SHA512)), "WithHashAlgorithm given twice"},
		{"WithAllowedHashAlgorithms none", read(sdjwt.WithAllowedHashAlgorithms()), "WithAllowedHashAlgorithms: no algorithm"},
		{"WithAllowedHashAlgorithms unknown", verify(keys, sdjwt.WithAllowedHashAlgorithms("md5")), `WithAllowedHashAlgorithms: "md5" is not implemented`},
		{"WithAllowedHashAlgorithms twice", read(sdjwt.WithAllowedHashAlgorithms(sdjwt.SHA256), sdjwt.WithAllowedHashAlgorithms(sdjwt.SHA256)), "WithAllowedHashAlgorithms given twice"},
		{"WithConfirmationKey nil", issue(sdjwt.WithConfirmationKey(nilKey)), "WithConfirmationKey: the key is nil"},
		{"WithConfirmationKey secret", issue(sdjwt.WithConfirmationKey(mustKey(t, []byte("0123456789abcdef0123456789abcdef")))), "WithConfirmationKey: a secret key"},
		{"WithMaxSize zero", read(sdjwt.WithMaxSize(0)), "WithMaxSize: 0 is not positive"},
		{"WithHolderKey nil", present(sdjwt.WithHolderKey(jwa.EdDSA, nil), sdjwt.WithKeyBinding("a", "n")), "WithHolderKey(EdDSA): the key is nil"},
		{"WithHolderKey typed nil", present(sdjwt.WithHolderKey(jwa.EdDSA, nilKey), sdjwt.WithKeyBinding("a", "n")), "WithHolderKey(EdDSA): the key is nil"},
		{"WithHolderKey without WithKeyBinding", present(sdjwt.WithHolderKey(jwa.EdDSA, f.holder)), "needs both WithHolderKey and WithKeyBinding"},
		{"WithKeyBinding empty", present(sdjwt.WithKeyBinding("", "n")), "WithKeyBinding: empty audience or nonce"},
		{"WithKeyBinding twice", present(sdjwt.WithKeyBinding("a", "n"), sdjwt.WithKeyBinding("a", "n")), "WithKeyBinding given twice"},
		{"WithRequiredKeyBinding empty", verify(keys, sdjwt.WithRequiredKeyBinding("a", "")), "WithRequiredKeyBinding: empty audience or nonce"},
		{"WithAllowedKeyBindingAlgorithms none", verify(keys, sdjwt.WithAllowedKeyBindingAlgorithms()), "WithAllowedKeyBindingAlgorithms: no algorithm"},
		{"WithKeyBindingMaxAge zero", verify(keys, sdjwt.WithKeyBindingMaxAge(0)), "WithKeyBindingMaxAge: 0s is not positive"},
		{"WithClock nil", parse(keys, sdjwt.WithClock(nil)), "WithClock: the clock function is nil"},
		{"WithLeeway negative", verify(keys, sdjwt.WithLeeway(-time.Second)), "WithLeeway: negative leeway"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
		})
	}
}
