package jwk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
)

// Discover reads the OpenID Provider Configuration of issuer (OpenID Connect
// Discovery 1.0 §4), checks that the "issuer" it states is exactly the one
// asked for (§4.3: a provider document for another issuer is refused), and
// returns a [Remote] for its "jwks_uri". The options apply both to the
// discovery request and to the Remote.
func Discover(ctx context.Context, issuer string, opts ...RemoteOption) (*Remote, error) {
	cfg, err := newRemoteConfig(opts)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(issuer)
	if err != nil {
		return nil, fmt.Errorf("jwk: issuer URL: %v", err)
	}
	if err := cfg.checkURL(u); err != nil {
		return nil, err
	}
	doc := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	body, err := cfg.get(ctx, doc)
	if err != nil {
		return nil, err
	}
	if err := strictjson.Check(body); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFetch, doc, err)
	}
	var meta struct {
		Issuer  string `json:"issuer"`
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.Unmarshal(body, &meta); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFetch, doc, err)
	}
	if meta.Issuer != issuer {
		return nil, fmt.Errorf("%w: %s states issuer %q, not %q (OpenID Connect Discovery §4.3)", ErrFetch, doc, meta.Issuer, issuer)
	}
	if meta.JWKSURI == "" {
		return nil, fmt.Errorf("%w: %s has no jwks_uri", ErrFetch, doc)
	}
	return NewRemote(ctx, meta.JWKSURI, opts...)
}

// get fetches a small document with the configuration's timeout and size
// bound.
func (cfg *remoteConfig) get(ctx context.Context, rawURL string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFetch, err)
	}
	resp, err := cfg.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFetch, rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s answered %s", ErrFetch, rawURL, resp.Status)
	}
	return cfg.readBody(resp, rawURL)
}

// readBody reads a response body of at most the configured size.
func (cfg *remoteConfig) readBody(resp *http.Response, rawURL string) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, cfg.maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: reading the body: %v", ErrFetch, rawURL, err)
	}
	if int64(len(body)) > cfg.maxSize {
		return nil, fmt.Errorf("%w: %s: the body is over %d bytes: %w", ErrFetch, rawURL, cfg.maxSize, jwa.ErrLimitExceeded)
	}
	return body, nil
}
