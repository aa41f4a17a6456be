package jws_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jws"
)

var errKMS = errors.New("kms: key disabled")

// kmsKey is a KMS key that fails to sign.
type kmsKey struct{ pub crypto.PublicKey }

func (k kmsKey) Public() crypto.PublicKey { return k.pub }
func (k kmsKey) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errKMS
}

// The error of a crypto.Signer survives signing, given as the signer itself
// or as a *jwk.Key made of it.
func TestSignKeepsTheSignersError(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	kms := kmsKey{&priv.PublicKey}
	key, err := jwk.FromKey(kms)
	if err != nil {
		t.Fatal(err)
	}
	for name, k := range map[string]any{"crypto.Signer": kms, "*jwk.Key": key} {
		_, err := jws.Sign([]byte("payload"), jws.WithKey(jwa.ES256, k))
		if !errors.Is(err, errKMS) {
			t.Errorf("%s: got %v, want an error wrapping the signer's", name, err)
		}
	}
}

// TestDecodingCauseKept: a part that is not base64url, or a member of the
// wrong JSON type, keeps the decoder's cause beside jwa.ErrMalformed, so
// the message says which byte or which type.
func TestDecodingCauseKept(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	for _, c := range []struct {
		name, token, says string
		cause             any
	}{
		{"protected header", "ey!J.e30.AAAA", `protected header is not base64url: byte 2 ("!") is outside the base64url alphabet`, new(*base64url.Error)},
		{"signature", "e30.e30.AA\nA", `signature is not base64url: byte 2 ("\n") is outside`, new(*base64url.Error)},
		{"payload", "eyJhbGciOiJIUzI1NiJ9.e3=0.AAAA", `payload is not base64url: padding '=' at byte 2`, new(*base64url.Error)},
		{"JSON signature", `{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiJ9","signature":1}`, `"signature" must be a string`, nil},
		{"JSON payload", `{"payload":"e3=","protected":"eyJhbGciOiJIUzI1NiJ9","signature":"AAAA"}`, `payload is not base64url: padding '='`, new(*base64url.Error)},
	} {
		_, err := jws.Verify(c.token, jws.WithKey(jwa.HS256, key))
		if !errors.Is(err, jwa.ErrMalformed) || err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want jwa.ErrMalformed saying %q", c.name, err, c.says)
			continue
		}
		if c.cause != nil && !errors.As(err, c.cause) {
			t.Errorf("%s: %v does not wrap the decoder's error", c.name, err)
		}
	}
}
