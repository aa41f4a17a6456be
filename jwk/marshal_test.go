package jwk

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMarshalEscapesAsEncodingJSON checks that members written without
// encoding/json come out as encoding/json writes them, plain or not.
func TestMarshalEscapesAsEncodingJSON(t *testing.T) {
	for _, kid := range []string{"plain-kid_1", "a<b>&c", "quote\"back\\slash", "é\u2028", "\x01", "bad\xffutf8"} {
		k, err := FromKey([]byte("secret"), WithKeyID(kid))
		if err != nil {
			t.Fatal(err)
		}
		out, err := k.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(kid)
		if !strings.Contains(string(out), `"kid":`+string(want)+",") {
			t.Errorf("kid %q: %s, want %s", kid, out, want)
		}
		if kid != "bad\xffutf8" {
			p, err := Parse(out)
			if err != nil || p.KeyID() != kid {
				t.Errorf("kid %q: round trip %v, %v", kid, p, err)
			}
		}
	}
}
