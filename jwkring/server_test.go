package jwkring

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/joseproject/jose/internal/fakeclock"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// issuerServer serves a ring's key set and discovery document over TLS on
// loopback, as an issuer would.
type issuerServer struct {
	srv         *httptest.Server
	fetches     atomic.Int64 // requests for the key set
	notModified atomic.Int64 // of which answered 304
}

func serveRing(t testing.TB, r *Ring) *issuerServer {
	t.Helper()
	is := &issuerServer{}
	mux := http.NewServeMux()
	jwks := r.JWKSHandler()
	mux.HandleFunc("/jwks.json", func(w http.ResponseWriter, req *http.Request) {
		is.fetches.Add(1)
		rec := &statusRecorder{ResponseWriter: w}
		jwks.ServeHTTP(rec, req)
		if rec.status == http.StatusNotModified {
			is.notModified.Add(1)
		}
	})
	is.srv = httptest.NewUnstartedServer(mux)
	is.srv.StartTLS()
	t.Cleanup(is.srv.Close)
	disc, err := DiscoveryHandler(is.srv.URL, is.srv.URL+"/jwks.json")
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle("/.well-known/openid-configuration", disc)
	return is
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// verifier is a resource server: a jwk.Remote found by discovery of the
// issuer, on the test's clock, and the checks an API makes of an access
// token (those of jwthttp.Middleware).
type verifier struct {
	remote *jwk.Remote
	clock  *fakeclock.Clock
	leeway time.Duration
	// unknownKid counts the verifications whose kid the cached set did
	// not hold: each would have needed the unknown-kid refetch.
	unknownKid int
	verified   int
}

func (is *issuerServer) verifier(t testing.TB, clock *fakeclock.Clock, leeway time.Duration) *verifier {
	t.Helper()
	remote, err := jwk.Discover(context.Background(), is.srv.URL, jwk.WithHTTPClient(is.srv.Client()), jwk.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { remote.Close() })
	return &verifier{remote: remote, clock: clock, leeway: leeway}
}

// verify checks token as the API does, after noting whether the cached
// set already held its kid.
func (v *verifier) verify(t testing.TB, token string) error {
	t.Helper()
	if set := v.remote.Set(); set != nil && !slices.ContainsFunc(set.Keys(), func(k *jwk.Key) bool { return k.KeyID() == kidOf(t, token) }) {
		v.unknownKid++
	}
	v.verified++
	_, err := jwt.Verify[jwt.Claims](token,
		jwt.WithKeySet(v.remote, jwa.ES256, jwa.EdDSA, jwa.RS256),
		jwt.WithIssuer("https://issuer.example"),
		jwt.WithAudience("https://api.example"),
		jwt.WithExpectedType("at+jwt"),
		jwt.WithLeeway(v.leeway),
		jwt.WithClock(v.clock.Now))
	return err
}
