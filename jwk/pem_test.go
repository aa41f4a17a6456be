package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

const pemDir = "../testdata/jwk/pem"

func readPEM(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(pemDir, name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustParsePEM(tb testing.TB, name string, opts ...Option) *Key {
	tb.Helper()
	k, err := ParsePEM(readPEM(tb, name), opts...)
	if err != nil {
		tb.Fatalf("ParsePEM(%s): %v", name, err)
	}
	return k
}

// sameKey compares two standard library keys with their Equal methods.
func sameKey(a, b any) bool {
	switch a := a.(type) {
	case interface{ Equal(crypto.PrivateKey) bool }:
		return a.Equal(b)
	case interface{ Equal(crypto.PublicKey) bool }:
		return a.Equal(b)
	case []byte:
		b, ok := b.([]byte)
		return ok && bytes.Equal(a, b)
	}
	return false
}

func TestParsePEM(t *testing.T) {
	tests := []struct {
		file    string
		kty     jwa.KeyType
		crv     jwa.Curve
		private bool
		raw     any // a value of the expected standard library type
		certs   int
	}{
		{"rsa2048-pkcs8.pem", jwa.KeyTypeRSA, "", true, &rsa.PrivateKey{}, 0},
		{"rsa2048-pkcs1.pem", jwa.KeyTypeRSA, "", true, &rsa.PrivateKey{}, 0},
		{"rsa2048-pkix.pem", jwa.KeyTypeRSA, "", false, &rsa.PublicKey{}, 0},
		{"rsa2048-pkcs1-public.pem", jwa.KeyTypeRSA, "", false, &rsa.PublicKey{}, 0},
		{"rsa1024-pkcs8.pem", jwa.KeyTypeRSA, "", true, &rsa.PrivateKey{}, 0},
		{"ec-p256-pkcs8.pem", jwa.KeyTypeEC, jwa.P256, true, &ecdsa.PrivateKey{}, 0},
		{"ec-p256-sec1.pem", jwa.KeyTypeEC, jwa.P256, true, &ecdsa.PrivateKey{}, 0},
		{"ec-p256-sec1-params.pem", jwa.KeyTypeEC, jwa.P256, true, &ecdsa.PrivateKey{}, 0},
		{"ec-p256-pkix.pem", jwa.KeyTypeEC, jwa.P256, false, &ecdsa.PublicKey{}, 0},
		{"ec-p384-pkcs8.pem", jwa.KeyTypeEC, jwa.P384, true, &ecdsa.PrivateKey{}, 0},
		{"ec-p521-pkcs8.pem", jwa.KeyTypeEC, jwa.P521, true, &ecdsa.PrivateKey{}, 0},
		{"ed25519-pkcs8.pem", jwa.KeyTypeOKP, jwa.CurveEd25519, true, ed25519.PrivateKey{}, 0},
		{"ed25519-pkix.pem", jwa.KeyTypeOKP, jwa.CurveEd25519, false, ed25519.PublicKey{}, 0},
		{"x25519-pkcs8.pem", jwa.KeyTypeOKP, jwa.X25519, true, &ecdh.PrivateKey{}, 0},
		{"x25519-pkix.pem", jwa.KeyTypeOKP, jwa.X25519, false, &ecdh.PublicKey{}, 0},
		{"chain.pem", jwa.KeyTypeEC, jwa.P256, false, &ecdsa.PublicKey{}, 2},
		{"chain-full.pem", jwa.KeyTypeEC, jwa.P256, false, &ecdsa.PublicKey{}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			skipCurveInFIPS(t, tt.crv)
			k := mustParsePEM(t, tt.file, WithKeyID("k1"))
			if k.KeyType() != tt.kty || k.Curve() != tt.crv || k.IsPrivate() != tt.private || k.KeyID() != "k1" {
				t.Errorf("got %v (private %v), want kty %s crv %q private %v kid k1", k, k.IsPrivate(), tt.kty, tt.crv, tt.private)
			}
			if got, want := fmt.Sprintf("%T", k.Raw()), fmt.Sprintf("%T", tt.raw); got != want {
				t.Errorf("Raw() is %s, want %s", got, want)
			}
			if len(k.Certificates()) != tt.certs {
				t.Errorf("%d certificates, want %d", len(k.Certificates()), tt.certs)
			}
			if tt.certs > 0 && !sameKey(k.Certificates()[0].PublicKey, k.PublicKey()) {
				t.Error("the key is not the leaf certificate's")
			}
		})
	}
}

// TestParsePEMLayout: white space around and between blocks is fine, and
// so are CRLF line ends.
func TestParsePEMLayout(t *testing.T) {
	key := string(readPEM(t, "ec-p256-pkcs8.pem"))
	chain := string(readPEM(t, "chain.pem"))
	for name, data := range map[string]string{
		"CRLF":                     strings.ReplaceAll(key, "\n", "\r\n"),
		"space around":             "\n\n  \t" + key + "\n\n \n",
		"no final newline":         strings.TrimSpace(key),
		"certificates spaced":      strings.ReplaceAll(chain, "-----\n-----", "-----\n\n\r\n-----"),
		"certificates CRLF":        strings.ReplaceAll(chain, "\n", "\r\n"),
		"EC PARAMETERS then SEC 1": string(readPEM(t, "ec-p256-sec1-params.pem")),
	} {
		if _, err := ParsePEM([]byte(data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestParsePEMSameKey reads one key in each of its encodings.
func TestParsePEMSameKey(t *testing.T) {
	for _, group := range [][]string{
		{"rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem", "rsa2048-pkix.pem", "rsa2048-pkcs1-public.pem"},
		{"ec-p256-pkcs8.pem", "ec-p256-sec1.pem", "ec-p256-pkix.pem"},
		{"ed25519-pkcs8.pem", "ed25519-pkix.pem"},
		{"x25519-pkcs8.pem", "x25519-pkix.pem"},
	} {
		if jwa.FIPSMode() && strings.HasPrefix(group[0], "x25519") {
			continue // refused in FIPS 140-3 mode
		}
		want := mustParsePEM(t, group[0]).PublicKey()
		for _, f := range group[1:] {
			if !sameKey(mustParsePEM(t, f).PublicKey(), want) {
				t.Errorf("%s holds another key than %s", f, group[0])
			}
		}
	}
}

func TestPEMRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(pemDir, "*.pem"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		k, err := ParsePEM(readPEM(t, filepath.Base(f)))
		if err != nil {
			continue // the rejected files have their own test
		}
		n++
		for _, k := range []*Key{k, k.Public()} {
			out, err := k.PEM()
			if err != nil {
				t.Fatalf("%s: PEM: %v", f, err)
			}
			k2, err := ParsePEM(out)
			if err != nil {
				t.Fatalf("%s: ParsePEM(PEM()): %v", f, err)
			}
			if !sameKey(k.Raw(), k2.Raw()) || k2.IsPrivate() != k.IsPrivate() {
				t.Errorf("%s: round trip changed the key", f)
			}
			wantType := "PUBLIC KEY"
			if k.IsPrivate() {
				wantType = "PRIVATE KEY"
			}
			if b, _ := pem.Decode(out); b == nil || b.Type != wantType {
				t.Errorf("%s: PEM() wrote %q, want %q", f, out, wantType)
			}
		}
	}
	if n < 15 {
		t.Fatalf("only %d keys round-tripped", n)
	}
}

// hsmSigner is a key whose private part lives elsewhere (an HSM).
type hsmSigner struct{ crypto.Signer }

func TestPEMRejects(t *testing.T) {
	ec := mustParsePEM(t, "ec-p256-pkcs8.pem")
	opaque, err := FromKey(hsmSigner{ec.Raw().(crypto.Signer)})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := FromKey([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string]*Key{"oct": secret, "opaque signer": opaque, "nil": nil} {
		out, err := k.PEM()
		if !errors.Is(err, jwa.ErrInvalidKey) || out != nil {
			t.Errorf("%s: PEM() = %q, %v; want %v", name, out, err, jwa.ErrInvalidKey)
		}
	}
	if _, err := opaque.Public().PEM(); err != nil {
		t.Errorf("Public().PEM() of an opaque key: %v", err)
	}
}

// pkcs1RSAPublic is the ASN.1 form of a PKCS#1 RSA public key (RFC 8017
// Appendix A.1.1).
type pkcs1RSAPublic struct {
	N *big.Int
	E int
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func TestParsePEMRejects(t *testing.T) {
	ecPKCS8 := string(readPEM(t, "ec-p256-pkcs8.pem"))
	ecSEC1 := string(readPEM(t, "ec-p256-sec1.pem"))
	ecPKIX := string(readPEM(t, "ec-p256-pkix.pem"))
	chain := string(readPEM(t, "chain.pem"))
	block, _ := pem.Decode([]byte(ecPKCS8))
	n := mustParsePEM(t, "rsa2048-pkix.pem").PublicKey().(*rsa.PublicKey).N
	derE1, _ := asn1.Marshal(pkcs1RSAPublic{N: n, E: 1})
	derEvenN, _ := asn1.Marshal(pkcs1RSAPublic{N: new(big.Int).Add(n, big.NewInt(1)), E: 65537})
	p384Params, _ := asn1.Marshal(asn1.ObjectIdentifier{1, 3, 132, 0, 34})
	lines := strings.Split(ecPKCS8, "\n")

	tests := []struct {
		name string
		data string
		opts []Option
		want []error
	}{
		{"empty", "", nil, []error{jwa.ErrMalformed}},
		{"white space", " \n\t\r\n", nil, []error{jwa.ErrMalformed}},
		{"not PEM", "hello", nil, []error{jwa.ErrMalformed}},
		{"DER", string(block.Bytes), nil, []error{jwa.ErrMalformed}},
		{"text before", "key:\n" + ecPKCS8, nil, []error{jwa.ErrMalformed}},
		{"trailing garbage", ecPKCS8 + "garbage\n", nil, []error{jwa.ErrMalformed}},
		{"two keys", ecPKCS8 + ecPKIX, nil, []error{jwa.ErrMalformed}},
		{"key then certificates", ecPKCS8 + chain, nil, []error{jwa.ErrMalformed}},
		{"certificate then key", chain + ecPKIX, nil, []error{jwa.ErrMalformed}},
		{"certificates then garbage", chain + "x", nil, []error{jwa.ErrMalformed}},
		{"unknown type", pemOf("DSA PRIVATE KEY", block.Bytes), nil, []error{jwa.ErrMalformed}},
		{"wrong type", pemOf("PUBLIC KEY", block.Bytes), nil, []error{jwa.ErrMalformed}},
		{"garbage DER", pemOf("PRIVATE KEY", []byte("not DER")), nil, []error{jwa.ErrMalformed}},
		{"garbage certificate", pemOf("CERTIFICATE", []byte("not DER")), nil, []error{jwa.ErrMalformed}},
		{"empty block", pemOf("PRIVATE KEY", nil), nil, []error{jwa.ErrMalformed}},
		{"truncated DER", strings.Join(append(lines[:2:2], lines[len(lines)-2:]...), "\n"), nil, []error{jwa.ErrMalformed}},
		{"truncated base64", strings.Replace(ecPKCS8, lines[1], lines[1][:len(lines[1])-3], 1), nil, []error{jwa.ErrMalformed}},
		{"bad base64", strings.Replace(ecPKCS8, lines[1][:4], "!!!!", 1), nil, []error{jwa.ErrMalformed}},
		{"no END line", strings.Join(lines[:len(lines)-2], "\n"), nil, []error{jwa.ErrMalformed}},
		{"END of another type", strings.Replace(ecPKCS8, "END PRIVATE KEY", "END PUBLIC KEY", 1), nil, []error{jwa.ErrMalformed}},
		{"header", strings.Replace(ecPKCS8, "-----\n", "-----\nComment: hi\n\n", 1), nil, []error{jwa.ErrMalformed}},
		{"encrypted PKCS#8", string(readPEM(t, "ec-p256-pkcs8-encrypted.pem")), nil, []error{ErrEncryptedPEM, jwa.ErrMalformed}},
		{"encrypted SEC 1", string(readPEM(t, "ec-p256-sec1-encrypted.pem")), nil, []error{ErrEncryptedPEM, jwa.ErrMalformed}},
		{"Ed448", string(readPEM(t, "ed448-pkcs8.pem")), nil, []error{jwa.ErrMalformed}},
		{"secp256k1", string(readPEM(t, "ec-secp256k1-sec1.pem")), nil, []error{jwa.ErrMalformed}},
		{"EC PARAMETERS alone", pemOf("EC PARAMETERS", p384Params), nil, []error{jwa.ErrMalformed}},
		{"EC PARAMETERS of another curve", pemOf("EC PARAMETERS", p384Params) + ecSEC1, nil, []error{jwa.ErrMalformed}},
		{"EC PARAMETERS not a curve", pemOf("EC PARAMETERS", []byte{5, 0}) + ecSEC1, nil, []error{jwa.ErrMalformed}},
		{"EC PARAMETERS before PKCS#8", pemOf("EC PARAMETERS", p384Params) + ecPKCS8, nil, []error{jwa.ErrMalformed}},
		// T09: keys that parse but fail the checks of FromKey.
		{"RSA e=1", pemOf("RSA PUBLIC KEY", derE1), nil, []error{jwa.ErrInvalidKey}},
		{"RSA even modulus", pemOf("RSA PUBLIC KEY", derEvenN), nil, []error{jwa.ErrInvalidKey}},
		{"bad option", ecPKIX, []Option{WithUse("both")}, []error{jwa.ErrMalformed}},
		{"bad option on a certificate", chain, []Option{WithUse("both")}, []error{jwa.ErrMalformed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ParsePEM([]byte(tt.data), tt.opts...)
			if k != nil {
				t.Errorf("key %v returned with error %v", k, err)
			}
			for _, want := range tt.want {
				if !errors.Is(err, want) {
					t.Errorf("err = %v, want %v", err, want)
				}
			}
		})
	}
}

// TestParsePEMEncryptedMessage checks that the error says what to do.
func TestParsePEMEncryptedMessage(t *testing.T) {
	_, err := ParsePEM(readPEM(t, "ec-p256-pkcs8-encrypted.pem"))
	if err == nil || !strings.Contains(err.Error(), "decrypt it first") {
		t.Errorf("err = %v", err)
	}
}

// TestParsePEMWeakRSA: a 1024-bit key parses, and binding it refuses it
// (T09) once the RSA algorithms are registered in jwa.
func TestParsePEMWeakRSA(t *testing.T) {
	k := mustParsePEM(t, "rsa1024-pkcs8.pem")
	if got := k.PublicKey().(*rsa.PublicKey).N.BitLen(); got != 1024 {
		t.Fatalf("%d bits", got)
	}
	if !jwa.RS256.Available() {
		t.Skip("RS256 is not implemented in jwa yet")
	}
	if _, err := k.Signer(jwa.RS256); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("Signer(RS256) of a 1024-bit key: %v, want %v", err, jwa.ErrInvalidKey)
	}
}

func FuzzParsePEM(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(pemDir, "*.pem"))
	for _, file := range files {
		f.Add(readPEM(f, filepath.Base(file)))
	}
	f.Add([]byte("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := ParsePEM(data)
		if err != nil {
			if k != nil {
				t.Fatalf("key returned with error %v", err)
			}
			return
		}
		out, err := k.PEM()
		if err != nil {
			t.Fatalf("PEM of a parsed key: %v", err)
		}
		k2, err := ParsePEM(out)
		if err != nil || !sameKey(k.Raw(), k2.Raw()) {
			t.Fatalf("PEM round trip: %v", err)
		}
	})
}

func BenchmarkParsePEM(b *testing.B) {
	data := readPEM(b, "ec-p256-pkcs8.pem")
	b.Run("jwk", func(b *testing.B) {
		for b.Loop() {
			if _, err := ParsePEM(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stdlib", func(b *testing.B) {
		for b.Loop() {
			block, _ := pem.Decode(data)
			if _, err := x509.ParsePKCS8PrivateKey(block.Bytes); err != nil {
				b.Fatal(err)
			}
		}
	})
}
