package jwe_test

import (
	"crypto/ecdh"
	"crypto/fips140"
	"crypto/hpke"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
	"github.com/joseproject/jose/jwk"
)

// The tests of FIPS 140-3 mode through the public API of jwe; `make test`
// runs them with GODEBUG=fips140=on and with fips140=only.

var fipsEncs = []jwa.ContentEncryption{jwa.A128CBC_HS256, jwa.A192CBC_HS384, jwa.A256CBC_HS512, jwa.A128GCM, jwa.A192GCM, jwa.A256GCM}

func fipsECDH(t *testing.T, c ecdh.Curve) *ecdh.PrivateKey {
	t.Helper()
	k, err := c.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func fipsSecret(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// fipsKeyPairs has, for every approved key management algorithm but dir
// (whose key is the CEK), the key to encrypt to and the key to decrypt with.
func fipsKeyPairs(t *testing.T) map[jwa.KeyAlgorithm][2]any {
	t.Helper()
	rk := fipstest.RSAKey(t, "rsa2048.pem")
	p256, p384, p521 := fipsECDH(t, ecdh.P256()), fipsECDH(t, ecdh.P384()), fipsECDH(t, ecdh.P521())
	secret := func(n int) [2]any { k := fipsSecret(n); return [2]any{k, k} }
	pw := []byte("correct horse battery staple")
	pairs := map[jwa.KeyAlgorithm][2]any{
		jwa.RSA_OAEP_256: {&rk.PublicKey, rk}, jwa.RSA_OAEP_384: {&rk.PublicKey, rk}, jwa.RSA_OAEP_512: {&rk.PublicKey, rk},
		jwa.A128KW: secret(16), jwa.A192KW: secret(24), jwa.A256KW: secret(32),
		jwa.A128GCMKW: secret(16), jwa.A192GCMKW: secret(24), jwa.A256GCMKW: secret(32),
		jwa.ECDH_ES: {p256.PublicKey(), p256}, jwa.ECDH_ES_A128KW: {p384.PublicKey(), p384},
		jwa.ECDH_ES_A192KW: {p521.PublicKey(), p521}, jwa.ECDH_ES_A256KW: {p256.PublicKey(), p256},
		jwa.PBES2_HS256_A128KW: {pw, pw}, jwa.PBES2_HS384_A192KW: {pw, pw}, jwa.PBES2_HS512_A256KW: {pw, pw},
	}
	kems := map[string]hpke.KEM{
		"HPKE-0": hpke.DHKEM(ecdh.P256()), "HPKE-1": hpke.DHKEM(ecdh.P384()), "HPKE-2": hpke.DHKEM(ecdh.P521()),
		"HPKE-7": hpke.DHKEM(ecdh.P256()), "HPKE-8": hpke.MLKEM768P256(), "HPKE-10": hpke.MLKEM768X25519(),
		"HPKE-12": hpke.MLKEM1024P384(), "HPKE-14": hpke.MLKEM768(), "HPKE-16": hpke.MLKEM1024(),
	}
	for name, kem := range kems {
		sk, err := kem.GenerateKey()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, alg := range []jwa.KeyAlgorithm{jwa.KeyAlgorithm(name), jwa.KeyAlgorithm(name + "-KE")} {
			pairs[alg] = [2]any{sk.PublicKey(), sk}
		}
	}
	return pairs
}

// TestFIPSApprovedRoundTrip: in FIPS 140-3 mode every approved key
// management algorithm round-trips with every approved content encryption,
// and every approved HPKE suite with its own AEAD.
func TestFIPSApprovedRoundTrip(t *testing.T) {
	fipstest.Require(t)
	pairs := fipsKeyPairs(t)
	for _, alg := range append([]jwa.KeyAlgorithm{jwa.RSA1_5, jwa.RSA_OAEP, jwa.Direct}, jwa.HPKEAlgorithms()...) {
		if _, ok := pairs[alg]; !ok && alg != jwa.Direct && alg.FIPS().Approved {
			t.Errorf("%s is approved but has no test key", alg)
		}
	}
	plain := []byte("FIPS 140-3")
	check := func(t *testing.T, alg jwa.KeyAlgorithm, enc jwa.ContentEncryption, encKey, decKey any) {
		t.Helper()
		opts, dec := []jwe.EncryptOption{jwe.WithRecipient(alg, encKey), jwe.WithP2C(jwe.MinP2C)}, []jwe.DecryptOption{jwe.WithKey(alg, decKey)}
		if enc != "" {
			opts, dec = append(opts, jwe.WithEncryption(enc)), append(dec, jwe.WithAllowedEncryptions(enc))
		}
		for _, form := range []jwe.EncryptOption{nil, jwe.WithJSON()} {
			o := opts
			if form != nil {
				o = append(o[:len(o):len(o)], form)
			}
			tok, err := jwe.Encrypt(plain, o...)
			if err != nil {
				t.Fatalf("Encrypt: %v", err)
			}
			got, err := jwe.Decrypt(tok, dec...)
			if err != nil || string(got) != string(plain) {
				t.Fatalf("Decrypt: %q, %v", got, err)
			}
		}
	}
	for alg, kp := range pairs {
		if !alg.FIPS().Approved {
			t.Fatalf("%s: %v", alg, alg.FIPS())
		}
		if alg.IsIntegrated() {
			t.Run(string(alg), func(t *testing.T) { check(t, alg, "", kp[0], kp[1]) })
			continue
		}
		for _, enc := range fipsEncs {
			t.Run(string(alg)+"/"+string(enc), func(t *testing.T) { check(t, alg, enc, kp[0], kp[1]) })
		}
	}
	for _, enc := range fipsEncs {
		k := fipsSecret(enc.KeySize())
		t.Run("dir/"+string(enc), func(t *testing.T) { check(t, jwa.Direct, enc, k, k) })
	}
}

// TestFIPSRefusedAtTheOption: in FIPS 140-3 mode every key management
// algorithm and content encryption that is not approved is refused by the
// option that names it, on both sides, with jwa.ErrNotApproved, and so are
// the keys and parameters that mode refuses.
func TestFIPSRefusedAtTheOption(t *testing.T) {
	fipstest.Require(t)
	rk := fipstest.RSAKey(t, "rsa2048.pem")
	kw := fipsSecret(16)
	var x25519 *ecdh.PrivateKey
	fips140.WithoutEnforcement(func() { x25519 = fipsECDH(t, ecdh.X25519()) })
	good, err := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.A128KW, kw), jwe.WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	set, _ := jwk.NewSet()
	type row struct {
		name  string
		run   func() error
		parts []string
	}
	var rows []row
	for _, alg := range append([]jwa.KeyAlgorithm{jwa.RSA1_5, jwa.RSA_OAEP}, jwa.HPKEAlgorithms()...) {
		if alg.FIPS().Approved {
			continue
		}
		basis := alg.FIPS().Basis
		rows = append(rows,
			row{"Encrypt " + string(alg), func() error {
				_, err := jwe.Encrypt([]byte("x"), jwe.WithRecipient(alg, &rk.PublicKey), jwe.WithEncryption(jwa.A128GCM))
				return err
			}, []string{"WithRecipient", string(alg), basis}},
			row{"Decrypt " + string(alg), func() error {
				_, err := jwe.Decrypt(good, jwe.WithKey(alg, rk), jwe.WithAllowedEncryptions(jwa.A128GCM))
				return err
			}, []string{"WithKey", string(alg), basis}},
			row{"key set with " + string(alg), func() error {
				_, err := jwe.Decrypt(good, jwe.WithKeySet(set, jwa.A128KW, alg), jwe.WithAllowedEncryptions(jwa.A128GCM))
				return err
			}, []string{"WithKeySet", string(alg)}},
		)
	}
	for _, enc := range []jwa.ContentEncryption{jwa.C20P, jwa.XC20P} {
		rows = append(rows,
			row{"Encrypt " + string(enc), func() error {
				_, err := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.A256KW, fipsSecret(32)), jwe.WithEncryption(enc))
				return err
			}, []string{"WithEncryption", string(enc), "ChaCha20-Poly1305"}},
			row{"Decrypt " + string(enc), func() error {
				_, err := jwe.Decrypt(good, jwe.WithKey(jwa.A128KW, kw), jwe.WithAllowedEncryptions(jwa.A128GCM, enc))
				return err
			}, []string{"WithAllowedEncryptions", string(enc)}},
		)
	}
	rows = append(rows,
		row{"ECDH-ES to an X25519 key", func() error {
			_, err := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.ECDH_ES, x25519.PublicKey()), jwe.WithEncryption(jwa.A128GCM))
			return err
		}, []string{"WithRecipient", "X25519"}},
		row{"ECDH-ES with an X25519 key", func() error {
			_, err := jwe.Decrypt(good, jwe.WithKey(jwa.ECDH_ES_A128KW, x25519), jwe.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, []string{"WithKey", "X25519"}},
		row{"RSA-OAEP-256 to an exponent of 3", func() error {
			_, err := jwe.Encrypt([]byte("x"), jwe.WithRecipient(jwa.RSA_OAEP_256, &rsa.PublicKey{N: rk.N, E: 3}), jwe.WithEncryption(jwa.A128GCM))
			return err
		}, []string{"RSA-OAEP-256", "2^16"}},
		row{"PBES2 token with an 8-byte p2s", func() error {
			_, err := jwe.Decrypt(shortP2S(t), jwe.WithKey(jwa.PBES2_HS256_A128KW, []byte("password")), jwe.WithAllowedEncryptions(jwa.A128GCM))
			return err
		}, []string{"PBES2-HS256+A128KW", "SP 800-132"}},
	)
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			fipstest.CheckRefusal(t, r.run(), jwa.ErrNotApproved, r.parts...)
		})
	}
}

// shortP2S is a PBES2 token whose header holds an 8-byte p2s, which RFC
// 7518 allows and SP 800-132 does not. The refusal comes before any PBKDF2
// work, so the rest of the token need not be valid.
func shortP2S(t *testing.T) string {
	t.Helper()
	h, err := json.Marshal(map[string]any{"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2s": base64url.EncodeToString([]byte("8 octets")), "p2c": 1000})
	if err != nil {
		t.Fatal(err)
	}
	parts := []string{base64url.EncodeToString(h), base64url.EncodeToString(make([]byte, 24)),
		base64url.EncodeToString(make([]byte, 12)), base64url.EncodeToString([]byte("c")), base64url.EncodeToString(make([]byte, 16))}
	return strings.Join(parts, ".")
}

// TestFIPSRefusesX25519EPK: in FIPS 140-3 mode a token whose "epk" is an
// X25519 key is refused where the epk is read, whether the fast reader or
// jwk reads it, before any key agreement, with jwa.ErrNotApproved and the
// reason, even when the decryption key is an approved P-256 key.
func TestFIPSRefusesX25519EPK(t *testing.T) {
	fipstest.Require(t)
	p256 := fipsECDH(t, ecdh.P256())
	const x = "uyT73EuhR29N6PmUpgq5L9gYrwW2m8mlEXVKCX9lBkc"
	for name, epk := range map[string]map[string]any{
		"fast reader": {"kty": "OKP", "crv": "X25519", "x": x},
		"jwk reader":  {"kty": "OKP", "crv": "X25519", "x": x, "kid": "e"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := jwe.Decrypt(epkToken(t, epk), jwe.WithKey(jwa.ECDH_ES_A128KW, p256), jwe.WithAllowedEncryptions(jwa.A128GCM))
			fipstest.CheckRefusal(t, err, jwa.ErrNotApproved, "jwe: epk: key on curve X25519", jwa.X25519.FIPS().Basis)
		})
	}
}

// epkToken is a compact ECDH-ES+A128KW token whose header holds epk. The
// refusal comes when the header is read, so the rest need not be valid.
func epkToken(t *testing.T, epk map[string]any) string {
	t.Helper()
	h, err := json.Marshal(map[string]any{"alg": "ECDH-ES+A128KW", "enc": "A128GCM", "epk": epk})
	if err != nil {
		t.Fatal(err)
	}
	parts := []string{base64url.EncodeToString(h), base64url.EncodeToString(make([]byte, 24)),
		base64url.EncodeToString(make([]byte, 12)), base64url.EncodeToString([]byte("c")), base64url.EncodeToString(make([]byte, 16))}
	return strings.Join(parts, ".")
}
