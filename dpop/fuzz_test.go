package dpop_test

import (
	"os"
	"testing"
	"time"

	"github.com/joseproject/jose/dpop"
)

// FuzzValidateProof checks that no proof makes Validate panic, and that a
// Proof is never returned with an error.
func FuzzValidateProof(f *testing.F) {
	for _, name := range []string{"rfc9449-4.1-token-request-proof.jwt", "rfc9449-7.1-resource-request-proof.jwt"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), "https://server.example.com/token")
	}
	f.Add("a.b.c", "https://example.com/%zz")
	f.Fuzz(func(t *testing.T, proof, htu string) {
		v, err := dpop.NewValidator(dpop.WithClock(func() time.Time { return time.Unix(1562262616, 0) }))
		if err != nil {
			t.Fatal(err)
		}
		p, err := v.ValidateProof(proof, "POST", "https://server.example.com/token")
		if (p == nil) == (err == nil) {
			t.Fatalf("proof %v with error %v", p, err)
		}
		if n, err := dpop.NormalizeURI(htu); err == nil {
			if again, err := dpop.NormalizeURI(n); err != nil || again != n {
				t.Fatalf("NormalizeURI(%q) = %q, then %q, %v", htu, n, again, err)
			}
		}
	})
}
