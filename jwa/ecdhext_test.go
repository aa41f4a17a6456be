package jwa

import (
	"bytes"
	"crypto/ecdh"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/fipstest"
)

// fakePub and fakePriv stand for an extension curve (X448 in ext/ed448): they
// run X25519 underneath, behind types crypto/ecdh does not know.
type fakePub struct{ k *ecdh.PublicKey }
type fakePriv struct{ k *ecdh.PrivateKey }

// otherPub is a second extension curve, to test the curve check; it
// wraps the same Go key type as fakePub, so only Curve tells them apart.
type otherPub struct{ fakePub }

// anonPriv is a private key whose public key names no curve.
type anonPriv struct{ fakePriv }
type anonPub struct{ fakePub }

func (*fakePub) Curve() Curve  { return "FAKE-X25519" }
func (*otherPub) Curve() Curve { return "OTHER" }
func (*anonPub) Curve() Curve  { return "" }

func (p *anonPriv) PublicKey() ECDHPublicKey { return &anonPub{fakePub{p.k.PublicKey()}} }

func (p *fakePub) GenerateEphemeral(r io.Reader) (ECDHPrivateKey, error) {
	k, err := ecdh.X25519().GenerateKey(r)
	return &fakePriv{k}, err
}

func (p *fakePriv) PublicKey() ECDHPublicKey { return &fakePub{p.k.PublicKey()} }

func (p *fakePriv) ECDH(peer ECDHPublicKey) ([]byte, error) {
	fp, ok := peer.(*fakePub)
	if !ok {
		return nil, errors.New("not a fake key")
	}
	return p.k.ECDH(fp.k)
}

func newFake(t *testing.T) *fakePriv {
	t.Helper()
	fipstest.SkipUnapproved(t, "ECDH-ES on an extension curve", false)
	k, err := ecdh.X25519().GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &fakePriv{k}
}

func TestECDHExtensionRoundTrip(t *testing.T) {
	priv := newFake(t)
	for _, alg := range []KeyAlgorithm{ECDH_ES, ECDH_ES_A128KW, ECDH_ES_A256KW} {
		t.Run(string(alg), func(t *testing.T) {
			enc, err := alg.NewKeyEncrypter(priv.PublicKey())
			if err != nil {
				t.Fatal(err)
			}
			dec, err := alg.NewKeyDecrypter(priv)
			if err != nil {
				t.Fatal(err)
			}
			cek := bytes.Repeat([]byte{7}, 32)
			p := &KeyParams{Enc: A256GCM, APU: []byte("Alice"), APV: []byte("Bob")}
			used, ek, err := enc.EncryptKey(cek, p)
			if err != nil {
				t.Fatal(err)
			}
			if p.EPK != nil || p.ExtEPK == nil {
				t.Fatalf("EPK %v, ExtEPK %v: want only ExtEPK", p.EPK, p.ExtEPK)
			}
			got, err := dec.DecryptKey(ek, &KeyParams{Enc: A256GCM, APU: p.APU, APV: p.APV, ExtEPK: p.ExtEPK})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, used) || len(got) != 32 {
				t.Fatalf("CEK %x, want %x", got, used)
			}
			// A different apu derives a different key (the KDF is the one
			// of the built-in curves).
			other, err := dec.DecryptKey(ek, &KeyParams{Enc: A256GCM, APV: p.APV, ExtEPK: p.ExtEPK})
			if alg == ECDH_ES {
				if err != nil || bytes.Equal(other, used) {
					t.Fatal("apu is not part of the derivation")
				}
			} else if !errors.Is(err, ErrDecryption) {
				t.Fatalf("wrong apu: %v, want ErrDecryption", err)
			}
		})
	}
}

func TestECDHExtensionRejections(t *testing.T) {
	priv := newFake(t)
	nist, err := ecdh.P256().GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	var nilPub *fakePub
	var nilPriv *fakePriv
	for _, tc := range []struct {
		name string
		err  error
		run  func() error
	}{
		{"nil public key", ErrInvalidKey, func() error { _, err := ECDH_ES.NewKeyEncrypter(nilPub); return err }},
		{"nil private key", ErrInvalidKey, func() error { _, err := ECDH_ES.NewKeyDecrypter(nilPriv); return err }},
		{"no epk", ErrMalformed, func() error {
			d, _ := ECDH_ES.NewKeyDecrypter(priv)
			_, err := d.DecryptKey(nil, &KeyParams{Enc: A128GCM})
			return err
		}},
		{"NIST epk for an extension key", ErrMalformed, func() error {
			d, _ := ECDH_ES.NewKeyDecrypter(priv)
			_, err := d.DecryptKey(nil, &KeyParams{Enc: A128GCM, EPK: nist.PublicKey()})
			return err
		}},
		{"extension epk for a NIST key", ErrMalformed, func() error {
			d, _ := ECDH_ES.NewKeyDecrypter(nist)
			_, err := d.DecryptKey(nil, &KeyParams{Enc: A128GCM, ExtEPK: priv.PublicKey()})
			return err
		}},
		{"epk of another extension curve", ErrMalformed, func() error {
			d, _ := ECDH_ES.NewKeyDecrypter(priv)
			_, err := d.DecryptKey(nil, &KeyParams{Enc: A128GCM, ExtEPK: &otherPub{*priv.PublicKey().(*fakePub)}})
			if err != nil && !strings.Contains(err.Error(), "epk is not on the curve of the key") {
				return fmt.Errorf("message %q does not name the curve check", err)
			}
			return err
		}},
		{"a key that names no curve", ErrInvalidKey, func() error {
			_, err := ECDH_ES.NewKeyDecrypter(&anonPriv{*priv})
			if err != nil && !strings.Contains(err.Error(), "names no curve") {
				return fmt.Errorf("message %q does not say the key names no curve", err)
			}
			return err
		}},
		{"both epk members", ErrMalformed, func() error {
			d, _ := ECDH_ES.NewKeyDecrypter(priv)
			_, err := d.DecryptKey(nil, &KeyParams{Enc: A128GCM, EPK: nist.PublicKey(), ExtEPK: priv.PublicKey()})
			return err
		}},
		{"encrypted key with direct agreement", ErrMalformed, func() error {
			d, _ := ECDH_ES.NewKeyDecrypter(priv)
			_, err := d.DecryptKey([]byte{1}, &KeyParams{Enc: A128GCM, ExtEPK: priv.PublicKey()})
			return err
		}},
		{"small-order epk", ErrDecryption, func() error {
			zero, err := ecdh.X25519().NewPublicKey(make([]byte, 32))
			if err != nil {
				return err
			}
			d, _ := ECDH_ES.NewKeyDecrypter(priv)
			_, err = d.DecryptKey(nil, &KeyParams{Enc: A128GCM, ExtEPK: &fakePub{zero}})
			return err
		}},
		{"extension key for a signature algorithm", ErrInvalidKey, func() error { _, err := ES256.NewVerifier(priv.PublicKey()); return err }},
		{"extension key for AES key wrap", ErrInvalidKey, func() error { _, err := A128KW.NewKeyEncrypter(priv.PublicKey()); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.run(); !errors.Is(err, tc.err) {
				t.Fatalf("got %v, want %v", err, tc.err)
			}
		})
	}
}
