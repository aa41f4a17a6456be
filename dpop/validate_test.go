package dpop_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

var (
	testNow = time.Unix(1_700_000_000, 0)
	clock   = func() time.Time { return testNow }
)

const (
	testURI   = "https://api.example.com/items"
	testToken = "access-token-value"
)

func genKey(t testing.TB) *jwk.Key {
	t.Helper()
	k, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func newValidator(t testing.TB, opts ...dpop.ValidatorOption) *dpop.Validator {
	t.Helper()
	v, err := dpop.NewValidator(append([]dpop.ValidatorOption{dpop.WithClock(clock)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// craft builds a compact JWS from a raw header and claims, signed with key
// under alg (nil key: an empty signature).
func craft(t testing.TB, header, claims string, alg jwa.SignatureAlgorithm, key any) string {
	t.Helper()
	input := b64(header) + "." + b64(claims)
	if key == nil {
		return input + "."
	}
	if k, ok := key.(*jwk.Key); ok {
		key = k.Raw()
	}
	s, err := alg.NewSigner(key)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := s.Sign([]byte(input))
	if err != nil {
		t.Fatal(err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig)
}

func publicJSON(t testing.TB, k *jwk.Key) string {
	t.Helper()
	b, err := json.Marshal(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func header(t testing.TB, typ, alg string, k *jwk.Key) string {
	return `{"typ":"` + typ + `","alg":"` + alg + `","jwk":` + publicJSON(t, k) + `}`
}

func claimsAt(iat int64, extra string) string {
	return `{"jti":"j1","htm":"GET","htu":"` + testURI + `","iat":` + itoa(iat) + extra + `}`
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestRoundTrip(t *testing.T) {
	key := genKey(t)
	jkt, err := dpop.Thumbprint(key)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := dpop.NewProof("GET", testURI+"?q=1#frag", jwa.ES256, key,
		dpop.WithClock(clock), dpop.WithAccessToken(testToken), dpop.WithNonce("n1"))
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	h.Set("DPoP", proof)
	p, err := newValidator(t).Validate(h, "GET", "HTTPS://API.example.com:443/items?other",
		dpop.WithAccessToken(testToken), dpop.WithAllowedNonces("n0", "n1"), dpop.WithThumbprint(jkt))
	if err != nil {
		t.Fatal(err)
	}
	if p.URI != testURI || p.Nonce != "n1" || p.Thumbprint != jkt || !p.Key.Equal(key) || p.Key.IsPrivate() || len(p.ID) < 16 {
		t.Errorf("proof: %+v", p)
	}
	// Two proofs never share a jti.
	other, _ := dpop.NewProof("GET", testURI, jwa.ES256, key, dpop.WithClock(clock))
	if other == proof {
		t.Error("two proofs are equal")
	}
}

// TestRejections gives each check of RFC 9449 §4.3 its own bad proof.
func TestRejections(t *testing.T) {
	key := genKey(t)
	other := genKey(t)
	jkt, _ := dpop.Thumbprint(key)
	now := testNow.Unix()
	good := func(extra string) string {
		return craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now, extra), jwa.ES256, key)
	}
	privJWK, _ := json.Marshal(key)
	hmacKey := []byte("0123456789abcdef0123456789abcdef")
	tests := []struct {
		name  string
		proof string
		opts  []dpop.ValidateOption
		want  []error
	}{
		{"not a JWT", "not.a.jwt", nil, []error{dpop.ErrInvalidProof, jwa.ErrMalformed}},
		{"JSON serialization", `{"payload":"e30","signatures":[]}`, nil, []error{dpop.ErrInvalidProof, jwt.ErrUnexpectedForm}},
		{"too large", strings.Repeat("a", dpop.DefaultMaxSize+1), nil, []error{dpop.ErrInvalidProof, jwa.ErrLimitExceeded}},
		{"missing jti", craft(t, header(t, "dpop+jwt", "ES256", key), `{"htm":"GET","htu":"`+testURI+`","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrMissingClaim}},
		{"missing htu", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"GET","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrMissingClaim}},
		{"missing iat", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"GET","htu":"`+testURI+`"}`, jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrMissingClaim}},
		{"htm not a string", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":1,"htu":"`+testURI+`","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrInvalidProof}},
		{"wrong typ", craft(t, header(t, "JWT", "ES256", key), claimsAt(now, ""), jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrInvalidType}},
		{"no typ", craft(t, `{"alg":"ES256","jwk":`+publicJSON(t, key)+`}`, claimsAt(now, ""), jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrInvalidType}},
		{"alg none", craft(t, header(t, "dpop+jwt", "none", key), claimsAt(now, ""), jwa.NoSignature, nil), nil, []error{dpop.ErrInvalidProof, jwa.ErrAlgorithmNotAllowed}},
		{"alg HS256", craft(t, header(t, "dpop+jwt", "HS256", key), claimsAt(now, ""), jwa.HS256, hmacKey), nil, []error{dpop.ErrInvalidProof, jwa.ErrAlgorithmNotAllowed}},
		{"alg not in the allow-list", craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now, ""), jwa.ES256, key), []dpop.ValidateOption{}, []error{dpop.ErrInvalidProof, jwa.ErrAlgorithmNotAllowed}},
		{"private key in jwk", craft(t, `{"typ":"dpop+jwt","alg":"ES256","jwk":`+string(privJWK)+`}`, claimsAt(now, ""), jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwa.ErrInvalidKey}},
		{"no jwk", craft(t, `{"typ":"dpop+jwt","alg":"ES256"}`, claimsAt(now, ""), jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwk.ErrKeyNotFound}},
		{"signed by another key", craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now, ""), jwa.ES256, other), nil, []error{dpop.ErrInvalidProof, jwa.ErrInvalidSignature}},
		{"htm mismatch", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"POST","htu":"`+testURI+`","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, dpop.ErrMethodMismatch}},
		{"htm in lower case", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"get","htu":"`+testURI+`","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrMethodMismatch}},
		{"htu mismatch", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"GET","htu":"https://api.example.com/other","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, dpop.ErrURIMismatch}},
		{"htu on another host", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"GET","htu":"https://evil.example.com/items","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrURIMismatch}},
		{"htu not a URI", craft(t, header(t, "dpop+jwt", "ES256", key), `{"jti":"j","htm":"GET","htu":"/items","iat":`+itoa(now)+`}`, jwa.ES256, key), nil, []error{dpop.ErrURIMismatch}},
		{"iat in the future", craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now+6, ""), jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrIssuedInFuture}},
		{"iat too old", craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now-66, ""), jwa.ES256, key), nil, []error{dpop.ErrInvalidProof, jwt.ErrTooOld}},
		{"nonce missing", good(""), []dpop.ValidateOption{dpop.WithAllowedNonces("n1")}, []error{dpop.ErrUseNonce}},
		{"nonce wrong", good(`,"nonce":"n0"`), []dpop.ValidateOption{dpop.WithAllowedNonces("n1")}, []error{dpop.ErrUseNonce}},
		{"ath missing", good(""), []dpop.ValidateOption{dpop.WithAccessToken(testToken)}, []error{dpop.ErrInvalidProof, dpop.ErrAccessTokenHash}},
		{"ath wrong", good(`,"ath":"` + dpop.AccessTokenHash("other") + `"`), []dpop.ValidateOption{dpop.WithAccessToken(testToken)}, []error{dpop.ErrInvalidProof, dpop.ErrAccessTokenHash}},
		{"key not the token's cnf.jkt", good(""), []dpop.ValidateOption{dpop.WithThumbprint(strings.Repeat("A", len(jkt)))}, []error{dpop.ErrKeyMismatch}},
		{"token bound to no key", good(""), []dpop.ValidateOption{dpop.WithThumbprint("")}, []error{dpop.ErrKeyMismatch}},
		{"expired exp", good(`,"exp":` + itoa(now-10)), nil, []error{dpop.ErrInvalidProof, jwt.ErrExpired}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vopts := []dpop.ValidatorOption{}
			if tt.name == "alg not in the allow-list" {
				vopts = append(vopts, dpop.WithAllowedAlgorithms(jwa.EdDSA))
			}
			p, err := newValidator(t, vopts...).ValidateProof(tt.proof, "GET", testURI, tt.opts...)
			if p != nil || err == nil {
				t.Fatalf("accepted: %+v", p)
			}
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("error %v\ndoes not wrap %v", err, want)
				}
			}
			if errors.Is(err, dpop.ErrUseNonce) || errors.Is(err, dpop.ErrKeyMismatch) {
				if errors.Is(err, dpop.ErrInvalidProof) {
					t.Errorf("%v wraps ErrInvalidProof", err)
				}
			}
		})
	}
}

func TestIATWindowEdges(t *testing.T) {
	key := genKey(t)
	now := testNow.Unix()
	for _, iat := range []int64{now + 5, now, now - 65} { // leeway 5s, max age 60s
		proof := craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(iat, ""), jwa.ES256, key)
		if _, err := newValidator(t).ValidateProof(proof, "GET", testURI); err != nil {
			t.Errorf("iat %+d: %v", iat-now, err)
		}
	}
	v := newValidator(t, dpop.WithMaxAge(10*time.Second), dpop.WithLeeway(0))
	proof := craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now-11, ""), jwa.ES256, key)
	if _, err := v.ValidateProof(proof, "GET", testURI); !errors.Is(err, jwt.ErrTooOld) {
		t.Errorf("max age 10s: %v", err)
	}
	proof = craft(t, header(t, "dpop+jwt", "ES256", key), claimsAt(now+1, ""), jwa.ES256, key)
	if _, err := v.ValidateProof(proof, "GET", testURI); !errors.Is(err, jwt.ErrIssuedInFuture) {
		t.Errorf("leeway 0: %v", err)
	}
}

func TestHeaderFields(t *testing.T) {
	key := genKey(t)
	proof, err := dpop.NewProof("GET", testURI, jwa.ES256, key, dpop.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	v := newValidator(t)
	if _, err := v.Validate(http.Header{}, "GET", testURI); !errors.Is(err, dpop.ErrMissingProof) || !errors.Is(err, dpop.ErrInvalidProof) {
		t.Errorf("no header: %v", err)
	}
	h := http.Header{}
	h.Add("DPoP", proof)
	h.Add("Dpop", proof)
	if _, err := v.Validate(h, "GET", testURI); !errors.Is(err, dpop.ErrMultipleProofs) || !errors.Is(err, dpop.ErrInvalidProof) {
		t.Errorf("two headers: %v", err)
	}
	h = http.Header{"Dpop": {proof + ", " + proof}}
	if _, err := v.Validate(h, "GET", testURI); !errors.Is(err, dpop.ErrInvalidProof) || !errors.Is(err, jwa.ErrMalformed) {
		t.Errorf("two proofs in one field: %v", err)
	}
}

func TestReplayScopedToKey(t *testing.T) {
	v := newValidator(t)
	for _, k := range []*jwk.Key{genKey(t), genKey(t)} {
		p, _ := dpop.NewProof("GET", testURI, jwa.ES256, k, dpop.WithClock(clock), dpop.WithID("same"))
		if _, err := v.ValidateProof(p, "GET", testURI); err != nil {
			t.Fatalf("same jti, other key: %v", err)
		}
		if _, err := v.ValidateProof(p, "GET", testURI); !errors.Is(err, dpop.ErrReplay) {
			t.Fatalf("replay: %v", err)
		}
	}
}

// failingStore is a replay store that is down.
type failingStore struct{}

var errDown = errors.New("store down")

func (failingStore) Use(context.Context, string, time.Time) error { return errDown }

func TestReplayStoreFailure(t *testing.T) {
	key := genKey(t)
	p, _ := dpop.NewProof("GET", testURI, jwa.ES256, key, dpop.WithClock(clock))
	_, err := newValidator(t, dpop.WithReplayStore(failingStore{})).ValidateProof(p, "GET", testURI)
	if !errors.Is(err, errDown) || errors.Is(err, dpop.ErrInvalidProof) {
		t.Errorf("got %v", err)
	}
}

// unavailableStore is a replay store whose backend cannot be reached, as
// ReplayStore asks it to say: its error wraps jwt.ErrStoreUnavailable.
type unavailableStore struct{}

func (unavailableStore) Use(context.Context, string, time.Time) error {
	return fmt.Errorf("store: connection refused: %w", jwt.ErrStoreUnavailable)
}

// TestReplayStoreUnavailable: a store that cannot answer refuses the proof
// with its own error, which keeps jwt.ErrStoreUnavailable and is neither
// ErrInvalidProof nor jwt.ErrRejected: the proof was not found bad.
func TestReplayStoreUnavailable(t *testing.T) {
	key := genKey(t)
	p, _ := dpop.NewProof("GET", testURI, jwa.ES256, key, dpop.WithClock(clock))
	_, err := newValidator(t, dpop.WithReplayStore(unavailableStore{})).ValidateProof(p, "GET", testURI)
	if !errors.Is(err, jwt.ErrStoreUnavailable) || errors.Is(err, dpop.ErrInvalidProof) || errors.Is(err, jwt.ErrRejected) ||
		!strings.Contains(err.Error(), "connection refused") {
		t.Errorf("got %v", err)
	}
}

func TestAccessToken(t *testing.T) {
	for _, tt := range []struct {
		auth []string
		want string
	}{
		{[]string{"DPoP Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"}, "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"},
		{[]string{"dpop abc=="}, "abc=="},
		{nil, ""},
		{[]string{"DPoP a", "DPoP b"}, ""},
		{[]string{"Bearer abc"}, ""},
		{[]string{"DPoP "}, ""},
		{[]string{"DPoP a b"}, ""},
		{[]string{"DPoP a=b"}, ""},
	} {
		got, err := dpop.AccessToken(http.Header{"Authorization": tt.auth})
		if got != tt.want || (tt.want == "") != errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%q: got %q, %v", tt.auth, got, err)
		}
	}
}
