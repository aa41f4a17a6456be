package redisstore

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/joseproject/jose/jwkring"
	"github.com/joseproject/jose/jwt"
)

// FuzzStoredValue writes any value where the Store reads one (a token
// ID's key, a key ring's state), as something else sharing Redis could,
// and reads it back through the Store: a token whose key exists is never
// accepted (ErrRevoked, ErrUsed or ErrUnavailable), a key ring's Load
// gives the bytes stored, and a ring over them refuses them (jwkring's
// ErrState) unless they are a state sealed under its key, which none of
// these are.
func FuzzStoredValue(f *testing.F) {
	for _, v := range []string{"", "revoked", "used", "used\x00", "\x00", "a.b.c.d.e", "{}", `{"jwkring":1,"generation":1,"keys":[]}`} {
		f.Add(v)
	}
	s := stores(f, 1)[0]
	rdb := client(f)
	kek := bytes.Repeat([]byte{7}, jwkring.KEKSize)
	policy := jwkring.Policy{Period: time.Hour, Lead: 10 * time.Minute, MaxTokenLifetime: time.Minute}
	f.Fuzz(func(t *testing.T, v string) {
		ctx := context.Background()
		id := jwt.TokenID{ID: newID(), AcceptedUntil: time.Now().Add(time.Hour)}
		if err := rdb.Set(ctx, s.key(kindJTI, id.ID), v, time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
		for name, check := range map[string]func(context.Context, jwt.TokenID) error{
			"JTIValidator": s.JTIValidator(), "OneTimeJTIValidator": s.OneTimeJTIValidator(),
		} {
			err := check(ctx, id)
			if !errors.Is(err, ErrRevoked) && !errors.Is(err, ErrUsed) && !errors.Is(err, ErrUnavailable) {
				t.Fatalf("%s over a stored %q: %v", name, v, err)
			}
		}
		ring := s.KeyRing(newID())
		if err := rdb.Set(ctx, ring.key, v, time.Minute).Err(); err != nil {
			t.Fatal(err)
		}
		got, err := ring.Load(ctx)
		if err != nil || got == nil || string(got) != v {
			t.Fatalf("Load of a stored %q: %q, %v", v, got, err)
		}
		r, err := jwkring.New(ctx, policy, jwkring.WithStore(ring, kek))
		if r != nil {
			r.Close()
		}
		if r != nil || !errors.Is(err, jwkring.ErrState) {
			t.Fatalf("a ring over a stored %q: %v", v, err)
		}
	})
}
