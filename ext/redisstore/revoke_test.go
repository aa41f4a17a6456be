package redisstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var secret = []byte("a secret of at least 32 bytes...")

// token signs claims with the test secret.
func token(t testing.TB, c jwt.Claims) string {
	t.Helper()
	tok, err := jwt.Sign(c, jwa.HS256, secret)
	require.NoError(t, err)
	return tok
}

func verify(tok string, opts ...jwt.VerifyOption) error {
	_, err := jwt.Verify[jwt.Claims](tok, append([]jwt.VerifyOption{jwt.WithKey(jwa.HS256, secret)}, opts...)...)
	return err
}

// A token revoked through one client is refused through another, by
// jwt.Verify with the Store's JTIValidator; other tokens are not.
func TestRevocationSeenByOtherClient(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 2)
	exp := time.Now().Add(time.Hour)
	jti := newID()
	tok := token(t, jwt.Claims{ID: jti, ExpiresAt: jwt.NewNumericDate(exp)})
	other := token(t, jwt.Claims{ID: newID(), ExpiresAt: jwt.NewNumericDate(exp)})

	for _, st := range s {
		require.NoError(t, verify(tok, jwt.WithJTIValidator(st.JTIValidator())))
	}
	require.NoError(t, s[0].Revoke(ctx, jti, exp))

	revoked, err := s[1].Revoked(ctx, jti)
	require.NoError(t, err)
	assert.True(t, revoked)
	for _, st := range s {
		err := verify(tok, jwt.WithJTIValidator(st.JTIValidator()))
		require.ErrorIs(t, err, ErrRevoked)
		require.ErrorIs(t, err, jwt.ErrRejected)
		assert.Contains(t, err.Error(), "token revoked")
		assert.NotContains(t, err.Error(), tok)
		require.NoError(t, verify(other, jwt.WithJTIValidator(st.JTIValidator())))
	}
	revoked, err = s[1].Revoked(ctx, newID())
	require.NoError(t, err)
	assert.False(t, revoked)
}

// A revocation is never shortened, and is extended by a later until.
func TestRevokeExtends(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 1)[0]
	jti := newID()
	pexpiretime := func() time.Duration {
		d, err := client(t).PExpireTime(ctx, s.key(kindJTI, jti)).Result()
		require.NoError(t, err)
		return d
	}
	ms := func(t time.Time) time.Duration { return time.Duration(t.UnixMilli()) * time.Millisecond }
	long := time.Now().Add(10 * time.Minute).Truncate(time.Millisecond)
	require.NoError(t, s.Revoke(ctx, jti, long))
	require.NoError(t, s.Revoke(ctx, jti, long.Add(-9*time.Minute)))
	assert.Equal(t, ms(long), pexpiretime(), "shortened")
	longer := long.Add(10 * time.Minute)
	require.NoError(t, s.Revoke(ctx, jti, longer))
	assert.Equal(t, ms(longer), pexpiretime(), "not extended")

	// An until in the past records nothing: the token is refused anyway.
	gone := newID()
	require.NoError(t, s.Revoke(ctx, gone, time.Now().Add(-time.Second)))
	revoked, err := s.Revoked(ctx, gone)
	require.NoError(t, err)
	assert.False(t, revoked)
}

// A revocation ends after its until.
func TestRevocationExpires(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 1)[0]
	jti := newID()
	until := time.Now().Add(300 * time.Millisecond)
	require.NoError(t, s.Revoke(ctx, jti, until))
	require.ErrorIs(t, s.JTIValidator()(ctx, jwt.TokenID{ID: jti}), ErrRevoked)
	time.Sleep(time.Until(until) + 5*time.Millisecond)
	require.NoError(t, s.JTIValidator()(ctx, jwt.TokenID{ID: jti}))
}

// A one-time token is accepted once across instances, concurrently too,
// and its ID is kept until strictly after the token's AcceptedUntil.
func TestOneTime(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 4)
	exp := time.Now().Add(time.Hour).Truncate(time.Second)
	jti := newID()
	tok := token(t, jwt.Claims{ID: jti, ExpiresAt: jwt.NewNumericDate(exp)})
	leeway := jwt.WithLeeway(30 * time.Second)

	var wg sync.WaitGroup
	errs := make([]error, 50)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = verify(tok, leeway, jwt.WithJTIValidator(s[i%4].OneTimeJTIValidator()))
		}()
	}
	wg.Wait()
	requireOneSuccess(t, errs, ErrUsed)
	for _, err := range errs {
		if err != nil {
			require.ErrorIs(t, err, jwt.ErrRejected)
			assert.Contains(t, err.Error(), "one-time token already used")
		}
	}

	d, err := client(t).PExpireTime(ctx, s[0].key(kindJTI, jti)).Result()
	require.NoError(t, err)
	assert.Equal(t, time.Duration(exp.Add(30*time.Second).UnixMilli())*time.Millisecond, d)

	// A used one-time token is refused by the plain validator too.
	require.ErrorIs(t, verify(tok, jwt.WithJTIValidator(s[1].JTIValidator())), ErrUsed)
}

// A revoked token is refused by the one-time validator as revoked, and its
// revocation is left as it was.
func TestOneTimeRevoked(t *testing.T) {
	ctx := context.Background()
	s := stores(t, 2)
	exp := time.Now().Add(time.Hour)
	jti := newID()
	tok := token(t, jwt.Claims{ID: jti, ExpiresAt: jwt.NewNumericDate(exp)})
	require.NoError(t, s[0].Revoke(ctx, jti, exp))
	for range 2 {
		err := verify(tok, jwt.WithJTIValidator(s[1].OneTimeJTIValidator()))
		require.ErrorIs(t, err, ErrRevoked)
		assert.NotErrorIs(t, err, ErrUsed)
	}
}

// A one-time token needs a bounded lifetime: without "exp" it is refused,
// unless jwt.WithMaxAge bounds it.
func TestOneTimeUnbounded(t *testing.T) {
	s := stores(t, 1)[0]
	now := time.Now()
	tok := token(t, jwt.Claims{ID: newID(), IssuedAt: jwt.NewNumericDate(now)})
	err := verify(tok, jwt.WithAllowNoExpiry(), jwt.WithJTIValidator(s.OneTimeJTIValidator()))
	require.ErrorIs(t, err, jwt.ErrMissingClaim)
	require.ErrorIs(t, err, jwt.ErrRejected)
	assert.Contains(t, err.Error(), "bounded lifetime")
	revoked, rerr := s.Revoked(context.Background(), "x")
	require.NoError(t, rerr)
	assert.False(t, revoked)

	err = verify(tok, jwt.WithAllowNoExpiry(), jwt.WithMaxAge(time.Minute), jwt.WithJTIValidator(s.OneTimeJTIValidator()))
	require.NoError(t, err)
	err = verify(tok, jwt.WithAllowNoExpiry(), jwt.WithMaxAge(time.Minute), jwt.WithJTIValidator(s.OneTimeJTIValidator()))
	require.ErrorIs(t, err, ErrUsed)

	// An AcceptedUntil already past cannot be recorded: refused.
	err = s.OneTimeJTIValidator()(context.Background(), jwt.TokenID{ID: newID(), AcceptedUntil: now.Add(-time.Second)})
	require.ErrorIs(t, err, jwt.ErrExpired)
	assert.Contains(t, err.Error(), "cannot be recorded")
}

// A token without "jti", or with an empty one, never reaches the Store.
func TestNoJTI(t *testing.T) {
	s := stores(t, 1)[0]
	exp := jwt.NewNumericDate(time.Now().Add(time.Hour))
	for _, c := range []jwt.Claims{{ExpiresAt: exp}, {ExpiresAt: exp, ID: ""}} {
		for _, v := range []func(context.Context, jwt.TokenID) error{s.JTIValidator(), s.OneTimeJTIValidator()} {
			err := verify(token(t, c), jwt.WithJTIValidator(v))
			require.ErrorIs(t, err, jwt.ErrMissingClaim)
		}
	}
}

// A token ID's key holds "revoked" or "used", never an empty value. A key
// that exists with an empty value (written by something else sharing the
// prefix) refuses the token through either validator, as Redis failing
// would, instead of reading as no key; another value refuses it as
// revoked.
func TestStoredValueOddities(t *testing.T) {
	s := stores(t, 1)[0]
	ctx := context.Background()
	rdb := client(t)
	id := jwt.TokenID{ID: newID(), AcceptedUntil: time.Now().Add(time.Hour)}
	require.NoError(t, rdb.Set(ctx, s.key(kindJTI, id.ID), "", time.Hour).Err())
	for name, check := range map[string]func(context.Context, jwt.TokenID) error{
		"JTIValidator": s.JTIValidator(), "OneTimeJTIValidator": s.OneTimeJTIValidator(),
	} {
		err := check(ctx, id)
		require.ErrorIs(t, err, ErrUnavailable, name)
		require.ErrorContains(t, err, "empty value for an existing key", name)
	}
	other := jwt.TokenID{ID: newID(), AcceptedUntil: time.Now().Add(time.Hour)}
	require.NoError(t, rdb.Set(ctx, s.key(kindJTI, other.ID), "\x00garbage", time.Hour).Err())
	err := s.JTIValidator()(ctx, other)
	require.ErrorIs(t, err, ErrRevoked)
	require.ErrorContains(t, err, "token revoked")
}
