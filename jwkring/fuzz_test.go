package jwkring

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

// FuzzParseState: any plaintext is refused with ErrState or read into a
// state that keeps the schedule's order and writes back to a fixed point.
// Sealed states go through the same reader after jwe's decryption, which
// has its own fuzz targets; open is fuzzed here too for its checks.
func FuzzParseState(f *testing.F) {
	plain, key1, key2 := testState(f)
	f.Add(plain)
	f.Add([]byte(`{"jwkring":1,"generation":1,"keys":[{"published":"2030-01-01T00:00:00Z","active":"2030-01-01T00:00:00Z","jwk":` + key1 + `}]}`))
	f.Add([]byte(`{"jwkring":1,"generation":2,"keys":[{"published":"2030-01-01T00:00:00.5Z","active":"2030-01-01T00:00:01+01:00","jwk":` + key2 + `}]}`))
	f.Add([]byte(`{"jwkring":1,"generation":18446744073709551615,"keys":[]}`))
	f.Add([]byte(`{"jwkring":1,"generation":1,"keys":[{"jwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}]}`))
	f.Add([]byte(`{"jwkring":1e0,"generation":1,"keys":null}`))
	c, err := newCodec(make([]byte, KEKSize))
	if err != nil {
		f.Fatal(err)
	}
	sealed, err := c.seal(plain)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Fuzz(func(t *testing.T, b []byte) {
		if p, err := c.open(b); err == nil {
			b = p
		} else if !errors.Is(err, ErrState) {
			t.Fatalf("open: %v does not wrap ErrState", err)
		}
		st, err := parseState(b)
		if err != nil {
			if st != nil || !errors.Is(err, ErrState) {
				t.Fatalf("parseState: %v, %v", st, err)
			}
			return
		}
		for i := 1; i < len(st.keys); i++ {
			if st.keys[i].active.Before(st.keys[i-1].active) || st.keys[i].active.Before(st.keys[i].published) {
				t.Fatal("a state out of order was read")
			}
		}
		out, err := st.marshal()
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseState(out)
		if err != nil {
			t.Fatalf("a state written back does not read: %v", err)
		}
		if out2, _ := again.marshal(); !bytes.Equal(out, out2) {
			t.Fatal("writing a state back is not a fixed point")
		}
	})
}

// FuzzExpiry: any token is refused with ErrLifetime or gives a number,
// and a token whose exp is later than the limit is always refused.
func FuzzExpiry(f *testing.F) {
	for _, s := range []string{
		"eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjE4OTM0NTYwMDB9.c2ln",
		"eyJhbGciOiJFUzI1NiJ9.eyJleHAiOjEuOGU5fQ.c2ln",
		"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln",
		"a.b", "..", "a.!.c", "x.eyJleHAiOiIxIn0.y",
	} {
		f.Add(s)
	}
	now := time.Unix(1893456000, 0)
	f.Fuzz(func(t *testing.T, token string) {
		_, payload, err := segments(token)
		if err != nil {
			if !errors.Is(err, ErrLifetime) {
				t.Fatalf("segments: %v does not wrap ErrLifetime", err)
			}
			return
		}
		exp, err := expiry(payload)
		if err != nil {
			if !errors.Is(err, ErrLifetime) {
				t.Fatalf("expiry: %v does not wrap ErrLifetime", err)
			}
			return
		}
		err = checkLifetime(payload, now, time.Hour)
		if late := exp > float64(now.Add(time.Hour).Unix()); late != errors.Is(err, ErrLifetime) {
			t.Fatalf("exp %v against a limit of %v: %v", exp, now.Add(time.Hour).Unix(), err)
		}
	})
}
