package jwk

import (
	"bytes"
	"crypto"
	"crypto/ecdh"
	"crypto/rsa"
	_ "crypto/sha512"
	"encoding/json"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestThumbprintInputDirect checks the thumbprint input of every kind of
// built-in key against one written independently, by encoding/json from
// the public JWK's members (a map, which it writes sorted), and that the
// SHA-256 path on the stack gives the digest the crypto.Hash does.
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
		direct, err := k.thumbprintInput()
		if err != nil {
			t.Fatal(err)
		}
		generic := referenceThumbprintInput(t, k)
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

// referenceThumbprintInput writes RFC 7638's input the slow way: the public
// JWK's required members, sorted by encoding/json.
func referenceThumbprintInput(t *testing.T, k *Key) []byte {
	t.Helper()
	pub := k
	if !k.IsSymmetric() {
		pub = k.Public()
	}
	data, err := pub.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]any
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	required := map[string]any{}
	for _, name := range []string{"kty", "crv", "x", "y", "n", "e", "k", "pub", "alg"} {
		if v, ok := all[name]; ok && (name != "alg" || k.KeyType() == jwa.KeyTypeAKP) {
			required[name] = v
		}
	}
	out, err := json.Marshal(required)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
