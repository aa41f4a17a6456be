package jwkring

import (
	"fmt"
	"strings"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// checkKeyID refuses a compact JWS whose protected "kid" is not kid, the
// signing key's thumbprint: a jwt.WithKeyID among the options of
// [Ring.Sign] would otherwise name a key the published set does not hold,
// and every verifier would refuse the token. The token is the one jwt.Sign
// has just made, so its header is a checked JSON object.
func checkKeyID(token, kid string) error {
	h, _, ok := strings.Cut(token, ".")
	if !ok {
		return fmt.Errorf("jwkring: not a compact JWS: %w", jwa.ErrMalformed)
	}
	header, err := base64url.DecodeString(h)
	if err != nil {
		return fmt.Errorf("jwkring: the protected header: %w", err)
	}
	m, err := strictjson.ObjectAliased(header)
	if err != nil {
		return fmt.Errorf("jwkring: the protected header: %w: %w", jwa.ErrMalformed, err)
	}
	var got []byte
	if raw, ok := m["kid"]; ok {
		if got, err = strictjson.Unquote(raw); err != nil {
			return fmt.Errorf("jwkring: the protected header's kid: %w: %w", jwa.ErrMalformed, err)
		}
	}
	if string(got) != kid {
		return fmt.Errorf("jwkring: Sign: the token's kid is %q, not the signing key's %q: the ring writes its key's kid, leave jwt.WithKeyID out: %w", got, kid, ErrInvalidOption)
	}
	return nil
}
