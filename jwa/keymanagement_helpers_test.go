package jwa

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"math/big"
	"path/filepath"
	"testing"
)

// testJWK is the part of a JWK the key management tests need. Package jwk
// does not exist below jwa, so tests turn JWKs into stdlib keys here.
type testJWK struct {
	Kty, Crv, K, X, Y, D, N, E, P, Q string
}

func ecdhCurveOf(t testing.TB, crv string) ecdh.Curve {
	t.Helper()
	switch crv {
	case "P-256":
		return ecdh.P256()
	case "P-384":
		return ecdh.P384()
	case "P-521":
		return ecdh.P521()
	case "X25519":
		return ecdh.X25519()
	}
	t.Fatalf("curve %q", crv)
	return nil
}

// parseTestJWK returns the private key (nil when the JWK has none) and the
// public key: *rsa.PrivateKey/*rsa.PublicKey, *ecdh.PrivateKey/
// *ecdh.PublicKey (EC and OKP), or the same []byte twice for oct.
func parseTestJWK(t testing.TB, raw json.RawMessage) (priv, pub any) {
	t.Helper()
	var k testJWK
	if err := json.Unmarshal(raw, &k); err != nil {
		t.Fatalf("JWK: %v", err)
	}
	switch k.Kty {
	case "oct":
		b := b64(t, k.K)
		return b, b
	case "RSA":
		n := new(big.Int).SetBytes(b64(t, k.N))
		e := new(big.Int).SetBytes(b64(t, k.E))
		p := &rsa.PublicKey{N: n, E: int(e.Int64())}
		if k.D == "" {
			return nil, p
		}
		sk := &rsa.PrivateKey{
			PublicKey: *p,
			D:         new(big.Int).SetBytes(b64(t, k.D)),
			Primes:    []*big.Int{new(big.Int).SetBytes(b64(t, k.P)), new(big.Int).SetBytes(b64(t, k.Q))},
		}
		sk.Precompute()
		if err := sk.Validate(); err != nil {
			t.Fatalf("RSA JWK: %v", err)
		}
		return sk, p
	case "EC", "OKP":
		c := ecdhCurveOf(t, k.Crv)
		raw := b64(t, k.X)
		if k.Kty == "EC" {
			raw = append(append([]byte{4}, raw...), b64(t, k.Y)...)
		}
		p, err := c.NewPublicKey(raw)
		if err != nil {
			t.Fatalf("EC JWK: %v", err)
		}
		if k.D == "" {
			return nil, p
		}
		sk, err := c.NewPrivateKey(b64(t, k.D))
		if err != nil {
			t.Fatalf("EC JWK: %v", err)
		}
		if !sk.PublicKey().Equal(p) {
			t.Fatalf("EC JWK: d does not match x, y")
		}
		return sk, p
	}
	t.Fatalf("JWK kty %q", k.Kty)
	return nil, nil
}

// toECDSA converts a NIST-curve ECDH private key to ECDSA, to exercise the
// *ecdsa.PrivateKey path.
func toECDSA(t testing.TB, k *ecdh.PrivateKey) *ecdsa.PrivateKey {
	t.Helper()
	var c elliptic.Curve
	switch k.Curve() {
	case ecdh.P256():
		c = elliptic.P256()
	case ecdh.P384():
		c = elliptic.P384()
	case ecdh.P521():
		c = elliptic.P521()
	default:
		t.Fatalf("no ECDSA form for %v", k.Curve())
	}
	sk, err := ecdsa.ParseRawPrivateKey(c, k.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

// kmVector is one key management example; see testdata/jwa/README.md.
type kmVector struct {
	Name         string            `json:"name"`
	Alg          KeyAlgorithm      `json:"alg"`
	Enc          ContentEncryption `json:"enc"`
	Key          json.RawMessage   `json:"key"`
	Password     string            `json:"password"`
	EPK          json.RawMessage   `json:"epk"`
	APU          string            `json:"apu"`
	APV          string            `json:"apv"`
	IV           string            `json:"iv"`
	Tag          string            `json:"tag"`
	P2S          string            `json:"p2s"`
	P2C          int               `json:"p2c"`
	CEK          string            `json:"cek"`
	EncryptedKey string            `json:"encrypted_key"`
	DerivedKey   string            `json:"derived_key"`
	Z            string            `json:"z"`
	Reproducible bool              `json:"reproducible"`
}

// rfc7520Vector reads the key management part of an RFC 7520 §5 example
// (schema in testdata/rfc7520/README.md). recipient picks the entry of a
// multi-recipient example, -1 for the others.
func rfc7520Vector(t testing.TB, file string, recipient int, reproducible bool) kmVector {
	t.Helper()
	var f struct {
		Input struct {
			Key json.RawMessage `json:"key"`
			Pwd string          `json:"pwd"`
			Alg json.RawMessage `json:"alg"`
		} `json:"input"`
		Generated struct {
			CEK string `json:"cek"`
		} `json:"generated"`
		EncryptingKey     json.RawMessage `json:"encrypting_key"`
		EncryptingContent struct {
			Protected struct {
				Enc ContentEncryption `json:"enc"`
			} `json:"protected"`
		} `json:"encrypting_content"`
	}
	readJSON(t, filepath.Join("..", "testdata", "rfc7520", "jwe", file), &f)
	type ekT struct {
		EncryptedKey string          `json:"encrypted_key"`
		EPK          json.RawMessage `json:"epk"`
		CEK          string          `json:"cek"`
		IV           string          `json:"iv"`
		Tag          string          `json:"tag"`
		Salt         string          `json:"salt"`
		Count        int             `json:"iteration_count"`
		Header       struct {
			Alg KeyAlgorithm `json:"alg"`
		} `json:"header"`
	}
	var ek ekT
	key := f.Input.Key
	var alg KeyAlgorithm
	if recipient < 0 {
		if err := json.Unmarshal(f.EncryptingKey, &ek); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(f.Input.Alg, &alg); err != nil {
			t.Fatal(err)
		}
	} else {
		var all []ekT
		var keys []json.RawMessage
		if err := json.Unmarshal(f.EncryptingKey, &all); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(f.Input.Key, &keys); err != nil {
			t.Fatal(err)
		}
		ek, key, alg = all[recipient], keys[recipient], all[recipient].Header.Alg
	}
	name := "RFC 7520 " + file
	if recipient >= 0 {
		name += fmt.Sprintf(" recipient %d", recipient+1)
	}
	v := kmVector{
		Name:         name,
		Alg:          alg,
		Enc:          f.EncryptingContent.Protected.Enc,
		Key:          key,
		Password:     f.Input.Pwd,
		EPK:          ek.EPK,
		IV:           ek.IV,
		Tag:          ek.Tag,
		P2S:          ek.Salt,
		P2C:          ek.Count,
		CEK:          f.Generated.CEK,
		EncryptedKey: ek.EncryptedKey,
		Reproducible: reproducible,
	}
	if ek.CEK != "" { // ECDH-ES direct: the derived CEK
		v.CEK = ek.CEK
	}
	return v
}

// vectorKeys returns the decryption and encryption keys of v.
func vectorKeys(t testing.TB, v kmVector) (dec, enc any) {
	t.Helper()
	if v.Password != "" {
		return []byte(v.Password), []byte(v.Password)
	}
	return parseTestJWK(t, v.Key)
}

// vectorParams returns the header parameters of v for decryption.
func vectorParams(t testing.TB, v kmVector) *KeyParams {
	t.Helper()
	p := &KeyParams{Enc: v.Enc, P2C: v.P2C}
	if v.EPK != nil {
		_, pub := parseTestJWK(t, v.EPK)
		p.EPK = pub.(*ecdh.PublicKey)
	}
	for dst, s := range map[*[]byte]string{&p.APU: v.APU, &p.APV: v.APV, &p.IV: v.IV, &p.Tag: v.Tag, &p.P2S: v.P2S} {
		if s != "" {
			*dst = b64(t, s)
		}
	}
	return p
}
