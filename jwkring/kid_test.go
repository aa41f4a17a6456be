package jwkring

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwt"
)

// Sign writes the kid of the key it signs with; a jwt.WithKeyID naming
// another one would make tokens no verifier can match to a published key,
// so it is refused. The key's own kid given again is accepted.
func TestSignRefusesAnotherKeyID(t *testing.T) {
	clock := fakeclock.New(start)
	r := newRing(t, clock, testPolicy())
	c := claims(clock.Now(), r.policy.MaxTokenLifetime)
	_, err := r.Sign(c, jwt.WithKeyID("my-key"))
	if !errors.Is(err, ErrInvalidOption) || !strings.Contains(err.Error(), `the token's kid is "my-key"`) || !strings.Contains(err.Error(), "leave jwt.WithKeyID out") {
		t.Fatalf("another kid: %v", err)
	}
	_, key := r.SigningKey()
	if _, err := r.Sign(c, jwt.WithKeyID(key.KeyID())); err != nil {
		t.Fatalf("the key's own kid: %v", err)
	}
	if _, err := r.Sign(c); err != nil {
		t.Fatal(err)
	}
}
