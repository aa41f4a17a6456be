package jwkring

import (
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
)

// DiscoveryHandler returns the handler of a minimal OpenID Connect
// Discovery document (OpenID Connect Discovery 1.0 §3, §4): an object
// with "issuer" and "jwks_uri", the two members jwk.Discover reads. Mount
// it at the issuer's "/.well-known/openid-configuration".
//
// issuer is the "iss" of the tokens, exactly as verifiers expect it; both
// it and jwksURI must be absolute https URLs with a host name and, if
// any, a port of 1 to 65535 (http only on a loopback host, for tests),
// and the issuer has no query or fragment (§3). Errors
// wrap [ErrPolicy]. The handler answers GET and HEAD with Cache-Control
// "public, max-age=3600" and a strong ETag; the document never changes.
func DiscoveryHandler(issuer, jwksURI string) (_ http.Handler, err error) {
	defer errwrap.Own(&err, "jwkring")
	if err := checkURL("issuer", issuer, true); err != nil {
		return nil, err
	}
	if err := checkURL("jwks_uri", jwksURI, false); err != nil {
		return nil, err
	}
	body, err := json.Marshal(struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}{issuer, jwksURI})
	if err != nil {
		return nil, policyError("DiscoveryHandler: %v", err)
	}
	etag := etagOf(body)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if readOnly(w, req) {
			serve(w, req, "application/json", "public, max-age=3600", etag, body)
		}
	}), nil
}

// checkURL accepts an absolute https URL, or http on a loopback host.
func checkURL(what, raw string, issuer bool) error {
	for i := 0; i < len(raw); i++ {
		if raw[i] <= ' ' || raw[i] >= 0x7f {
			// RFC 3986 §2: a URI is printable ASCII; url.Parse takes
			// more, and JSON would write invalid UTF-8 as U+FFFD, a URL
			// other than the one given.
			return policyError("DiscoveryHandler: %s %.200q: byte %d is not printable ASCII (percent-encode it)", what, raw, i)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return policyError("DiscoveryHandler: %s %.200q is not a URL", what, raw)
	}
	switch {
	case u.Hostname() == "" || u.User != nil || u.Opaque != "":
		return policyError("DiscoveryHandler: %s %.200q: want an absolute URL with a host and no user", what, raw)
	case !validPort(u.Port()):
		return policyError("DiscoveryHandler: %s %.200q: the port is not 1 to 65535", what, raw)
	case u.Scheme == "http" && !loopback(u.Hostname()):
		return policyError("DiscoveryHandler: %s %.200q is plain http: only https, or http on a loopback host for tests", what, raw)
	case u.Scheme != "https" && u.Scheme != "http":
		return policyError("DiscoveryHandler: %s %.200q: want an https URL", what, raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return policyError("DiscoveryHandler: %s %.200q has a fragment", what, raw)
	case issuer && (u.RawQuery != "" || u.ForceQuery):
		return policyError("DiscoveryHandler: issuer %.200q has a query (OpenID Connect Discovery §3: none)", raw)
	}
	return nil
}

// validPort accepts no port, or a decimal port of 1 to 65535 (url.Parse
// takes any digits).
func validPort(p string) bool {
	if p == "" {
		return true
	}
	n, err := strconv.ParseUint(p, 10, 16)
	return err == nil && n > 0
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
