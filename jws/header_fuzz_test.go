package jws

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// FuzzSignHeaderStrings checks the header Sign writes for WithKeyID,
// WithType and WithContentType against encoding/json (without HTML
// escaping, as jws writes JSON): a plain string takes the fast path (written
// as it is), any other is encoded; both must give encoding/json's bytes.
func FuzzSignHeaderStrings(f *testing.F) {
	for _, s := range [][3]string{
		{"k1", "JWT", "json"}, {"", "", ""}, {`q"uote`, `back\slash`, "ctl\x01"},
		{"<&>", "é", "\u2028"}, {"bad\xff", "at+jwt", "x"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	key, err := jwk.FromKey([]byte("a 32-byte secret for header tests"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kid, typ, cty string) {
		tok, err := Sign([]byte("x"), WithKey(jwa.HS256, key), WithKeyID(kid), WithType(typ), WithContentType(cty))
		if err != nil {
			return // refused values are the slow path's business, checked elsewhere
		}
		got, err := base64.RawURLEncoding.DecodeString(tok[:strings.IndexByte(tok, '.')])
		if err != nil {
			t.Fatal(err)
		}
		str := func(s string) string {
			var b bytes.Buffer
			e := json.NewEncoder(&b)
			e.SetEscapeHTML(false)
			if err := e.Encode(s); err != nil {
				t.Fatal(err)
			}
			return strings.TrimSuffix(b.String(), "\n")
		}
		want := `{"alg":"HS256","kid":` + str(kid) + `,"typ":` + str(typ) + `,"cty":` + str(cty) + `}`
		if string(got) != want {
			t.Fatalf("header\n got %s\nwant %s", got, want)
		}
	})
}
