//go:build go1.27

package jwk

import (
	"bytes"
	"crypto"
	"crypto/mldsa"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

// draftVector is one JOSE example of draft-ietf-cose-dilithium-11
// Appendix A.1 (testdata/mldsa/README.md).
type draftVector struct{ Name, Alg, Kid, Priv, JWS string }

// key is the vector's private key, made from its seed.
func (v draftVector) key(t testing.TB) *mldsa.PrivateKey {
	seed, err := base64url.DecodeString(v.Priv)
	if err != nil {
		t.Fatal(err)
	}
	sk, err := mldsa.NewPrivateKey(akpParams[v.Alg], seed)
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

func draftVectors(t testing.TB) []draftVector {
	b, err := os.ReadFile("../testdata/mldsa/draft-ietf-cose-dilithium-11_A.1.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []draftVector
	if err := json.Unmarshal(b, &vs); err != nil || len(vs) != 3 {
		t.Fatalf("vectors: %v", err)
	}
	return vs
}

// mldsaKey derives a key of alg's parameter set from 32 copies of b.
func mldsaKey(t testing.TB, alg jwa.SignatureAlgorithm, b byte) *mldsa.PrivateKey {
	t.Helper()
	sk, err := mldsa.NewPrivateKey(akpParams[string(alg)], bytes.Repeat([]byte{b}, mldsa.PrivateKeySize))
	if err != nil {
		t.Fatal(err)
	}
	return sk
}

// akpObj is the private JWK of sk as the draft writes it.
func akpObj(alg jwa.SignatureAlgorithm, sk *mldsa.PrivateKey) obj {
	return obj{"kty": "AKP", "alg": string(alg), "pub": b64(sk.PublicKey().Bytes()), "priv": b64(sk.Bytes())}
}

// TestAKPDraftVectors: the key of each example, read as the draft writes
// it, has the draft's kid as its thumbprint (alg, kty and pub, §6), which
// also pins down the public key; and it verifies the draft's JWS.
func TestAKPDraftVectors(t *testing.T) {
	for _, v := range draftVectors(t) {
		t.Run(v.Alg, func(t *testing.T) {
			alg := jwa.SignatureAlgorithm(v.Alg)
			sk := v.key(t)
			k, err := Parse(akpObj(alg, sk).with("kid", v.Kid).json(t))
			if err != nil {
				t.Fatal(err)
			}
			tp, err := k.Thumbprint(crypto.SHA256)
			if err != nil || b64(tp) != v.Kid {
				t.Fatalf("thumbprint %s (%v), want the draft's kid %s", b64(tp), err, v.Kid)
			}
			ptp, _ := k.Public().Thumbprint(0)
			if !bytes.Equal(ptp, tp) {
				t.Fatal("the public key's thumbprint differs")
			}
			ver, err := k.Verifier(alg)
			if err != nil {
				t.Fatal(err)
			}
			dot := strings.LastIndexByte(v.JWS, '.')
			sig, err := base64url.DecodeString(v.JWS[dot+1:])
			if err != nil {
				t.Fatal(err)
			}
			if err := ver.Verify([]byte(v.JWS[:dot]), sig); err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

// TestAKPRoundTrip: for each parameter set, FromKey, MarshalJSON and Parse
// give back the same key, private and public; the public JWK has no priv;
// the key signs and verifies through Key.Signer and Key.Verifier.
func TestAKPRoundTrip(t *testing.T) {
	for _, alg := range []jwa.SignatureAlgorithm{jwa.ML_DSA_44, jwa.ML_DSA_65, jwa.ML_DSA_87} {
		t.Run(string(alg), func(t *testing.T) {
			sk := mldsaKey(t, alg, 9)
			k, err := FromKey(sk, WithKeyID("k1"))
			if err != nil {
				t.Fatal(err)
			}
			if k.KeyType() != jwa.KeyTypeAKP || k.Algorithm() != string(alg) || !k.IsPrivate() || k.Raw() != sk {
				t.Fatalf("FromKey: %v", k)
			}
			for _, key := range []*Key{k, k.Public()} {
				out, err := key.MarshalJSON()
				if err != nil {
					t.Fatal(err)
				}
				back, err := Parse(out)
				if err != nil || !back.Equal(key) || back.IsPrivate() != key.IsPrivate() || back.Algorithm() != string(alg) {
					t.Fatalf("re-parse: %v\n%s", err, out)
				}
				if hasPriv := bytes.Contains(out, []byte(`"priv"`)); hasPriv != key.IsPrivate() {
					t.Fatalf("priv member present: %v, private key: %v", hasPriv, key.IsPrivate())
				}
			}
			s, err := k.Signer(alg)
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.Sign([]byte("a.b"))
			if err != nil {
				t.Fatal(err)
			}
			v, err := k.Public().Verifier(alg)
			if err != nil || v.Verify([]byte("a.b"), sig) != nil {
				t.Fatalf("verify: %v", err)
			}
			// A key in an HSM: usable, public half exportable, private not.
			h, err := FromKey(hsmSigner{sk})
			if err != nil || h.Algorithm() != string(alg) || !h.Equal(k.Public()) {
				t.Fatalf("FromKey(signer): %v, %v", h, err)
			}
			if _, err := h.MarshalJSON(); !errors.Is(err, jwa.ErrInvalidKey) {
				t.Fatalf("MarshalJSON of a signer's key: %v", err)
			}
			if _, err := h.Public().MarshalJSON(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestAKPSet: an ML-DSA key in a set is kept and selected for its
// algorithm only; an AKP key for an algorithm not implemented is skipped.
func TestAKPSet(t *testing.T) {
	sk := mldsaKey(t, jwa.ML_DSA_65, 10)
	data := `{"keys":[` + string(akpObj(jwa.ML_DSA_65, sk).with("kid", "pq", "priv", nil).json(t)) +
		`,{"kty":"AKP","alg":"SLH-DSA-SHA2-128s","pub":"AAAA","kid":"pq"}]}`
	s, err := ParseSet([]byte(data))
	if err != nil || s.Len() != 1 {
		t.Fatalf("ParseSet: %v, %v", s, err)
	}
	if k := s.Keys()[0]; k.KeyType() != jwa.KeyTypeAKP || k.Algorithm() != "ML-DSA-65" {
		t.Fatalf("key: %v", k)
	}
}

// TestAKPRejections gives each bad AKP JWK its own row.
func TestAKPRejections(t *testing.T) {
	sk44, sk65 := mldsaKey(t, jwa.ML_DSA_44, 11), mldsaKey(t, jwa.ML_DSA_65, 11)
	good := akpObj(jwa.ML_DSA_44, sk44)
	pub44 := good["pub"].(string)
	other := mldsaKey(t, jwa.ML_DSA_44, 12)
	for _, tt := range []struct {
		name string
		data []byte
		want error
	}{
		{"alg missing", good.with("alg", nil).json(t), jwa.ErrMalformed},
		{"alg missing, public", good.with("alg", nil, "priv", nil).json(t), jwa.ErrMalformed},
		{"alg a number", good.with("alg", -48).json(t), jwa.ErrMalformed},
		{"alg ML-DSA-65 for an ML-DSA-44 pub", good.with("alg", "ML-DSA-65").json(t), jwa.ErrInvalidKey},
		{"alg ML-DSA-44 for an ML-DSA-65 pub", akpObj(jwa.ML_DSA_65, sk65).with("alg", "ML-DSA-44").json(t), jwa.ErrInvalidKey},
		{"alg of another family", good.with("alg", "EdDSA").json(t), jwa.ErrUnsupportedAlgorithm},
		{"alg not implemented", good.with("alg", "SLH-DSA-SHA2-128s").json(t), jwa.ErrUnsupportedAlgorithm},
		{"pub missing", good.with("pub", nil).json(t), jwa.ErrMalformed},
		{"pub one byte short", good.with("pub", b64(sk44.PublicKey().Bytes()[1:])).json(t), jwa.ErrInvalidKey},
		{"pub one byte long", good.with("pub", b64(append(sk44.PublicKey().Bytes(), 0))).json(t), jwa.ErrInvalidKey},
		{"pub huge", good.with("pub", strings.Repeat("A", 1<<20)).json(t), jwa.ErrInvalidKey},
		{"pub not base64url", good.with("pub", "+"+pub44[1:]).json(t), jwa.ErrMalformed},
		{"pub padded", good.with("pub", pub44+"=").json(t), jwa.ErrMalformed},
		{"pub empty", good.with("pub", "").json(t), jwa.ErrInvalidKey},
		{"priv of 31 bytes", good.with("priv", b64(make([]byte, 31))).json(t), jwa.ErrInvalidKey},
		{"priv of 33 bytes", good.with("priv", b64(make([]byte, 33))).json(t), jwa.ErrInvalidKey},
		{"priv the expanded key size", good.with("priv", b64(make([]byte, 2560))).json(t), jwa.ErrInvalidKey},
		{"priv empty", good.with("priv", "").json(t), jwa.ErrInvalidKey},
		{"priv not matching pub", good.with("priv", b64(other.Bytes())).json(t), jwa.ErrInvalidKey},
		{"priv a number", good.with("priv", 0).json(t), jwa.ErrMalformed},
		{"an OKP member", good.with("d", b64(sk44.Bytes())).json(t), jwa.ErrMalformed},
		{"an RSA member", good.with("n", "AQAB").json(t), jwa.ErrMalformed},
		{"pub in an OKP key", obj{"kty": "OKP", "crv": "Ed25519", "x": b64(make([]byte, 32)), "pub": pub44}.json(t), jwa.ErrMalformed},
		{"priv in an EC key", loadObj(t, "../testdata/jwk/rfc7517_A.1.public_keys.json", 0).with("priv", "AAAA").json(t), jwa.ErrMalformed},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k, err := Parse(tt.data)
			if k != nil || !errors.Is(err, tt.want) {
				t.Fatalf("Parse = %v, %v; want %v", k, err, tt.want)
			}
		})
	}
}

// TestAKPBinding: an AKP key serves its own parameter set only, in FromKey
// (ErrInvalidKey) and when bound to an algorithm (ErrAlgorithmNotAllowed).
func TestAKPBinding(t *testing.T) {
	sk := mldsaKey(t, jwa.ML_DSA_44, 13)
	var nilPriv *mldsa.PrivateKey
	var nilPub *mldsa.PublicKey
	for _, tt := range []struct {
		name string
		key  any
		opts []Option
	}{
		{"WithAlgorithm of another set", sk, []Option{WithAlgorithm(jwa.ML_DSA_65)}},
		{"WithAlgorithm of another family", sk.PublicKey(), []Option{WithAlgorithm(jwa.EdDSA)}},
		{"WithAlgorithm empty", sk, []Option{WithAlgorithm("")}},
		{"typed nil private key", nilPriv, nil},
		{"typed nil public key", nilPub, nil},
		{"zero private key", &mldsa.PrivateKey{}, nil},
		{"zero public key", &mldsa.PublicKey{}, nil},
		{"signer with a zero public key", hsmSigner{zeroPubSigner{}}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if k, err := FromKey(tt.key, tt.opts...); k != nil || !errors.Is(err, jwa.ErrInvalidKey) {
				t.Fatalf("FromKey = %v, %v; want ErrInvalidKey", k, err)
			}
		})
	}
	k, err := FromKey(sk)
	if err != nil {
		t.Fatal(err)
	}
	for _, alg := range []jwa.SignatureAlgorithm{jwa.ML_DSA_65, jwa.ML_DSA_87, jwa.EdDSA} {
		if _, err := k.Signer(alg); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
			t.Errorf("Signer(%s) = %v", alg, err)
		}
		if _, err := k.Verifier(alg); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
			t.Errorf("Verifier(%s) = %v", alg, err)
		}
	}
	if _, err := k.Public().Signer(jwa.ML_DSA_44); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("a public key signs: %v", err)
	}
	if s := k.String(); strings.Contains(s, b64(sk.Bytes())) || !strings.Contains(s, "ML-DSA-44") {
		t.Errorf("String() = %s", s)
	}
}

// zeroPubSigner is a crypto.Signer whose public key is the zero ML-DSA key.
type zeroPubSigner struct{}

func (zeroPubSigner) Public() crypto.PublicKey { return &mldsa.PublicKey{} }
func (zeroPubSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("unused")
}
