package jws_test

import (
	"testing"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jws"
)

// An empty token (or one of white space only, which is trimmed) is said to
// be empty, not to have "1 parts".
func TestEmptyToken(t *testing.T) {
	for _, tok := range josetest.EmptyTokens {
		_, err := jws.Verify(tok, jws.WithKey(jwa.HS256, make([]byte, 32)))
		josetest.WantErr(t, err, jwa.ErrMalformed, "jws: the token is empty")
	}
}
