//go:build !go1.27

package jwk

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// TestAKPNeedsGo127: before Go 1.27 Parse refuses an ML-DSA key saying
// which Go it needs, and ParseSet skips it like any kind of key it does not
// implement (RFC 7517 §5).
func TestAKPNeedsGo127(t *testing.T) {
	jwk := `{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA","priv":"AAAA"}`
	k, err := Parse([]byte(jwk))
	if k != nil || !errors.Is(err, jwa.ErrUnsupportedAlgorithm) || !strings.Contains(err.Error(), "Go 1.27") {
		t.Fatalf("Parse = %v, %v; want ErrUnsupportedAlgorithm saying Go 1.27 is needed", k, err)
	}
	s, err := ParseSet([]byte(`{"keys":[` + jwk + `,{"kty":"oct","k":"AAAA"}]}`))
	if err != nil || s.Len() != 1 || s.Keys()[0].KeyType() != jwa.KeyTypeOct {
		t.Fatalf("ParseSet = %v, %v", s, err)
	}
}
