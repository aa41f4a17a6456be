package sdjwt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/joseproject/jose/internal/strictjson"
)

// maxNesting bounds the nesting of the processed claims, disclosures
// included: each JSON document is bounded by strictjson.MaxDepth, but
// recursive disclosures stack documents.
const maxNesting = 4 * strictjson.MaxDepth

// processed is the result of RFC 9901 §7.1 step 3 to 5 over a payload.
type processed struct {
	hash        HashAlgorithm
	claims      map[string]any // the Processed SD-JWT Payload
	disclosures []*Disclosure  // in the order received, with their paths
}

// process checks the payload of an issuer-signed JWT strictly, reads its
// "_sd_alg" (accepted if in allowed), and replaces the digests with the
// disclosures (RFC 9901 §7.1 step 3 to 5).
func process(payload []byte, encoded []string, allowed []HashAlgorithm) (*processed, error) {
	if err := strictjson.Check(payload); err != nil {
		return nil, malformed("issuer-signed JWT payload: %w", err)
	}
	v, err := decode(payload)
	if err != nil {
		return nil, malformed("issuer-signed JWT payload: %w", err)
	}
	claims := v.(map[string]any)
	h := SHA256 // RFC 9901 §4.1.1: the default
	if alg, ok := claims["_sd_alg"]; ok {
		s, ok := alg.(string)
		if !ok {
			return nil, fmt.Errorf("sdjwt: \"_sd_alg\" is not a string: %w", ErrHashAlgorithm)
		}
		h = HashAlgorithm(s)
		delete(claims, "_sd_alg") // RFC 9901 §7.1 step 3.6
	}
	// RFC 9901 §7.1 step 2.4: understood and deemed secure.
	if _, ok := hashes[h]; !ok || !slices.Contains(allowed, h) {
		return nil, fmt.Errorf("sdjwt: \"_sd_alg\" %.40q: %w", string(h), ErrHashAlgorithm)
	}
	p := &processor{hash: h, byDigest: make(map[string]*Disclosure, len(encoded)), seen: map[string]struct{}{}}
	out := &processed{hash: h, claims: claims}
	for i, s := range encoded {
		d, err := ParseDisclosure(s)
		if err != nil {
			return nil, fmt.Errorf("sdjwt: disclosure %d: %w", i+1, err)
		}
		dg, _ := h.Digest(s)
		if _, dup := p.byDigest[dg]; dup {
			// RFC 9901 §4: a disclosure is sent at most once.
			return nil, fmt.Errorf("sdjwt: disclosure %d is given twice: %w", i+1, ErrDuplicateDigest)
		}
		p.byDigest[dg] = d
		out.disclosures = append(out.disclosures, d)
	}
	if err := p.object(claims, "", nil, 0); err != nil {
		return nil, err
	}
	for i, d := range out.disclosures {
		if !d.used {
			// RFC 9901 §7.1 step 5
			return nil, fmt.Errorf("sdjwt: disclosure %d (%s): %w", i+1, d.describe(), ErrUnreferencedDisclosure)
		}
	}
	return out, nil
}

// decode reads JSON keeping numbers exact.
func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

type processor struct {
	hash     HashAlgorithm
	byDigest map[string]*Disclosure
	seen     map[string]struct{}
}

// digest records an embedded digest and returns its disclosure, if given.
func (p *processor) digest(dg string) (*Disclosure, error) {
	if _, dup := p.seen[dg]; dup {
		// RFC 9901 §7.1 step 4
		return nil, fmt.Errorf("sdjwt: digest %.64s: %w", dg, ErrDuplicateDigest)
	}
	p.seen[dg] = struct{}{}
	return p.byDigest[dg], nil
}

func (p *processor) value(v any, path string, parent *Disclosure, depth int) (any, error) {
	if depth > maxNesting {
		return nil, malformed("claims nested deeper than %d", maxNesting)
	}
	switch v := v.(type) {
	case map[string]any:
		return v, p.object(v, path, parent, depth+1)
	case []any:
		return p.array(v, path, parent, depth+1)
	}
	return v, nil
}

// object processes the digests of an object's "_sd" member (RFC 9901 §7.1
// step 3.3.2) and its other members.
func (p *processor) object(obj map[string]any, path string, parent *Disclosure, depth int) error {
	sd, hasSD := obj["_sd"]
	delete(obj, "_sd") // RFC 9901 §7.1 step 3.5
	for name, v := range obj {
		nv, err := p.value(v, path+"/"+escapePointer(name), parent, depth)
		if err != nil {
			return err
		}
		obj[name] = nv
	}
	if !hasSD {
		return nil
	}
	list, ok := sd.([]any)
	if !ok {
		return malformed("\"_sd\" at %q is not an array", path)
	}
	for _, e := range list {
		dg, ok := e.(string)
		if !ok {
			return malformed("\"_sd\" at %q holds a non-string", path)
		}
		d, err := p.digest(dg)
		if err != nil {
			return err
		}
		if d == nil {
			continue // RFC 9901 §7.1 step 3.3.1: a digest without a disclosure is ignored
		}
		if d.element {
			// RFC 9901 §7.1 step 3.3.2.1
			return fmt.Errorf("sdjwt: an array element disclosure is referenced from \"_sd\" at %q: %w", path, ErrInvalidDisclosure)
		}
		if _, exists := obj[d.name]; exists {
			// RFC 9901 §7.1 step 3.3.2.3
			return fmt.Errorf("sdjwt: claim %q at %q: %w", clip(d.name), path, ErrClaimExists)
		}
		if err := p.reveal(d, path+"/"+escapePointer(d.name), parent, depth, func(v any) { obj[d.name] = v }); err != nil {
			return err
		}
	}
	return nil
}

// array processes an array's elements, replacing {"...": digest} with the
// disclosed element or dropping it (RFC 9901 §7.1 step 3.3.3, 3.4).
func (p *processor) array(arr []any, path string, parent *Disclosure, depth int) ([]any, error) {
	out := make([]any, 0, len(arr))
	for i, e := range arr {
		elemPath := path + "/" + strconv.Itoa(i)
		if m, ok := e.(map[string]any); ok && len(m) == 1 {
			if dg, ok := m["..."].(string); ok {
				d, err := p.digest(dg)
				if err != nil {
					return nil, err
				}
				if d == nil {
					continue
				}
				if !d.element {
					// RFC 9901 §7.1 step 3.3.3.1
					return nil, fmt.Errorf("sdjwt: a name/value disclosure is referenced from an array at %q: %w", path, ErrInvalidDisclosure)
				}
				if err := p.reveal(d, elemPath, parent, depth, func(v any) { out = append(out, v) }); err != nil {
					return nil, err
				}
				continue
			}
		}
		nv, err := p.value(e, elemPath, parent, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, nv)
	}
	return out, nil
}

// reveal decodes a disclosure's value, processes it recursively and puts it
// in place.
func (p *processor) reveal(d *Disclosure, path string, parent *Disclosure, depth int, put func(any)) error {
	v, err := decode(d.value)
	if err != nil {
		return fmt.Errorf("sdjwt: disclosure value: %w: %w", err, ErrInvalidDisclosure)
	}
	d.path, d.parent, d.used = path, parent, true
	v, err = p.value(v, path, d, depth)
	if err != nil {
		return err
	}
	put(v)
	return nil
}

// describe names a disclosure in an error without its value.
func (d *Disclosure) describe() string {
	if d.element {
		return "an array element"
	}
	return fmt.Sprintf("claim %q", clip(d.name))
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}
