package jwa

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"math/big"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
)

// vectorFile is the shape of testdata/jwa/rfc*.json.
type vectorFile struct {
	Examples []struct {
		Section       string
		Alg           SignatureAlgorithm
		Deterministic bool
		Key           json.RawMessage
		SigInput      string `json:"sig-input"`
		Sig           string
	}
}

// checkVector verifies sig over input with the public key and, when the
// algorithm is deterministic, signs input and compares byte for byte.
func checkVector(t *testing.T, alg SignatureAlgorithm, key json.RawMessage, input, sig string, deterministic bool) {
	t.Helper()
	priv, pub := jwkKeys(t, key)
	want := b64(t, sig)
	v, err := alg.NewVerifier(pub)
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	if err := v.Verify([]byte(input), want); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	// A one-bit change anywhere in the input or the signature must fail.
	bad := bytes.Clone(want)
	bad[len(bad)/2] ^= 1
	if err := v.Verify([]byte(input), bad); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("Verify(flipped signature) = %v, want ErrInvalidSignature", err)
	}
	if err := v.Verify([]byte(input+"x"), want); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("Verify(changed input) = %v, want ErrInvalidSignature", err)
	}
	if !deterministic || priv == nil {
		return
	}
	s, err := alg.NewSigner(priv)
	if err != nil {
		t.Fatalf("NewSigner: %v", err)
	}
	got, err := s.Sign([]byte(input))
	if err != nil {
		t.Fatalf("Sign: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Sign = %x, want %x", got, want)
	}
}

func TestRFC7515AppendixA(t *testing.T) {
	var f vectorFile
	readJSON(t, filepath.Join("..", "testdata", "jwa", "rfc7515_appendix_a.json"), &f)
	if len(f.Examples) != 4 {
		t.Fatalf("%d examples, want 4", len(f.Examples))
	}
	for _, ex := range f.Examples {
		t.Run(ex.Section+"/"+string(ex.Alg), func(t *testing.T) {
			checkVector(t, ex.Alg, ex.Key, ex.SigInput, ex.Sig, ex.Deterministic)
		})
	}
}

// TestRFC8037AppendixA signs the A.4 input byte for byte with the A.1 key,
// and verifies the A.4 signature as A.5 does, under both names.
func TestRFC8037AppendixA(t *testing.T) {
	var f vectorFile
	readJSON(t, filepath.Join("..", "testdata", "jwa", "rfc8037_appendix_a.json"), &f)
	if len(f.Examples) != 1 {
		t.Fatalf("%d examples, want 1", len(f.Examples))
	}
	ex := f.Examples[0]
	for _, alg := range []SignatureAlgorithm{EdDSA, Ed25519} {
		t.Run(string(alg), func(t *testing.T) {
			checkVector(t, alg, ex.Key, ex.SigInput, ex.Sig, true)
		})
	}
}

// TestRFC7520Section4 checks the cookbook's single-signature JWS examples:
// RS256 and HS256 byte for byte, PS384 and ES512 by verification.
func TestRFC7520Section4(t *testing.T) {
	for _, tc := range []struct {
		file          string
		alg           SignatureAlgorithm
		deterministic bool
	}{
		{"4_1.rsa_v15_signature.json", RS256, true},
		{"4_2.rsa-pss_signature.json", PS384, false},
		{"4_3.ecdsa_signature.json", ES512, false},
		{"4_4.hmac-sha2_integrity_protection.json", HS256, true},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var ex struct {
				Input struct {
					Key json.RawMessage
					Alg SignatureAlgorithm
				}
				Signing struct {
					SigInput string `json:"sig-input"`
					Sig      string
				}
			}
			readJSON(t, filepath.Join("..", "testdata", "rfc7520", "jws", tc.file), &ex)
			if ex.Input.Alg != tc.alg {
				t.Fatalf("alg %q, want %q", ex.Input.Alg, tc.alg)
			}
			checkVector(t, tc.alg, ex.Input.Key, ex.Signing.SigInput, ex.Signing.Sig, tc.deterministic)
		})
	}
}

func TestKeyType(t *testing.T) {
	want := map[SignatureAlgorithm]KeyType{
		HS256: KeyTypeOct, HS384: KeyTypeOct, HS512: KeyTypeOct,
		RS256: KeyTypeRSA, RS384: KeyTypeRSA, RS512: KeyTypeRSA,
		PS256: KeyTypeRSA, PS384: KeyTypeRSA, PS512: KeyTypeRSA,
		ES256: KeyTypeEC, ES384: KeyTypeEC, ES512: KeyTypeEC,
		EdDSA: KeyTypeOKP, Ed25519: KeyTypeOKP,
		NoSignature: "",
	}
	if len(builtinSignatures) != len(allBuiltin) {
		t.Fatalf("%d built-in signature algorithms, want %d", len(builtinSignatures), len(allBuiltin))
	}
	for alg, kt := range want {
		if got := alg.KeyType(); got != kt {
			t.Errorf("%s.KeyType() = %q, want %q", alg, got, kt)
		}
	}
	if NoSignature.Available() {
		t.Error(`"none" is available`)
	}
	if _, err := NoSignature.NewVerifier([]byte{}); !errors.Is(err, ErrUnsupportedAlgorithm) {
		t.Errorf(`"none".NewVerifier = %v, want ErrUnsupportedAlgorithm`, err)
	}
}

// TestRoundTrip signs and verifies with every algorithm, with the concrete
// key and, for the asymmetric ones, through a crypto.Signer that hides it.
func TestRoundTrip(t *testing.T) {
	k := testKeys(t)
	input := []byte("eyJhbGciOiJ4In0.cGF5bG9hZA")
	wantLen := map[SignatureAlgorithm]int{
		HS256: 32, HS384: 48, HS512: 64,
		RS256: 256, RS384: 256, RS512: 256, PS256: 256, PS384: 256, PS512: 256,
		ES256: 64, ES384: 96, ES512: 132, EdDSA: 64, Ed25519: 64,
		ML_DSA_44: 2420, ML_DSA_65: 3309, ML_DSA_87: 4627, // FIPS 204 Table 2
	}
	for _, alg := range allBuiltin {
		priv, pub := k.pair(alg)
		signers := map[string]any{"key": priv}
		if cs, ok := priv.(crypto.Signer); ok {
			signers["crypto.Signer"] = opaqueSigner{cs}
		}
		for name, sk := range signers {
			t.Run(string(alg)+"/"+name, func(t *testing.T) {
				s, err := alg.NewSigner(sk)
				if err != nil {
					t.Fatalf("NewSigner: %v", err)
				}
				v, err := alg.NewVerifier(pub)
				if err != nil {
					t.Fatalf("NewVerifier: %v", err)
				}
				sig, err := s.Sign(input)
				if err != nil {
					t.Fatalf("Sign: %v", err)
				}
				if len(sig) != wantLen[alg] {
					t.Fatalf("signature of %d bytes, want %d", len(sig), wantLen[alg])
				}
				if err := v.Verify(input, sig); err != nil {
					t.Fatalf("Verify: %v", err)
				}
				sig[0] ^= 0x80
				if err := v.Verify(input, sig); !errors.Is(err, ErrInvalidSignature) {
					t.Fatalf("Verify(flipped) = %v, want ErrInvalidSignature", err)
				}
			})
		}
	}
}

// TestHMACConcurrent uses one signer from many goroutines (the pooled HMAC
// states must never be shared); run with -race.
func TestHMACConcurrent(t *testing.T) {
	k := testKeys(t)
	s, _ := HS256.NewSigner(k.hs256)
	v, _ := HS256.NewVerifier(k.hs256)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 50 {
				in := []byte{byte(i), byte(j)}
				sig, _ := s.Sign(in)
				if err := v.Verify(in, sig); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestNewKeyRejections gives every refused key its own row (T02, T03, T08,
// T09, T10, T11, T29).
func TestNewKeyRejections(t *testing.T) {
	k := testKeys(t)
	rsaPub := &k.rsa2048.PublicKey
	withE := func(e int) *rsa.PublicKey { return &rsa.PublicKey{N: rsaPub.N, E: e} }
	evenN := &rsa.PublicKey{N: new(big.Int).Lsh(rsaPub.N, 1), E: 65537}
	huge := &rsa.PublicKey{N: new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), maxRSABits), big.NewInt(1)), E: 65537}
	mismatched := bytes.Clone(k.ed)
	mismatched[40] ^= 1
	const sign, verify = true, false
	for _, tc := range []struct {
		name   string
		alg    SignatureAlgorithm
		signer bool
		key    any
	}{
		// HMAC (T08, T02)
		{"HS256 31-byte secret", HS256, sign, make([]byte, 31)},
		{"HS384 32-byte secret", HS384, verify, make([]byte, 32)},
		{"HS512 48-byte secret", HS512, sign, make([]byte, 48)},
		{"HS256 empty secret", HS256, verify, []byte{}},
		{"HS256 nil secret", HS256, sign, []byte(nil)},
		{"HS256 string secret", HS256, sign, "0123456789abcdef0123456789abcdef"},
		{"HS256 RSA public key", HS256, verify, rsaPub},
		{"HS256 Ed25519 public key", HS256, verify, k.ed.Public()},
		{"HS256 nil", HS256, sign, nil},

		// RSA (T09, T02)
		{"RS256 1024-bit signer", RS256, sign, k.rsa1024},
		{"PS256 1024-bit signer", PS256, sign, k.rsa1024},
		{"RS256 1024-bit verifier", RS256, verify, &k.rsa1024.PublicKey},
		{"PS384 1024-bit verifier", PS384, verify, &k.rsa1024.PublicKey},
		{"RS256 weak key for signing", RS256, sign, WeakRSAPublicKey{&k.rsa1024.PublicKey}},
		{"RS256 weak wrapper of 512 bits", RS256, verify, WeakRSAPublicKey{&rsa.PublicKey{N: new(big.Int).Rsh(rsaPub.N, 1536), E: 65537}}},
		{"RS256 weak wrapper nil key", RS256, verify, WeakRSAPublicKey{}},
		{"RS256 nil *WeakRSAPublicKey", RS256, verify, (*WeakRSAPublicKey)(nil)},
		{"RS256 e=1", RS256, verify, withE(1)},
		{"RS256 e=65536", RS256, verify, withE(65536)},
		{"RS256 e=0", RS256, verify, withE(0)},
		{"RS256 e=-3", RS256, verify, withE(-3)},
		{"RS256 even modulus", RS256, verify, evenN},
		{"RS256 modulus over 16384 bits", RS256, verify, huge},
		{"RS256 signer with e=1", RS256, sign, fakeSigner{pub: withE(1)}},
		{"RS256 typed nil private key", RS256, sign, (*rsa.PrivateKey)(nil)},
		{"RS256 typed nil public key", RS256, verify, (*rsa.PublicKey)(nil)},
		{"RS256 empty private key", RS256, sign, &rsa.PrivateKey{}},
		{"RS256 empty public key", RS256, verify, &rsa.PublicKey{}},
		{"RS256 private key to verifier", RS256, verify, k.rsa2048},
		{"RS256 []byte", RS256, sign, []byte("0123456789abcdef0123456789abcdef")},
		{"RS256 []byte verifier", RS256, verify, []byte("0123456789abcdef0123456789abcdef")},
		{"RS256 EC key", RS256, sign, k.p256},
		{"PS256 EC public key", PS256, verify, &k.p256.PublicKey},
		{"RS256 Ed25519 key", RS256, sign, k.ed},

		// ECDSA (T10, T02)
		{"ES256 P-384 signer", ES256, sign, k.p384},
		{"ES256 P-384 verifier", ES256, verify, &k.p384.PublicKey},
		{"ES384 P-521 verifier", ES384, verify, &k.p521.PublicKey},
		{"ES512 P-256 signer", ES512, sign, opaqueSigner{k.p256}},
		{"ES256 typed nil private key", ES256, sign, (*ecdsa.PrivateKey)(nil)},
		{"ES256 typed nil public key", ES256, verify, (*ecdsa.PublicKey)(nil)},
		{"ES256 public key without point", ES256, verify, &ecdsa.PublicKey{Curve: elliptic.P256()}},
		{"ES256 private key without scalar", ES256, sign, &ecdsa.PrivateKey{PublicKey: k.p256.PublicKey}},
		{"ES256 public key with nil curve", ES256, verify, &ecdsa.PublicKey{}},
		{"ES256 private key to verifier", ES256, verify, k.p256},
		{"ES256 RSA key", ES256, sign, k.rsa2048},
		{"ES256 []byte", ES256, verify, make([]byte, 64)},

		// Ed25519 (T11, T02)
		{"EdDSA typed nil public key", EdDSA, verify, ed25519.PublicKey(nil)},
		{"EdDSA typed nil private key", EdDSA, sign, ed25519.PrivateKey(nil)},
		{"EdDSA 31-byte public key", EdDSA, verify, ed25519.PublicKey(make([]byte, 31))},
		{"Ed25519 33-byte public key", Ed25519, verify, ed25519.PublicKey(make([]byte, 33))},
		{"EdDSA 32-byte seed as private key", EdDSA, sign, ed25519.PrivateKey(k.ed.Seed())},
		{"EdDSA mismatched public half", EdDSA, sign, mismatched},
		{"EdDSA private key to verifier", EdDSA, verify, k.ed},
		{"EdDSA []byte public key", EdDSA, verify, []byte(k.ed.Public().(ed25519.PublicKey))},
		{"EdDSA RSA key", EdDSA, sign, k.rsa2048},
		{"Ed25519 EC public key", Ed25519, verify, &k.p256.PublicKey},
		{"Ed25519 signer with short public key", Ed25519, sign, fakeSigner{pub: ed25519.PublicKey(make([]byte, 31))}},

		// crypto.Signer misuse (T29)
		{"RS256 nil crypto.Signer", RS256, sign, crypto.Signer(nil)},
		{"ES256 typed nil crypto.Signer", ES256, sign, (*opaqueSigner)(nil)},
		{"EdDSA typed nil crypto.Signer", EdDSA, sign, crypto.Signer((*opaqueSigner)(nil))},
		{"RS256 signer whose Public panics", RS256, sign, fakeSigner{panic: true}},
		{"ES256 signer whose Public is nil", ES256, sign, fakeSigner{}},
		{"PS256 signer whose Public is a typed nil", PS256, sign, fakeSigner{pub: (*rsa.PublicKey)(nil)}},
		{"ES256 signer whose Public is a typed nil", ES256, sign, fakeSigner{pub: (*ecdsa.PublicKey)(nil)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.signer {
				_, err = tc.alg.NewSigner(tc.key)
			} else {
				_, err = tc.alg.NewVerifier(tc.key)
			}
			if !errors.Is(err, ErrInvalidKey) {
				t.Fatalf("err = %v, want ErrInvalidKey", err)
			}
		})
	}
}

// TestECDSAMismatchedPrivateKey refuses a private key whose scalar does
// not match its public point.
func TestECDSAMismatchedPrivateKey(t *testing.T) {
	k := testKeys(t)
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := other.Bytes()
	bad, _ := ecdsa.ParseRawPrivateKey(elliptic.P256(), d)
	bad.PublicKey = k.p256.PublicKey
	if _, err := ES256.NewSigner(bad); !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("err = %v, want ErrInvalidKey", err)
	}
}

func TestWeakRSAPublicKey(t *testing.T) {
	k := testKeys(t)
	input := []byte("legacy")
	// A signature made by the 1024-bit key outside jwa, as an old issuer did.
	d := sha256.Sum256(input)
	sig, err := rsa.SignPKCS1v15(nil, k.rsa1024, crypto.SHA256, d[:])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RS256.NewVerifier(&k.rsa1024.PublicKey); !errors.Is(err, ErrInvalidKey) {
		t.Fatalf("plain 1024-bit key: %v, want ErrInvalidKey", err)
	}
	fipstest.SkipUnapproved(t, "a 1024-bit RSA key", false)
	for _, key := range []any{WeakRSAPublicKey{&k.rsa1024.PublicKey}, &WeakRSAPublicKey{&k.rsa1024.PublicKey}} {
		v, err := RS256.NewVerifier(key)
		if err != nil {
			t.Fatalf("NewVerifier(%T): %v", key, err)
		}
		if err := v.Verify(input, sig); err != nil {
			t.Fatalf("Verify: %v", err)
		}
	}
	// The wrapper also takes a full-size key.
	if _, err := PS256.NewVerifier(WeakRSAPublicKey{&k.rsa2048.PublicKey}); err != nil {
		t.Fatalf("2048-bit key in the wrapper: %v", err)
	}
}

// TestVerifyRejections gives every refused signature its own row (T12,
// T13, T15, T16, T17, T18).
func TestVerifyRejections(t *testing.T) {
	k := testKeys(t)
	input := []byte("eyJhbGciOiJ4In0.cGF5bG9hZA")
	sign := func(alg SignatureAlgorithm) []byte {
		priv, _ := k.pair(alg)
		s, err := alg.NewSigner(priv)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := s.Sign(input)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	hs, rs, ps, es, ed := sign(HS256), sign(RS256), sign(PS256), sign(ES256), sign(EdDSA)

	n := elliptic.P256().Params().N
	scalar := func(v *big.Int) []byte { return v.FillBytes(make([]byte, 32)) }
	join := func(a, b []byte) []byte { return append(bytes.Clone(a), b...) }
	r, s := es[:32], es[32:]
	der, err := ecdsa.SignASN1(rand.Reader, k.p256, digest(crypto.SHA256, input, new([64]byte)))
	if err != nil {
		t.Fatal(err)
	}
	// s and n-s both verify in ECDSA; n+s would be the same value mod n
	// but is not below n and must be refused before crypto/ecdsa sees it.
	sPlusN := new(big.Int).Add(new(big.Int).SetBytes(s), n)
	var sPlusNBytes []byte
	if sPlusN.BitLen() <= 256 {
		sPlusNBytes = scalar(sPlusN)
	}

	// PSS with a salt other than the hash length verifies only with salt
	// detection, which RFC 7518 §3.5 does not call for.
	d := sha256.Sum256(input)
	psShortSalt, err := rsa.SignPSS(rand.Reader, k.rsa2048, crypto.SHA256, d[:], &rsa.PSSOptions{SaltLength: 20})
	if err != nil {
		t.Fatal(err)
	}
	// The longest salt the modulus allows, given explicitly: in FIPS 140-3
	// mode PSSSaltLengthAuto stops at the hash length.
	psMaxSalt, err := rsa.SignPSS(rand.Reader, k.rsa2048, crypto.SHA256, d[:], &rsa.PSSOptions{SaltLength: k.rsa2048.Size() - sha256.Size - 2})
	if err != nil {
		t.Fatal(err)
	}
	// RS256 with SHA-384 inside: the DigestInfo names the wrong hash.
	d384 := digest(crypto.SHA384, input, new([64]byte))
	rsWrongHash, err := rsa.SignPKCS1v15(nil, k.rsa2048, crypto.SHA384, d384)
	if err != nil {
		t.Fatal(err)
	}

	// Ed25519: S + L encodes the same scalar non-canonically (T15).
	edL, _ := new(big.Int).SetString("7237005577332262213973186563042994240857116359379907606001950938285454250989", 10)
	edS := new(big.Int).SetBytes(reverse(ed[32:]))
	edNonCanonical := append(bytes.Clone(ed[:32]), reverse(new(big.Int).Add(edS, edL).FillBytes(make([]byte, 32)))...)

	// msg, where set, is a part of the error text that shows the check
	// was made by jwa itself, before crypto/ecdsa.
	type row struct {
		name string
		alg  SignatureAlgorithm
		sig  []byte
		msg  string
	}
	rows := []row{
		{"HS256 truncated tag", HS256, hs[:16], ""},
		{"HS256 one byte short", HS256, hs[:31], ""},
		{"HS256 one byte long", HS256, join(hs, []byte{0}), ""},
		{"HS256 empty", HS256, nil, ""},
		{"HS256 wrong tag", HS256, make([]byte, 32), ""},
		{"HS384 HS256 tag", HS384, hs, ""},

		{"RS256 empty", RS256, nil, ""},
		{"RS256 truncated", RS256, rs[:255], ""},
		{"RS256 leading zero added", RS256, join([]byte{0}, rs), ""},
		{"RS256 verifying a PS256 signature", RS256, ps, ""},
		{"PS256 verifying an RS256 signature", PS256, rs, ""},
		{"PS256 salt of 20 bytes", PS256, psShortSalt, ""},
		{"PS256 maximal salt", PS256, psMaxSalt, ""},
		{"RS256 SHA-384 DigestInfo", RS256, rsWrongHash, ""},
		{"RS384 verifying an RS256 signature", RS384, rs, ""},

		{"ES256 empty", ES256, nil, ""},
		{"ES256 63 bytes", ES256, es[:63], ""},
		{"ES256 65 bytes", ES256, join(es, []byte{0}), ""},
		{"ES256 DER", ES256, der, ""},
		{"ES256 r = 0", ES256, join(make([]byte, 32), s), "group order"},
		{"ES256 s = 0", ES256, join(r, make([]byte, 32)), "group order"},
		{"ES256 r = s = 0", ES256, make([]byte, 64), "group order"},
		{"ES256 r = n", ES256, join(scalar(n), s), "group order"},
		{"ES256 s = n", ES256, join(r, scalar(n)), "group order"},
		{"ES256 s = n+1", ES256, join(r, scalar(new(big.Int).Add(n, big.NewInt(1)))), "group order"},
		{"ES256 s = 2^256-1", ES256, join(r, bytes.Repeat([]byte{0xff}, 32)), "group order"},
		{"ES384 ES256 signature", ES384, es, ""},

		{"EdDSA empty", EdDSA, nil, ""},
		{"EdDSA 63 bytes", EdDSA, ed[:63], ""},
		{"EdDSA 65 bytes", EdDSA, join(ed, []byte{0}), ""},
		{"EdDSA non-canonical S (S+L)", EdDSA, edNonCanonical, ""},
		{"Ed25519 non-canonical S (S+L)", Ed25519, edNonCanonical, ""},
	}
	if sPlusNBytes != nil {
		rows = append(rows, row{"ES256 s+n", ES256, join(r, sPlusNBytes), "group order"})
	}
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			_, pub := k.pair(tc.alg)
			v, err := tc.alg.NewVerifier(pub)
			if err != nil {
				t.Fatal(err)
			}
			err = v.Verify(input, tc.sig)
			if !errors.Is(err, ErrInvalidSignature) {
				t.Fatalf("err = %v, want ErrInvalidSignature", err)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("err = %v, want it to mention %q", err, tc.msg)
			}
		})
	}

	// The control rows: the untouched signatures verify, and so does the
	// malleated ECDSA signature (r, n-s), which is why a signature must not
	// serve as a token identity (T14).
	_, ecPub := k.pair(ES256)
	v, _ := ES256.NewVerifier(ecPub)
	if err := v.Verify(input, es); err != nil {
		t.Fatalf("ES256 control: %v", err)
	}
	if err := v.Verify(input, join(r, scalar(new(big.Int).Sub(n, new(big.Int).SetBytes(s))))); err != nil {
		t.Fatalf("ES256 (r, n-s): %v", err)
	}
	_, edPub := k.pair(EdDSA)
	ev, _ := EdDSA.NewVerifier(edPub)
	if err := ev.Verify(input, ed); err != nil {
		t.Fatalf("EdDSA control: %v", err)
	}
}

func reverse(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		out[len(b)-1-i] = c
	}
	return out
}

// TestSignerOutputChecked refuses what a faulty crypto.Signer returns.
func TestSignerOutputChecked(t *testing.T) {
	k := testKeys(t)
	for _, tc := range []struct {
		alg SignatureAlgorithm
		pub crypto.PublicKey
		out []byte
	}{
		{RS256, &k.rsa2048.PublicKey, make([]byte, 255)},
		{PS256, &k.rsa2048.PublicKey, nil},
		{ES256, &k.p256.PublicKey, make([]byte, 64)},                        // R||S, not DER
		{ES256, &k.p256.PublicKey, []byte{0x30, 0x06, 2, 1, 1, 2, 1}},       // truncated
		{ES256, &k.p256.PublicKey, []byte{0x30, 0x06, 2, 1, 1, 2, 1, 0x80}}, // negative s
		{EdDSA, k.ed.Public(), make([]byte, 63)},
	} {
		s, err := tc.alg.NewSigner(fakeSigner{pub: tc.pub, out: tc.out})
		if err != nil {
			t.Fatalf("%s NewSigner: %v", tc.alg, err)
		}
		if sig, err := s.Sign([]byte("x")); err == nil {
			t.Errorf("%s: Sign returned %x with no error", tc.alg, sig)
		}
	}
}

func TestDERToRS(t *testing.T) {
	for _, tc := range []struct {
		name string
		der  []byte
		ok   bool
		r, s byte
	}{
		{"minimal", []byte{0x30, 6, 2, 1, 5, 2, 1, 7}, true, 5, 7},
		{"positive with leading zero", []byte{0x30, 8, 2, 2, 0, 0x80, 2, 2, 0, 0xff}, true, 0x80, 0xff},
		{"trailing data", []byte{0x30, 6, 2, 1, 5, 2, 1, 7, 0}, false, 0, 0},
		{"data inside after s", []byte{0x30, 7, 2, 1, 5, 2, 1, 7, 0}, false, 0, 0},
		{"non-minimal integer", []byte{0x30, 7, 2, 2, 0, 5, 2, 1, 7}, false, 0, 0},
		{"negative", []byte{0x30, 6, 2, 1, 0x85, 2, 1, 7}, false, 0, 0},
		{"empty integer", []byte{0x30, 5, 2, 0, 2, 1, 7}, false, 0, 0},
		{"wrong tag", []byte{0x31, 6, 2, 1, 5, 2, 1, 7}, false, 0, 0},
		{"non-minimal long length", []byte{0x30, 0x81, 6, 2, 1, 5, 2, 1, 7}, false, 0, 0},
		{"two-byte length", []byte{0x30, 0x82, 0, 6, 2, 1, 5, 2, 1, 7}, false, 0, 0},
		{"short", []byte{0x30}, false, 0, 0},
		{"empty", nil, false, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, s := make([]byte, 4), make([]byte, 4)
			if got := derToRS(tc.der, r, s); got != tc.ok {
				t.Fatalf("derToRS = %v, want %v", got, tc.ok)
			}
			if tc.ok && (!bytes.Equal(r, []byte{0, 0, 0, tc.r}) || !bytes.Equal(s, []byte{0, 0, 0, tc.s})) {
				t.Fatalf("r, s = %x, %x", r, s)
			}
		})
	}
	// Too long for the field.
	if derToRS([]byte{0x30, 8, 2, 2, 1, 1, 2, 2, 1, 1}, make([]byte, 1), make([]byte, 1)) {
		t.Fatal("a 2-byte integer fit in 1 byte")
	}
	// The encoder and the parser agree on every size up to P-521's.
	for size := 1; size <= 66; size++ {
		r := bytes.Repeat([]byte{0xff}, size)
		s := append([]byte{0}, bytes.Repeat([]byte{0x01}, size-1)...)
		s[len(s)-1] = 1
		gotR, gotS := make([]byte, size), make([]byte, size)
		if !derToRS(rsToDER(nil, r, s), gotR, gotS) || !bytes.Equal(gotR, r) || !bytes.Equal(gotS, s) {
			t.Fatalf("size %d: DER round trip failed", size)
		}
	}
}

func TestRegisterSignature(t *testing.T) {
	// Declared approved, so that the test runs in FIPS 140-3 mode too;
	// fips_test.go tests a registration that declares nothing.
	custom := declaredScheme{hmacScheme{alg: "X-TEST-HS256", hash: crypto.SHA256}}
	const name SignatureAlgorithm = "X-TEST-HS256"
	if name.Available() {
		t.Fatal("registered before the test")
	}
	if err := RegisterSignature(name, custom); err != nil {
		t.Fatalf("first RegisterSignature: %v", err)
	}
	if !name.Available() || name.KeyType() != KeyTypeOct {
		t.Fatal("registered algorithm not found")
	}
	if _, err := name.NewSigner(make([]byte, 32)); err != nil {
		t.Fatalf("NewSigner of the registered algorithm: %v", err)
	}
	if err := RegisterSignature(name, custom); !errors.Is(err, ErrAlreadyRegistered) {
		t.Fatalf("second RegisterSignature = %v, want ErrAlreadyRegistered", err)
	}
	for _, alg := range allBuiltin {
		if err := RegisterSignature(alg, custom); !errors.Is(err, ErrAlreadyRegistered) {
			t.Errorf("RegisterSignature(%s) = %v, want ErrAlreadyRegistered", alg, err)
		}
		if s, _ := alg.Scheme(); s != builtinSignatures[alg] {
			t.Errorf("%s was replaced", alg)
		}
	}
	if err := RegisterSignature(NoSignature, custom); err == nil {
		t.Error(`RegisterSignature("none") succeeded`)
	}
	if NoSignature.Available() {
		t.Error(`"none" became available`)
	}
	if err := RegisterSignature("", custom); err == nil {
		t.Error(`RegisterSignature("") succeeded`)
	}
	if err := RegisterSignature("X-TEST-NIL", nil); err == nil {
		t.Error("RegisterSignature(nil scheme) succeeded")
	}
}

// declaredScheme is a signature scheme that declares itself approved for
// FIPS 140-3 mode.
type declaredScheme struct{ SignatureScheme }

func (declaredScheme) FIPSStatus() FIPSStatus { return FIPSStatus{Approved: true, Basis: "a test"} }
