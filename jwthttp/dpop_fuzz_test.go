package jwthttp

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/joseproject/jose/dpop"
)

// FuzzDPoPTarget reads arbitrary origins and Host headers: never a panic;
// an accepted origin normalises to itself, and the target of a request is
// always under one of the origins, whatever its Host.
func FuzzDPoPTarget(f *testing.F) {
	for _, seed := range [][2]string{
		{"https://api.example.com", "api.example.com"}, {"http://[::1]:8080/api/", "[::1]:8080"},
		{"https://a.example:443", "other.example"}, {"HTTPS://A.EXAMPLE/%7euser", "a.example:443"},
		{"ftp://x", ""}, {"https://u@x", "x"}, {"https://x/?q", "x"}, {"https://x/./a/../b", "X"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, o, host string) {
		parsed, err := parseOrigin(o)
		if err != nil {
			return
		}
		if n, err := dpop.NormalizeURI(parsed.base + "/"); err != nil || strings.TrimSuffix(n, "/") != parsed.base {
			t.Fatalf("origin %q normalised to %q, which normalises to %q (%v)", o, parsed.base, n, err)
		}
		second, _ := parseOrigin("https://second.invalid")
		for _, d := range []*dpopProofs{{origins: []origin{parsed}}, {origins: []origin{parsed, second}}} {
			r := httptest.NewRequest("GET", "/p", nil)
			r.Host = host
			uri, err := d.target(r)
			if err != nil {
				continue
			}
			if uri != parsed.base+"/p" && uri != second.base+"/p" {
				t.Fatalf("Host %q gave the target %q", host, uri)
			}
		}
	})
}
