package jwk

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/joseproject/jose/internal/nilcheck"
)

// Defaults and limits of a [Remote] key set; each default has an option.
const (
	DefaultMinRefresh   = time.Minute         // the least caching interval, backoff and time between unknown-kid refreshes
	DefaultMaxRefresh   = 24 * time.Hour      // the longest time a fetched set is kept without asking again
	DefaultRefresh      = time.Hour           // the caching interval when the response has no Cache-Control max-age or Expires
	DefaultFetchTimeout = 10 * time.Second    // one request, body included
	DefaultMaxSetSize   = 1 << 20             // bytes of a response body
	MaxRefreshLimit     = 30 * 24 * time.Hour // the largest maximum [WithRefreshInterval] accepts
	maxRedirects        = 5
)

type remoteConfig struct {
	client        *http.Client
	minRefresh    time.Duration
	maxRefresh    time.Duration
	timeout       time.Duration
	maxSize       int64
	allowHTTP     bool
	redirectHosts []string // hosts a redirect may lead to besides the request's own
	onError       func(error)
	clock         Clock
}

// RemoteOption configures a [Remote] made by [NewRemote] or [Discover]. It
// is an interface that only this package implements; a misused one (nil, a
// nil client, clock or function, an argument out of range) fails the call
// with an error wrapping [ErrInvalidOption] that names it.
type RemoteOption interface {
	isRemoteOption()
}

// remoteOption is the implementation of RemoteOption.
type remoteOption func(*remoteConfig) error

func (remoteOption) isRemoteOption() {}

// WithHTTPClient sets the client used for requests (default: a client with
// no timeout of its own; the fetch timeout applies either way). The client
// is copied, and its CheckRedirect runs after the Remote's own redirect
// rules, which it cannot loosen.
func WithHTTPClient(c *http.Client) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		if c == nil {
			return optionError("WithHTTPClient: the client is nil (give http.DefaultClient or your own)")
		}
		cfg.client = c
		return nil
	})
}

// WithRefreshInterval sets the bounds that the provider's caching headers
// are clamped to (defaults [DefaultMinRefresh] and [DefaultMaxRefresh]; the
// maximum is at most [MaxRefreshLimit]). The minimum is also the first
// backoff after a failed fetch and the least time between two refreshes
// caused by unknown kids; the maximum is also the longest backoff.
func WithRefreshInterval(min, max time.Duration) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		if min <= 0 || max < min || max > MaxRefreshLimit {
			return optionError("WithRefreshInterval(%v, %v): want 0 < minimum ≤ maximum ≤ %v", min, max, MaxRefreshLimit)
		}
		cfg.minRefresh, cfg.maxRefresh = min, max
		return nil
	})
}

// WithFetchTimeout bounds one request, body included (default
// [DefaultFetchTimeout]). It is measured on the system clock whatever
// [WithClock] says, since it bounds real network I/O.
func WithFetchTimeout(d time.Duration) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		if d <= 0 {
			return optionError("WithFetchTimeout(%v): want a positive timeout", d)
		}
		cfg.timeout = d
		return nil
	})
}

// WithMaxSetSize bounds the response body in bytes (default
// [DefaultMaxSetSize]); a larger body is an error and the cached set stays.
func WithMaxSetSize(n int64) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		if n <= 0 {
			return optionError("WithMaxSetSize(%d): want a positive size", n)
		}
		cfg.maxSize = n
		return nil
	})
}

// WithInsecureHTTP allows http:// URLs, meant for tests against a server on
// loopback. Without it only https:// is fetched.
func WithInsecureHTTP() RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error { cfg.allowHTTP = true; return nil })
}

// WithRedirectHosts names hosts that a redirect may lead to. Without it a
// redirect is followed only to the host of the request it answers; one to
// another host is refused ([ErrRefusedURL]), since that host's keys would
// then be trusted as the provider's. A host is a name or an IP address,
// with ":port" when the port is not the scheme's default; it is compared
// without regard to case.
func WithRedirectHosts(hosts ...string) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		for _, h := range hosts {
			if h == "" || strings.ContainsAny(h, "/?#@ ") {
				return optionError("WithRedirectHosts: %q is not a host[:port]", h)
			}
			cfg.redirectHosts = append(cfg.redirectHosts, h)
		}
		return nil
	})
}

// WithErrorHandler sets a function called with every failed fetch, the
// background ones included. It must not block.
func WithErrorHandler(f func(error)) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		if f == nil {
			return optionError("WithErrorHandler: the function is nil")
		}
		cfg.onError = f
		return nil
	})
}

// WithClock sets the clock every time decision of the Remote is made on
// (see [Clock]); the default is the system clock. It is meant for tests:
// a test moves its clock forward and the Remote's caching, background
// refresh, backoff and jitter follow it.
func WithClock(c Clock) RemoteOption {
	return remoteOption(func(cfg *remoteConfig) error {
		if nilcheck.IsNil(c) {
			return optionError("WithClock: the clock is nil")
		}
		cfg.clock = c
		return nil
	})
}

func newRemoteConfig(opts []RemoteOption) (remoteConfig, error) {
	cfg := remoteConfig{
		client:     http.DefaultClient,
		minRefresh: DefaultMinRefresh,
		maxRefresh: DefaultMaxRefresh,
		timeout:    DefaultFetchTimeout,
		maxSize:    DefaultMaxSetSize,
		clock:      systemClock{},
	}
	for i, o := range opts {
		f, _ := o.(remoteOption)
		if f == nil {
			return cfg, optionError("option %d is nil", i+1)
		}
		if err := f(&cfg); err != nil {
			return cfg, err
		}
	}
	// Redirects are checked on a copy of the caller's client, which is left
	// as it was.
	c := *cfg.client
	next := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := cfg.checkRedirect(req.URL, via[0].URL); err != nil {
			return err
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("jwk: more than %d redirects", maxRedirects)
		}
		return nil
	}
	cfg.client = &c
	return cfg, nil
}

// parseURL parses a URL this configuration fetches.
func (cfg *remoteConfig) parseURL(what, rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("jwk: %s: %w: %w", what, ErrRefusedURL, err)
	}
	if err := cfg.checkURL(u); err != nil {
		return nil, fmt.Errorf("jwk: %s: %w", what, err)
	}
	return u, nil
}

// checkURL allows https, and http only when the caller opted in (T53: no
// file:, gopher: or other schemes).
func (cfg *remoteConfig) checkURL(u *url.URL) error {
	switch {
	case u.Scheme == "https" && u.Host != "":
		return nil
	case u.Scheme == "http" && u.Host != "" && cfg.allowHTTP:
		return nil
	case u.Scheme == "http" && u.Host != "":
		return fmt.Errorf("%q is plain http (allowed only with WithInsecureHTTP): %w", u.Redacted(), ErrRefusedURL)
	}
	return fmt.Errorf("%q is not an https URL: %w", u.Redacted(), ErrRefusedURL)
}

// checkRedirect allows a redirect from the request to orig to the URL to:
// a URL checkURL allows, on orig's host or one the caller named (T67).
func (cfg *remoteConfig) checkRedirect(to, orig *url.URL) error {
	if err := cfg.checkURL(to); err != nil {
		return fmt.Errorf("jwk: redirect: %w", err)
	}
	if sameHost(to, hostPort(orig)) {
		return nil
	}
	for _, h := range cfg.redirectHosts {
		if sameHost(to, h) {
			return nil
		}
	}
	return fmt.Errorf("jwk: redirect from host %q to host %q (allow it with WithRedirectHosts): %w", orig.Host, to.Host, ErrRefusedURL)
}

// hostPort returns u's host with its port, the scheme's default when none
// is written.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = defaultPort(u.Scheme)
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// sameHost reports whether u is on host ("name" or "name:port", the port
// of u's scheme when none is written).
func sameHost(u *url.URL, host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil { // no port
		name, port = strings.Trim(host, "[]"), defaultPort(u.Scheme)
	}
	uport := u.Port()
	if uport == "" {
		uport = defaultPort(u.Scheme)
	}
	return strings.EqualFold(u.Hostname(), name) && uport == port
}

func defaultPort(scheme string) string {
	if scheme == "http" {
		return "80"
	}
	return "443"
}
