package jwt_test

import (
	"testing"

	"github.com/joseproject/jose/jwt"
)

// The JWT layer's allocation budget above the signature primitive alone,
// for the benchmarks' claim set decoded into a struct: at most 8 more
// allocations to sign and 12 more to verify. Allocation counts do not
// depend on the machine's load, so unlike times they can be held by a
// test; BenchmarkSign and BenchmarkVerify show the same figures (/jwt
// against /raw).
const (
	signAllocBudget   = 8
	verifyAllocBudget = 12
)

func TestJWTLayerAllocations(t *testing.T) {
	if raceEnabled {
		// make test runs the suite again without -race (GODEBUG=fips140=on,
		// and on Go 1.27), where this test holds.
		t.Skip("allocation counts are not meaningful under the race detector, whose sync.Pool drops objects at random")
	}
	claims := sampleClaims()
	for _, k := range benchKeys(t) {
		t.Run(string(k.alg), func(t *testing.T) {
			tok, err := jwt.Sign(claims, k.alg, k.priv)
			if err != nil {
				t.Fatal(err)
			}
			sign, verify := rawPrimitive(t, k, tok)
			opts := verifyOptions(k)
			if _, err := jwt.Verify[accessClaims](tok, opts...); err != nil {
				t.Fatal(err)
			}
			const runs = 20
			rawSign := testing.AllocsPerRun(runs, func() { sign() })
			ourSign := testing.AllocsPerRun(runs, func() { _, _ = jwt.Sign(claims, k.alg, k.priv) })
			rawVerify := testing.AllocsPerRun(runs, func() { verify() })
			ourVerify := testing.AllocsPerRun(runs, func() { _, _ = jwt.Verify[accessClaims](tok, opts...) })
			t.Logf("sign %v allocations (primitive %v), verify %v (primitive %v)", ourSign, rawSign, ourVerify, rawVerify)
			if ourSign-rawSign > signAllocBudget {
				t.Errorf("jwt.Sign makes %v allocations, %v above the primitive's %v; the budget is %d", ourSign, ourSign-rawSign, rawSign, signAllocBudget)
			}
			if ourVerify-rawVerify > verifyAllocBudget {
				t.Errorf("jwt.Verify makes %v allocations, %v above the primitive's %v; the budget is %d", ourVerify, ourVerify-rawVerify, rawVerify, verifyAllocBudget)
			}
		})
	}
}
