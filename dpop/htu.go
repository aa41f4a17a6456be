package dpop

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
)

// NormalizeURI returns the form of an HTTP target URI that "htu" is
// compared in: the syntax- and scheme-based normalisation of RFC 3986
// §6.2.2 and §6.2.3, as RFC 9449 §4.3 asks, without query and fragment
// (RFC 9449 §4.2). It lower-cases the scheme and host, drops a default
// port (80 for http, 443 for https) and an empty one, writes an empty path
// as "/", upper-cases percent-encodings and decodes those of unreserved
// characters, and removes "." and ".." segments (RFC 3986 §5.2.4).
//
// The URI must be absolute, with the scheme http or https, a host, and no
// user information (RFC 9110 §4.2.4 deprecates it); anything else is an
// error. Nothing else is changed: the path's case, a trailing slash and
// repeated slashes are significant.
func NormalizeURI(uri string) (_ string, err error) {
	defer errwrap.Own(&err, "dpop")
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("dpop: URI %.100q: %w", uri, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("dpop: URI %.100q is not an absolute http or https URI", uri)
	}
	if u.Opaque != "" || u.Host == "" {
		return "", fmt.Errorf("dpop: URI %.100q has no host", uri)
	}
	if u.User != nil {
		return "", fmt.Errorf("dpop: URI %.100q has user information", uri)
	}
	host := strings.ToLower(u.Hostname())
	if host == "" { // "http://:80": an authority with a port and no host
		return "", fmt.Errorf("dpop: URI %.100q has no host", uri)
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal
	}
	switch port := u.Port(); {
	case port == "", scheme == "http" && port == "80", scheme == "https" && port == "443":
	default:
		host += ":" + port
	}
	path, err := normalizePath(u.EscapedPath())
	if err != nil {
		return "", fmt.Errorf("dpop: URI %.100q: %w", uri, err)
	}
	return scheme + "://" + host + path, nil
}

// normalizePath normalises the percent-encodings of an escaped path and
// removes its dot segments.
func normalizePath(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '%' {
			b.WriteByte(p[i])
			continue
		}
		if i+2 >= len(p) || !isHex(p[i+1]) || !isHex(p[i+2]) {
			return "", fmt.Errorf("bad percent-encoding in the path")
		}
		c := unhex(p[i+1])<<4 | unhex(p[i+2])
		if isUnreserved(c) { // RFC 3986 §6.2.2.2
			b.WriteByte(c)
		} else { // RFC 3986 §6.2.2.1
			b.WriteString(strings.ToUpper(p[i : i+3]))
		}
		i += 2
	}
	return removeDotSegments(b.String()), nil
}

// removeDotSegments applies RFC 3986 §5.2.4 to an absolute path, or makes
// an empty path "/" (RFC 3986 §6.2.3).
func removeDotSegments(p string) string {
	if p == "" {
		return "/"
	}
	segs := strings.Split(p, "/")[1:]
	out := make([]string, 0, len(segs))
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		default:
			out = append(out, s)
			continue
		}
		if last { // "/a/b/.." is "/a/"
			out = append(out, "")
		}
	}
	return "/" + strings.Join(out, "/")
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
