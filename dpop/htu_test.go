package dpop_test

import (
	"testing"

	"github.com/joseproject/jose/dpop"
)

func TestNormalizeURI(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://server.example.com/token", "https://server.example.com/token"},
		{"HTTPS://Server.Example.COM:443/token?x=1#f", "https://server.example.com/token"},
		{"http://example.com:80", "http://example.com/"},
		{"http://example.com:", "http://example.com/"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"http://example.com:443/a", "http://example.com:443/a"},
		{"https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"https://example.com/a/b/..", "https://example.com/a/"},
		{"https://example.com/%7Euser/%2e%2E/x", "https://example.com/x"},
		{"https://example.com/a%2fb", "https://example.com/a%2Fb"},
		{"https://example.com/A/B/", "https://example.com/A/B/"},
		{"https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x"},
	} {
		got, err := dpop.NormalizeURI(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizeURI(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "/token", "ftp://example.com/", "https:///x", "https://user@example.com/", "mailto:a@b", "https://example.com/%zz", "https://example.com/%4", "http://[::1",
		"http://:", "http://:80/x", "https://:443"} { // a port and no host
		if got, err := dpop.NormalizeURI(bad); err == nil {
			t.Errorf("NormalizeURI(%q) = %q, want an error", bad, got)
		}
	}
}
