package jwkring

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwa"
)

// TestPolicyRefused (I6) builds each policy and option that cannot keep
// the invariants and checks the sentinel and the message.
func TestPolicyRefused(t *testing.T) {
	kek := make([]byte, KEKSize)
	for _, c := range []struct {
		name   string
		change func(*Policy)
		opts   []Option
		also   error
		msg    string
	}{
		{"lead longer than period", func(p *Policy) { p.Lead = 2 * p.Period }, nil, nil, "Policy.Lead 2h0m0s is longer than Policy.Period 1h0m0s"},
		{"zero period", func(p *Policy) { p.Period = 0 }, nil, nil, "Policy.Period 0s: want 1ms to"},
		{"negative lead", func(p *Policy) { p.Lead = -time.Minute }, nil, nil, "Policy.Lead -1m0s: want 1ms"},
		{"zero lead", func(p *Policy) { p.Lead = 0 }, nil, nil, "Policy.Lead 0s: want 1ms"},
		{"zero lifetime", func(p *Policy) { p.MaxTokenLifetime = 0 }, nil, nil, "Policy.MaxTokenLifetime 0s: want 1s"},
		{"lifetime under a second", func(p *Policy) { p.MaxTokenLifetime = 999 * time.Millisecond }, nil, nil, "Policy.MaxTokenLifetime 999ms"},
		{"negative leeway", func(p *Policy) { p.Leeway = -time.Second }, nil, nil, "Policy.Leeway -1s: want 0s"},
		{"period over ten years", func(p *Policy) { p.Period = MaxDuration + 1 }, nil, nil, "Policy.Period 87600h0m0.000000001s"},
		{"hostile lifetime", func(p *Policy) { p.MaxTokenLifetime = 1<<63 - 1 }, nil, nil, "Policy.MaxTokenLifetime 2562047h47m16.854775807s"},
		{"too many keys at once", func(p *Policy) { p.Period, p.Lead, p.MaxTokenLifetime = time.Minute, time.Second, time.Hour }, nil, nil, "the ring would publish 63 keys, over MaxKeys (32)"},
		{"HMAC", func(p *Policy) { p.Algorithm = jwa.HS256 }, nil, jwa.ErrUnsupportedAlgorithm, `Policy.Algorithm "HS256": want one of`},
		{"none", func(p *Policy) { p.Algorithm = jwa.NoSignature }, nil, jwa.ErrUnsupportedAlgorithm, `Policy.Algorithm "none"`},
		{"unknown algorithm", func(p *Policy) { p.Algorithm = "ES256K" }, nil, jwa.ErrUnsupportedAlgorithm, `"ES256K"`},
		{"RSA bits with EC", func(p *Policy) { p.RSABits = 3072 }, nil, nil, "Policy.RSABits 3072: want 0, or 2048 to 8192"},
		{"RSA bits too few", func(p *Policy) { p.Algorithm, p.RSABits = jwa.RS256, 1024 }, nil, nil, "Policy.RSABits 1024"},
		{"RSA bits not bytes", func(p *Policy) { p.Algorithm, p.RSABits = jwa.PS256, 2049 }, nil, nil, "Policy.RSABits 2049"},
		{"reload as long as lead", nil, []Option{WithStore(&memStore{}, kek), WithReloadInterval(10 * time.Minute)}, nil, "the reload interval 10m0s is not shorter than Policy.Lead 10m0s"},
		{"reload without store", nil, []Option{WithReloadInterval(time.Minute)}, nil, "WithReloadInterval means nothing without WithStore"},
		{"zero reload", nil, []Option{WithReloadInterval(0)}, nil, "WithReloadInterval(0s): want a positive interval"},
		{"zero timeout", nil, []Option{WithTimeout(0)}, nil, "WithTimeout(0s)"},
		{"nil store", nil, []Option{WithStore(nil, kek)}, nil, "WithStore: nil store"},
		{"typed nil store", nil, []Option{WithStore((*FileStore)(nil), kek)}, nil, "WithStore: nil store"},
		{"short KEK", nil, []Option{WithStore(&memStore{}, kek[:16])}, jwa.ErrInvalidKey, "a key-encryption key of 16 bytes; want 32"},
		{"no KEK", nil, []Option{WithStore(&memStore{}, nil)}, jwa.ErrInvalidKey, "a key-encryption key of 0 bytes"},
		{"long KEK", nil, []Option{WithStore(&memStore{}, make([]byte, 64))}, jwa.ErrInvalidKey, "a key-encryption key of 64 bytes"},
		{"nil clock", nil, []Option{WithClock(nil)}, nil, "WithClock: nil clock"},
		{"typed nil clock", nil, []Option{WithClock((*fakeclock.Clock)(nil))}, nil, "WithClock: nil clock"},
		{"nil error handler", nil, []Option{WithErrorHandler(nil)}, nil, "WithErrorHandler: nil function"},
		{"nil option", nil, []Option{nil}, nil, "option 1 of New is nil"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := testPolicy()
			if c.change != nil {
				c.change(&p)
			}
			r, err := New(context.Background(), p, c.opts...)
			if r != nil || !errors.Is(err, ErrPolicy) || (c.also != nil && !errors.Is(err, c.also)) {
				t.Fatalf("New: %v; want ErrPolicy (and %v)", err, c.also)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("New: %q; want it to say %q", err, c.msg)
			}
		})
	}
	//lint:ignore SA1012 a nil context is what is tested
	if _, err := New(nil, testPolicy()); !errors.Is(err, ErrPolicy) || !strings.Contains(err.Error(), "nil context") {
		t.Fatalf("New(nil context): %v", err)
	}
}

// TestPolicyDefaults: an empty algorithm is ES256, and each algorithm of
// a ring makes keys that sign for it.
func TestPolicyDefaults(t *testing.T) {
	p := testPolicy()
	if err := p.Validate(); err != nil || p.Algorithm != jwa.ES256 {
		t.Fatalf("Validate: %v, algorithm %q; want ES256", err, p.Algorithm)
	}
	for _, alg := range signingAlgorithms {
		p := testPolicy()
		p.Algorithm = alg
		if testing.Short() && p.keyType() == jwa.KeyTypeRSA {
			continue // RSA keys take a while to make
		}
		clock := fakeclock.New(start)
		r := newRing(t, clock, p)
		got, key := r.SigningKey()
		if got != alg || key.Algorithm() != string(alg) || key.Use() != "sig" {
			t.Fatalf("%s: a key for %s (alg %q, use %q)", alg, got, key.Algorithm(), key.Use())
		}
		tok := sign(t, r, clock)
		if kidOf(t, tok) != key.KeyID() {
			t.Fatalf("%s: the token's kid is not the key's", alg)
		}
	}
}
