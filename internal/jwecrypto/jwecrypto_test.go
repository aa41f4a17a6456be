package jwecrypto_test

import (
	"testing"

	"github.com/joseproject/jose/internal/jwecrypto"
	"github.com/joseproject/jose/jwa"
)

// TestBuiltinContentCiphers: every built-in content encryption gives a
// cipher that jwe can seal into its own buffer and open in place, so that
// jwe's fast paths serve them all.
func TestBuiltinContentCiphers(t *testing.T) {
	for _, enc := range []jwa.ContentEncryption{
		jwa.A128CBC_HS256, jwa.A192CBC_HS384, jwa.A256CBC_HS512,
		jwa.A128GCM, jwa.A192GCM, jwa.A256GCM, jwa.C20P, jwa.XC20P,
	} {
		if !enc.Available() {
			continue // refused in FIPS 140-3 mode
		}
		c, err := enc.NewCipher(make([]byte, enc.KeySize()))
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		if _, ok := c.(jwecrypto.AppendSealer); !ok {
			t.Errorf("%s: cipher %T is not an AppendSealer", enc, c)
		}
		if _, ok := c.(jwecrypto.InPlaceOpener); !ok {
			t.Errorf("%s: cipher %T is not an InPlaceOpener", enc, c)
		}
	}
}

// TestIntegratedEncryption: the encrypter and decrypter of each Integrated
// Encryption algorithm seal and open content, and those of each Key
// Encryption algorithm do not pretend to.
func TestIntegratedEncryption(t *testing.T) {
	n := 0
	for _, alg := range jwa.HPKEAlgorithms() {
		if !alg.Available() {
			continue
		}
		pub, priv := hpkeKeys(t, alg)
		if pub == nil {
			continue
		}
		e, err := alg.NewKeyEncrypter(pub)
		if err != nil {
			t.Fatalf("%s: %v", alg, err)
		}
		d, err := alg.NewKeyDecrypter(priv)
		if err != nil {
			t.Fatalf("%s: %v", alg, err)
		}
		_, sealer := e.(jwecrypto.IntegratedEncrypter)
		_, opener := d.(jwecrypto.IntegratedDecrypter)
		if sealer != alg.IsIntegrated() || opener != alg.IsIntegrated() {
			t.Errorf("%s: IsIntegrated %v, encrypter seals %v, decrypter opens %v", alg, alg.IsIntegrated(), sealer, opener)
		}
		n++
	}
	if n < 8 {
		t.Fatalf("only %d HPKE algorithms checked", n)
	}
}
