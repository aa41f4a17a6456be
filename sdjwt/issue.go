package sdjwt

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/joseproject/jose/internal/errwrap"
	"github.com/joseproject/jose/internal/strictjson"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwt"
)

// Issue returns claims as an SD-JWT (RFC 9901 §4): an issuer-signed JWT made
// by [jwt.Sign] with key under alg, followed by the disclosures of the claims
// that [WithDisclosable] names, in the "~"-separated form (or the JSON one of
// [WithJSON]). It is what an issuer gives the holder.
//
// claims is marshalled as [jwt.Sign] does (a struct, a map or a
// json.RawMessage giving a JSON object). For each selectively disclosable
// claim Issue draws a 128-bit salt from crypto/rand (RFC 9901 §9.3), puts the
// digest in the enclosing object's "_sd" array (sorted, which hides the
// original order, RFC 9901 §4.2.4.1) or in place of the array element
// ({"...": digest}, RFC 9901 §4.2.4.2), and writes "_sd_alg". The claims must
// not already use "_sd", "..." or "_sd_alg" (RFC 9901 §4.1 rule 7), nor
// "cnf" when [WithConfirmationKey] adds it. The claims a verifier needs to
// judge the token ("iss", "aud", "exp", "nbf", "cnf") cannot be made
// disclosable ([ErrInvalidOption]; see [WithDisclosable]).
//
// Options: [WithDisclosable], [WithDecoys], [WithHashAlgorithm],
// [WithConfirmationKey], [WithJSON], and [WithSignOptions] for the options
// of [jwt.Sign] (the "typ" header, "kid").
func Issue(claims any, alg jwa.SignatureAlgorithm, key any, opts ...IssueOption) (_ string, err error) {
	defer errwrap.Own(&err, "sdjwt")
	c, err := configure(callIssue, opts)
	if err != nil {
		return "", err
	}
	if claims == nil {
		return "", fmt.Errorf("sdjwt: nil claims: %w", jwt.ErrInvalidClaims)
	}
	raw, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("sdjwt: claims do not marshal: %w", errwrap.Beside(err, jwt.ErrInvalidClaims))
	}
	if err := strictjson.Check(raw); err != nil {
		return "", fmt.Errorf("sdjwt: claims: %w: %w", err, jwt.ErrInvalidClaims)
	}
	v, err := decode(raw)
	if err != nil {
		return "", fmt.Errorf("sdjwt: claims: %w: %w", err, jwt.ErrInvalidClaims)
	}
	if err := checkReserved(v, "", 0); err != nil {
		return "", err
	}
	top := v.(map[string]any)
	is := &issuer{hash: c.hashes[0], decoys: c.decoys, marks: map[string]bool{}}
	for _, p := range c.paths {
		switch p {
		case "":
			return "", optionError("WithDisclosable: the whole claim set cannot be hidden")
		}
		if claim, ok := mustStayVisible(p); ok {
			return "", optionError("WithDisclosable: %.64q hides %q, which must stay visible to verifiers (RFC 9901 §9.7)", p, claim)
		}
		if p[0] != '/' {
			return "", optionError("WithDisclosable: %.64q is not a JSON Pointer", p)
		}
		is.marks[p] = false
	}
	if c.cnf != nil {
		if _, taken := top["cnf"]; taken {
			return "", fmt.Errorf("sdjwt: claims have \"cnf\" and WithConfirmationKey adds it: %w", ErrInvalidOption)
		}
		k, err := c.cnf.MarshalJSON()
		if err != nil {
			return "", fmt.Errorf("sdjwt: confirmation key: %w", err)
		}
		top["cnf"] = map[string]any{"jwk": json.RawMessage(k)} // RFC 7800 §3.2
	}
	if _, err := is.conceal(top, "", true); err != nil {
		return "", err
	}
	for _, p := range c.paths {
		if !is.marks[p] {
			return "", optionError("WithDisclosable: %.64q names no claim", p)
		}
	}
	top["_sd_alg"] = string(is.hash)
	payload, err := json.Marshal(top)
	if err != nil {
		return "", fmt.Errorf("sdjwt: claims: %w", errwrap.Beside(err, jwt.ErrInvalidClaims))
	}
	signed, err := jwt.Sign(json.RawMessage(payload), alg, key, c.signOpts...)
	if err != nil {
		return "", fmt.Errorf("sdjwt: issuer-signed JWT: %w", err)
	}
	t := &token{jwt: signed, disclosures: is.disclosures}
	if c.json {
		return t.flattened()
	}
	return t.compact(), nil
}

// mustStayVisible reports whether the JSON Pointer p hides a claim that
// verifiers need to judge the token (RFC 9901 §9.7), and which: "iss",
// "aud", "exp", "nbf" and "cnf", or anything inside "aud" or "cnf". A
// holder who could withhold them would, for instance, hide the audience
// from a verifier that refuses tokens meant for others, or the expiry.
// (§9.7 would allow single elements of an "aud" array, but an element
// replaced by a digest is not a string, which "aud" must hold.)
func mustStayVisible(p string) (string, bool) {
	switch p {
	case "/iss", "/aud", "/exp", "/nbf", "/cnf":
		return p[1:], true
	}
	for _, claim := range []string{"aud", "cnf"} {
		if strings.HasPrefix(p, "/"+claim+"/") {
			return claim, true
		}
	}
	return "", false
}

// checkReserved refuses the names SD-JWT gives a meaning to.
func checkReserved(v any, path string, depth int) error {
	if depth > strictjson.MaxDepth {
		return fmt.Errorf("sdjwt: claims nested too deep: %w", jwt.ErrInvalidClaims)
	}
	switch v := v.(type) {
	case map[string]any:
		for name, e := range v {
			if name == "_sd" || name == "..." || name == "_sd_alg" {
				return fmt.Errorf("sdjwt: claim %q at %q is reserved by SD-JWT (RFC 9901 §4.1): %w", name, path, jwt.ErrInvalidClaims)
			}
			if err := checkReserved(e, path+"/"+escapePointer(name), depth+1); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range v {
			if err := checkReserved(e, path+"/"+strconv.Itoa(i), depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

type issuer struct {
	hash        HashAlgorithm
	decoys      int
	marks       map[string]bool // path → found
	disclosures []string
}

// conceal replaces the marked claims below v by digests, innermost first,
// so that a recursive disclosure holds the digests of the claims inside it.
func (is *issuer) conceal(v any, path string, top bool) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		var sd []string
		names := make([]string, 0, len(v))
		for name := range v {
			names = append(names, name)
		}
		slices.Sort(names) // a fixed order for the disclosures
		for _, name := range names {
			p := path + "/" + escapePointer(name)
			nv, err := is.conceal(v[name], p, false)
			if err != nil {
				return nil, err
			}
			v[name] = nv
			if _, marked := is.marks[p]; !marked {
				continue
			}
			is.marks[p] = true
			d, err := NewDisclosure(newSalt(), name, nv)
			if err != nil {
				return nil, err
			}
			sd = append(sd, is.add(d))
			delete(v, name)
		}
		if len(sd) > 0 || (top && is.decoys > 0) {
			for range is.decoys {
				dg, _ := is.hash.Digest(newSalt()) // RFC 9901 §4.2.5
				sd = append(sd, dg)
			}
			slices.Sort(sd) // RFC 9901 §4.2.4.1: hide the original order
			v["_sd"] = sd
		}
		return v, nil
	case []any:
		for i, e := range v {
			p := path + "/" + strconv.Itoa(i)
			ne, err := is.conceal(e, p, false)
			if err != nil {
				return nil, err
			}
			v[i] = ne
			if _, marked := is.marks[p]; !marked {
				continue
			}
			is.marks[p] = true
			d, err := NewArrayDisclosure(newSalt(), ne)
			if err != nil {
				return nil, err
			}
			v[i] = map[string]any{"...": is.add(d)}
		}
	}
	return v, nil
}

// add records a disclosure and returns its digest.
func (is *issuer) add(d *Disclosure) string {
	is.disclosures = append(is.disclosures, d.encoded)
	dg, _ := d.Digest(is.hash)
	return dg
}
