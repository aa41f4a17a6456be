package jwk

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestRemoteMaxSetSize: WithMaxSetSize bounds the body read from the
// provider. A set within the bound serves; one byte over is refused with
// ErrFetch and jwa.ErrLimitExceeded, saying the bound, and the last good
// set keeps serving. A bound that is not positive is refused.
func TestRemoteMaxSetSize(t *testing.T) {
	p := newProvider(t, ecKey(t, "a"))
	p.mu.Lock()
	size := int64(len(p.body))
	p.mu.Unlock()
	r := newTestRemote(t, p, WithMaxSetSize(size))
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatalf("a set of exactly the bound: %v", err)
	}

	p.setKeys(t, ecKey(t, "a"), ecKey(t, "b")) // now over the bound
	err := r.Refresh(bg)
	wantErr(t, err, []error{ErrFetch, jwa.ErrLimitExceeded}, "the body is over "+strconv.FormatInt(size, 10)+" bytes")
	if _, err := r.Select(bg, es256("a")); err != nil {
		t.Fatalf("the last good set must keep serving: %v", err)
	}
	if !errors.Is(r.LastError(), jwa.ErrLimitExceeded) {
		t.Fatalf("LastError() = %v", r.LastError())
	}

	// Before any set was fetched, the refusal is the caller's error.
	big := newTestRemote(t, p, WithMaxSetSize(size))
	_, err = big.Select(bg, es256("a"))
	wantErr(t, err, []error{ErrFetch, jwa.ErrLimitExceeded}, "over "+strconv.FormatInt(size, 10)+" bytes")

	for _, n := range []int64{0, -1} {
		if _, err := NewRemote(p.srv.URL, WithInsecureHTTP(), WithMaxSetSize(n)); err == nil || !strings.Contains(err.Error(), "WithMaxSetSize") {
			t.Errorf("WithMaxSetSize(%d): %v", n, err)
		}
	}
}
