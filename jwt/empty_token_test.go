package jwt_test

import (
	"testing"

	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// An empty token (or one of white space only, which is trimmed) is said to
// be empty, not to have "1 parts".
func TestEmptyToken(t *testing.T) {
	for _, tok := range josetest.EmptyTokens {
		_, err := jwt.Verify[jwt.Claims](tok, jwt.WithKey(jwa.HS256, make([]byte, 32)))
		josetest.WantErr(t, err, jwa.ErrMalformed, "jwt: the token is empty")
	}
}
