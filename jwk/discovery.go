package jwk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
)

// Discover reads the OpenID Provider Configuration of issuer (OpenID Connect
// Discovery 1.0 §4), checks that the "issuer" it states is exactly the one
// asked for (§4.3: a provider document for another issuer is refused), and
// returns a [Remote] for its "jwks_uri", which it does not fetch yet.
//
// ctx bounds the discovery request only; the Remote lives until
// [Remote.Close]. The options apply both to the discovery request (its
// timeout, size bound, client, URL and redirect rules) and to the Remote.
// Failures wrap [ErrFetch] with their cause; a URL that is not https, or a
// redirect to another host, wraps [ErrRefusedURL].
func Discover(ctx context.Context, issuer string, opts ...RemoteOption) (_ *Remote, err error) {
	defer errwrap.Own(&err, "jwk")
	if ctx == nil {
		return nil, errNilContext
	}
	cfg, err := newRemoteConfig(opts)
	if err != nil {
		return nil, err
	}
	if _, err := cfg.parseURL("issuer URL", issuer); err != nil {
		return nil, err
	}
	doc := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
	body, err := cfg.get(ctx, doc)
	if err != nil {
		return nil, err
	}
	jwksURI, err := jwksURIOf(body, issuer)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrFetch, doc, err)
	}
	r, err := NewRemote(jwksURI, opts...)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: jwks_uri: %w", ErrFetch, doc, err)
	}
	return r, nil
}

// jwksURIOf reads a provider configuration document: its "issuer" must be
// issuer exactly, and its "jwks_uri" is returned. Members are read by their
// exact names: encoding/json would also take "ISSUER" for "issuer".
func jwksURIOf(body []byte, issuer string) (string, error) {
	m, err := strictjson.ObjectAliased(body)
	if err != nil {
		return "", err
	}
	var stated, jwksURI string
	if err := stringMember(m, "issuer", &stated); err != nil {
		return "", err
	}
	if err := stringMember(m, "jwks_uri", &jwksURI); err != nil {
		return "", err
	}
	if stated != issuer {
		return "", fmt.Errorf("states issuer %.200q, not %q (OpenID Connect Discovery §4.3)", stated, issuer)
	}
	if jwksURI == "" {
		return "", errors.New("no jwks_uri")
	}
	return jwksURI, nil
}

// stringMember reads the string member name of m into *v; a missing member
// leaves *v empty.
func stringMember(m map[string]json.RawMessage, name string, v *string) error {
	raw, ok := m[name]
	if !ok {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("member %q: %w", name, err)
	}
	return nil
}

// get fetches a small document with the configuration's timeout and size
// bound. ctx bounds the request as well.
func (cfg *remoteConfig) get(ctx context.Context, rawURL string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	resp, err := cfg.do(ctx, rawURL, http.Header{"Accept": {"application/json"}})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%w: %s answered %s", ErrFetch, rawURL, resp.Status)
	}
	return cfg.readBody(resp, rawURL)
}
