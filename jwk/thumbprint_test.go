package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/rsa"
	_ "crypto/sha512"
	"math/big"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestThumbprintInputDirect checks that the thumbprint input written
// directly for the built-in key types is the one written from the key's
// material members (sorted, through encoding/json), for every kind of key,
// and that the SHA-256 shortcut gives the digest the crypto.Hash does.
func TestThumbprintInputDirect(t *testing.T) {
	var keys []*Key
	for _, name := range []string{
		"rfc7520/jwk/3_1.ec_public_key.json", "rfc7520/jwk/3_2.ec_private_key.json",
		"rfc7520/jwk/3_3.rsa_public_key.json", "rfc7520/jwk/3_4.rsa_private_key.json",
		"rfc7520/jwk/3_5.symmetric_key_mac_computation.json",
	} {
		keys = append(keys, mustParse(t, readTestdata(t, name)))
	}
	for _, alg := range []jwa.SignatureAlgorithm{jwa.ES256, jwa.ES384, jwa.EdDSA} {
		k, err := Generate(alg)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k, k.Public())
	}
	if !jwa.FIPSMode() { // X25519 keys are refused in FIPS 140-3 mode
		x, err := ecdh.X25519().GenerateKey(nil)
		if err != nil {
			t.Fatal(err)
		}
		xk, err := FromKey(x)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, xk, xk.Public())
	}
	// A public exponent of four bytes, for the minimal encoding of e.
	n := keys[2].PublicKey().(*rsa.PublicKey).N
	bigE, err := FromKey(&rsa.PublicKey{N: n, E: 1<<24 + 1})
	if err != nil {
		t.Fatal(err)
	}
	keys = append(keys, bigE)
	for _, k := range keys {
		direct, ok := k.appendThumbprintInput(nil)
		if !ok {
			t.Fatalf("%v: no direct input", k)
		}
		generic, err := k.materialThumbprintInput()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(direct, generic) {
			t.Errorf("%v:\ndirect  %s\ngeneric %s", k, direct, generic)
		}
		for _, h := range []crypto.Hash{crypto.SHA256, crypto.SHA512} {
			tp, err := k.Thumbprint(h)
			if err != nil {
				t.Fatal(err)
			}
			d := h.New()
			d.Write(generic)
			if !bytes.Equal(tp, d.Sum(nil)) {
				t.Errorf("%v %v: thumbprint differs", k, h)
			}
		}
	}
}

func TestAppendNat(t *testing.T) {
	for _, s := range []string{"0", "1", "255", "256", "18446744073709551615", "18446744073709551616", "340282366920938463463374607431768211455"} {
		x, _ := new(big.Int).SetString(s, 10)
		if got := appendNat([]byte{9}, x); !bytes.Equal(got, append([]byte{9}, x.Bytes()...)) {
			t.Errorf("%s: % x", s, got)
		}
	}
}
