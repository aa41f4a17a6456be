package jwa

import (
	"crypto"
	"errors"
	"io"
	"strings"
	"testing"
)

// errKMS is what a key management service answers when it cannot sign.
var errKMS = errors.New("kms: key disabled")

// failingSigner is a crypto.Signer (a KMS or HSM key) that fails to sign.
type failingSigner struct{ pub crypto.PublicKey }

func (f failingSigner) Public() crypto.PublicKey { return f.pub }
func (f failingSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errKMS
}

// The error of a crypto.Signer survives, for errors.Is, whatever the
// algorithm.
func TestSignerErrorIsTheCause(t *testing.T) {
	k := testKeys(t)
	for _, alg := range allBuiltin {
		priv, _ := k.pair(alg)
		cs, ok := priv.(crypto.Signer)
		if !ok {
			continue // HMAC
		}
		t.Run(string(alg), func(t *testing.T) {
			s, err := alg.NewSigner(failingSigner{cs.Public()})
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Sign([]byte("input"))
			if !errors.Is(err, errKMS) || !strings.Contains(err.Error(), string(alg)+" sign: kms: key disabled") {
				t.Fatalf("got %v, want an error wrapping the signer's", err)
			}
		})
	}
}
