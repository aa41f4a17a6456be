package jwa

import (
	"crypto/ecdh"
	"crypto/rand"
	"errors"
	"testing"
)

// fuzzMaxP2C keeps PBES2 work small while fuzzing.
const fuzzMaxP2C = 2000

// fuzzDecrypter is one algorithm bound to a fixed key.
type fuzzDecrypter struct {
	alg KeyAlgorithm
	enc KeyEncrypter
	dec KeyDecrypter
}

func fuzzDecrypters(f *testing.F) []fuzzDecrypter {
	var out []fuzzDecrypter
	add := func(alg KeyAlgorithm, encKey, decKey any) {
		e, err := alg.NewKeyEncrypter(encKey)
		if err != nil {
			f.Fatal(err)
		}
		d, err := alg.NewKeyDecrypter(decKey)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, fuzzDecrypter{alg, e, d})
	}
	for _, alg := range allKeyAlgs {
		if refused(alg) {
			continue
		}
		if alg == Direct {
			k := randomBytes(32)
			add(alg, k, k)
			continue
		}
		if s, ok := builtinKeyManagement[alg].(ecdhES); ok {
			for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.X25519()} {
				if fipsMode && c == ecdh.X25519() {
					continue // refused in FIPS 140-3 mode
				}
				k, _ := c.GenerateKey(rand.Reader)
				add(s.alg, k.PublicKey(), k)
			}
			continue
		}
		kp := testKeyPairs(f, alg)[0]
		add(alg, kp.enc, kp.dec)
	}
	return out
}

var fuzzCurves = []ecdh.Curve{ecdh.P256(), ecdh.P384(), ecdh.P521(), ecdh.X25519()}

// FuzzKeyDecrypters feeds arbitrary encrypted keys and header parameters to
// every decrypter. It checks that none panics, that an error wraps a jwa
// sentinel and comes with no CEK, and that a CEK has the length enc needs.
func FuzzKeyDecrypters(f *testing.F) {
	ds := fuzzDecrypters(f)
	// Seeds: a valid output of every algorithm, for each enc family.
	for i, d := range ds {
		for j, enc := range allEncs[:4] {
			n, _ := cekSize(enc)
			p := &KeyParams{Enc: enc, P2C: 1000}
			_, ek, err := d.enc.EncryptKey(randomBytes(n), p)
			if errors.Is(err, ErrInvalidKey) && d.alg == Direct {
				continue // dir's key fits one CEK size only
			}
			if err != nil {
				f.Fatal(err)
			}
			var epk []byte
			curve := 0
			if p.EPK != nil {
				epk = p.EPK.Bytes()
				for c, fc := range fuzzCurves {
					if fc == p.EPK.Curve() {
						curve = c
					}
				}
			}
			f.Add(uint8(i), uint8(j), ek, p.IV, p.Tag, p.P2S, p.P2C, uint8(curve), epk)
		}
	}
	f.Add(uint8(0), uint8(0), []byte{}, []byte{}, []byte{}, []byte{}, 0, uint8(0), []byte{})
	f.Add(uint8(30), uint8(3), make([]byte, 23), make([]byte, 11), make([]byte, 15), make([]byte, 7), 1<<31-1, uint8(3), make([]byte, 32))

	f.Fuzz(func(t *testing.T, which, encIdx uint8, ek, iv, tag, p2s []byte, p2c int, curve uint8, epk []byte) {
		d := ds[int(which)%len(ds)]
		enc := allEncs[int(encIdx)%len(allEncs)]
		p := &KeyParams{Enc: enc, IV: iv, Tag: tag, P2S: p2s, P2C: p2c, Limits: KeyLimits{MaxP2C: fuzzMaxP2C}}
		if k, err := fuzzCurves[int(curve)%len(fuzzCurves)].NewPublicKey(epk); err == nil {
			p.EPK = k
		}
		cek, err := d.dec.DecryptKey(ek, p)
		if err != nil {
			if cek != nil {
				t.Fatalf("%s: CEK returned with error %v", d.alg, err)
			}
			// ErrNotApproved: a p2s under SP 800-132's floor in FIPS 140-3 mode.
			for _, s := range []error{ErrDecryption, ErrMalformed, ErrLimitExceeded, ErrInvalidKey, ErrNotApproved} {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("%s: error wraps no jwa sentinel: %v", d.alg, err)
		}
		if n, _ := cekSize(enc); len(cek) != n {
			t.Fatalf("%s: CEK of %d bytes for %s", d.alg, len(cek), enc)
		}
	})
}
