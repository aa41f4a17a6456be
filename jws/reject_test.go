package jws

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

var hsKey = []byte("a 256-bit secret for HS256 tests")

func b64(s string) string { return base64url.EncodeToString([]byte(s)) }

// mac is the HS256 signature of input under secret, base64url.
func mac(secret []byte, input string) string {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(input))
	return base64url.EncodeToString(h.Sum(nil))
}

// compactHS builds a compact token with a valid HS256 signature over any
// header, so that a rejection is caused by the header alone.
func compactHS(header, payload string) []byte {
	in := b64(header) + "." + b64(payload)
	return []byte(in + "." + mac(hsKey, in))
}

// flatHS builds a flattened JSON token; unprotected is a JSON object or "".
func flatHS(protected, unprotected, payloadB64 string) []byte {
	p := ""
	if protected != "" {
		p = b64(protected)
	}
	s := `{"payload":"` + payloadB64 + `"`
	if p != "" {
		s += `,"protected":"` + p + `"`
	}
	if unprotected != "" {
		s += `,"header":` + unprotected
	}
	return []byte(s + `,"signature":"` + mac(hsKey, p+"."+payloadB64) + `"}`)
}

func rsaPublic(t testing.TB) *jwk.Key {
	t.Helper()
	k, err := jwk.FromKey(fipstest.RSAKey(t, "rsa2048.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestRejections(t *testing.T) {
	hs := WithKey(jwa.HS256, hsKey)
	good := compactHS(`{"alg":"HS256"}`, "payload")
	sig := good[strings.LastIndexByte(string(good), '.')+1:]
	body := string(good[:strings.LastIndexByte(string(good), '.')])
	many := `{"payload":"` + b64("payload") + `","signatures":[` + strings.Repeat(`{"protected":"`+b64(`{"alg":"HS256"}`)+`","signature":"`+string(sig)+`"},`, 3)
	many = many[:len(many)-1] + `]}`

	rsa := rsaPublic(t).Public()
	rsaDER, _ := x509.MarshalPKIXPublicKey(rsa.PublicKey())
	rsaPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: rsaDER})
	confused := `{"alg":"HS256"}`
	confusedTok := []byte(b64(confused) + "." + b64("p") + "." + mac(rsaPEM, b64(confused)+"."+b64("p")))
	rsaSet, _ := jwk.NewSet(rsa)
	ecPriv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKIXPublicKey(&ecPriv.PublicKey)
	ecTok := []byte(b64(confused) + "." + b64("p") + "." + mac(ecDER, b64(confused)+"."+b64("p")))

	tests := []struct {
		name  string
		token []byte
		opts  []Option
		want  error
	}{
		{"alg none", []byte(b64(`{"alg":"none"}`) + "." + b64("p") + "."), []Option{hs}, jwa.ErrAlgorithmNotAllowed},
		{"alg none, unsafe, with a signature", []byte(b64(`{"alg":"none"}`) + "." + b64("p") + "." + string(sig)), []Option{hs, WithUnsafeNone()}, ErrInvalidSignature},
		{"alg not allowed", compactHS(`{"alg":"HS384"}`, "p"), []Option{hs}, jwa.ErrAlgorithmNotAllowed},
		{"HS with RSA key bytes, RS256 key", confusedTok, []Option{WithKey(jwa.RS256, rsa)}, jwa.ErrAlgorithmNotAllowed},
		{"HS with RSA key bytes, key set allowing HS256", confusedTok, []Option{WithKeySet(rsaSet, jwa.RS256, jwa.HS256)}, jwk.ErrKeyNotFound},
		{"HS with EC key bytes", ecTok, []Option{WithKey(jwa.ES256, &ecPriv.PublicKey)}, jwa.ErrAlgorithmNotAllowed},
		{"signature too short", []byte(body + "." + string(sig[:20])), []Option{hs}, ErrInvalidSignature},
		{"signature empty", []byte(body + "."), []Option{hs}, ErrInvalidSignature},
		{"signature padded", []byte(body + "." + string(sig) + "="), []Option{hs}, ErrInvalidSignature},
		{"signature std base64", []byte(body + "." + strings.NewReplacer("-", "+", "_", "/").Replace(string(sig)) + "+"), []Option{hs}, ErrInvalidSignature},
		{"signature flipped", []byte(body + "." + string(sig[:len(sig)-2]) + "AA"), []Option{hs}, ErrInvalidSignature},
		{"duplicate alg", compactHS(`{"alg":"HS256","alg":"none"}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"case-folded duplicate", compactHS(`{"alg":"HS256","ALG":"none"}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"protected header an array", compactHS(`["alg","HS256"]`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"protected header a string", compactHS(`"HS256"`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"protected header trailing data", compactHS(`{"alg":"HS256"}{}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"unknown crit", compactHS(`{"alg":"HS256","crit":["exp"],"exp":1}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"crit lists a registered member", compactHS(`{"alg":"HS256","crit":["kid"],"kid":"a"}`, "p"), []Option{hs, WithCritical("kid")}, jwa.ErrMalformed},
		{"crit empty", compactHS(`{"alg":"HS256","crit":[]}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"crit not an array", compactHS(`{"alg":"HS256","crit":"b64"}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"crit names an absent member", compactHS(`{"alg":"HS256","crit":["exp"]}`, "p"), []Option{hs, WithCritical("exp")}, jwa.ErrMalformed},
		{"crit unprotected", flatHS(`{"alg":"HS256"}`, `{"crit":["b64"]}`, b64("p")), []Option{hs}, jwa.ErrMalformed},
		{"payload non-canonical base64url", []byte(b64(`{"alg":"HS256"}`) + ".cB." + mac(hsKey, b64(`{"alg":"HS256"}`)+".cB")), []Option{hs}, jwa.ErrMalformed},
		{"header non-canonical base64url", []byte(b64(`{"alg":"HS256"}`) + "=." + b64("p") + "." + string(sig)), []Option{hs}, jwa.ErrMalformed},
		{"header with a line break", []byte(b64(`{"alg":"HS256"}`)[:4] + "\n" + body[4:] + "." + string(sig)), []Option{hs}, jwa.ErrMalformed},
		{"two parts", []byte(body), []Option{hs}, jwa.ErrMalformed},
		{"four parts", append(good, ".x"...), []Option{hs}, jwa.ErrMalformed},
		{"many dots", []byte(strings.Repeat(".", 1<<16)), []Option{hs}, jwa.ErrMalformed},
		{"trailing data after JSON", append(flatHS(`{"alg":"HS256"}`, "", b64("p")), " {}"...), []Option{hs}, jwa.ErrMalformed},
		{"duplicate JSON member", []byte(`{"payload":"` + b64("p") + `","payload":"` + b64("q") + `","protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `"}`), []Option{hs}, jwa.ErrMalformed},
		{"unprotected alg", flatHS("", `{"alg":"HS256"}`, b64("p")), []Option{hs}, jwa.ErrAlgorithmNotAllowed},
		{"unprotected alg, opt-in, not allowed", flatHS("", `{"alg":"HS384"}`, b64("p")), []Option{hs, WithUnprotectedAlgorithm()}, jwa.ErrAlgorithmNotAllowed},
		{"b64 not in crit", flatHS(`{"alg":"HS256","b64":false}`, "", "p"), []Option{hs}, jwa.ErrMalformed},
		{"b64 unprotected", flatHS(`{"alg":"HS256"}`, `{"b64":false}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"b64 not a boolean", flatHS(`{"alg":"HS256","b64":"false","crit":["b64"]}`, "", "p"), []Option{hs}, jwa.ErrMalformed},
		{"over the size bound", good, []Option{hs, WithMaxSize(len(good) - 1)}, jwa.ErrLimitExceeded},
		{"more signatures than the bound", []byte(many), []Option{hs, WithMaxSignatures(2)}, jwa.ErrLimitExceeded},
		{"zip", compactHS(`{"alg":"HS256","zip":"DEF"}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"headers not disjoint", flatHS(`{"alg":"HS256","kid":"a"}`, `{"kid":"b"}`, b64("p")), []Option{hs}, jwa.ErrMalformed},
		{"flattened with signatures", []byte(`{"payload":"","protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `","signatures":[]}`), []Option{hs}, jwa.ErrMalformed},
		{"signatures empty", []byte(`{"payload":"","signatures":[]}`), []Option{hs}, jwa.ErrMalformed},
		{"signatures not an array", []byte(`{"payload":"","signatures":{}}`), []Option{hs}, jwa.ErrMalformed},
		{"protected empty string", []byte(`{"payload":"","protected":"","header":{"alg":"HS256"},"signature":"` + string(sig) + `"}`), []Option{hs, WithUnprotectedAlgorithm()}, jwa.ErrMalformed},
		{"no header", []byte(`{"payload":"","signature":"` + string(sig) + `"}`), []Option{hs}, jwa.ErrMalformed},
		{"no signature member", []byte(`{"payload":"","protected":"` + b64(`{"alg":"HS256"}`) + `"}`), []Option{hs}, jwa.ErrMalformed},
		{"payload not a string", []byte(`{"payload":1,"protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `"}`), []Option{hs}, jwa.ErrMalformed},
		{"no alg", compactHS(`{"kid":"a"}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"alg not a string", compactHS(`{"alg":["HS256"]}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"kid not a string", compactHS(`{"alg":"HS256","kid":7}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"x5c not base64", compactHS(`{"alg":"HS256","x5c":["!"]}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"x5c with a line break", compactHS(`{"alg":"HS256","x5c":["MII\nB"]}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"x5c empty", compactHS(`{"alg":"HS256","x5c":[]}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"detached payload not given", []byte(`{"protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `"}`), []Option{hs}, jwa.ErrMalformed},
		{"detached payload given to a token with one", good, []Option{hs, WithPayload([]byte("payload"))}, jwa.ErrMalformed},
		{"embedded jwk ignored by default", compactHS(`{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}`, "p"), []Option{hs}, jwa.ErrAlgorithmNotAllowed},
		{"embedded private jwk", compactHS(`{"alg":"HS256","jwk":{"kty":"oct","k":"`+base64url.EncodeToString(hsKey)+`"}}`, "p"), []Option{hs}, jwa.ErrMalformed},
		{"embedded private jwk is an unusable key", compactHS(`{"alg":"HS256","jwk":{"kty":"oct","k":"`+base64url.EncodeToString(hsKey)+`"}}`, "p"), []Option{hs}, jwa.ErrInvalidKey},
		{"kid names no key", compactHS(`{"alg":"RS256","kid":"nope"}`, "p"), []Option{WithKeySet(rsaSet, jwa.RS256)}, jwk.ErrKeyNotFound},
		{"empty token", nil, []Option{hs}, jwa.ErrMalformed},
		{"JSON not an object", []byte(" {"), []Option{hs}, jwa.ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Verify(tc.token, tc.opts...)
			// FIPS 140-3 mode refuses "none" at WithUnsafeNone, before the token.
			if !errors.Is(err, tc.want) && !fipstest.Refused(err, jwa.ErrNotApproved) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			if got != nil {
				t.Fatal("payload returned alongside an error")
			}
		})
	}
	// The control: the good tokens verify.
	if _, err := Verify(good, hs); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify([]byte(many), hs); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(compactHS(`{"alg":"HS256","crit":["exp"],"exp":1}`, "p"), hs, WithCritical("exp")); err != nil {
		t.Fatal(err)
	}
}

// TestOptionErrors checks that options that mean nothing for the call, or
// contradict each other, are refused.
var nilContext context.Context

func TestOptionErrors(t *testing.T) {
	hs := WithKey(jwa.HS256, hsKey)
	rsa := rsaPublic(t).Public()
	set, _ := jwk.NewSet(rsa)
	signs := map[string][]Option{
		"no key":                  {},
		"WithKeySet":              {hs, WithKeySet(set, jwa.RS256)},
		"WithPayload":             {hs, WithPayload(nil)},
		"WithJSON and flattened":  {hs, WithJSON(), WithFlattened()},
		"two keys compact":        {hs, hs},
		"unprotected compact":     {hs, WithUnprotectedHeader("kid", "a")},
		"none without unsafe":     {WithKey(jwa.NoSignature, nil)},
		"alg header":              {hs, WithProtectedHeader("alg", "none")},
		"crit header":             {hs, WithProtectedHeader("crit", []string{"x"})},
		"zip header":              {hs, WithProtectedHeader("zip", "DEF")},
		"twice":                   {hs, WithKeyID("a"), WithKeyID("b")},
		"kid not a string":        {hs, WithProtectedHeader("kid", 1)},
		"secret jwk":              {hs, WithProtectedHeader("jwk", hsKey)},
		"crit not set":            {hs, WithCritical("exp")},
		"crit registered":         {hs, WithKeyID("a"), WithCritical("kid")},
		"public key to sign":      {WithKey(jwa.RS256, rsa)},
		"RSA key for HS256":       {WithKey(jwa.HS256, rsa)},
		"unsupported algorithm":   {WithKey("XS256", hsKey)},
		"nil option":              {hs, nil},
		"verify-only RequireAll":  {hs, WithRequireAll()},
		"verify-only MaxSize":     {hs, WithMaxSize(10)},
		"not disjoint":            {hs, WithKeyID("a"), WithUnprotectedHeader("kid", "b"), WithJSON()},
		"unencoded with a dot":    {hs, WithUnencodedPayload()},
		"protected before unprot": {WithProtectedHeader("x", 1), WithUnprotectedHeader("x", 2), hs, WithJSON()},
	}
	for name, opts := range signs {
		if _, err := Sign([]byte("a.b"), opts...); err == nil {
			t.Errorf("Sign %s: no error", name)
		}
	}
	tok, _ := Sign([]byte("p"), hs)
	verifies := map[string][]Option{
		"no key":                 {},
		"WithJSON":               {hs, WithJSON()},
		"WithKeyID":              {hs, WithKeyID("a")},
		"key set without algs":   {WithKeySet(set)},
		"key set none":           {WithKeySet(set, jwa.NoSignature)},
		"nil key set":            {WithKeySet(nil, jwa.RS256)},
		"none with a key":        {WithKey(jwa.NoSignature, hsKey)},
		"RSA key for HS256":      {WithKey(jwa.HS256, rsa)},
		"typed nil key":          {WithKey(jwa.ES256, (*ecdsa.PublicKey)(nil))},
		"nil context":            {hs, WithContext(nilContext)},
		"zero max size":          {hs, WithMaxSize(0)},
		"negative max sigs":      {hs, WithMaxSignatures(-1)},
		"X509 without roots":     {WithX509(x509.VerifyOptions{}, jwa.ES256)},
		"embedded without algs":  {WithEmbeddedJWK(func(*jwk.Key) error { return nil })},
		"embedded without check": {WithEmbeddedJWK(nil, jwa.ES256)},
		"detached sign option":   {hs, WithDetachedPayload()},
	}
	for name, opts := range verifies {
		if _, err := Verify(tok, opts...); err == nil {
			t.Errorf("Verify %s: no error", name)
		}
	}
	if _, err := Parse(tok, hs); err == nil {
		t.Error("Parse with WithKey: no error")
	}
	if _, err := Verify(tok, hs, WithContext(context.Background())); err != nil {
		t.Fatal(err)
	}
}
