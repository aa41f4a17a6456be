package jwk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// fetched is the outcome of a successful request: a new set (nil for a
// 304) and how long to cache it.
type fetched struct {
	set          *Set
	etag         string
	lastModified string
	interval     time.Duration
}

// fetch does one conditional GET of the set under ctx.
func (r *Remote) fetch(ctx context.Context) (fetched, error) {
	r.mu.Lock()
	etag, lastModified, haveSet := r.etag, r.lastModified, r.set != nil
	r.mu.Unlock()
	h := http.Header{"Accept": {"application/jwk-set+json, application/json"}}
	if haveSet && etag != "" {
		h.Set("If-None-Match", etag)
	}
	if haveSet && lastModified != "" {
		h.Set("If-Modified-Since", lastModified)
	}
	resp, err := r.cfg.do(ctx, r.url, h)
	if err != nil {
		return fetched{}, err
	}
	defer resp.Body.Close()
	out := fetched{interval: r.cfg.interval(resp.Header)}
	switch {
	case resp.StatusCode == http.StatusNotModified && haveSet:
		return out, nil
	case resp.StatusCode != http.StatusOK:
		return fetched{}, fmt.Errorf("%w: %s answered %s", ErrFetch, r.url, resp.Status)
	}
	body, err := r.cfg.readBody(resp, r.url)
	if err != nil {
		return fetched{}, err
	}
	set, err := parseFetchedSet(body)
	if err != nil {
		return fetched{}, fmt.Errorf("%w: %s: %w", ErrFetch, r.url, err)
	}
	out.set, out.etag, out.lastModified = set, resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	return out, nil
}

// parseFetchedSet reads the body of a key set response: a set that
// publishes no private key or secret (T66) and has at least one key this
// package can use.
func parseFetchedSet(body []byte) (*Set, error) {
	if err := publishedSecret(body); err != nil {
		return nil, err
	}
	set, err := ParseSet(body)
	if err != nil {
		return nil, err
	}
	for _, k := range set.keys { // a key type an extension registered may name its members otherwise
		if k.IsPrivate() || k.IsSymmetric() {
			return nil, fmt.Errorf("%v is private: %w", k, ErrPublishedSecret)
		}
	}
	if set.Len() == 0 {
		return nil, errors.New("the set has no key this package can use")
	}
	return set, nil
}

// do sends a GET with header h under ctx, which carries the fetch timeout.
func (cfg *remoteConfig) do(ctx context.Context, rawURL string, h http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFetch, rawURL, err)
	}
	req.Header = h
	resp, err := cfg.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFetch, err) // a *url.Error, which names the URL
	}
	return resp, nil
}

// readBody reads a response body of at most the configured size.
func (cfg *remoteConfig) readBody(resp *http.Response, rawURL string) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, cfg.maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: reading the body: %w", ErrFetch, rawURL, err)
	}
	if int64(len(body)) > cfg.maxSize {
		return nil, fmt.Errorf("%w: %s: the body is over %d bytes: %w", ErrFetch, rawURL, cfg.maxSize, jwa.ErrLimitExceeded)
	}
	return body, nil
}

// privateMembers are the JWK members that hold private or secret material:
// RFC 7518 §6.2.2 (EC), §6.3.2 (RSA), §6.4.1 (oct), RFC 8037 §2 (OKP), and
// "priv" of the AKP draft.
var privateMembers = [...]string{"d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv"}

// publishedSecret refuses a fetched set that publishes a private key or a
// secret in any of its keys, the kinds ParseSet skips included (T66). It
// runs before ParseSet, so that a published secret is named as such even in
// a set that is otherwise broken; a body that is not a JSON object with a
// "keys" array of objects is left for ParseSet to refuse.
func publishedSecret(body []byte) error {
	m, err := strictjson.ObjectAliased(body) // the body is ours, read once
	if err != nil {
		return nil
	}
	var items []json.RawMessage
	if json.Unmarshal(m["keys"], &items) != nil {
		return nil
	}
	for i, item := range items {
		km, err := strictjson.ObjectAliased(item)
		if err != nil {
			return nil
		}
		var kid, kty string
		_ = json.Unmarshal(km["kid"], &kid) // a kid or kty that is not a string
		_ = json.Unmarshal(km["kty"], &kty) // is ParseSet's to refuse
		if kty == string(jwa.KeyTypeOct) {
			return fmt.Errorf("key %d (kid %.64q) is a secret (kty \"oct\"): %w", i, kid, ErrPublishedSecret)
		}
		for _, name := range privateMembers {
			if _, ok := km[name]; ok {
				return fmt.Errorf("key %d (kid %.64q) has the private member %q: %w", i, kid, name, ErrPublishedSecret)
			}
		}
	}
	return nil
}

// interval reads how long the response may be cached (Cache-Control
// max-age, else Expires) and clamps it to the configured bounds.
func (cfg *remoteConfig) interval(h http.Header) time.Duration {
	d := DefaultRefresh
	if age, ok := maxAge(h.Get("Cache-Control")); ok {
		d = age
	} else if exp, err := http.ParseTime(h.Get("Expires")); err == nil {
		d = exp.Sub(cfg.clock.Now())
	}
	return min(max(d, cfg.minRefresh), cfg.maxRefresh)
}

func maxAge(cc string) (time.Duration, bool) {
	for part := range strings.SplitSeq(cc, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch strings.ToLower(name) {
		case "no-store", "no-cache":
			return 0, true
		case "max-age":
			n, err := strconv.ParseInt(strings.Trim(value, `"`), 10, 64)
			if err != nil || n < 0 {
				return 0, false
			}
			return time.Duration(min(n, int64(1<<31))) * time.Second, true
		}
	}
	return 0, false
}

func (s *Set) hasKeyID(kid string) bool {
	if s == nil {
		return false
	}
	for _, k := range s.keys {
		if k.kid == kid {
			return true
		}
	}
	return false
}
