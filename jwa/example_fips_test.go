package jwa_test

import (
	"errors"
	"fmt"

	"github.com/joseproject/jose/jwa"
)

// Every algorithm has a FIPS 140-3 status, whatever mode the program runs
// in; in FIPS 140-3 mode (GODEBUG=fips140=on or only) the ones that are not
// approved are refused with jwa.ErrNotApproved, and CheckFIPS says so by
// name.
func ExampleSignatureAlgorithm_FIPS() {
	for _, alg := range []jwa.SignatureAlgorithm{jwa.ES256, jwa.ES256K} {
		st := alg.FIPS()
		fmt.Println(alg, st.Approved, st.Basis)
	}
	fmt.Println(jwa.C20P.FIPS().Approved, jwa.A256GCM.FIPS().Approved, jwa.X25519.FIPS().Approved)
	// CheckFIPS refuses RSA1_5 exactly when the program runs in FIPS 140-3
	// mode.
	refused := errors.Is(jwa.RSA1_5.CheckFIPS(), jwa.ErrNotApproved)
	fmt.Println(refused == jwa.FIPSMode())
	// Output:
	// ES256 true ECDSA with SHA-2 (FIPS 186-5 §6) on a NIST curve (SP 800-186)
	// ES256K false secp256k1 is not an approved curve (FIPS 186-5, SP 800-186)
	// false true false
	// true
}
