package jwk

import (
	"context"
	"crypto"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
)

// TestOptionMisuse: every misuse of an Option, GenerateOption or
// RemoteOption (nil, an invalid value, a size or curve the key cannot
// have, members that contradict each other) fails the call with an error
// that wraps ErrInvalidOption (which is jwa.ErrInvalidOption) and names
// it, beside a more specific sentinel where there is one.
func TestOptionMisuse(t *testing.T) {
	if ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	secret := []byte("0123456789abcdef0123456789abcdef")
	fromKey := func(opts ...Option) func() error {
		return func() error { _, err := FromKey(secret, opts...); return err }
	}
	generate := func(opts ...GenerateOption) func() error {
		return func() error { _, err := Generate(jwa.ES256, opts...); return err }
	}
	generateKey := func(kty jwa.KeyType, opts ...GenerateOption) func() error {
		return func() error { _, err := GenerateKey(kty, opts...); return err }
	}
	remote := func(opts ...RemoteOption) func() error {
		return func() error { _, err := NewRemote("https://issuer.example/jwks", opts...); return err }
	}
	pemKey, err := os.ReadFile("../testdata/keys/rsa2048.pem")
	if err != nil {
		t.Fatal(err)
	}
	var (
		nilClient *http.Client
		nilClock  *fakeclock.Clock
	)
	for _, tc := range []struct {
		name string
		run  func() error
		says string
		also error
	}{
		{"FromKey nil option", fromKey(WithKeyID("a"), nil), "option 2 is nil", nil},
		{"ParsePEM nil option", func() error { _, err := ParsePEM(pemKey, WithKeyID("a"), nil); return err }, "option 2 is nil", nil},
		{"WithUse neither sig nor enc", fromKey(WithUse("both")), `WithUse("both"): want "sig" or "enc"`, jwa.ErrMalformed},
		{"WithKeyOps against use", fromKey(WithUse("enc"), WithKeyOps("sign")), "key_ops", nil},
		{"Generate nil option", generate(nil), "option 1 is nil", nil},
		{"Generate nil Option", generate(WithKeyID("a"), Option(nil)), "option 2 is nil", nil},
		{"Generate alg of another algorithm", generate(WithAlgorithm(jwa.ES384)), `given an option that sets alg "ES384"`, jwa.ErrInvalidKey},
		{"Generate curve of another algorithm", generate(WithCurve(jwa.P384)), "ES256 uses curve P-256, not P-384", jwa.ErrInvalidKey},
		{"Generate size of an EC key", generate(WithBits(384)), "", jwa.ErrInvalidKey},
		{"GenerateKey RSA too small", generateKey(jwa.KeyTypeRSA, WithBits(1024)), "RSA keys of 1024 bits are not generated", jwa.ErrInvalidKey},
		{"GenerateKey secret not whole bytes", generateKey(jwa.KeyTypeOct, WithBits(129)), "secrets of 129 bits are not generated", jwa.ErrInvalidKey},
		{"GenerateKey curve for a secret", generateKey(jwa.KeyTypeOct, WithCurve(jwa.P256)), "secrets have no curve", jwa.ErrInvalidKey},
		{"GenerateKey unknown EC curve", generateKey(jwa.KeyTypeEC, WithCurve("P-1")), `EC curve "P-1"`, jwa.ErrInvalidKey},
		{"GenerateKey size for OKP", generateKey(jwa.KeyTypeOKP, WithBits(256)), "an OKP key's size is its curve's", jwa.ErrInvalidKey},
		{"NewRemote nil option", remote(nil), "option 1 is nil", nil},
		{"WithHTTPClient nil", remote(WithHTTPClient(nilClient)), "WithHTTPClient: the client is nil", nil},
		{"WithRefreshInterval inverted", remote(WithRefreshInterval(time.Hour, time.Minute)), "WithRefreshInterval(1h0m0s, 1m0s)", nil},
		{"WithFetchTimeout zero", remote(WithFetchTimeout(0)), "WithFetchTimeout(0s): want a positive timeout", nil},
		{"WithMaxSetSize zero", remote(WithMaxSetSize(0)), "WithMaxSetSize(0): want a positive size", nil},
		{"WithRedirectHosts a URL", remote(WithRedirectHosts("https://evil.example/")), "WithRedirectHosts", nil},
		{"WithErrorHandler nil", remote(WithErrorHandler(nil)), "WithErrorHandler: the function is nil", nil},
		{"WithClock nil", remote(WithClock(nil)), "WithClock: the clock is nil", nil},
		{"WithClock typed nil", remote(WithClock(nilClock)), "WithClock: the clock is nil", nil},
		{"Discover nil option", func() error { _, err := Discover(context.Background(), "https://issuer.example", nil); return err }, "option 1 is nil", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
			if tc.also != nil {
				josetest.WantErr(t, err, tc.also)
			}
		})
	}
	// The controls.
	if _, err := FromKey(secret, WithKeyID("a"), WithUse("sig")); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(jwa.ES256, WithKeyID("a"), WithCurve(jwa.P256)); err != nil {
		t.Fatal(err)
	}
}

// TestThumbprintString: the base64url form of Thumbprint, as "jkt" and a
// thumbprint kid hold it.
func TestThumbprintString(t *testing.T) {
	k, err := Generate(jwa.ES256, WithThumbprintKeyID())
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []crypto.Hash{0, crypto.SHA256, crypto.SHA384} {
		raw, err := k.Thumbprint(h)
		if err != nil {
			t.Fatal(err)
		}
		s, err := k.ThumbprintString(h)
		if err != nil || s != b64(raw) || strings.ContainsAny(s, "=+/") {
			t.Fatalf("%v: %q, %v", h, s, err)
		}
	}
	if s, _ := k.ThumbprintString(0); s != k.KeyID() {
		t.Fatalf("the thumbprint kid %q is not ThumbprintString %q", k.KeyID(), s)
	}
	if _, err := k.ThumbprintString(crypto.Hash(200)); !errors.Is(err, jwa.ErrUnsupportedAlgorithm) {
		t.Fatalf("an unknown hash: %v", err)
	}
}
