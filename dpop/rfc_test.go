package dpop_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwt"
)

// rfcJKT is the thumbprint of the key of the RFC 9449 examples, as the
// "cnf" "jkt" of RFC 9449 §6.1 shows it.
const rfcJKT = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// rfcValidator validates at the given Unix time, with the defaults.
func rfcValidator(t testing.TB, unix int64) *dpop.Validator {
	t.Helper()
	v, err := dpop.NewValidator(dpop.WithClock(func() time.Time { return time.Unix(unix, 0) }))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// RFC 9449 §4.1 (Figure 2, decoded in Figure 4) and §5 (Figure 5): the
// proof of a token request.
func TestRFC9449TokenRequestProof(t *testing.T) {
	proof := readFile(t, "rfc9449-4.1-token-request-proof.jwt")
	v := rfcValidator(t, 1562262616+10)
	p, err := v.ValidateProof(proof, "POST", "https://server.example.com/token")
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "-BwC3ESc6acc2lTc" || p.Method != "POST" || p.URI != "https://server.example.com/token" ||
		p.IssuedAt.Unix() != 1562262616 || p.Thumbprint != rfcJKT || p.AccessTokenHash != "" {
		t.Errorf("proof: %+v", p)
	}
	if jkt, err := dpop.Thumbprint(p.Key); err != nil || jkt != rfcJKT {
		t.Errorf("Thumbprint = %q, %v", jkt, err)
	}
	// The same proof again is a replay (RFC 9449 §11.1).
	if _, err := v.ValidateProof(proof, "POST", "https://server.example.com/token"); !errors.Is(err, dpop.ErrReplay) {
		t.Errorf("replay: %v", err)
	}
	// Its iat is in 2019: without a fixed clock it is too old.
	now := rfcValidator(t, time.Now().Unix())
	if _, err := now.ValidateProof(proof, "POST", "https://server.example.com/token"); !errors.Is(err, jwt.ErrTooOld) {
		t.Errorf("today: %v", err)
	}
}

// RFC 9449 §7.1: a request to a protected resource with a DPoP-bound access
// token whose hash the proof carries in "ath", and whose "cnf" "jkt" (§6.1)
// is the proof key's thumbprint.
func TestRFC9449ResourceRequestProof(t *testing.T) {
	proof := readFile(t, "rfc9449-7.1-resource-request-proof.jwt")
	token := readFile(t, "rfc9449-7.1-access-token.txt")
	const ath = "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo" // RFC 9449 §7.1
	if got := dpop.AccessTokenHash(token); got != ath {
		t.Fatalf("AccessTokenHash = %s, want %s", got, ath)
	}
	v := rfcValidator(t, 1562262618)
	p, err := v.ValidateProof(proof, "GET", "https://resource.example.org/protectedresource",
		dpop.WithAccessToken(token), dpop.WithThumbprint(rfcJKT))
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "e1j3V_bKic8-LAEB" || p.AccessTokenHash != ath || p.Thumbprint != rfcJKT {
		t.Errorf("proof: %+v", p)
	}
	// The same proof with another token, or a token bound to another key.
	v = rfcValidator(t, 1562262618)
	if _, err := v.ValidateProof(proof, "GET", "https://resource.example.org/protectedresource",
		dpop.WithAccessToken(token+"x")); !errors.Is(err, dpop.ErrAccessTokenHash) {
		t.Errorf("other token: %v", err)
	}
	if _, err := v.ValidateProof(proof, "GET", "https://resource.example.org/protectedresource",
		dpop.WithAccessToken(token), dpop.WithThumbprint("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")); !errors.Is(err, dpop.ErrKeyMismatch) {
		t.Errorf("other key: %v", err)
	}
}
