package jwt_test

import (
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
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

// The causes of a remote key set's failure survive jwt.Verify: the
// caller's context deadline and the HTTP failure.
func TestVerifyKeepsTheKeySetsCause(t *testing.T) {
	key, err := jwk.Generate(jwa.ES256, jwk.WithKeyID("k"))
	if err != nil {
		t.Fatal(err)
	}
	token, err := jwt.Sign(jwt.Claims{Subject: "alice"}, jwa.ES256, key)
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	defer close(release)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := "http://" + l.Addr().String()
	_ = l.Close()

	past, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	for name, c := range map[string]struct {
		url   string
		ctx   context.Context
		check func(error) bool
	}{
		"caller's deadline": {slow.URL, past, func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }},
		"connection refused": {closedAddr, context.Background(), func(err error) bool {
			var opErr *net.OpError
			return errors.As(err, &opErr)
		}},
	} {
		set, err := jwk.NewRemote(c.url, jwk.WithInsecureHTTP())
		if err != nil {
			t.Fatal(err)
		}
		defer set.Close()
		_, err = jwt.Verify[jwt.Claims](token, jwt.WithKeySet(set, jwa.ES256), jwt.WithContext(c.ctx))
		if !errors.Is(err, jwk.ErrFetch) || !c.check(err) {
			t.Errorf("%s: got %v, want jwk.ErrFetch and the cause", name, err)
		}
	}
}
