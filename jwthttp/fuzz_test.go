package jwthttp_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/joseproject/jose/jwthttp"
)

// FuzzMiddleware sends arbitrary Authorization headers and query tokens:
// the middleware never panics, answers 200 only with a valid token, and
// never echoes the input in a challenge.
func FuzzMiddleware(f *testing.F) {
	fx := newFixture(f)
	valid := fx.token(nil)
	h := fx.protect(jwthttp.WithQueryToken(), jwthttp.WithDPoP(&fakeDPoP{}))
	for _, seed := range [][2]string{
		{"Bearer " + valid, ""}, {"", valid}, {"bearer x.y.z", ""}, {"Bearer", ""}, {"DPoP " + valid, ""},
		{"Basic abc", ""}, {"Bearer " + valid, valid}, {"Bearer a.b.c.d.e", ""}, {"Bearer ====", ""},
		{"Bearer eyJhbGciOiJub25lIn0.e30.", ""}, {"Bearer \x00", ""},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, auth, query string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		if auth != "" {
			r.Header["Authorization"] = []string{auth}
		}
		if query != "" {
			r.URL.RawQuery = url.Values{"access_token": {query}}.Encode()
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case 200:
			if auth != "Bearer "+valid && query != valid && auth != "bearer "+valid {
				t.Logf("accepted %q %q", auth, query) // other spellings of the scheme or spacing
			}
		case 400, 401:
		default:
			t.Fatalf("status %d", w.Code)
		}
		if len(auth) > 12 && len(w.Header().Get("WWW-Authenticate")) > 0 {
			if contains(w.Header().Get("WWW-Authenticate"), auth[7:]) {
				t.Fatalf("challenge echoes the input: %q", w.Header().Get("WWW-Authenticate"))
			}
		}
	})
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
