package jwthttp_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwthttp"
)

// fakeDPoP stands in for the dpop package: the "proof" is the thumbprint
// itself, in the DPoP header; "bad" fails.
type fakeDPoP struct{ calls int }

var errBadProof = errors.New("bad proof")

func (f *fakeDPoP) VerifyDPoP(r *http.Request, accessToken string) (string, error) {
	f.calls++
	if accessToken == "" {
		return "", errors.New("no access token given to the verifier")
	}
	p := r.Header.Get("DPoP")
	if p == "" || p == "bad" {
		return "", errBadProof
	}
	return p, nil
}

func TestDPoP(t *testing.T) {
	f := newFixture(t)
	v := &fakeDPoP{}
	h := f.protect(jwthttp.WithDPoP(v), jwthttp.WithRealm("api"))
	bound := f.token(func(m map[string]any) { m["cnf"] = map[string]any{"jkt": "thumb"} })
	unbound := f.token(nil)
	tests := []struct {
		name      string
		req       request
		status    int
		challenge string
	}{
		{"bound token with its proof", request{auth: []string{"DPoP " + bound}, dpop: "thumb"}, 200, ""},
		{"scheme is case-insensitive", request{auth: []string{"dpop " + bound}, dpop: "thumb"}, 200, ""},
		{"bearer still accepted", request{auth: []string{"Bearer " + unbound}}, 200, ""},
		{"no token: two challenges", request{}, 401, `Bearer realm="api" | DPoP realm="api"`},
		{"bound token as bearer", request{auth: []string{"Bearer " + bound}, dpop: "thumb"}, 401,
			`Bearer realm="api", error="invalid_token", error_description="the token is DPoP-bound"`},
		{"proof of another key", request{auth: []string{"DPoP " + bound}, dpop: "other"}, 401,
			`DPoP realm="api", error="invalid_token", error_description="the DPoP proof key does not match the token"`},
		{"bad proof", request{auth: []string{"DPoP " + bound}, dpop: "bad"}, 401,
			`DPoP realm="api", error="invalid_dpop_proof", error_description="the DPoP proof is not valid"`},
		{"no proof", request{auth: []string{"DPoP " + bound}}, 401,
			`DPoP realm="api", error="invalid_dpop_proof", error_description="the DPoP proof is not valid"`},
		{"unbound token as DPoP", request{auth: []string{"DPoP " + unbound}, dpop: "thumb"}, 401,
			`DPoP realm="api", error="invalid_token", error_description="the token is not DPoP-bound"`},
		{"invalid token as DPoP", request{auth: []string{"DPoP x.y.z"}, dpop: "thumb"}, 401,
			`DPoP realm="api", error="invalid_token", error_description="the token is malformed"`},
		{"malformed DPoP credentials", request{auth: []string{"DPoP a b"}}, 400,
			`Bearer realm="api", error="invalid_request", error_description="the DPoP credentials are not a token"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.req.do(h)
			if w.Code != tt.status || challengeOf(w) != tt.challenge {
				t.Fatalf("got %d %q, want %d %q", w.Code, challengeOf(w), tt.status, tt.challenge)
			}
		})
	}
	// An unbound token sent with the DPoP scheme is refused as a token
	// before its proof is checked: no proof, a bad one, or none at all
	// changes nothing, and the verifier (with its replay store) is not
	// called.
	calls := v.calls
	for _, proof := range []string{"", "bad", "thumb"} {
		w := request{auth: []string{"DPoP " + unbound}, dpop: proof}.do(h)
		want := `DPoP realm="api", error="invalid_token", error_description="the token is not DPoP-bound"`
		if w.Code != 401 || challengeOf(w) != want {
			t.Errorf("unbound token as DPoP, proof %q: got %d %q, want 401 %q", proof, w.Code, challengeOf(w), want)
		}
	}
	if v.calls != calls {
		t.Errorf("an unbound token reached the DPoP verifier %d times", v.calls-calls)
	}
	// The cause of a bad proof is the verifier's error.
	var got *jwthttp.ChallengeError
	hh := f.protect(jwthttp.WithDPoP(v), jwthttp.WithErrorHandler(func(w http.ResponseWriter, r *http.Request, e *jwthttp.ChallengeError) { got = e }))
	request{auth: []string{"DPoP " + bound}, dpop: "bad"}.do(hh)
	if !errors.Is(got, jwthttp.ErrInvalidDPoPProof) || !errors.Is(got, errBadProof) || strings.Contains(got.Description, "bad proof") {
		t.Fatalf("got %v", got)
	}
}
