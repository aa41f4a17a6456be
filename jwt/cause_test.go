package jwt_test

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

var errHSM = errors.New("hsm: session closed")

// hsmKey is an HSM key that fails to sign.
type hsmKey struct{ pub crypto.PublicKey }

func (k hsmKey) Public() crypto.PublicKey { return k.pub }
func (k hsmKey) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errHSM
}

// The error of a crypto.Signer survives jwt.Sign.
func TestSignKeepsTheSignersError(t *testing.T) {
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	_, err = jwt.Sign(jwt.Claims{Subject: "alice"}, jwa.EdDSA, hsmKey{pub})
	if !errors.Is(err, errHSM) || !strings.Contains(err.Error(), "hsm: session closed") {
		t.Fatalf("got %v, want an error wrapping the signer's", err)
	}
}
