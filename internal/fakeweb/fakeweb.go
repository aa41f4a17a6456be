// Package fakeweb puts the web that the README's examples talk to on this
// machine, so that they run offline with the names the README shows: an
// https server that answers for a host such as accounts.example.com, and
// an identity provider's discovery document and key set. For tests and
// examples only.
package fakeweb

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
)

// Server is an https server on loopback that answers for the hosts it was
// started for.
type Server struct {
	srv   *httptest.Server
	hosts []string
}

// Start serves h over https on loopback for hosts (names without a port,
// such as "api.example.com"); [Server.Client] and [Server.Install] reach it
// by those names.
func Start(h http.Handler, hosts ...string) *Server {
	return &Server{srv: httptest.NewTLSServer(h), hosts: hosts}
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Client returns a client that sends requests for the server's hosts to
// it, trusting its certificate, and every other request nowhere.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.transport(nil)}
}

// Install makes http.DefaultTransport send requests for the server's hosts
// to it, for code that uses http.DefaultClient (a jwk.Remote without
// jwk.WithHTTPClient); other requests go on as before. The returned
// function puts the old transport back.
func (s *Server) Install() (restore func()) {
	old := http.DefaultTransport
	http.DefaultTransport = s.transport(old)
	return func() { http.DefaultTransport = old }
}

// transport routes the server's hosts to it and the rest to next (nil:
// refused).
func (s *Server) transport(next http.RoundTripper) http.RoundTripper {
	t := s.srv.Client().Transport.(*http.Transport).Clone()
	// The test certificate names example.com; the hosts routed here are
	// this server whatever name the request used.
	t.TLSClientConfig = t.TLSClientConfig.Clone()
	t.TLSClientConfig.ServerName = "example.com"
	addr := s.srv.Listener.Addr().String()
	t.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	return routes{mine: s.mine, here: t, next: next}
}

func (s *Server) mine(host string) bool {
	for _, h := range s.hosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

type routes struct {
	mine func(host string) bool
	here *http.Transport
	next http.RoundTripper
}

func (r routes) RoundTrip(req *http.Request) (*http.Response, error) {
	if r.mine(req.URL.Hostname()) {
		return r.here.RoundTrip(req)
	}
	if r.next == nil {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errOffline}
	}
	return r.next.RoundTrip(req)
}

var errOffline = errors.New("fakeweb: this client reaches only the fake hosts")

// Provider returns the handler of an OpenID provider whose issuer is
// issuer (an https URL without a path): its discovery document
// (/.well-known/openid-configuration, naming issuer + "/jwks.json") and its
// key set, jwks (the JSON of a JWK Set).
func Provider(issuer string, jwks []byte) http.Handler {
	mux := http.NewServeMux()
	doc, _ := json.Marshal(map[string]string{"issuer": issuer, "jwks_uri": issuer + "/jwks.json"})
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(doc)
	})
	mux.HandleFunc("GET /jwks.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/jwk-set+json")
		_, _ = w.Write(jwks)
	})
	return mux
}
