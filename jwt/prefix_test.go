package jwt_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/errtest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// TestErrorPrefixOnce: realistic failures of jwt.Sign and jwt.Verify, each
// through the layers below (jws, jwe, jwk, jwa), name "jwt" once at the
// start and no other package: the caller called jwt (docs/DESIGN.md, "Errors").
// Each still wraps the sentinel of the layer that failed, and says what.
func TestErrorPrefixOnce(t *testing.T) {
	es, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("a"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("b"))
	if err != nil {
		t.Fatal(err)
	}
	set, err := jwk.NewSet(other.Public())
	if err != nil {
		t.Fatal(err)
	}
	kek := make([]byte, 16)
	claims := jwt.Claims{Subject: "alice", Audience: jwt.Audience{"api"}, ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	good, err := jwt.Sign(claims, jwa.ES256, es)
	if err != nil {
		t.Fatal(err)
	}
	expired, err := jwt.Sign(jwt.Claims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(-time.Hour))}, jwa.ES256, es)
	if err != nil {
		t.Fatal(err)
	}
	nested, err := jwt.SignAndEncrypt(claims, jwa.ES256, es, jwt.WithRecipient(jwa.A128KW, kek), jwt.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	remote, err := jwk.NewRemote(down.URL, jwk.WithInsecureHTTP())
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close()
	ecRaw, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	verify := func(token string, opts ...jwt.VerifyOption) error {
		_, err := jwt.Verify[jwt.Claims](token, opts...)
		return err
	}
	sign := func(alg jwa.SignatureAlgorithm, key any) error {
		_, err := jwt.Sign(claims, alg, key)
		return err
	}
	// A nested token whose plaintext is a JWS in the JSON serialization,
	// a claim set whose cnf key has no "kty", and a date before 1970: each
	// cause already says the sentinel the message adds.
	jsonInner, err := jwe.Encrypt([]byte(`{"payload":"e30","signatures":[]}`), jwe.WithRecipient(jwa.A128KW, kek),
		jwe.WithEncryption(jwa.A128GCM), jwe.WithContentType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	noKty, err := jwt.Sign(map[string]any{"exp": time.Now().Add(time.Hour).Unix(), "cnf": map[string]any{"jwk": map[string]any{"crv": "P-256"}}}, jwa.ES256, es)
	if err != nil {
		t.Fatal(err)
	}
	_, err = jwt.Verify[keyClaims](noKty, jwt.WithKey(jwa.ES256, es.Public()))
	noKtyErr := err
	_, err = jwt.Sign(jwt.Claims{ExpiresAt: jwt.NewNumericDate(time.Unix(-5, 0))}, jwa.ES256, es)
	before1970 := err
	errtest.PrefixOnce(t, "jwt",
		errtest.Failure("kid not in the set", verify(good, jwt.WithKeySet(set, jwa.ES256)), jwk.ErrKeyNotFound, `kid "a"`),
		errtest.Failure("another key", verify(good, jwt.WithKey(jwa.ES256, other.Public())), jwa.ErrInvalidSignature, "ES256"),
		errtest.Failure("algorithm not accepted", verify(good, jwt.WithKey(jwa.ES384, other.Public())), jwa.ErrAlgorithmNotAllowed, "ES256"),
		errtest.Failure("key of another type", verify(good, jwt.WithKey(jwa.HS256, []byte("short"))), jwa.ErrInvalidKey, "HS256"),
		errtest.Failure("expired", verify(expired, jwt.WithKey(jwa.ES256, es.Public())), jwt.ErrExpired, "exp"),
		errtest.Failure("audience", verify(good, jwt.WithKey(jwa.ES256, es.Public()), jwt.WithAudience("other")), jwt.ErrInvalidAudience, "aud"),
		errtest.Failure("type", verify(good, jwt.WithKey(jwa.ES256, es.Public()), jwt.WithExpectedType("at+jwt")), jwt.ErrInvalidType, "typ"),
		errtest.Failure("malformed", verify("eyJhbGciOiJFUzI1NiJ9.e30.!!", jwt.WithKey(jwa.ES256, es.Public())), jwa.ErrMalformed, "byte 25"),
		errtest.Failure("bad header", verify("e30.e30.e30", jwt.WithKey(jwa.ES256, es.Public())), jwa.ErrMalformed, "alg"),
		errtest.Failure("nested, wrong key", verify(nested, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, make([]byte, 16)[:15]), jwt.WithAllowedEncryptions(jwa.A128GCM)), jwa.ErrInvalidKey, "A128KW"),
		errtest.Failure("nested, undecryptable", verify(nested, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, []byte("0123456789abcdef")), jwt.WithAllowedEncryptions(jwa.A128GCM)), jwa.ErrDecryption, "decryption"),
		errtest.Failure("nested, enc not accepted", verify(nested, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, kek), jwt.WithAllowedEncryptions(jwa.A256GCM)), jwa.ErrAlgorithmNotAllowed, "A128GCM"),
		errtest.Failure("remote set down", verify(good, jwt.WithKeySet(remote, jwa.ES256)), jwk.ErrFetch, "503"),
		errtest.Failure("Sign with a string key", sign(jwa.HS256, "secret"), jwa.ErrInvalidKey, "Sign: key is a string; HS256 needs a []byte secret"),
		errtest.Failure("Sign with an RSA algorithm and an EC key", sign(jwa.RS256, ecRaw), jwa.ErrInvalidKey, "Sign: key argument: RS256"),
		errtest.Failure("Sign with a short secret", sign(jwa.HS256, []byte("short")), jwa.ErrInvalidKey, "Sign: key argument: HS256 key: secret of 5 bytes, want at least 32"),
		errtest.Failure("nested JSON serialization", verify(jsonInner, jwt.WithKey(jwa.ES256, es.Public()),
			jwt.WithDecryptionKey(jwa.A128KW, kek), jwt.WithAllowedEncryptions(jwa.A128GCM)), jwt.ErrUnexpectedForm, "the nested token does not hold a compact JWS: a JSON serialization is not a JWT"),
		errtest.Failure("cnf key without kty", noKtyErr, jwt.ErrInvalidClaims, `key without "kty": invalid claims`),
		errtest.Failure("date before 1970", before1970, jwt.ErrInvalidClaims, "is outside 1970..9999: invalid claims: malformed input"),
	)
}

// TestKeyArgument: the key argument of Encrypt is refused in terms of
// Encrypt too, a string saying what the algorithm needs.
func TestKeyArgument(t *testing.T) {
	claims := jwt.Claims{Subject: "alice", ExpiresAt: jwt.NewNumericDate(time.Now().Add(time.Hour))}
	encrypt := func(alg jwa.KeyAlgorithm, key any) error {
		_, err := jwt.Encrypt(claims, alg, key, jwt.WithEncryption(jwa.A128GCM))
		return err
	}
	errtest.PrefixOnce(t, "jwt",
		errtest.Failure("string for A128KW", encrypt(jwa.A128KW, "secret"), jwa.ErrInvalidKey, "Encrypt: key is a string; A128KW needs a []byte secret or a *jwk.Key"),
		errtest.Failure("string for RSA-OAEP-256", encrypt(jwa.RSA_OAEP_256, "secret"), jwa.ErrInvalidKey, "Encrypt: key is a string; RSA-OAEP-256 needs a public key"),
		errtest.Failure("short key", encrypt(jwa.A128KW, []byte("short")), jwa.ErrInvalidKey, "Encrypt: key argument: "),
	)
}

// TestVerifyStringKey: a string given to WithKey, the commonest mistake
// with HMAC, is refused at the option in the words Sign uses, saying what
// the algorithm needs.
func TestVerifyStringKey(t *testing.T) {
	verify := func(alg jwa.SignatureAlgorithm, key any) error {
		_, err := jwt.Verify[jwt.Claims]("e30.e30.e30", jwt.WithKey(alg, key))
		return err
	}
	errtest.PrefixOnce(t, "jwt",
		errtest.Failure("string for HS256", verify(jwa.HS256, "a string secret of 32 bytes....."), jwa.ErrInvalidKey,
			"WithKey(HS256): key is a string; HS256 needs a []byte secret or a *jwk.Key"),
		errtest.Failure("string for ES256", verify(jwa.ES256, "-----BEGIN PUBLIC KEY-----"), jwt.ErrInvalidOption,
			"WithKey(ES256): key is a string; ES256 needs a public key or a *jwk.Key"),
	)
}
