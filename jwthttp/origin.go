package jwthttp

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/joseproject/jose/dpop"
)

// origin is one URI of [DPoPProofs].
type origin struct {
	base  string   // normalised scheme://authority and path prefix, without a trailing "/"
	hosts []string // the Host header values that name it, lower-case
}

// parseOrigin reads and normalises one origin of DPoPProofs.
func parseOrigin(s string) (origin, error) {
	u, err := url.Parse(s)
	if err != nil {
		return origin{}, optionError("DPoPProofs: origin %.100q: %w", s, err)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || u.User != nil {
		return origin{}, optionError("DPoPProofs: origin %.100q is not a scheme, host, optional port and path prefix, without user information, query or fragment", s)
	}
	norm, err := dpop.NormalizeURI(s)
	if err != nil {
		return origin{}, optionError("DPoPProofs: %v", err)
	}
	n, _ := url.Parse(norm) // NormalizeURI's output parses
	o := origin{base: strings.TrimSuffix(norm, "/"), hosts: []string{n.Host}}
	if n.Port() == "" { // NormalizeURI dropped the default port: "host:443" names it too
		def := map[string]string{"http": "80", "https": "443"}[n.Scheme]
		o.hosts = append(o.hosts, n.Host+":"+def)
	}
	return o, nil
}

// target returns the URI the proof must name: the request's path under the
// one origin, or under the origin its Host header names.
func (d *dpopProofs) target(r *http.Request) (string, error) {
	o := &d.origins[0]
	if len(d.origins) > 1 {
		o = nil
		for i := range d.origins {
			if slices.ContainsFunc(d.origins[i].hosts, func(h string) bool { return strings.EqualFold(h, r.Host) }) {
				o = &d.origins[i]
				break
			}
		}
		if o == nil {
			return "", fmt.Errorf("jwthttp: the request's Host %.100q is none of the DPoP origins: %w", r.Host, dpop.ErrURIMismatch)
		}
	}
	path := r.URL.EscapedPath()
	if !strings.HasPrefix(path, "/") { // "OPTIONS *", or a request made by hand
		return "", fmt.Errorf("jwthttp: the request's path %.100q is not absolute: %w", path, dpop.ErrURIMismatch)
	}
	return o.base + path, nil
}
