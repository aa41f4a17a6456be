package jwkring

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwk"
)

// JWKSContentType is the media type of the key set (RFC 7517 §8.5.1).
const JWKSContentType = "application/jwk-set+json"

// jwksDoc is the key set served for one state from one published key on.
type jwksDoc struct {
	first int // the index, in the state, of the first key published
	body  []byte
	etag  string
}

// JWKSHandler returns the handler of the ring's public key set, the
// jwks_uri of the issuer: a JWK Set of the keys published now (the next,
// current and previous ones), each with its kid, "alg" and "use":"sig",
// and never a private member (T54, T66).
//
// It answers GET and HEAD (other methods: 405) with:
//   - Content-Type application/jwk-set+json;
//   - Cache-Control "public, max-age=N", N the whole seconds of the lead
//     time minus the reload interval, so that no verifier keeps a set
//     past the moment a key it lacks starts signing (T80);
//   - a strong ETag, the SHA-256 of the body, and 304 Not Modified to a
//     request whose If-None-Match names it (RFC 9110 §13.1.2), so that a
//     verifier's refresh costs no body while nothing changed.
//
// The set is made again only when it changes (a key published or
// retired); a request costs a read of the clock otherwise.
func (r *Ring) JWKSHandler() http.Handler {
	if r.loaded() == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "jwkring: nil *Ring", http.StatusInternalServerError)
		})
	}
	cc := fmt.Sprintf("public, max-age=%d", int64(r.maxAge()/time.Second))
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !readOnly(w, req) {
			return
		}
		doc, err := r.jwks()
		if err != nil {
			http.Error(w, "the key set cannot be made", http.StatusInternalServerError)
			return
		}
		serve(w, req, JWKSContentType, cc, doc.etag, doc.body)
	})
}

// serve answers req with body, which is identified by etag.
// http.ServeContent answers If-None-Match (weak comparison, "*") and HEAD
// as RFC 9110 says; no modification time is given, so none is compared.
func serve(w http.ResponseWriter, req *http.Request, contentType, cacheControl, etag string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", etag)
	h.Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, req, "", time.Time{}, bytes.NewReader(body))
}

// etagOf returns a strong entity tag for body: its SHA-256, base64url.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64url.EncodeToString(sum[:]) + `"`
}

// readOnly answers a request that is not GET or HEAD with 405.
func readOnly(w http.ResponseWriter, req *http.Request) bool {
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	return false
}

// jwks returns the key set published now, made once per change.
func (r *Ring) jwks() (*jwksDoc, error) {
	s := r.snap.Load()
	first := s.st.firstPublished(r.cfg.clock.Now(), r.policy.hold())
	if d := s.jwks.Load(); d != nil && d.first == first {
		return d, nil
	}
	keys := make([]*jwk.Key, 0, len(s.st.keys)-first)
	for _, e := range s.st.keys[first:] {
		keys = append(keys, e.public)
	}
	set, err := jwk.NewSet(keys...)
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(set)
	if err != nil {
		return nil, err
	}
	d := &jwksDoc{first: first, body: body, etag: etagOf(body)}
	s.jwks.Store(d)
	return d, nil
}
