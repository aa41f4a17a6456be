package jwt_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
	"github.com/joseproject/jose/jwt"
)

// TestOptionMisuse: every misuse of an option (nil, out of range, given
// twice, contradicting another, a required one missing) fails the call with
// an error that wraps jwt.ErrInvalidOption (which is jwa.ErrInvalidOption)
// and names the option.
func TestOptionMisuse(t *testing.T) {
	if jwt.ErrInvalidOption != jwa.ErrInvalidOption {
		t.Fatal("jwt.ErrInvalidOption is not jwa.ErrInvalidOption")
	}
	k := testKeys(t)[0]
	claims := jwt.Claims{ExpiresAt: jwt.NewNumericDate(fixedNow.Add(time.Minute))}
	tok, err := jwt.Sign(claims, k.alg, k.priv)
	if err != nil {
		t.Fatal(err)
	}
	kek := make([]byte, 16)
	sign := func(opts ...jwt.SignOption) func() error {
		return func() error { _, err := jwt.Sign(claims, k.alg, k.priv, opts...); return err }
	}
	encrypt := func(opts ...jwt.EncryptOption) func() error {
		return func() error { _, err := jwt.Encrypt(claims, jwa.A128KW, kek, opts...); return err }
	}
	nested := func(opts ...jwt.SignAndEncryptOption) func() error {
		return func() error { _, err := jwt.SignAndEncrypt(claims, k.alg, k.priv, opts...); return err }
	}
	verify := func(opts ...jwt.VerifyOption) func() error {
		return func() error { _, err := jwt.Verify[jwt.Claims](tok, opts...); return err }
	}
	keyed := func(opts ...jwt.VerifyOption) func() error {
		return verify(append([]jwt.VerifyOption{jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock)}, opts...)...)
	}
	dec := jwt.WithDecryptionKey(jwa.A128KW, kek)
	encs := jwt.WithAllowedEncryptions(jwa.A128GCM)
	set, _ := jwk.NewSet()
	var (
		nilSet     *jwk.Set
		nilRemote  *jwk.Remote
		nilSigner  crypto.Signer = (*ecdsa.PrivateKey)(nil)
		nilContext context.Context
		approve    = func(*jwk.Key) error { return nil }
	)
	for _, tc := range []struct {
		name string
		run  func() error
		says string
	}{
		{"Sign nil option", sign(nil), "option 1 of Sign is nil"},
		{"Encrypt nil option", encrypt(jwt.WithEncryption(jwa.A128GCM), nil), "option 2 of Encrypt is nil"},
		{"SignAndEncrypt nil option", nested(nil), "option 1 of SignAndEncrypt is nil"},
		{"Verify nil option", keyed(nil), "option 3 of Verify is nil"},
		{"WithType empty", sign(jwt.WithType("")), "WithType: empty type"},
		{"WithType twice", sign(jwt.WithType("a"), jwt.WithType("b")), "WithType given twice"},
		{"WithEncryption empty", encrypt(jwt.WithEncryption("")), "WithEncryption: empty algorithm name"},
		{"WithEncryption twice", encrypt(jwt.WithEncryption(jwa.A128GCM), jwt.WithEncryption(jwa.A256GCM)), "WithEncryption given twice"},
		{"Encrypt without WithEncryption", encrypt(), "Encrypt needs the content encryption: give WithEncryption"},
		{"SignAndEncrypt without WithRecipient", nested(jwt.WithEncryption(jwa.A128GCM)), "SignAndEncrypt needs the recipient's key: give WithRecipient"},
		{"SignAndEncrypt without WithEncryption", nested(jwt.WithRecipient(jwa.A128KW, kek)), "SignAndEncrypt needs the content encryption"},
		{"WithRecipient nil key", nested(jwt.WithRecipient(jwa.A128KW, nil), jwt.WithEncryption(jwa.A128GCM)), "WithRecipient(A128KW): the key is nil"},
		{"WithRecipient twice", nested(jwt.WithRecipient(jwa.A128KW, kek), jwt.WithRecipient(jwa.A128KW, kek)), "WithRecipient given twice"},
		{"Verify without a key", verify(), "Verify needs WithKey, WithKeySet or WithEmbeddedKey"},
		{"WithKey nil key", verify(jwt.WithKey(jwa.ES256, nil)), "WithKey(ES256): the key is nil"},
		{"WithKey typed nil key", verify(jwt.WithKey(jwa.ES256, (*ecdsa.PublicKey)(nil))), "WithKey(ES256): the key is nil"},
		{"WithKey unknown algorithm", verify(jwt.WithKey("XX256", k.pub)), `WithKey(XX256): signature algorithm "XX256": unsupported algorithm`},
		{"WithKey key of another type", verify(jwt.WithKey(jwa.RS256, k.pub)), "WithKey(RS256): RS256 key: got []uint8, want *rsa.PublicKey"},
		{"WithKey short secret", verify(jwt.WithKey(jwa.HS256, []byte("short"))), "WithKey(HS256): HS256 key: secret of 5 bytes"},
		{"WithKey string secret", verify(jwt.WithKey(jwa.HS256, "a string secret of more than 32 bytes")), "WithKey(HS256): key is a string"},
		{"WithKeySet nil", verify(jwt.WithKeySet(nil, jwa.ES256)), "WithKeySet: the key set is nil (did jwk.Discover or jwk.NewRemote return an error?)"},
		{"WithKeySet nil *jwk.Set", verify(jwt.WithKeySet(nilSet, jwa.ES256)), "WithKeySet: the key set is nil"},
		{"WithKeySet nil *jwk.Remote", verify(jwt.WithKeySet(nilRemote, jwa.ES256)), "WithKeySet: the key set is nil"},
		{"WithKeySet without algorithms", verify(jwt.WithKeySet(set)), "WithKeySet needs the list of accepted algorithms"},
		{"WithKeySet twice", verify(jwt.WithKeySet(set, jwa.ES256), jwt.WithKeySet(set, jwa.ES256)), "WithKeySet given twice"},
		{"WithEmbeddedKey nil approve", verify(jwt.WithEmbeddedKey(nil, jwa.ES256)), "WithEmbeddedKey: the approve function is nil"},
		{"WithEmbeddedKey without algorithms", verify(jwt.WithEmbeddedKey(approve)), "WithEmbeddedKey needs the list"},
		{"WithEmbeddedKey twice", verify(jwt.WithEmbeddedKey(approve, jwa.ES256), jwt.WithEmbeddedKey(approve, jwa.ES256)), "WithEmbeddedKey given twice"},
		{"WithEmbeddedKeyLimits twice", verify(jwt.WithEmbeddedKey(approve, jwa.ES256), jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{}), jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})), "WithEmbeddedKeyLimits given twice"},
		{"WithEmbeddedKeyLimits alone", keyed(jwt.WithEmbeddedKeyLimits(jwk.EmbeddedKeyLimits{})), "WithEmbeddedKeyLimits without WithEmbeddedKey"},
		{"WithDecryptionKey nil key", keyed(jwt.WithDecryptionKey(jwa.A128KW, nil), encs), "WithDecryptionKey(A128KW): the key is nil"},
		{"WithDecryptionKeySet nil", keyed(jwt.WithDecryptionKeySet(nilRemote, jwa.A128KW), encs), "WithDecryptionKeySet: the key set is nil"},
		{"WithDecryptionKeySet without algorithms", keyed(jwt.WithDecryptionKeySet(set), encs), "WithDecryptionKeySet needs the list"},
		{"WithDecryptionKeySet twice", keyed(jwt.WithDecryptionKeySet(set, jwa.A128KW), jwt.WithDecryptionKeySet(set, jwa.A128KW), encs), "WithDecryptionKeySet given twice"},
		{"decryption without WithAllowedEncryptions", keyed(dec), "decryption needs WithAllowedEncryptions"},
		{"WithAllowedEncryptions without decryption", keyed(encs), "WithAllowedEncryptions without a decryption key"},
		{"WithAllowedEncryptions empty", keyed(dec, jwt.WithAllowedEncryptions()), "WithAllowedEncryptions lists no content encryption"},
		{"WithAllowedEncryptions twice", keyed(dec, encs, encs), "WithAllowedEncryptions given twice"},
		{"WithDecryptLimits empty", keyed(dec, encs, jwt.WithDecryptLimits()), "WithDecryptLimits without a limit"},
		{"WithDecryptLimits nil limit", keyed(dec, encs, jwt.WithDecryptLimits(jwe.WithMaxP2C(2000), nil)), "WithDecryptLimits: limit 2 is nil"},
		{"WithDecryptLimits bad limit", keyed(dec, encs, jwt.WithDecryptLimits(jwe.WithMaxP2C(0))), "WithDecryptLimits: WithMaxP2C(0): want a positive number"},
		{"WithDecryptLimits without decryption", keyed(jwt.WithDecryptLimits(jwe.WithMaxSize(10))), "WithDecryptLimits without a decryption key"},
		{"WithEncryptedOnly with a key", keyed(jwt.WithEncryptedOnly(), dec, encs), "WithEncryptedOnly excludes WithKey"},
		{"WithEncryptedOnly without decryption", verify(jwt.WithEncryptedOnly()), "WithEncryptedOnly needs WithDecryptionKey"},
		{"WithExpectedType empty", keyed(jwt.WithExpectedType("")), "WithExpectedType: empty type"},
		{"WithExpectedType twice", keyed(jwt.WithExpectedType("a"), jwt.WithExpectedType("b")), "WithExpectedType given twice"},
		{"WithTypeAsContentType without a type", keyed(dec, encs, jwt.WithTypeAsContentType()), "WithTypeAsContentType needs WithExpectedType"},
		{"WithTypeAsContentType without decryption", keyed(jwt.WithExpectedType("at+jwt"), jwt.WithTypeAsContentType()), "WithTypeAsContentType needs the decryption keys"},
		{"WithIssuer empty", keyed(jwt.WithIssuer()), "WithIssuer without an issuer"},
		{"WithAudience empty", keyed(jwt.WithAudience()), "WithAudience without an audience"},
		{"WithIssuer empty string", keyed(jwt.WithIssuer("https://a.example", "")), "WithIssuer: issuer 2 of 2 is empty"},
		{"WithAudience empty string", keyed(jwt.WithAudience("")), "WithAudience: audience 1 of 1 is empty"},
		{"WithRequiredClaims without a name", keyed(jwt.WithRequiredClaims()), "WithRequiredClaims without a claim name"},
		{"WithRequiredClaims empty name", keyed(jwt.WithRequiredClaims("sub", "")), "WithRequiredClaims: claim name 2 of 2 is empty"},
		{"WithSubject twice", keyed(jwt.WithSubject("a"), jwt.WithSubject("b")), "WithSubject given twice"},
		{"WithLeeway negative", keyed(jwt.WithLeeway(-time.Second)), "WithLeeway: negative leeway"},
		{"WithClock nil", verify(jwt.WithKey(k.alg, k.pub), jwt.WithClock(nil)), "WithClock: the clock function is nil"},
		{"WithMaxAge zero", keyed(jwt.WithMaxAge(0)), "WithMaxAge: 0s is not positive"},
		{"WithJTIValidator nil", keyed(jwt.WithJTIValidator(nil)), "WithJTIValidator: the function is nil"},
		{"WithJTIValidator twice", keyed(jwt.WithJTIValidator(func(context.Context, jwt.TokenID) error { return nil }), jwt.WithJTIValidator(func(context.Context, jwt.TokenID) error { return nil })), "WithJTIValidator given twice"},
		{"WithValidator nil", keyed(jwt.WithValidator[jwt.Claims](nil)), "WithValidator: the function is nil"},
		{"WithValidator of another type", keyed(jwt.WithValidator(func(map[string]any) error { return nil })), "WithValidator for map[string]interface {} given to Verify[jwt.Claims]"},
		{"WithClaimsTransform nil", keyed(jwt.WithClaimsTransform(nil)), "WithClaimsTransform: the function is nil"},
		{"WithContext nil", keyed(jwt.WithContext(nilContext)), "WithContext: the context is nil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			josetest.WantErr(t, err, jwa.ErrInvalidOption, tc.says)
		})
	}
	// The key of Sign is an argument, not an option: a nil one is an
	// invalid key.
	_, err = jwt.Sign(claims, jwa.ES256, nilSigner)
	josetest.WantErr(t, err, jwa.ErrInvalidKey, "Sign: key argument: nil EC private key")
	if _, err := jwt.Verify[jwt.Claims](tok, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock), jwt.WithContext(context.Background())); err != nil {
		t.Fatal(err)
	}
}

// oidcProviderToken makes an access token shaped as panva's oidc-provider
// writes them: a JWS typed "at+jwt", encrypted in a JWE whose protected
// header is {"alg":..,"enc":..,"cty":"at+jwt"} rather than the "JWT" of
// RFC 7519 §5.2.
func oidcProviderToken(t *testing.T, signer keyPair, typ string, claims any, kek []byte) string {
	t.Helper()
	inner, err := jwt.Sign(claims, signer.alg, signer.priv, jwt.WithType(typ))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwe.Encrypt([]byte(inner), jwe.WithRecipient(jwa.A256KW, kek), jwe.WithEncryption(jwa.A256GCM), jwe.WithContentType("at+jwt"))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestNestedTypeAsContentType is issue 16.12: a nested token whose outer
// "cty" is the inner type "at+jwt" is refused by default, with a message
// that names the opt-in, and accepted with WithTypeAsContentType; the inner
// token is verified in full all the same.
func TestNestedTypeAsContentType(t *testing.T) {
	es := testKeys(t)[1]
	kek := []byte("a 256-bit key-encryption key....")
	claims := sampleClaims()
	tok := oidcProviderToken(t, es, "at+jwt", claims, kek)
	r, err := jwe.DecryptMessage(tok, jwe.WithKey(jwa.A256KW, kek), jwe.WithAllowedEncryptions(jwa.A256GCM))
	if err != nil || r.Protected.ContentType() != "at+jwt" || r.Protected.Algorithm() != jwa.A256KW || r.Protected.Encryption() != jwa.A256GCM {
		t.Fatalf("the outer header is not oidc-provider's: %v", err)
	}
	base := []jwt.VerifyOption{
		jwt.WithDecryptionKey(jwa.A256KW, kek), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(es.alg, es.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"),
		jwt.WithExpectedType("at+jwt"),
	}
	optIn := append(base[:len(base):len(base)], jwt.WithTypeAsContentType())

	_, err = jwt.Verify[accessClaims](tok, base...)
	if !errors.Is(err, jwt.ErrUnexpectedForm) || !errors.Is(err, jwt.ErrInvalidType) || !strings.Contains(err.Error(), "WithTypeAsContentType") {
		t.Fatalf("refused by default, naming the opt-in: got %v", err)
	}
	got, err := jwt.Verify[accessClaims](tok, optIn...)
	if err != nil || got.Scope != claims.Scope || got.Subject != claims.Subject {
		t.Fatalf("with the opt-in: %+v, %v", got, err)
	}

	// The inner token is still verified in full.
	other := testKeys(t)[1]
	for name, tc := range map[string]struct {
		tok  string
		want error
	}{
		"inner signed by another key": {oidcProviderToken(t, other, "at+jwt", claims, kek), jwa.ErrInvalidSignature},
		"inner typed JWT":             {oidcProviderToken(t, es, "JWT", claims, kek), jwt.ErrInvalidType},
		"inner expired": {oidcProviderToken(t, es, "at+jwt", jwt.Claims{
			ExpiresAt: jwt.NewNumericDate(fixedNow.Add(-time.Second)), Audience: jwt.Audience{"https://api.example.com"},
		}, kek), jwt.ErrExpired},
		"inner for another audience": {oidcProviderToken(t, es, "at+jwt", jwt.Claims{
			ExpiresAt: jwt.NewNumericDate(fixedNow.Add(time.Minute)), Audience: jwt.Audience{"https://other.example.com"},
		}, kek), jwt.ErrInvalidAudience},
	} {
		if _, err := jwt.Verify[accessClaims](tc.tok, optIn...); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", name, err, tc.want)
		}
	}
	// The opt-in accepts the expected type only: a "cty" of another type
	// is refused.
	opts := []jwt.VerifyOption{
		jwt.WithDecryptionKey(jwa.A256KW, kek), jwt.WithAllowedEncryptions(jwa.A256GCM),
		jwt.WithKey(es.alg, es.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"),
		jwt.WithExpectedType("dpop+jwt"), jwt.WithTypeAsContentType(),
	}
	if _, err := jwt.Verify[accessClaims](tok, opts...); !errors.Is(err, jwt.ErrInvalidType) {
		t.Fatalf(`"cty" other than the expected type: %v`, err)
	}
	// A standard nested token ("cty":"JWT") verifies with the opt-in too.
	std, err := jwt.SignAndEncrypt(claims, es.alg, es.priv, jwt.WithType("at+jwt"),
		jwt.WithRecipient(jwa.A256KW, kek), jwt.WithEncryption(jwa.A256GCM))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := jwt.Verify[accessClaims](std, optIn...); err != nil {
		t.Fatalf(`"cty":"JWT" with the opt-in: %v`, err)
	}
}

// TestDecryptLimits: the limits of package jwe reach the decryption of a
// nested token through WithDecryptLimits.
func TestDecryptLimits(t *testing.T) {
	es := testKeys(t)[1]
	pw := []byte("a password of the PBES2 recipient")
	claims := sampleClaims()
	inner, err := jwt.Sign(claims, es.alg, es.priv)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwe.Encrypt([]byte(inner), jwe.WithRecipient(jwa.PBES2_HS256_A128KW, pw), jwe.WithEncryption(jwa.A128GCM),
		jwe.WithContentType("JWT"), jwe.WithP2C(5000))
	if err != nil {
		t.Fatal(err)
	}
	base := []jwt.VerifyOption{
		jwt.WithDecryptionKey(jwa.PBES2_HS256_A128KW, pw), jwt.WithAllowedEncryptions(jwa.A128GCM),
		jwt.WithKey(es.alg, es.pub), jwt.WithClock(clock), jwt.WithAudience("https://api.example.com"),
	}
	if _, err := jwt.Verify[accessClaims](tok, base...); err != nil {
		t.Fatalf("within the default limits: %v", err)
	}
	for name, limit := range map[string]jwe.LimitOption{
		"WithMaxP2C":        jwe.WithMaxP2C(2000),
		"WithPBES2Budget":   jwe.WithPBES2Budget(4000),
		"WithMaxSize":       jwe.WithMaxSize(len(tok) - 1),
		"WithMaxHeaderSize": jwe.WithMaxHeaderSize(20),
	} {
		_, err := jwt.Verify[accessClaims](tok, append(base, jwt.WithDecryptLimits(limit))...)
		if !errors.Is(err, jwa.ErrLimitExceeded) {
			t.Errorf("%s: got %v, want ErrLimitExceeded", name, err)
		}
	}
	if _, err := jwt.Verify[accessClaims](tok, append(base, jwt.WithDecryptLimits(jwe.WithMaxP2C(5000), jwe.WithMinP2C(5000)))...); err != nil {
		t.Fatalf("within raised limits: %v", err)
	}
	if _, err := jwt.Verify[accessClaims](tok, append(base, jwt.WithDecryptLimits(jwe.WithMinP2C(6000)))...); !errors.Is(err, jwa.ErrLimitExceeded) {
		t.Fatalf("under a raised floor: %v", err)
	}
}

// TestNilKeySet is issue 16.1: a nil *jwk.Remote or *jwk.Set given to
// WithKeySet (as when jwk.Discover's error was ignored) is refused at the
// option, in jws, jwe and jwt alike, and nothing panics.
func TestNilKeySet(t *testing.T) {
	var remote *jwk.Remote
	var set *jwk.Set
	for name, run := range map[string]func() error{
		"jwt.WithKeySet Remote": func() error {
			_, err := jwt.Verify[jwt.Claims]("a.b.c", jwt.WithKeySet(remote, jwa.RS256))
			return err
		},
		"jwt.WithKeySet Set": func() error {
			_, err := jwt.Verify[jwt.Claims]("a.b.c", jwt.WithKeySet(set, jwa.RS256))
			return err
		},
		"jwt.WithDecryptionKeySet Remote": func() error {
			_, err := jwt.Verify[jwt.Claims]("a.b.c.d.e", jwt.WithDecryptionKeySet(remote, jwa.RSA_OAEP_256),
				jwt.WithAllowedEncryptions(jwa.A256GCM), jwt.WithEncryptedOnly())
			return err
		},
		"jws.WithKeySet Remote": func() error {
			_, err := jws.Verify("a.b.c", jws.WithKeySet(remote, jwa.RS256))
			return err
		},
		"jwe.WithKeySet Set": func() error {
			_, err := jwe.Decrypt("a.b.c.d.e", jwe.WithKeySet(set, jwa.RSA_OAEP_256), jwe.WithAllowedEncryptions(jwa.A256GCM))
			return err
		},
	} {
		if err := run(); !errors.Is(err, jwa.ErrInvalidOption) || !strings.Contains(err.Error(), "key set is nil (did jwk.Discover or jwk.NewRemote return an error?)") {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

// TestWithKeyBoundWhenMade: WithKey binds its key to the algorithm when the
// option is made, so that an unusable key fails before any token is read
// (jwthttp.Middleware checks its options with an empty token) and is
// reported as the caller's option, not as the token's fault.
func TestWithKeyBoundWhenMade(t *testing.T) {
	k := testKeys(t)[0]
	for _, c := range []struct {
		name string
		opt  jwt.VerifyOption
		says string
	}{
		{"unknown algorithm", jwt.WithKey("", k.pub), `WithKey(): signature algorithm "": unsupported algorithm`},
		{"key of another type", jwt.WithKey(jwa.RS256, k.pub), "WithKey(RS256): RS256 key: got []uint8, want *rsa.PublicKey"},
		{"short secret", jwt.WithKey(jwa.HS256, []byte("x")), "WithKey(HS256): HS256 key: secret of 1 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := jwt.Verify[jwt.Claims]("", c.opt)
			josetest.WantErr(t, err, jwa.ErrInvalidOption, c.says)
		})
	}
}
