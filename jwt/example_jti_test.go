package jwt_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// One-time tokens in one process: the function records each "jti" until
// the token could no longer be accepted, and refuses it the second time.
// Several instances of a service need a store they share instead (the
// ext/redisstore module; README, "Running several instances").
func ExampleWithJTIValidator() {
	secret := []byte("a secret of at least 32 bytes...")
	issued := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	token, err := jwt.Sign(jwt.Claims{
		ID:        "4f1c0d2a",
		IssuedAt:  jwt.NewNumericDate(issued),
		ExpiresAt: jwt.NewNumericDate(issued.Add(5 * time.Minute)),
	}, jwa.HS256, secret)
	if err != nil {
		panic(err)
	}

	var mu sync.Mutex
	used := map[string]time.Time{} // ID -> AcceptedUntil; a real store drops expired entries
	once := func(_ context.Context, id jwt.TokenID) error {
		if id.AcceptedUntil.IsZero() {
			return errors.New("a one-time token needs an expiry")
		}
		mu.Lock()
		defer mu.Unlock()
		if _, ok := used[id.ID]; ok {
			return errors.New("token already used")
		}
		used[id.ID] = id.AcceptedUntil
		return nil
	}
	verify := func() error {
		_, err := jwt.Verify[jwt.Claims](token,
			jwt.WithKey(jwa.HS256, secret),
			jwt.WithLeeway(30*time.Second),
			jwt.WithJTIValidator(once),
			jwt.WithClock(func() time.Time { return issued.Add(time.Minute) }))
		return err
	}
	fmt.Println(verify())
	fmt.Println(used["4f1c0d2a"].Format(time.RFC3339))
	fmt.Println(errors.Is(verify(), jwt.ErrRejected))
	// Output:
	// <nil>
	// 2025-01-02T03:09:35Z
	// true
}
