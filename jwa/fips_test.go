package jwa

import (
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/fips140"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
)

// The tests of FIPS 140-3 mode. The first ones run in every mode: they
// check the status table and the rules themselves. The TestFIPSMode ones
// need FIPS 140-3 mode (`make test` runs them with fips140=on and with
// fips140=only) and check what the package refuses there.

// TestFIPSTableCovers: every algorithm this package names has a status
// with a basis, so that adding an algorithm without deciding its status
// fails here.
func TestFIPSTableCovers(t *testing.T) {
	sigs := append(append([]SignatureAlgorithm{}, allBuiltin...), ES256K, Ed448, NoSignature, ML_DSA_44, ML_DSA_65, ML_DSA_87)
	for a := range builtinSignatures {
		sigs = append(sigs, a)
	}
	for _, a := range sigs {
		if row, ok := signatureFIPS[a]; !ok || row.Basis == "" {
			t.Errorf("signature algorithm %s has no FIPS status", a)
		}
	}
	for a := range builtinKeyManagement {
		if row, ok := keyManagementFIPS[a]; !ok || row.Basis == "" {
			t.Errorf("key management algorithm %s has no FIPS status", a)
		}
	}
	for e := range builtinContent {
		if row, ok := contentFIPS[e]; !ok || row.Basis == "" {
			t.Errorf("content encryption %s has no FIPS status", e)
		}
	}
	for _, c := range []Curve{P256, P384, P521, CurveEd25519, X25519, X448, CurveEd448, Secp256k1} {
		if row, ok := curveFIPS[c]; !ok || row.Basis == "" {
			t.Errorf("curve %s has no FIPS status", c)
		}
	}
}

// TestFIPSStatuses pins the status of every algorithm, checked one by one
// against Go's module and the NIST documents (see fips_table.go).
func TestFIPSStatuses(t *testing.T) {
	notApprovedSigs := []SignatureAlgorithm{ES256K, Ed448, NoSignature}
	for _, a := range append(allBuiltin, notApprovedSigs...) {
		want := !strings.Contains(" ES256K Ed448 none ", " "+string(a)+" ")
		if st := a.FIPS(); st.Approved != want || st.Basis == "" {
			t.Errorf("%s: %v, want approved %v", a, st, want)
		}
	}
	notApprovedKM := " RSA1_5 RSA-OAEP HPKE-3 HPKE-3-KE HPKE-4 HPKE-4-KE HPKE-9 HPKE-9-KE HPKE-11 HPKE-11-KE HPKE-13 HPKE-13-KE HPKE-15 HPKE-15-KE HPKE-17 HPKE-17-KE "
	for a := range builtinKeyManagement {
		want := !strings.Contains(notApprovedKM, " "+string(a)+" ")
		if st := a.FIPS(); st.Approved != want {
			t.Errorf("%s: %v, want approved %v", a, st, want)
		}
	}
	for _, e := range allContent {
		want := e != C20P && e != XC20P
		if st := e.FIPS(); st.Approved != want {
			t.Errorf("%s: %v, want approved %v", e, st, want)
		}
	}
	for c, want := range map[Curve]bool{P256: true, P384: true, P521: true, CurveEd25519: true, X25519: false, X448: false, CurveEd448: false, Secp256k1: false, "P-192": false} {
		if got := c.FIPS().Approved; got != want {
			t.Errorf("curve %s: approved %v, want %v", c, got, want)
		}
	}
	if st := KeyAlgorithm("X-UNKNOWN").FIPS(); st.Approved || st.Basis != "not implemented" {
		t.Errorf("unknown algorithm: %v", st)
	}
	if got := RSA1_5.FIPS().String(); !strings.HasPrefix(got, "not approved: ") || !strings.Contains(got, "SP 800-131A") {
		t.Errorf("RSA1_5 status %q", got)
	}
	if got := A128GCM.FIPS().String(); !strings.HasPrefix(got, "approved: ") || !strings.Contains(got, "SP 800-38D") {
		t.Errorf("A128GCM status %q", got)
	}
}

// undeclared and declared are content schemes that an application
// registers: the first says nothing about FIPS 140-3, the second declares
// itself approved.
type undeclared struct{ ContentScheme }
type declared struct{ ContentScheme }

func (declared) FIPSStatus() FIPSStatus {
	return FIPSStatus{Approved: true, Basis: "validated elsewhere"}
}

// TestFIPSRegisteredStatus: a registered algorithm is not approved unless
// its registration declares it, and a declaration never overrides a name
// the table lists as not approved.
func TestFIPSRegisteredStatus(t *testing.T) {
	if err := RegisterContentEncryption("X-FIPS-UNDECLARED", undeclared{builtinContent[A128GCM]}); err != nil {
		t.Fatal(err)
	}
	if err := RegisterContentEncryption("X-FIPS-DECLARED", declared{builtinContent[A128GCM]}); err != nil {
		t.Fatal(err)
	}
	if st := ContentEncryption("X-FIPS-UNDECLARED").FIPS(); st.Approved || !strings.Contains(st.Basis, "FIPSDeclarer") {
		t.Errorf("undeclared registration: %v", st)
	}
	if st := ContentEncryption("X-FIPS-DECLARED").FIPS(); !st.Approved || st.Basis != "validated elsewhere" {
		t.Errorf("declared registration: %v", st)
	}
	// ES256K as an extension registers it, declaring approval: the table's
	// "not approved" stands.
	row := signatureFIPS[ES256K]
	if st := statusOf(signatureFIPS, ES256K, false, declaredScheme{}); st != row {
		t.Errorf("a declaration overrode ES256K's row: %v", st)
	}
	// A name only (ML-DSA before Go 1.27) registered without a declaration.
	if st := statusOf(signatureFIPS, ML_DSA_44, false, hmacScheme{}); st.Approved {
		t.Errorf("an undeclared registration of ML-DSA-44 is approved: %v", st)
	}
	if fipsMode {
		_, err := ContentEncryption("X-FIPS-UNDECLARED").NewCipher(make([]byte, 16))
		fipstest.CheckRefusal(t, err, ErrNotApproved, "X-FIPS-UNDECLARED", "FIPSDeclarer")
		if _, err := ContentEncryption("X-FIPS-DECLARED").NewCipher(make([]byte, 16)); err != nil {
			t.Errorf("declared registration refused: %v", err)
		}
	}
}

// fipsTestKeys are keys that FIPS 140-3 mode refuses, and ones it takes.
type fipsTestKeys struct {
	x25519                              *ecdh.PrivateKey
	rsa1024, rsa2048, rsaE3, rsa3PrimeK *rsa.PrivateKey
	p256                                *ecdsa.PrivateKey
}

func newFIPSTestKeys(t *testing.T) fipsTestKeys {
	t.Helper()
	var k fipsTestKeys
	var err error
	// X25519 and the odd RSA keys are test inputs: under fips140=only
	// crypto/ refuses to make them.
	fips140.WithoutEnforcement(func() {
		k.x25519, err = ecdh.X25519().GenerateKey(rand.Reader)
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := testKeys(t)
	k.rsa1024, k.rsa2048 = keys.rsa1024, keys.rsa2048
	// The same modulus with e = 3 is not a valid private key, but binding
	// checks the public half: an encrypter and a verifier see only that.
	k.rsaE3 = &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: k.rsa2048.N, E: 3}}
	k.rsa3PrimeK = &rsa.PrivateKey{PublicKey: k.rsa2048.PublicKey, D: k.rsa2048.D,
		Primes: []*big.Int{k.rsa2048.Primes[0], k.rsa2048.Primes[1], big.NewInt(3)}}
	if k.p256, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		t.Fatal(err)
	}
	return k
}

// TestFIPSKeyRules checks each key rule of FIPS 140-3 mode with a hostile
// key; it runs in every mode, since CheckFIPSKey answers the same.
func TestFIPSKeyRules(t *testing.T) {
	k := newFIPSTestKeys(t)
	odd := new(big.Int).Lsh(big.NewInt(1), 3072) // 3073 bits
	odd.Add(odd, big.NewInt(1))
	for _, tc := range []struct {
		name string
		key  any
		why  string // "" when the key is allowed
	}{
		{"X25519 public key", k.x25519.PublicKey(), "X25519"},
		{"X25519 private key", k.x25519, "X25519"},
		{"extension curve", &fakePub{k.x25519.PublicKey()}, "outside Go's FIPS 140-3 module"},
		{"1024-bit RSA public key", &k.rsa1024.PublicKey, "1024-bit RSA key"},
		{"1024-bit RSA private key", k.rsa1024, "1024-bit RSA key"},
		{"1024-bit WeakRSAPublicKey", WeakRSAPublicKey{&k.rsa1024.PublicKey}, "SP 800-131A"},
		{"1024-bit *WeakRSAPublicKey", &WeakRSAPublicKey{&k.rsa1024.PublicKey}, "SP 800-131A"},
		{"1024-bit RSA crypto.Signer", hiddenSigner{k.rsa1024}, "1024-bit RSA key"},
		{"1024-bit RSA crypto.Decrypter", smallRSADecrypter{k.rsa2048}, "1024-bit RSA key"},
		{"RSA e = 3", &k.rsaE3.PublicKey, "more than 2^16"},
		{"RSA e = 65535", &rsa.PublicKey{N: k.rsa2048.N, E: 65535}, "more than 2^16"},
		{"RSA modulus of 3073 bits", &rsa.PublicKey{N: odd, E: 65537}, "odd length"},
		{"RSA private key of three primes", k.rsa3PrimeK, "two primes of equal length"},
		{"RSA private key of unequal primes", &rsa.PrivateKey{PublicKey: k.rsa2048.PublicKey,
			Primes: []*big.Int{big.NewInt(3), new(big.Int).Lsh(big.NewInt(1), 2040)}}, "two primes of equal length"},

		{"2048-bit RSA private key", k.rsa2048, ""},
		{"2048-bit RSA public key", &k.rsa2048.PublicKey, ""},
		{"2048-bit WeakRSAPublicKey", WeakRSAPublicKey{&k.rsa2048.PublicKey}, ""},
		{"2048-bit RSA crypto.Signer", hiddenSigner{k.rsa2048}, ""},
		{"P-256 ECDSA key", k.p256, ""},
		{"P-256 ECDH key", mustECDH(t, k.p256), ""},
		{"secret", []byte("0123456789abcdef"), ""},
		{"nil", nil, ""},
		{"typed nil", (*rsa.PublicKey)(nil), ""},
		{"Signer whose Public panics", (*nilDecrypter)(nil), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckFIPSKey(tc.key)
			if tc.why == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			fipstest.CheckRefusal(t, err, ErrNotApproved, "", tc.why)
			// Binding names the algorithm too.
			fipstest.CheckRefusal(t, fipsKeyError("RS256", tc.key), ErrNotApproved, "RS256", tc.why)
		})
	}
}

// hiddenSigner hides an *rsa.PrivateKey behind crypto.Signer.
type hiddenSigner struct{ crypto.Signer }

func mustECDH(t *testing.T, k *ecdsa.PrivateKey) *ecdh.PrivateKey {
	t.Helper()
	e, err := k.ECDH()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestGCMBothPaths: the AES-GCM of FIPS 140-3 mode (IV drawn by the module)
// and the standard one read each other's output, in both directions, for
// content encryption and key wrapping, and the FIPS one opens the published
// vectors. It runs in every mode: NewGCMWithRandomNonce works outside FIPS
// 140-3 mode too.
func TestGCMBothPaths(t *testing.T) {
	for _, enc := range []ContentEncryption{A128GCM, A192GCM, A256GCM} {
		t.Run(string(enc), func(t *testing.T) {
			key := testKey(enc, 9)
			block, _ := aes.NewCipher(key)
			fips, err := newGCMRandomIV(block, openError(enc))
			if err != nil {
				t.Fatal(err)
			}
			std := newTestAEAD(t, enc, key)
			aad := []byte("eyJhbGciOiJkaXIifQ")
			for _, n := range []int{0, 1, 16, 33, 1000} {
				pt := bytes.Repeat([]byte{'x'}, n)
				for _, pair := range [][2]ContentCipher{{fips, std}, {std, fips}, {fips, fips}} {
					s, err := pair[0].Seal(pt, aad)
					if err != nil {
						t.Fatal(err)
					}
					if len(s.IV) != 12 || len(s.Ciphertext) != n || len(s.Tag) != 16 {
						t.Fatalf("parts of %d, %d, %d bytes", len(s.IV), len(s.Ciphertext), len(s.Tag))
					}
					got, err := pair[1].Open(s, aad)
					if err != nil || !bytes.Equal(got, pt) {
						t.Fatalf("Open: %q, %v", got, err)
					}
					ctTag := append(bytes.Clone(s.Ciphertext), s.Tag...)
					got, err = pair[1].(inPlaceOpener).OpenInPlace(s.IV, ctTag, aad)
					if err != nil || !bytes.Equal(got, pt) || (n > 0 && &got[0] != &ctTag[0]) {
						t.Fatalf("OpenInPlace: %q, %v", got, err)
					}
				}
			}
			// Tampering and wrong lengths fail alike, with ErrDecryption.
			s, _ := fips.Seal([]byte("attack at dawn"), aad)
			for name, bad := range map[string]Sealed{
				"flipped ciphertext": {s.IV, flipFirst(s.Ciphertext), s.Tag},
				"flipped tag":        {s.IV, s.Ciphertext, flipFirst(s.Tag)},
				"flipped IV":         {flipFirst(s.IV), s.Ciphertext, s.Tag},
				"IV of 11 bytes":     {s.IV[:11], s.Ciphertext, s.Tag},
				"IV of 16 bytes":     {append(bytes.Clone(s.IV), 1, 2, 3, 4), s.Ciphertext, s.Tag},
				"tag of 15 bytes":    {s.IV, s.Ciphertext, s.Tag[:15]},
				"no tag":             {s.IV, s.Ciphertext, nil},
			} {
				if got, err := fips.Open(bad, aad); !errors.Is(err, ErrDecryption) || got != nil {
					t.Errorf("%s: %q, %v", name, got, err)
				}
				if got, err := fips.OpenInPlace(bad.IV, append(bytes.Clone(bad.Ciphertext), bad.Tag...), aad); !errors.Is(err, ErrDecryption) || got != nil {
					t.Errorf("%s in place: %q, %v", name, got, err)
				}
			}
			if _, err := fips.Open(s, []byte("other aad")); !errors.Is(err, ErrDecryption) {
				t.Errorf("other aad: %v", err)
			}
			// Appending to one part leaves the next alone.
			buf, s2, _ := fips.AppendSeal([]byte("prefix"), []byte("plaintext"), aad)
			tag := bytes.Clone(s2.Tag)
			_ = append(s2.Ciphertext, 0xff, 0xff)
			if !bytes.Equal(s2.Tag, tag) || string(buf[:6]) != "prefix" {
				t.Fatal("AppendSeal's parts overlap")
			}
		})
	}
	// The published vectors (fixed IVs) open on the FIPS path.
	var vs []contentVector
	readJSON(t, "../testdata/jwa/rfc7516_appendix_a_content.json", &vs)
	opened := 0
	for _, v := range vs {
		if v.Enc != A256GCM {
			continue
		}
		block, _ := aes.NewCipher(unhex(t, v.Key))
		fips, _ := newGCMRandomIV(block, openError(v.Enc))
		got, err := fips.Open(Sealed{unhex(t, v.IV), unhex(t, v.Ciphertext), unhex(t, v.Tag)}, unhex(t, v.AAD))
		if err != nil || !bytes.Equal(got, unhex(t, v.Plaintext)) {
			t.Fatalf("%s: %v", v.Section, err)
		}
		opened++
	}
	if opened == 0 {
		t.Fatal("no A256GCM vector")
	}
}

// TestGCMKWBothPaths: A128GCMKW wrapped by one path unwraps on the other.
func TestGCMKWBothPaths(t *testing.T) {
	key := randomBytes(16)
	block, _ := aes.NewCipher(key)
	rnd, err := newGCMRandomIV(block, ErrDecryption)
	if err != nil {
		t.Fatal(err)
	}
	fips := &gcmKWKey{alg: A128GCMKW, rnd: rnd}
	std, err := gcmKW{alg: A128GCMKW, size: 16}.bind(key)
	if err != nil {
		t.Fatal(err)
	}
	if fipsMode {
		std, fips = &gcmKWKey{alg: A128GCMKW, aead: newTestAEAD(t, A128GCM, key).aead}, std
	}
	for _, pair := range [][2]*gcmKWKey{{fips, std}, {std, fips}, {fips, fips}} {
		cek := randomBytes(32)
		p := &KeyParams{Enc: A256GCM}
		_, ek, err := pair[0].EncryptKey(cek, p)
		if err != nil || len(p.IV) != 12 || len(p.Tag) != 16 || len(ek) != 32 {
			t.Fatalf("EncryptKey: iv %d, tag %d, ek %d bytes, %v", len(p.IV), len(p.Tag), len(ek), err)
		}
		got, err := pair[1].DecryptKey(ek, p)
		if err != nil || !bytes.Equal(got, cek) {
			t.Fatalf("DecryptKey: %v", err)
		}
		p.Tag = flipFirst(p.Tag)
		if _, err := pair[1].DecryptKey(ek, p); !errors.Is(err, ErrDecryption) {
			t.Fatalf("tampered tag: %v", err)
		}
	}
}

// newTestAEAD is the standard (non-FIPS) AES-GCM cipher, whatever the mode.
func newTestAEAD(t *testing.T, enc ContentEncryption, key []byte) *aeadCipher {
	t.Helper()
	var aead cipher.AEAD
	var err error
	fips140.WithoutEnforcement(func() {
		block, _ := aes.NewCipher(key)
		aead, err = cipher.NewGCM(block)
	})
	if err != nil {
		t.Fatal(err)
	}
	return newAEADCipher(enc, aead)
}

func flipFirst(b []byte) []byte {
	b = bytes.Clone(b)
	if len(b) > 0 {
		b[0] ^= 1
	}
	return b
}

// TestFIPSModeRefusals: in FIPS 140-3 mode, every algorithm that is not
// approved is refused where it is looked up and bound, with ErrNotApproved,
// its name and the reason; every approved one is available.
func TestFIPSModeRefusals(t *testing.T) {
	fipstest.Require(t)
	if !FIPSMode() {
		t.Fatal("FIPSMode is false in FIPS 140-3 mode")
	}
	k := newFIPSTestKeys(t)
	for _, a := range append(allBuiltin, ES256K, Ed448, NoSignature) {
		st := a.FIPS()
		err := a.CheckFIPS()
		if st.Approved {
			if err != nil {
				t.Errorf("%s: approved but %v", a, err)
			}
			continue
		}
		fipstest.CheckRefusal(t, err, ErrNotApproved, string(a), st.Basis)
		if a.Available() {
			t.Errorf("%s is available", a)
		}
	}
	for a := range builtinKeyManagement {
		st := a.FIPS()
		_, err := a.Scheme()
		if st.Approved {
			if err != nil || a.CheckFIPS() != nil {
				t.Errorf("%s: approved but %v", a, err)
			}
			continue
		}
		fipstest.CheckRefusal(t, err, ErrNotApproved, string(a), st.Basis)
		fipstest.CheckRefusal(t, a.CheckFIPS(), ErrNotApproved, string(a), st.Basis)
		_, err = a.NewKeyEncrypter(&k.rsa2048.PublicKey)
		fipstest.CheckRefusal(t, err, ErrNotApproved, string(a), st.Basis)
		_, err = a.NewKeyDecrypter(k.rsa2048)
		fipstest.CheckRefusal(t, err, ErrNotApproved, string(a), st.Basis)
	}
	for _, e := range allContent {
		_, err := e.NewCipher(make([]byte, 32))
		if e.FIPS().Approved {
			continue
		}
		fipstest.CheckRefusal(t, err, ErrNotApproved, string(e), "ChaCha20-Poly1305")
		fipstest.CheckRefusal(t, e.CheckFIPS(), ErrNotApproved, string(e), "ChaCha20-Poly1305")
	}
	// Keys: each refusal at binding, for an approved algorithm.
	for _, tc := range []struct {
		name   string
		bind   func() error
		reason string
	}{
		{"ECDH-ES to an X25519 key", func() error { _, err := ECDH_ES.NewKeyEncrypter(k.x25519.PublicKey()); return err }, "X25519"},
		{"ECDH-ES+A128KW with an X25519 key", func() error { _, err := ECDH_ES_A128KW.NewKeyDecrypter(k.x25519); return err }, "X25519"},
		{"ECDH-ES to an extension curve", func() error { _, err := ECDH_ES.NewKeyEncrypter(&fakePub{k.x25519.PublicKey()}); return err }, "outside Go's FIPS 140-3 module"},
		{"RS256 with a WeakRSAPublicKey", func() error { _, err := RS256.NewVerifier(WeakRSAPublicKey{&k.rsa1024.PublicKey}); return err }, "1024-bit"},
		{"PS256 verifier with e = 3", func() error { _, err := PS256.NewVerifier(&k.rsaE3.PublicKey); return err }, "2^16"},
		{"RSA-OAEP-256 to e = 3", func() error { _, err := RSA_OAEP_256.NewKeyEncrypter(&k.rsaE3.PublicKey); return err }, "2^16"},
	} {
		t.Run(tc.name, func(t *testing.T) { fipstest.CheckRefusal(t, tc.bind(), ErrNotApproved, "", tc.reason) })
	}
	// PBES2: SP 800-132's 128-bit salt, on both sides.
	e, _ := PBES2_HS256_A128KW.NewKeyEncrypter([]byte("a long passphrase"))
	_, _, err := e.EncryptKey(make([]byte, 16), &KeyParams{Enc: A128GCM, P2S: []byte("8 octets"), P2C: 1000})
	fipstest.CheckRefusal(t, err, ErrNotApproved, "PBES2-HS256+A128KW", "SP 800-132")
	d, _ := PBES2_HS256_A128KW.NewKeyDecrypter([]byte("a long passphrase"))
	_, err = d.DecryptKey(make([]byte, 24), &KeyParams{Enc: A128GCM, P2S: []byte("fifteen octets!"), P2C: 1000})
	fipstest.CheckRefusal(t, err, ErrNotApproved, "PBES2-HS256+A128KW", "SP 800-132")
	// AES-GCM takes its IV from the module.
	for _, enc := range []ContentEncryption{A128GCM, A192GCM, A256GCM} {
		if c, err := enc.NewCipher(make([]byte, enc.KeySize())); err != nil {
			t.Errorf("%s: %v", enc, err)
		} else if _, ok := c.(*gcmRandomIV); !ok {
			t.Errorf("%s: cipher %T, want the module-drawn IV", enc, c)
		}
	}
}
