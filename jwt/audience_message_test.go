package jwt

import (
	"errors"
	"strings"
	"testing"
)

// TestAudienceRefusalNamesTheAudience: a token refused for its "aud" says
// which audience it names (clipped, so that a hostile one cannot make a
// huge error), so that a caller sees at once what to pass to WithAudience.
func TestAudienceRefusalNamesTheAudience(t *testing.T) {
	long := strings.Repeat("a", 1000)
	for name, c := range map[string]struct{ claims, want string }{
		"one":         {`{"exp":` + at(60) + `,"aud":"my-client"}`, `claim "aud": "my-client" is not an accepted audience`},
		"one array":   {`{"exp":` + at(60) + `,"aud":["my-client"]}`, `claim "aud": "my-client" is not an accepted audience`},
		"several":     {`{"exp":` + at(60) + `,"aud":["x","y","z"]}`, `claim "aud": none of the token's 3 audiences (the first "x") is accepted`},
		"empty array": {`{"exp":` + at(60) + `,"aud":[]}`, `claim "aud" is an empty array, which names no audience to accept`},
		"long":        {`{"exp":` + at(60) + `,"aud":"` + long + `"}`, `"` + long[:64] + `..." is not an accepted audience`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := check[Claims](t, c.claims, WithAudience("api"))
			if !errors.Is(err, ErrInvalidAudience) {
				t.Fatalf("err = %v, want ErrInvalidAudience", err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to say %s", err, c.want)
			}
			if len(err.Error()) > 200 {
				t.Fatalf("error of %d bytes", len(err.Error()))
			}
		})
	}
}
