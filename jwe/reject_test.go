package jwe

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

var (
	kw16  = bytes.Repeat([]byte{0x11}, 16)
	cek16 = bytes.Repeat([]byte{0x22}, 16)
)

// flatToken is an A128KW + A128GCM flattened JWE as a map to tamper with.
func flatToken(t *testing.T, opts ...EncryptOption) map[string]any {
	t.Helper()
	tok, err := Encrypt([]byte("hello"), append([]EncryptOption{WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM), WithFlattened()}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(tok), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func marshal(m map[string]any) string {
	b, _ := json.Marshal(m)
	return string(b)
}

// flip changes the first byte of a base64url member.
func flip(t *testing.T, m map[string]any, name string) string {
	b := b64(t, m[name].(string))
	b[0] ^= 1
	m[name] = base64url.EncodeToString(b)
	return marshal(m)
}

func resize(t *testing.T, m map[string]any, name string, n int) string {
	b := b64(t, m[name].(string))
	b = append(b, make([]byte, 64)...)[:n]
	m[name] = base64url.EncodeToString(b)
	return marshal(m)
}

// a128kwOpts decrypt the flat tokens.
var a128kwOpts = []DecryptOption{WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A128GCM)}

// ecdhToken builds a compact ECDH-ES (direct) + A128GCM token with the given
// epk JSON.
func ecdhToken(t *testing.T, epk string, ek []byte) string {
	header := `{"alg":"ECDH-ES","enc":"A128GCM","epk":` + epk + `}`
	return handToken(t, header, ek, cek16, []byte("x"))
}

func epkOf(pub *ecdsa.PublicKey, withD string) string {
	b, _ := pub.Bytes()
	n := (len(b) - 1) / 2
	crv := map[int]string{32: "P-256", 48: "P-384", 66: "P-521"}[n]
	return fmt.Sprintf(`{"kty":"EC","crv":%q,"x":%q,"y":%q%s}`, crv,
		base64url.EncodeToString(b[1:1+n]), base64url.EncodeToString(b[1+n:]), withD)
}

// TestRejections gives each rejection of the issue its row: the test
// builds the bad token and checks the specific error.
func TestRejections(t *testing.T) {
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	x25519, _ := ecdh.X25519().GenerateKey(rand.Reader)
	offCurve := func() string {
		b, _ := p256.PublicKey.Bytes()
		b[len(b)-1] ^= 1
		return fmt.Sprintf(`{"kty":"EC","crv":"P-256","x":%q,"y":%q}`, base64url.EncodeToString(b[1:33]), base64url.EncodeToString(b[33:]))
	}
	zeroX := `{"kty":"OKP","crv":"X25519","x":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`
	p2cToken := func(p2c int) string {
		header := fmt.Sprintf(`{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2s":"c2FsdHNhbHRzYWx0","p2c":%d}`, p2c)
		return handToken(t, header, make([]byte, 24), cek16, []byte("x"))
	}
	bomb := func(t *testing.T) string {
		tok, err := Encrypt(make([]byte, 8<<20), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM), WithCompression(jwa.Deflate))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	wrongCEK := func(t *testing.T) string {
		kw, _ := jwa.A128KW.NewKeyEncrypter(kw16)
		// A 32-byte CEK wrapped for A128GCM, which needs 16.
		_, ek, err := kw.EncryptKey(bytes.Repeat([]byte{3}, 32), &jwa.KeyParams{Enc: jwa.A256GCM})
		if err != nil {
			t.Fatal(err)
		}
		return handToken(t, `{"alg":"A128KW","enc":"A128GCM"}`, ek, cek16, []byte("x"))
	}
	withProtected := func(t *testing.T, header string) string {
		m := flatToken(t)
		m["protected"] = base64url.EncodeToString([]byte(header))
		return marshal(m)
	}

	for _, tc := range []struct {
		name  string
		token func(t *testing.T) string
		opts  []DecryptOption
		want  error
	}{
		{"alg not allowed", func(t *testing.T) string { return marshal(flatToken(t)) },
			[]DecryptOption{WithKey(jwa.A256KW, make([]byte, 32)), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrAlgorithmNotAllowed},
		{"enc not allowed", func(t *testing.T) string { return marshal(flatToken(t)) },
			[]DecryptOption{WithKey(jwa.A128KW, kw16), WithAllowedEncryptions(jwa.A256GCM)}, jwa.ErrAlgorithmNotAllowed},
		{"no enc list", func(t *testing.T) string { return marshal(flatToken(t)) },
			[]DecryptOption{WithKey(jwa.A128KW, kw16)}, ErrInvalidOption},
		{"no key", func(t *testing.T) string { return marshal(flatToken(t)) },
			[]DecryptOption{WithAllowedEncryptions(jwa.A128GCM)}, ErrInvalidOption},
		{"dir with a key of the wrong length", func(t *testing.T) string {
			tok, _ := Encrypt([]byte("x"), WithRecipient(jwa.Direct, cek16), WithEncryption(jwa.A128GCM))
			return tok
		}, []DecryptOption{WithKey(jwa.Direct, make([]byte, 32)), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrDecryption},
		{"wrong key", func(t *testing.T) string { return marshal(flatToken(t)) },
			[]DecryptOption{WithKey(jwa.A128KW, make([]byte, 16)), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrDecryption},
		{"CEK of the wrong length after unwrap", wrongCEK, a128kwOpts, jwa.ErrDecryption},
		{"truncated GCM tag", func(t *testing.T) string { return resize(t, flatToken(t), "tag", 12) }, a128kwOpts, jwa.ErrDecryption},
		{"over-long GCM tag", func(t *testing.T) string { return resize(t, flatToken(t), "tag", 17) }, a128kwOpts, jwa.ErrDecryption},
		{"IV of the wrong length", func(t *testing.T) string { return resize(t, flatToken(t), "iv", 16) }, a128kwOpts, jwa.ErrDecryption},
		{"empty IV", func(t *testing.T) string { m := flatToken(t); delete(m, "iv"); return marshal(m) }, a128kwOpts, jwa.ErrDecryption},
		{"epk off the curve", func(t *testing.T) string { return ecdhToken(t, offCurve(), nil) },
			[]DecryptOption{WithKey(jwa.ECDH_ES, p256), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrMalformed},
		{"epk on another curve than the key", func(t *testing.T) string { return ecdhToken(t, epkOf(&p384.PublicKey, ""), nil) },
			[]DecryptOption{WithKey(jwa.ECDH_ES, p256), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrMalformed},
		{"epk with a private key", func(t *testing.T) string {
			return ecdhToken(t, epkOf(&p256.PublicKey, `,"d":"AAAA"`), nil)
		}, []DecryptOption{WithKey(jwa.ECDH_ES, p256), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrMalformed},
		{"epk of kty RSA", func(t *testing.T) string { return ecdhToken(t, `{"kty":"RSA","n":"AQAB","e":"AQAB"}`, nil) },
			[]DecryptOption{WithKey(jwa.ECDH_ES, p256), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrMalformed},
		{"X25519 all-zero epk", func(t *testing.T) string { return ecdhToken(t, zeroX, nil) },
			[]DecryptOption{WithKey(jwa.ECDH_ES, x25519), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrDecryption},
		{"ECDH-ES with an encrypted key", func(t *testing.T) string { return ecdhToken(t, epkOf(&p256.PublicKey, ""), []byte{1, 2, 3}) },
			[]DecryptOption{WithKey(jwa.ECDH_ES, p256), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrMalformed},
		{"dir with an encrypted key", func(t *testing.T) string {
			return handToken(t, `{"alg":"dir","enc":"A128GCM"}`, []byte{1}, cek16, []byte("x"))
		}, []DecryptOption{WithKey(jwa.Direct, cek16), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrMalformed},
		{"huge p2c", func(t *testing.T) string { return p2cToken(1<<31 - 1) },
			[]DecryptOption{WithKey(jwa.PBES2_HS256_A128KW, []byte("pw")), WithAllowedEncryptions(jwa.A128GCM)}, jwa.ErrLimitExceeded},
		{"p2c over WithMaxP2C", func(t *testing.T) string { return p2cToken(10001) },
			[]DecryptOption{WithKey(jwa.PBES2_HS256_A128KW, []byte("pw")), WithAllowedEncryptions(jwa.A128GCM), WithMaxP2C(10000)}, jwa.ErrLimitExceeded},
		{"zip bomb", bomb, append([]DecryptOption{WithMaxDecompressedSize(1 << 20)}, a128kwOpts...), jwa.ErrLimitExceeded},
		{"zip bomb, default limit", bomb, a128kwOpts, jwa.ErrLimitExceeded},
		{"unknown crit", func(t *testing.T) string {
			return withProtected(t, `{"alg":"A128KW","enc":"A128GCM","crit":["exp"],"exp":1}`)
		}, a128kwOpts, jwa.ErrMalformed},
		{"crit outside the protected header", func(t *testing.T) string {
			m := flatToken(t)
			m["unprotected"] = map[string]any{"crit": []string{"exp"}}
			return marshal(m)
		}, append([]DecryptOption{WithKnownCritical("exp")}, a128kwOpts...), jwa.ErrMalformed},
		{"duplicate member in protected and shared headers", func(t *testing.T) string {
			m := flatToken(t)
			m["unprotected"] = map[string]any{"enc": "A128GCM"}
			return marshal(m)
		}, a128kwOpts, jwa.ErrMalformed},
		{"duplicate member in shared and per-recipient headers", func(t *testing.T) string {
			m := flatToken(t, WithSharedHeader("x", 1), WithRecipientHeader("y", 1))
			m["header"] = map[string]any{"x": 2}
			return marshal(m)
		}, a128kwOpts, jwa.ErrMalformed},
		{"duplicate member in protected and per-recipient headers", func(t *testing.T) string {
			m := flatToken(t)
			m["header"] = map[string]any{"alg": "A128KW"}
			return marshal(m)
		}, a128kwOpts, jwa.ErrMalformed},
		{"duplicate member inside the protected header", func(t *testing.T) string {
			return withProtected(t, `{"alg":"A128KW","enc":"A128GCM","enc":"A256GCM"}`)
		}, a128kwOpts, jwa.ErrMalformed},
		{"zip in the shared header", func(t *testing.T) string {
			m := flatToken(t)
			m["unprotected"] = map[string]any{"zip": "DEF"}
			return marshal(m)
		}, a128kwOpts, jwa.ErrMalformed},
		{"zip in the per-recipient header", func(t *testing.T) string {
			m := flatToken(t)
			m["header"] = map[string]any{"zip": "DEF"}
			return marshal(m)
		}, a128kwOpts, jwa.ErrMalformed},
		{"unknown zip", func(t *testing.T) string {
			return withProtected(t, `{"alg":"A128KW","enc":"A128GCM","zip":"GZ"}`)
		}, a128kwOpts, jwa.ErrUnsupportedAlgorithm},
		{"modified protected header", func(t *testing.T) string {
			return withProtected(t, `{"alg":"A128KW","enc":"A128GCM","kid":"x"}`)
		}, a128kwOpts, jwa.ErrDecryption},
		{"modified AAD", func(t *testing.T) string { return flip(t, flatToken(t, WithAAD([]byte("aad"))), "aad") }, a128kwOpts, jwa.ErrDecryption},
		{"removed AAD", func(t *testing.T) string {
			m := flatToken(t, WithAAD([]byte("aad")))
			delete(m, "aad")
			return marshal(m)
		}, a128kwOpts, jwa.ErrDecryption},
		{"modified IV", func(t *testing.T) string { return flip(t, flatToken(t), "iv") }, a128kwOpts, jwa.ErrDecryption},
		{"modified ciphertext", func(t *testing.T) string { return flip(t, flatToken(t), "ciphertext") }, a128kwOpts, jwa.ErrDecryption},
		{"modified tag", func(t *testing.T) string { return flip(t, flatToken(t), "tag") }, a128kwOpts, jwa.ErrDecryption},
		{"modified encrypted key", func(t *testing.T) string { return flip(t, flatToken(t), "encrypted_key") }, a128kwOpts, jwa.ErrDecryption},
		{"token over WithMaxSize", func(t *testing.T) string { return marshal(flatToken(t)) },
			append([]DecryptOption{WithMaxSize(64)}, a128kwOpts...), jwa.ErrLimitExceeded},
		{"too many recipients", func(t *testing.T) string {
			tok, _ := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, kw16), WithRecipient(jwa.A128KW, kw16),
				WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM), WithJSON())
			return tok
		}, append([]DecryptOption{WithMaxRecipients(2)}, a128kwOpts...), jwa.ErrLimitExceeded},
		{"header over WithMaxHeaderSize", func(t *testing.T) string {
			return marshal(flatToken(t, WithProtectedHeader("pad", strings.Repeat("a", 200))))
		}, append([]DecryptOption{WithMaxHeaderSize(100)}, a128kwOpts...), jwa.ErrLimitExceeded},
		{"no alg", func(t *testing.T) string { return withProtected(t, `{"enc":"A128GCM"}`) }, a128kwOpts, jwa.ErrMalformed},
		{"alg of the wrong type", func(t *testing.T) string { return withProtected(t, `{"alg":1,"enc":"A128GCM"}`) }, a128kwOpts, jwa.ErrMalformed},
		{"p2c of the wrong type", func(t *testing.T) string { return withProtected(t, `{"alg":"A128KW","enc":"A128GCM","p2c":"1"}`) }, a128kwOpts, jwa.ErrMalformed},
		{"recipients disagree on enc", func(t *testing.T) string {
			return `{"recipients":[{"header":{"alg":"A128KW","enc":"A128GCM"}},{"header":{"alg":"A128KW","enc":"A256GCM"}}],"iv":"","ciphertext":"","tag":""}`
		}, a128kwOpts, jwa.ErrMalformed},
		{"recipients and header together", func(t *testing.T) string {
			m := flatToken(t)
			m["recipients"] = []any{map[string]any{}}
			return marshal(m)
		}, a128kwOpts, jwa.ErrMalformed},
		{"compact with four parts", func(t *testing.T) string { return "a.b.c.d" }, a128kwOpts, jwa.ErrMalformed},
		{"compact with a CR in base64url", func(t *testing.T) string {
			tok, _ := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM))
			i := strings.LastIndexByte(tok, '.')
			return tok[:i+2] + "\r" + tok[i+2:]
		}, a128kwOpts, jwa.ErrMalformed},
		{"JSON with trailing data", func(t *testing.T) string { return marshal(flatToken(t)) + "{}" }, a128kwOpts, jwa.ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.token(t)
			start := time.Now()
			pt, err := Decrypt(tok, tc.opts...)
			if !errors.Is(err, tc.want) && !refusedInFIPS(err) {
				t.Fatalf("Decrypt = %v, want %v", err, tc.want)
			}
			if pt != nil {
				t.Fatal("plaintext returned alongside an error")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("rejection took %v", d)
			}
			if errors.Is(tc.want, jwa.ErrDecryption) && err != errDecrypt && !refusedInFIPS(err) {
				t.Fatalf("decryption failure %q is not the one error value", err)
			}
		})
	}
}

// TestCritUnderstood accepts a crit member the caller names.
func TestCritUnderstood(t *testing.T) {
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM),
		WithProtectedHeader("crit", []string{"exp"}), WithProtectedHeader("exp", 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decrypt(tok, a128kwOpts...); !errors.Is(err, jwa.ErrMalformed) {
		t.Fatalf("without WithKnownCritical: %v", err)
	}
	if _, err := Decrypt(tok, append([]DecryptOption{WithKnownCritical("exp")}, a128kwOpts...)...); err != nil {
		t.Fatalf("with WithKnownCritical: %v", err)
	}
}

// TestEncryptRejections checks the caller mistakes Encrypt refuses.
func TestEncryptRejections(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	base := []EncryptOption{WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM)}
	for _, tc := range []struct {
		name string
		opts []EncryptOption
		want error
	}{
		{"no recipient", []EncryptOption{WithEncryption(jwa.A128GCM)}, nil},
		{"no enc", []EncryptOption{WithRecipient(jwa.A128KW, kw16)}, nil},
		{"two encs", []EncryptOption{WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM), WithEncryption(jwa.A256GCM)}, ErrInvalidOption},
		{"dir with two recipients", []EncryptOption{WithRecipient(jwa.Direct, cek16), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM), WithJSON()}, nil},
		{"ECDH-ES with two recipients", []EncryptOption{WithRecipient(jwa.ECDH_ES, &ec.PublicKey), WithRecipient(jwa.A128KW, kw16), WithEncryption(jwa.A128GCM), WithJSON()}, nil},
		{"two recipients in compact", append([]EncryptOption{WithRecipient(jwa.A128KW, kw16)}, base...), nil},
		{"two recipients flattened", append([]EncryptOption{WithRecipient(jwa.A128KW, kw16), WithFlattened()}, base...), nil},
		{"AAD in compact", append([]EncryptOption{WithAAD([]byte("x"))}, base...), nil},
		{"shared header in compact", append([]EncryptOption{WithSharedHeader("x", 1)}, base...), nil},
		{"recipient header in compact", append(base, WithRecipientHeader("x", 1)), nil},
		{"JSON and flattened", append([]EncryptOption{WithJSON(), WithFlattened()}, base...), nil},
		{"alg through a header option", append([]EncryptOption{WithProtectedHeader("alg", "none")}, base...), nil},
		{"zip through a header option", append([]EncryptOption{WithSharedHeader("zip", "DEF")}, base...), nil},
		{"crit in the shared header", append([]EncryptOption{WithSharedHeader("crit", []string{"x"})}, base...), nil},
		{"same member in two headers", append([]EncryptOption{WithProtectedHeader("x", 1), WithSharedHeader("x", 1), WithJSON()}, base...), nil},
		{"p2c below 1000", append([]EncryptOption{WithP2C(999)}, base...), nil},
		{"unknown alg", []EncryptOption{WithRecipient("A1KW", kw16), WithEncryption(jwa.A128GCM)}, jwa.ErrUnsupportedAlgorithm},
		{"unknown enc", []EncryptOption{WithRecipient(jwa.A128KW, kw16), WithEncryption("A1GCM")}, jwa.ErrUnsupportedAlgorithm},
		{"wrong key type", []EncryptOption{WithRecipient(jwa.RSA_OAEP, kw16), WithEncryption(jwa.A128GCM)}, jwa.ErrInvalidKey},
		{"typed nil key", []EncryptOption{WithRecipient(jwa.ECDH_ES, (*ecdsa.PublicKey)(nil)), WithEncryption(jwa.A128GCM)}, ErrInvalidOption},
		{"unknown compression", append([]EncryptOption{WithCompression("GZ")}, base...), jwa.ErrUnsupportedAlgorithm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := Encrypt([]byte("x"), tc.opts...)
			if err == nil || tok != "" {
				t.Fatalf("Encrypt = %s, %v; want an error", tok, err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) && !refusedInFIPS(err) {
				t.Fatalf("Encrypt: %v, want %v", err, tc.want)
			}
		})
	}
}

// TestKeySetSelection checks that a key set picks the key by kid and alg,
// and that a key whose kid differs from the token's is not tried.
func TestKeySetSelection(t *testing.T) {
	k1, _ := jwk.FromKey(kw16, jwk.WithKeyID("one"))
	k2, _ := jwk.FromKey(bytes.Repeat([]byte{9}, 16), jwk.WithKeyID("two"))
	set, _ := jwk.NewSet(k1, k2)
	tok, err := Encrypt([]byte("x"), WithRecipient(jwa.A128KW, k2), WithEncryption(jwa.A128GCM))
	if err != nil {
		t.Fatal(err)
	}
	r, err := DecryptMessage(tok, WithKeySet(set, jwa.A128KW), WithAllowedEncryptions(jwa.A128GCM))
	if err != nil || r.Key != k2 {
		t.Fatalf("DecryptMessage: %v", err)
	}
	if _, err := Decrypt(tok, WithKey(jwa.A128KW, k1), WithAllowedEncryptions(jwa.A128GCM)); !errors.Is(err, jwk.ErrKeyNotFound) {
		t.Fatalf("kid mismatch: %v", err)
	}
	if _, err := Decrypt(tok, WithKeySet(set, jwa.A256KW), WithAllowedEncryptions(jwa.A128GCM)); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
		t.Fatalf("alg not in the set's list: %v", err)
	}
}
