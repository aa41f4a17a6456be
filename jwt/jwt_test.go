package jwt_test

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// vector is a test vector file of testdata/jwt.
type vector struct {
	Token   string          `json:"token"`
	Alg     string          `json:"alg"`
	Enc     string          `json:"enc"`
	Key     json.RawMessage `json:"key"`
	SigAlg  string          `json:"sig_alg"`
	SigKey  json.RawMessage `json:"sig_key"`
	Claims  string          `json:"claims"`
	Comment string          `json:"source"`
}

func loadVector(t testing.TB, name string) vector {
	t.Helper()
	b, err := os.ReadFile("../testdata/jwt/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var v vector
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func parseKey(t testing.TB, raw json.RawMessage) *jwk.Key {
	t.Helper()
	k, err := jwk.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Times around the "exp" of the RFC 7519 examples, 1300819380.
var (
	beforeRFCExp = func() time.Time { return time.Unix(1300819379, 0) }
	atRFCExp     = func() time.Time { return time.Unix(1300819380, 0) }
)

type rfcClaims struct {
	jwt.Claims
	IsRoot bool `json:"http://example.com/is_root"`
}

func checkRFCClaims(t *testing.T, c rfcClaims) {
	t.Helper()
	if c.Issuer != "joe" || c.ExpiresAt.Unix() != 1300819380 || !c.IsRoot {
		t.Errorf("claims: %+v", c)
	}
}

func TestRFC7519Section3_1(t *testing.T) {
	v := loadVector(t, "rfc7519_3.1.json")
	key := parseKey(t, v.Key)
	c, err := jwt.Verify[rfcClaims](v.Token, jwt.WithKey(jwa.HS256, key), jwt.WithClock(beforeRFCExp), jwt.WithExpectedType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	checkRFCClaims(t, c)
	m, err := jwt.Verify[map[string]any](v.Token, jwt.WithKey(jwa.HS256, key), jwt.WithClock(beforeRFCExp))
	if err != nil || m["http://example.com/is_root"] != true {
		t.Fatalf("map: %v, %v", m, err)
	}
	_, err = jwt.Verify[rfcClaims](v.Token, jwt.WithKey(jwa.HS256, key), jwt.WithClock(atRFCExp))
	if !errors.Is(err, jwt.ErrExpired) {
		t.Fatalf("at exp: %v", err)
	}
	// The payload of the example is the claim set of the vector, byte for byte.
	payload, _ := base64.RawURLEncoding.DecodeString(strings.Split(v.Token, ".")[1])
	if string(payload) != v.Claims {
		t.Fatalf("payload %q", payload)
	}
}

func TestRFC7519AppendixA1(t *testing.T) {
	fipstest.SkipUnapproved(t, "RSA1_5", jwa.RSA1_5.FIPS().Approved)
	v := loadVector(t, "rfc7519_a.1.json")
	key := parseKey(t, v.Key)
	opts := []jwt.VerifyOption{jwt.WithDecryptionKey(jwa.RSA1_5, key), jwt.WithAllowedEncryptions(jwa.A128CBC_HS256), jwt.WithClock(beforeRFCExp)}
	c, err := jwt.Verify[rfcClaims](v.Token, append(opts, jwt.WithEncryptedOnly())...)
	if err != nil {
		t.Fatal(err)
	}
	checkRFCClaims(t, c)
	// Without WithEncryptedOnly, unsigned claims are refused (T38).
	_, err = jwt.Verify[rfcClaims](v.Token, append(opts, jwt.WithKey(jwa.HS256, make([]byte, 32)))...)
	if !errors.Is(err, jwt.ErrUnexpectedForm) {
		t.Fatalf("encrypted-only without the option: %v", err)
	}
}

func TestRFC7519AppendixA2(t *testing.T) {
	fipstest.SkipUnapproved(t, "RSA1_5", jwa.RSA1_5.FIPS().Approved)
	v := loadVector(t, "rfc7519_a.2.json")
	key := parseKey(t, v.Key)
	sigKey := parseKey(t, v.SigKey).Public()
	opts := []jwt.VerifyOption{
		jwt.WithDecryptionKey(jwa.RSA1_5, key), jwt.WithAllowedEncryptions(jwa.A128CBC_HS256),
		jwt.WithKey(jwa.RS256, sigKey), jwt.WithClock(beforeRFCExp),
	}
	c, err := jwt.Verify[rfcClaims](v.Token, opts...)
	if err != nil {
		t.Fatal(err)
	}
	checkRFCClaims(t, c)
	// The inner JWT of the example has no "typ".
	_, err = jwt.Verify[rfcClaims](v.Token, append(opts, jwt.WithExpectedType("JWT"))...)
	if !errors.Is(err, jwt.ErrInvalidType) {
		t.Fatalf("WithType: %v", err)
	}
	// Encrypted-only options do not accept a nested token.
	_, err = jwt.Verify[rfcClaims](v.Token, jwt.WithDecryptionKey(jwa.RSA1_5, key), jwt.WithAllowedEncryptions(jwa.A128CBC_HS256),
		jwt.WithEncryptedOnly(), jwt.WithClock(beforeRFCExp))
	if !errors.Is(err, jwt.ErrUnexpectedForm) {
		t.Fatalf("nested as encrypted-only: %v", err)
	}
	// Without decryption keys, the JWE is refused, never read as a JWS (T37).
	_, err = jwt.Verify[rfcClaims](v.Token, jwt.WithKey(jwa.RS256, sigKey), jwt.WithClock(beforeRFCExp))
	if !errors.Is(err, jwt.ErrUnexpectedForm) {
		t.Fatalf("JWE without decryption keys: %v", err)
	}
}

// keys holds one key pair per signature algorithm of the round trips.
type keyPair struct {
	alg       jwa.SignatureAlgorithm
	priv, pub any
}

func testKeys(t testing.TB) []keyPair {
	t.Helper()
	pem, err := os.ReadFile("../testdata/keys/rsa2048.pem")
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := jwk.ParsePEM(pem)
	if err != nil {
		t.Fatal(err)
	}
	ec, err := jwk.Generate(jwa.ES256)
	if err != nil {
		t.Fatal(err)
	}
	ed, err := jwk.Generate(jwa.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte("a 32-byte secret for HS256 tests")
	return []keyPair{
		{jwa.HS256, secret, secret},
		{jwa.ES256, ec, ec.Public()},
		{jwa.EdDSA, ed, ed.Public()},
		{jwa.RS256, rsaKey, rsaKey.Public()},
	}
}

var fixedNow = time.Unix(1_700_000_000, 0)

func clock() time.Time { return fixedNow }

type accessClaims struct {
	jwt.Claims
	Scope    string   `json:"scope"`
	ClientID string   `json:"client_id"`
	Groups   []string `json:"groups,omitempty"`
}

func sampleClaims() accessClaims {
	return accessClaims{
		Claims: jwt.Claims{
			Issuer:    "https://issuer.example.com",
			Subject:   "user-8f14e45f",
			Audience:  jwt.Audience{"https://api.example.com"},
			ExpiresAt: jwt.NewNumericDate(fixedNow.Add(time.Hour)),
			IssuedAt:  jwt.NewNumericDate(fixedNow),
			NotBefore: jwt.NewNumericDate(fixedNow),
			ID:        "c4ca4238a0b923820dcc509a6f75849b",
		},
		Scope:    "read:messages write:messages",
		ClientID: "s6BhdRkqt3",
		Groups:   []string{"staff", "engineering"},
	}
}

func TestRoundTrip(t *testing.T) {
	claims := sampleClaims()
	for _, k := range testKeys(t) {
		t.Run(string(k.alg), func(t *testing.T) {
			tok, err := jwt.Sign(claims, k.alg, k.priv, jwt.WithType("at+jwt"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := jwt.Verify[accessClaims](tok, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock),
				jwt.WithIssuer("https://issuer.example.com"), jwt.WithAudience("https://api.example.com"),
				jwt.WithSubject("user-8f14e45f"), jwt.WithExpectedType("application/at+jwt"), jwt.WithMaxAge(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if got.Scope != claims.Scope || got.ID != claims.ID || !got.ExpiresAt.Equal(claims.ExpiresAt.Time) || len(got.Groups) != 2 {
				t.Fatalf("got %+v", got)
			}
			// Through a key set too.
			pub, err := jwk.FromKey(rawPublic(t, k.pub), jwk.WithAlgorithm(k.alg))
			if err != nil {
				t.Fatal(err)
			}
			set, err := jwk.NewSet(pub)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := jwt.Verify[accessClaims](tok, jwt.WithKeySet(set, k.alg), jwt.WithClock(clock),
				jwt.WithAudience("https://api.example.com")); err != nil {
				t.Fatalf("key set: %v", err)
			}
		})
	}
}

func rawPublic(t testing.TB, k any) any {
	if key, ok := k.(*jwk.Key); ok {
		return key.PublicKey()
	}
	return k
}

func TestNested(t *testing.T) {
	ks := testKeys(t)
	ec := ks[1]
	encKey, err := jwk.Generate(jwa.ECDH_ES_A128KW)
	if err != nil {
		t.Fatal(err)
	}
	claims := sampleClaims()
	tok, err := jwt.SignAndEncrypt(claims, ec.alg, ec.priv,
		jwt.WithRecipient(jwa.ECDH_ES_A128KW, encKey.Public()), jwt.WithEncryption(jwa.A256GCM), jwt.WithType("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(tok, "."); n != 4 {
		t.Fatalf("%d dots", n)
	}
	verify := []jwt.VerifyOption{
		jwt.WithDecryptionKey(jwa.ECDH_ES_A128KW, encKey), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(ec.alg, ec.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"),
	}
	got, err := jwt.Verify[accessClaims](tok, append(verify, jwt.WithExpectedType("at+jwt"))...)
	if err != nil || got.Scope != claims.Scope {
		t.Fatalf("got %+v, %v", got, err)
	}
	// The outer header says cty JWT (RFC 7519 §5.2).
	r, err := jwe.DecryptMessage(tok, jwe.WithKey(jwa.ECDH_ES_A128KW, encKey), jwe.WithAllowedEncryptions(jwa.A256GCM))
	if err != nil || r.Protected.ContentType() != "JWT" {
		t.Fatalf("outer header: %v, %v", r, err)
	}
	// The wrong signature key fails after decryption.
	_, err = jwt.Verify[accessClaims](tok, jwt.WithDecryptionKey(jwa.ECDH_ES_A128KW, encKey), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(ks[2].alg, ks[2].pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"))
	if err == nil {
		t.Fatal("nested token verified with the wrong key")
	}
	// An enc the caller does not allow.
	_, err = jwt.Verify[accessClaims](tok, jwt.WithDecryptionKey(jwa.ECDH_ES_A128KW, encKey), jwt.WithAllowedEncryptions(jwa.A128GCM),
		jwt.WithKey(ec.alg, ec.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"))
	if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("enc not allowed: %v", err)
	}

	// Encrypted only, and the forms refused on either side.
	enc, err := jwt.Encrypt(claims, jwa.ECDH_ES_A128KW, encKey.Public(), jwt.WithEncryption(jwa.A256GCM))
	if err != nil {
		t.Fatal(err)
	}
	got, err = jwt.Verify[accessClaims](enc, jwt.WithDecryptionKey(jwa.ECDH_ES_A128KW, encKey), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithEncryptedOnly(), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"), jwt.WithExpectedType("JWT"))
	if err != nil || got.Scope != claims.Scope {
		t.Fatalf("encrypted only: %+v, %v", got, err)
	}
	if _, err := jwt.Verify[accessClaims](enc, verify...); !errors.Is(err, jwt.ErrUnexpectedForm) {
		t.Fatalf("encrypted-only token where a nested one is expected: %v", err)
	}
	signed, err := jwt.Sign(claims, ec.alg, ec.priv)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jwt.Verify[accessClaims](signed, verify...); !errors.Is(err, jwt.ErrUnexpectedForm) {
		t.Fatalf("signed-only token where a nested one is expected: %v", err)
	}
}

// TestForms gives each token of the wrong form its row (T25, T37, T38).
func TestForms(t *testing.T) {
	ks := testKeys(t)
	hs := ks[0]
	encKey := []byte("0123456789abcdef")
	claims := sampleClaims()
	good, err := jwt.Sign(claims, hs.alg, hs.priv)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	mustJWS := func(opts ...jws.SignOption) string { return signJWS(t, hs, payload, opts...) }
	mustJWE := func(plain []byte, opts ...jwe.EncryptOption) string {
		b, err := jwe.Encrypt(plain, append([]jwe.EncryptOption{jwe.WithRecipient(jwa.A128KW, encKey), jwe.WithEncryption(jwa.A128GCM)}, opts...)...)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"exp":1}`)) + "." + parts[2]
	expired, _ := jwt.Sign(jwt.Claims{ExpiresAt: jwt.NewNumericDate(fixedNow.Add(-time.Second))}, hs.alg, hs.priv)
	ep := strings.Split(expired, ".")
	expiredBadSig := ep[0] + "." + ep[1] + "." + parts[2]
	unsigned := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none"}`)) + "." + parts[1] + "."

	verifyJWS := []jwt.VerifyOption{jwt.WithKey(hs.alg, hs.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com")}
	verifyNested := []jwt.VerifyOption{jwt.WithDecryptionKey(jwa.A128KW, encKey), jwt.WithAllowedEncryptions(jwa.A128GCM),
		jwt.WithKey(hs.alg, hs.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com")}
	tests := []struct {
		name  string
		token string
		opts  []jwt.VerifyOption
		want  error
	}{
		{"good", good, verifyJWS, nil},
		{"flattened JSON JWS", mustJWS(jws.WithFlattened()), verifyJWS, jwt.ErrUnexpectedForm},
		{"general JSON JWS", mustJWS(jws.WithJSON()), verifyJWS, jwt.ErrUnexpectedForm},
		{"JWE where a JWS is expected", mustJWE(payload), verifyJWS, jwt.ErrUnexpectedForm},
		{"nested where a JWS is expected", mustJWE([]byte(good), jwe.WithContentType("JWT")), verifyJWS, jwt.ErrUnexpectedForm},
		{"nested", mustJWE([]byte(good), jwe.WithContentType("JWT")), verifyNested, nil},
		{"nested, cty application/jwt", mustJWE([]byte(good), jwe.WithContentType("application/jwt")), verifyNested, nil},
		{"nested, cty json", mustJWE([]byte(good), jwe.WithContentType("json")), verifyNested, jwt.ErrInvalidType},
		{"nested without cty", mustJWE([]byte(good)), verifyNested, jwt.ErrUnexpectedForm},
		{"nested claims, not a JWS", mustJWE(payload, jwe.WithContentType("JWT")), verifyNested, jwt.ErrUnexpectedForm},
		{"nested JSON JWS", mustJWE([]byte(mustJWS(jws.WithFlattened())), jwe.WithContentType("JWT")), verifyNested, jwt.ErrUnexpectedForm},
		{"nested JWE in JWE", mustJWE([]byte(mustJWE([]byte(good), jwe.WithContentType("JWT"))), jwe.WithContentType("JWT")), verifyNested, jwt.ErrUnexpectedForm},
		{"JSON JWE", mustJWE([]byte(good), jwe.WithContentType("JWT"), jwe.WithFlattened()), verifyNested, jwt.ErrUnexpectedForm},
		{"JWS with cty JWT", mustJWS(jws.WithContentType("JWT")), verifyJWS, jwt.ErrUnexpectedForm},
		{"tampered claims", tampered, verifyJWS, jwa.ErrInvalidSignature},
		{"expired with a bad signature", expiredBadSig, verifyJWS, jwa.ErrInvalidSignature},
		{"alg none", unsigned, verifyJWS, jwa.ErrAlgorithmNotAllowed},
		{"HS256 with an ES256 key", good, []jwt.VerifyOption{jwt.WithKey(ks[1].alg, ks[1].pub), jwt.WithClock(clock)}, jwa.ErrAlgorithmNotAllowed},
		{"two parts", parts[0] + "." + parts[1], verifyJWS, jwa.ErrMalformed},
		{"four parts", good + ".", verifyJWS, jwa.ErrMalformed},
		{"many dots", strings.Repeat(".", 1000), verifyJWS, jwa.ErrMalformed},
		{"empty", "", verifyJWS, jwa.ErrMalformed},
		{"space inside", good[:10] + " " + good[10:], verifyJWS, jwa.ErrMalformed},
		{"newline inside", parts[0] + "\n." + parts[1] + "." + parts[2], verifyJWS, jwa.ErrMalformed},
		{"padding", parts[0] + "=." + parts[1] + "." + parts[2], verifyJWS, jwa.ErrMalformed},
		{"claims not an object", signJWS(t, hs, []byte(`["x"]`)), verifyJWS, jwt.ErrInvalidClaims},
		{"duplicate claims", signJWS(t, hs, []byte(`{"exp":1800000000,"EXP":1}`)), verifyJWS, jwt.ErrInvalidClaims},
		{"exp as a string", signJWS(t, hs, []byte(`{"exp":"1800000000"}`)), verifyJWS, jwt.ErrInvalidClaims},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := jwt.Verify[map[string]any](tt.token, tt.opts...)
			if tt.want == nil {
				if err != nil || got == nil {
					t.Fatalf("got %v, %v", got, err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v; want %v", err, tt.want)
			}
			if got != nil {
				t.Fatalf("claims returned with an error: %v", got)
			}
		})
	}
}

// signJWS signs payload with jws directly, bypassing the checks of jwt.Sign.
func signJWS(t *testing.T, k keyPair, payload []byte, opts ...jws.SignOption) string {
	t.Helper()
	b, err := jws.Sign(payload, append([]jws.SignOption{jws.WithKey(k.alg, k.priv)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestType(t *testing.T) {
	k := testKeys(t)[0]
	claims := jwt.Claims{ExpiresAt: jwt.NewNumericDate(fixedNow.Add(time.Minute))}
	def, _ := jwt.Sign(claims, k.alg, k.priv)
	at, _ := jwt.Sign(claims, k.alg, k.priv, jwt.WithType("at+jwt"))
	none := signJWS(t, k, []byte(`{"exp":1800000000}`))
	tests := []struct {
		token, want string
		err         error
	}{
		{def, "JWT", nil},
		{def, "application/jwt", nil},
		{def, "at+jwt", jwt.ErrInvalidType},
		{at, "at+jwt", nil},
		{at, "AT+JWT", nil},
		{at, "application/at+jwt", nil},
		{at, "JWT", jwt.ErrInvalidType},
		{none, "JWT", jwt.ErrInvalidType},
	}
	for i, tt := range tests {
		_, err := jwt.Verify[jwt.Claims](tt.token, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock), jwt.WithExpectedType(tt.want))
		if !errors.Is(err, tt.err) || (tt.err == nil && err != nil) {
			t.Errorf("%d: WithType(%q): %v, want %v", i, tt.want, err, tt.err)
		}
	}
	// Without WithType, any type is accepted.
	for _, tok := range []string{def, at, none} {
		if _, err := jwt.Verify[jwt.Claims](tok, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock)); err != nil {
			t.Errorf("no WithType: %v", err)
		}
	}
}

func claimsOf(t *testing.T, token string) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[1])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSignClaims(t *testing.T) {
	k := testKeys(t)[0]
	one := jwt.Claims{Audience: jwt.Audience{"a"}, ExpiresAt: jwt.NewNumericDate(fixedNow)}
	tok, err := jwt.Sign(one, k.alg, k.priv)
	if err != nil || claimsOf(t, tok) != `{"aud":"a","exp":1700000000}` {
		t.Fatalf("one audience: %s, %v", claimsOf(t, tok), err)
	}
	tok, err = jwt.Sign(one, k.alg, k.priv, jwt.WithAudienceArray())
	if err != nil || claimsOf(t, tok) != `{"aud":["a"],"exp":1700000000}` {
		t.Fatalf("WithAudienceArray: %s, %v", claimsOf(t, tok), err)
	}
	two := jwt.Claims{Audience: jwt.Audience{"a", "b"}}
	tok, err = jwt.Sign(two, k.alg, k.priv)
	if err != nil || claimsOf(t, tok) != `{"aud":["a","b"]}` {
		t.Fatalf("two audiences: %s, %v", claimsOf(t, tok), err)
	}
	raw := json.RawMessage(`{"iss":"x", "custom":[1,2]}`)
	if tok, err = jwt.Sign(raw, k.alg, k.priv); err != nil || claimsOf(t, tok) != `{"iss":"x","custom":[1,2]}` {
		t.Fatalf("raw claims: %s, %v", claimsOf(t, tok), err)
	}
	h, _ := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
	if !strings.Contains(string(h), `"typ":"JWT"`) {
		t.Fatalf("header %s has no typ JWT", h)
	}

	for _, bad := range []any{
		nil, "claims", 42, []string{"a"}, []byte(`{}`),
		map[string]any{"exp": "tomorrow"},
		map[string]any{"aud": 1},
		json.RawMessage(`{"a":1,"A":2}`),
		map[string]any{"f": func() {}},
		jwt.Claims{ExpiresAt: &jwt.NumericDate{Time: time.Unix(-1, 0)}},
	} {
		if tok, err := jwt.Sign(bad, k.alg, k.priv); !errors.Is(err, jwt.ErrInvalidClaims) || tok != "" {
			t.Errorf("Sign(%T %v): %q, %v; want ErrInvalidClaims", bad, bad, tok, err)
		}
	}
	// Key errors come from the layers below.
	if _, err := jwt.Sign(one, jwa.ES256, k.priv); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("ES256 with a secret: %v", err)
	}
}

func TestVerifyOptionErrors(t *testing.T) {
	k := testKeys(t)[0]
	tok, _ := jwt.Sign(jwt.Claims{ExpiresAt: jwt.NewNumericDate(fixedNow.Add(time.Minute))}, k.alg, k.priv)
	dec := jwt.WithDecryptionKey(jwa.A128KW, make([]byte, 16))
	tests := [][]jwt.VerifyOption{
		{},
		{jwt.WithClock(clock)},
		{jwt.WithEncryptedOnly(), jwt.WithKey(k.alg, k.pub), dec, jwt.WithAllowedEncryptions(jwa.A128GCM)},
		{jwt.WithEncryptedOnly()},
		{jwt.WithKey(k.alg, k.pub), dec},
		{jwt.WithKey(k.alg, k.pub), jwt.WithAllowedEncryptions(jwa.A128GCM)},
		{jwt.WithKey(k.alg, k.pub), jwt.WithValidator(func(map[string]any) error { return nil })},
	}
	for i, opts := range tests {
		if c, err := jwt.Verify[jwt.Claims](tok, opts...); !errors.Is(err, jwt.ErrInvalidOption) || c.ExpiresAt != nil {
			t.Errorf("%d: got %v, want ErrInvalidOption", i, err)
		}
	}
	claims := jwt.Claims{}
	if _, err := jwt.Encrypt(claims, jwa.A128KW, make([]byte, 16)); !errors.Is(err, jwt.ErrInvalidOption) {
		t.Errorf("Encrypt without WithEncryption: %v", err)
	}
	if _, err := jwt.SignAndEncrypt(claims, k.alg, k.priv, jwt.WithEncryption(jwa.A128GCM)); !errors.Is(err, jwt.ErrInvalidOption) {
		t.Errorf("SignAndEncrypt without WithRecipient: %v", err)
	}
}
