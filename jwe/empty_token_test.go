package jwe_test

import (
	"testing"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwe"
)

// An empty token (or one of white space only, which is trimmed) is said to
// be empty, not to have "1 parts".
func TestEmptyToken(t *testing.T) {
	for _, tok := range josetest.EmptyTokens {
		_, err := jwe.Decrypt(tok, jwe.WithKey(jwa.A256KW, make([]byte, 32)), jwe.WithAllowedEncryptions(jwa.A256GCM))
		josetest.WantErr(t, err, jwa.ErrMalformed, "jwe: the token is empty")
	}
}
