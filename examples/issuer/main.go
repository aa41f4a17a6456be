// Command issuer runs a token issuer and an API side by side while the
// issuer's signing keys rotate several times a second. The issuer keeps its
// keys in a jwkring.Ring (in a file, encrypted) and serves their public half
// with OpenID Connect discovery; the API verifies each request's access
// token with jwthttp.Middleware over a jwk.Remote found by discovery. A
// client asks for a token and calls the API with it, again and again, and
// calls again with each token once the next key has started signing.
//
// The program prints each rotation and, at the end, the number of failed
// verifications: it exits 0 when that is 0 after three rotations, and 1
// otherwise. Everything runs on loopback, in about three seconds.
//
//	go run ./examples/issuer
package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwkring"
	"github.com/joseproject/jose/jwt"
	"github.com/joseproject/jose/jwthttp"
)

const audience = "https://api.example.com"

// policy rotates in under a second, so that three rotations take about
// three seconds. A real issuer rotates every day or week, publishes each
// key an hour or more before it signs, and needs Lead to be at least the
// verifiers' minimum refresh interval (jwk.Remote: a minute by default;
// the API here lowers it to 100 ms).
var policy = jwkring.Policy{
	Period:           800 * time.Millisecond, // each key signs this long
	Lead:             400 * time.Millisecond, // after being published this long
	MaxTokenLifetime: time.Second,            // tokens live at most this long
	Leeway:           time.Second,            // the API's allowance for clock skew
}

// issuer signs access tokens with its ring's current key.
type issuer struct {
	srv  *httptest.Server
	ring *jwkring.Ring
	now  func() time.Time
}

// newIssuer starts the issuer, its key ring in store sealed under kek:
// /token, /jwks.json and /.well-known/openid-configuration, over TLS.
func newIssuer(store jwkring.Store, kek []byte, opts ...jwkring.Option) (*issuer, error) {
	ring, err := jwkring.New(context.Background(), policy, append([]jwkring.Option{jwkring.WithStore(store, kek)}, opts...)...)
	if err != nil {
		return nil, err
	}
	is := &issuer{ring: ring, now: time.Now}
	mux := http.NewServeMux()
	mux.Handle("GET /jwks.json", ring.JWKSHandler())
	mux.HandleFunc("POST /token", is.token)
	is.srv = httptest.NewUnstartedServer(mux)
	is.srv.StartTLS()
	discovery, err := jwkring.DiscoveryHandler(is.srv.URL, is.srv.URL+"/jwks.json")
	if err != nil {
		is.close()
		return nil, err
	}
	mux.Handle("GET /.well-known/openid-configuration", discovery)
	return is, nil
}

func (is *issuer) close() {
	is.srv.Close()
	is.ring.Close()
}

// token issues an access token to the subject named in the form. (A real
// issuer authenticates its client first.)
func (is *issuer) token(w http.ResponseWriter, r *http.Request) {
	now := is.now()
	token, err := is.ring.Sign(jwt.Claims{
		Issuer:    is.srv.URL,
		Subject:   r.FormValue("sub"),
		Audience:  jwt.Audience{audience},
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(policy.MaxTokenLifetime)),
	}, jwt.WithType("at+jwt"))
	if err != nil {
		http.Error(w, "no token", http.StatusInternalServerError)
		return
	}
	_, _ = io.WriteString(w, token)
}

// api is a resource server that trusts the issuer's tokens.
type api struct {
	srv  *httptest.Server
	keys *jwk.Remote
}

// newAPI starts the API: jwthttp.Middleware with the issuer's key set,
// found by discovery through client, which trusts the issuer's TLS
// certificate.
func newAPI(issuerURL string, client *http.Client, keyOpts []jwk.RemoteOption, verifyOpts ...jwt.VerifyOption) (*api, error) {
	keys, err := jwk.Discover(context.Background(), issuerURL, append([]jwk.RemoteOption{
		jwk.WithHTTPClient(client),
		jwk.WithRefreshInterval(100*time.Millisecond, time.Minute),
	}, keyOpts...)...)
	if err != nil {
		return nil, err
	}
	auth, err := jwthttp.Middleware[jwt.Claims](jwthttp.WithVerifyOptions(append([]jwt.VerifyOption{
		jwt.WithKeySet(keys, jwa.ES256),
		jwt.WithIssuer(issuerURL),
		jwt.WithAudience(audience),
		jwt.WithLeeway(policy.Leeway),
	}, verifyOpts...)...))
	if err != nil {
		keys.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /hello", auth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		claims, _ := jwthttp.ClaimsFrom[jwt.Claims](r.Context())
		fmt.Fprintf(w, "hello %s\n", claims.Subject)
	})))
	return &api{srv: httptest.NewServer(mux), keys: keys}, nil
}

func (a *api) close() {
	a.srv.Close()
	a.keys.Close()
}

// client asks the issuer for tokens and calls the API with them.
type client struct {
	is *issuer
	a  *api
}

func (c client) token(sub string) (string, error) {
	resp, err := c.is.srv.Client().PostForm(c.is.srv.URL+"/token", url.Values{"sub": {sub}})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("token: %s %s %v", resp.Status, b, err)
	}
	return string(b), nil
}

// call calls the API with token and returns an error unless it said hello.
func (c client) call(token string) error {
	req, err := http.NewRequest(http.MethodGet, c.a.srv.URL+"/hello", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", resp.Status, resp.Header.Get("WWW-Authenticate"))
	}
	if !strings.HasPrefix(string(b), "hello ") {
		return fmt.Errorf("the API answered %q", b)
	}
	return nil
}

// kidOf returns the key a ring signs with now, shortened for printing.
func kidOf(r *jwkring.Ring) string {
	_, k := r.SigningKey()
	return k.KeyID()[:8]
}

func main() {
	log.SetFlags(0)
	dir, err := os.MkdirTemp("", "issuer")
	check(err)
	defer os.RemoveAll(dir)
	store, err := jwkring.NewFileStore(filepath.Join(dir, "signing-keys.jwe"))
	check(err)
	kek := make([]byte, jwkring.KEKSize) // a real issuer reads it from its secret manager
	rand.Read(kek)

	is, err := newIssuer(store, kek)
	check(err)
	defer is.close()
	a, err := newAPI(is.srv.URL, is.srv.Client(), nil)
	check(err)
	defer a.close()
	c := client{is, a}

	type sent struct {
		token string
		again time.Time // when to call again with it
	}
	const rotations = 3
	var (
		pending       []sent
		calls, failed int
		rotated       int
		signer        = kidOf(is.ring)
		start         = time.Now()
		againAfter    = policy.Lead + 100*time.Millisecond
		issueUntil    time.Time // once the last rotation is this far behind
	)
	verify := func(token string) {
		calls++
		if err := c.call(token); err != nil {
			failed++
			log.Printf("failed verification: %v", err)
		}
	}
	fmt.Printf("key %s signs; a new key every %v, each published %v before it signs\n", signer, policy.Period, policy.Lead)
	for issueUntil.IsZero() || time.Now().Before(issueUntil) || len(pending) > 0 {
		if time.Since(start) > 10*time.Second {
			log.Fatalf("only %d rotations in %v", rotated, time.Since(start))
		}
		if issueUntil.IsZero() || time.Now().Before(issueUntil) {
			token, err := c.token("alice")
			check(err)
			verify(token)
			pending = append(pending, sent{token, time.Now().Add(againAfter)})
		}
		// Tokens signed a little while ago, by the key before the
		// current one if a rotation came in between, are still good.
		for len(pending) > 0 && time.Now().After(pending[0].again) {
			verify(pending[0].token)
			pending = pending[1:]
		}
		if kid := kidOf(is.ring); kid != signer && rotated < rotations {
			rotated++
			var published []string
			for _, k := range is.ring.Keys() {
				published = append(published, k.KeyID[:8]+" "+k.State.String())
			}
			fmt.Printf("%5.2fs rotation %d: key %s signs; published: %s\n",
				time.Since(start).Seconds(), rotated, kid, strings.Join(published, ", "))
			signer = kid
			if rotated == rotations {
				issueUntil = time.Now().Add(againAfter)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	fmt.Printf("%d calls to the API over %d rotations, %d failed verifications\n", calls, rotated, failed)
	if failed != 0 {
		os.Exit(1)
	}
}
func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
