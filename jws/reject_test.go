package jws

import (
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
func compactHS(header, payload string) string {
	in := b64(header) + "." + b64(payload)
	return in + "." + mac(hsKey, in)
}

// flatHS builds a flattened JSON token; unprotected is a JSON object or "".
func flatHS(protected, unprotected, payloadB64 string) string {
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
	return s + `,"signature":"` + mac(hsKey, p+"."+payloadB64) + `"}`
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
	sig := good[strings.LastIndexByte(good, '.')+1:]
	body := string(good[:strings.LastIndexByte(string(good), '.')])
	many := `{"payload":"` + b64("payload") + `","signatures":[` + strings.Repeat(`{"protected":"`+b64(`{"alg":"HS256"}`)+`","signature":"`+string(sig)+`"},`, 3)
	many = many[:len(many)-1] + `]}`

	rsa := rsaPublic(t).Public()
	rsaDER, _ := x509.MarshalPKIXPublicKey(rsa.PublicKey())
	rsaPEM := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: rsaDER})
	confused := `{"alg":"HS256"}`
	confusedTok := b64(confused) + "." + b64("p") + "." + mac(rsaPEM, b64(confused)+"."+b64("p"))
	rsaSet, _ := jwk.NewSet(rsa)
	ecPriv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKIXPublicKey(&ecPriv.PublicKey)
	ecTok := b64(confused) + "." + b64("p") + "." + mac(ecDER, b64(confused)+"."+b64("p"))

	tests := []struct {
		name  string
		token string
		opts  []VerifyOption
		want  error
	}{
		{"alg none", b64(`{"alg":"none"}`) + "." + b64("p") + ".", []VerifyOption{hs}, jwa.ErrAlgorithmNotAllowed},
		{"alg none, unsafe, with a signature", b64(`{"alg":"none"}`) + "." + b64("p") + "." + string(sig), []VerifyOption{hs, WithUnsafeNone()}, ErrInvalidSignature},
		{"alg not allowed", compactHS(`{"alg":"HS384"}`, "p"), []VerifyOption{hs}, jwa.ErrAlgorithmNotAllowed},
		{"HS with RSA key bytes, RS256 key", confusedTok, []VerifyOption{WithKey(jwa.RS256, rsa)}, jwa.ErrAlgorithmNotAllowed},
		{"HS with RSA key bytes, key set allowing HS256", confusedTok, []VerifyOption{WithKeySet(rsaSet, jwa.RS256, jwa.HS256)}, jwk.ErrKeyNotFound},
		{"HS with EC key bytes", ecTok, []VerifyOption{WithKey(jwa.ES256, &ecPriv.PublicKey)}, jwa.ErrAlgorithmNotAllowed},
		{"signature too short", body + "." + string(sig[:20]), []VerifyOption{hs}, ErrInvalidSignature},
		{"signature empty", body + ".", []VerifyOption{hs}, ErrInvalidSignature},
		{"signature padded", body + "." + string(sig) + "=", []VerifyOption{hs}, ErrInvalidSignature},
		{"signature std base64", body + "." + strings.NewReplacer("-", "+", "_", "/").Replace(string(sig)) + "+", []VerifyOption{hs}, ErrInvalidSignature},
		{"signature flipped", body + "." + string(sig[:len(sig)-2]) + "AA", []VerifyOption{hs}, ErrInvalidSignature},
		{"duplicate alg", compactHS(`{"alg":"HS256","alg":"none"}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"case-folded duplicate", compactHS(`{"alg":"HS256","ALG":"none"}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"protected header an array", compactHS(`["alg","HS256"]`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"protected header a string", compactHS(`"HS256"`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"protected header trailing data", compactHS(`{"alg":"HS256"}{}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"unknown crit", compactHS(`{"alg":"HS256","crit":["exp"],"exp":1}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"crit lists a registered member", compactHS(`{"alg":"HS256","crit":["kid"],"kid":"a"}`, "p"), []VerifyOption{hs, WithKnownCritical("kid")}, jwa.ErrMalformed},
		{"crit empty", compactHS(`{"alg":"HS256","crit":[]}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"crit not an array", compactHS(`{"alg":"HS256","crit":"b64"}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"crit names an absent member", compactHS(`{"alg":"HS256","crit":["exp"]}`, "p"), []VerifyOption{hs, WithKnownCritical("exp")}, jwa.ErrMalformed},
		{"crit unprotected", flatHS(`{"alg":"HS256"}`, `{"crit":["b64"]}`, b64("p")), []VerifyOption{hs}, jwa.ErrMalformed},
		{"payload non-canonical base64url", b64(`{"alg":"HS256"}`) + ".cB." + mac(hsKey, b64(`{"alg":"HS256"}`)+".cB"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"header non-canonical base64url", b64(`{"alg":"HS256"}`) + "=." + b64("p") + "." + string(sig), []VerifyOption{hs}, jwa.ErrMalformed},
		{"header with a line break", b64(`{"alg":"HS256"}`)[:4] + "\n" + body[4:] + "." + string(sig), []VerifyOption{hs}, jwa.ErrMalformed},
		{"two parts", body, []VerifyOption{hs}, jwa.ErrMalformed},
		{"four parts", good + ".x", []VerifyOption{hs}, jwa.ErrMalformed},
		{"many dots", strings.Repeat(".", 1<<16), []VerifyOption{hs}, jwa.ErrMalformed},
		{"trailing data after JSON", flatHS(`{"alg":"HS256"}`, "", b64("p")) + " {}", []VerifyOption{hs}, jwa.ErrMalformed},
		{"duplicate JSON member", `{"payload":"` + b64("p") + `","payload":"` + b64("q") + `","protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `"}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"unprotected alg", flatHS("", `{"alg":"HS256"}`, b64("p")), []VerifyOption{hs}, jwa.ErrAlgorithmNotAllowed},
		{"unprotected alg, opt-in, not allowed", flatHS("", `{"alg":"HS384"}`, b64("p")), []VerifyOption{hs, WithUnprotectedAlgorithm()}, jwa.ErrAlgorithmNotAllowed},
		{"b64 not in crit", flatHS(`{"alg":"HS256","b64":false}`, "", "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"b64 unprotected", flatHS(`{"alg":"HS256"}`, `{"b64":false}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"b64 not a boolean", flatHS(`{"alg":"HS256","b64":"false","crit":["b64"]}`, "", "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"over the size bound", good, []VerifyOption{hs, WithMaxSize(len(good) - 1)}, jwa.ErrLimitExceeded},
		{"more signatures than the bound", many, []VerifyOption{hs, WithMaxSignatures(2)}, jwa.ErrLimitExceeded},
		{"zip", compactHS(`{"alg":"HS256","zip":"DEF"}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"headers not disjoint", flatHS(`{"alg":"HS256","kid":"a"}`, `{"kid":"b"}`, b64("p")), []VerifyOption{hs}, jwa.ErrMalformed},
		{"flattened with signatures", `{"payload":"","protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `","signatures":[]}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"signatures empty", `{"payload":"","signatures":[]}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"signatures not an array", `{"payload":"","signatures":{}}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"protected empty string", `{"payload":"","protected":"","header":{"alg":"HS256"},"signature":"` + string(sig) + `"}`, []VerifyOption{hs, WithUnprotectedAlgorithm()}, jwa.ErrMalformed},
		{"no header", `{"payload":"","signature":"` + string(sig) + `"}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"no signature member", `{"payload":"","protected":"` + b64(`{"alg":"HS256"}`) + `"}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"payload not a string", `{"payload":1,"protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `"}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"no alg", compactHS(`{"kid":"a"}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"alg not a string", compactHS(`{"alg":["HS256"]}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"kid not a string", compactHS(`{"alg":"HS256","kid":7}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"x5c not base64", compactHS(`{"alg":"HS256","x5c":["!"]}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"x5c with a line break", compactHS(`{"alg":"HS256","x5c":["MII\nB"]}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"x5c empty", compactHS(`{"alg":"HS256","x5c":[]}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"detached payload not given", `{"protected":"` + b64(`{"alg":"HS256"}`) + `","signature":"` + string(sig) + `"}`, []VerifyOption{hs}, jwa.ErrMalformed},
		{"detached payload given to a token with one", good, []VerifyOption{hs, WithPayload([]byte("payload"))}, jwa.ErrMalformed},
		{"embedded jwk ignored by default", compactHS(`{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}`, "p"), []VerifyOption{hs}, jwa.ErrAlgorithmNotAllowed},
		{"embedded private jwk", compactHS(`{"alg":"HS256","jwk":{"kty":"oct","k":"`+base64url.EncodeToString(hsKey)+`"}}`, "p"), []VerifyOption{hs}, jwa.ErrMalformed},
		{"embedded private jwk is an unusable key", compactHS(`{"alg":"HS256","jwk":{"kty":"oct","k":"`+base64url.EncodeToString(hsKey)+`"}}`, "p"), []VerifyOption{hs}, jwa.ErrInvalidKey},
		{"kid names no key", compactHS(`{"alg":"RS256","kid":"nope"}`, "p"), []VerifyOption{WithKeySet(rsaSet, jwa.RS256)}, jwk.ErrKeyNotFound},
		{"empty token", "", []VerifyOption{hs}, jwa.ErrMalformed},
		{"JSON not an object", " {", []VerifyOption{hs}, jwa.ErrMalformed},
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
	if _, err := Verify(many, hs); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(compactHS(`{"alg":"HS256","crit":["exp"],"exp":1}`, "p"), hs, WithKnownCritical("exp")); err != nil {
		t.Fatal(err)
	}
}
