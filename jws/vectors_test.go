package jws

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/internal/fipstest"
	"github.com/joseproject/jose/internal/josetest"
	"github.com/joseproject/jose/jwa"
	"github.com/joseproject/jose/jwk"
)

// vector is the schema of a JWS example of testdata/rfc7520 (see its
// README).
type vector struct {
	Input struct {
		Payload string          `json:"payload"`
		Key     json.RawMessage `json:"key"`
		Alg     json.RawMessage `json:"alg"`
	} `json:"input"`
	Signing json.RawMessage `json:"signing"`
	Output  josetest.Output `json:"output"`
}

type step struct {
	ProtectedB64 string                     `json:"protected_b64u"`
	Unprotected  map[string]json.RawMessage `json:"unprotected"`
	Sig          string                     `json:"sig"`
}

// oneOrMany decodes a JSON value that is one T or an array of them.
func oneOrMany[T any](t *testing.T, raw json.RawMessage) []T {
	t.Helper()
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		var list []T
		mustUnmarshal(t, raw, &list)
		return list
	}
	var one T
	mustUnmarshal(t, raw, &one)
	return []T{one}
}

func mustUnmarshal(t *testing.T, raw []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}

func loadVector(t *testing.T, path string) vector {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v vector
	mustUnmarshal(t, raw, &v)
	return v
}

func parseKey(t *testing.T, raw json.RawMessage) *jwk.Key {
	t.Helper()
	k, err := jwk.Parse(raw)
	if err != nil {
		t.Fatalf("jwk.Parse: %v", err)
	}
	return k
}

// verifyingKey is the public half of k, or k itself for a secret.
func verifyingKey(k *jwk.Key) *jwk.Key {
	if k.IsSymmetric() {
		return k
	}
	return k.Public()
}

// serializations returns the outputs a vector gives.
func (v vector) serializations() map[string]string { return v.Output.Serializations() }

// rfc7520 lists the JWS examples: file, whether the payload is detached,
// the indexes of the signatures whose alg is only in an unprotected header,
// and the indexes of the deterministic signatures Sign must reproduce.
var rfc7520 = []struct {
	file          string
	detached      bool
	unprotected   []int
	deterministic []int
}{
	{file: "jws/4_1.rsa_v15_signature.json", deterministic: []int{0}},
	{file: "jws/4_2.rsa-pss_signature.json"},
	{file: "jws/4_3.ecdsa_signature.json"},
	{file: "jws/4_4.hmac-sha2_integrity_protection.json", deterministic: []int{0}},
	{file: "jws/4_5.signature_with_detached_content.json", detached: true, deterministic: []int{0}},
	{file: "jws/4_6.protecting_specific_header_fields.json", deterministic: []int{0}},
	{file: "jws/4_7.protecting_content_only.json", unprotected: []int{0}},
	{file: "jws/4_8.multiple_signatures.json", unprotected: []int{1}, deterministic: []int{0, 2}},
	{file: "curve25519/jws.json", deterministic: []int{0}}, // RFC 8037 A.4, A.5
	{file: "rfc7797/hmac-sha2_b64_false.json"},             // RFC 7797 §4.1; its "signing" is defective, see TestRFC7797
}

const rfc7520Dir = "../testdata/rfc7520"

func TestRFC7520(t *testing.T) {
	for _, tc := range rfc7520 {
		t.Run(tc.file, func(t *testing.T) {
			v := loadVector(t, filepath.Join(rfc7520Dir, tc.file))
			keys := oneOrMany[json.RawMessage](t, v.Input.Key)
			algs := oneOrMany[jwa.SignatureAlgorithm](t, v.Input.Alg)
			var opts []VerifyOption
			for i, raw := range keys {
				opts = append(opts, WithKey(algs[i], verifyingKey(parseKey(t, raw))))
			}
			if tc.detached {
				opts = append(opts, WithPayload([]byte(v.Input.Payload)))
			}
			for name, tok := range v.serializations() {
				t.Run(name, func(t *testing.T) {
					checkVerify(t, tok, opts, v.Input.Payload, len(keys), tc.unprotected)
				})
			}
			steps := oneOrMany[step](t, v.Signing)
			for _, i := range tc.deterministic {
				checkResign(t, v, tc.detached, steps[i], algs[i], parseKey(t, keys[i]))
			}
		})
	}
}

// checkVerify verifies tok with every signature required, and checks that
// the signatures with an unprotected alg verify only with the opt-in.
func checkVerify(t *testing.T, tok string, opts []VerifyOption, payload string, n int, unprotected []int) {
	t.Helper()
	if len(unprotected) > 0 {
		_, err := VerifyMessage(tok, append(slices.Clone(opts), WithRequireAll())...)
		if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
			t.Fatalf("unprotected alg without the opt-in: got %v", err)
		}
		res, err := VerifyMessage(tok, opts...)
		if n == len(unprotected) {
			if !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
				t.Fatalf("unprotected alg without the opt-in: got %v", err)
			}
		} else if err != nil || len(res.Signatures) != n-len(unprotected) {
			t.Fatalf("any-one verification: %v, %+v", err, res)
		}
		opts = append(slices.Clone(opts), WithUnprotectedAlgorithm())
	}
	res, err := VerifyMessage(tok, append(slices.Clone(opts), WithRequireAll())...)
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Payload) != payload {
		t.Fatalf("payload %q", res.Payload)
	}
	if len(res.Signatures) != n {
		t.Fatalf("%d signatures verified, want %d", len(res.Signatures), n)
	}
	for i, s := range res.Signatures {
		if s.Index != i || s.Key == nil || s.Protected == nil || s.Unprotected == nil {
			t.Fatalf("signature %d: %+v", i, s)
		}
	}
}

// checkResign signs the vector's payload with its key and exact protected
// header and compares the output with the vector's.
func checkResign(t *testing.T, v vector, detached bool, st step, alg jwa.SignatureAlgorithm, key *jwk.Key) {
	t.Helper()
	protected, err := base64url.DecodeString(st.ProtectedB64)
	if err != nil {
		t.Fatal(err)
	}
	opts := []SignOption{WithKey(alg, key), withRawProtected(protected)}
	for name, value := range st.Unprotected {
		opts = append(opts, WithUnprotectedHeader(name, value))
	}
	if detached {
		opts = append(opts, WithDetachedPayload())
	}
	if bytes.Contains(protected, []byte(`"b64":false`)) {
		opts = append(opts, WithUnencodedPayload())
	}
	flat, err := Sign([]byte(v.Input.Payload), append(opts, WithFlattened())...)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Protected, Signature string
	}
	mustUnmarshal(t, []byte(flat), &got)
	if got.Protected != st.ProtectedB64 || got.Signature != st.Sig {
		t.Fatalf("re-signed %s:\n got %s\nwant %s.%s", alg, flat, st.ProtectedB64, st.Sig)
	}
	if v.Output.Compact != "" && len(st.Unprotected) == 0 {
		tok, err := Sign([]byte(v.Input.Payload), opts...)
		if err != nil || string(tok) != v.Output.Compact {
			t.Fatalf("compact:\n got %s, %v\nwant %s", tok, err, v.Output.Compact)
		}
	}
	if v.Output.JSONFlat != nil && !strings.Contains(string(v.Output.JSONFlat), `"header"`) == (len(st.Unprotected) == 0) {
		if !sameJSON(t, []byte(flat), v.Output.JSONFlat) {
			t.Fatalf("flattened:\n got %s\nwant %s", flat, v.Output.JSONFlat)
		}
	}
}

func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	mustUnmarshal(t, a, &x)
	mustUnmarshal(t, b, &y)
	return reflect.DeepEqual(x, y)
}

// TestRFC7797 checks the unencoded-payload examples that testdata's README
// lists as defective: the "4.2" file signs a header with "b64" but no
// "crit", which RFC 7797 §6 forbids, so it must be refused; the real RFC
// 7797 §4.2 value must verify and be reproduced.
func TestRFC7797(t *testing.T) {
	v := loadVector(t, filepath.Join(rfc7520Dir, "rfc7797/hmac-sha2_b64_false.json"))
	key := parseKey(t, v.Input.Key)
	header, _, _ := strings.Cut(v.Output.Compact, ".")
	raw, _ := base64url.DecodeString(header)
	tok, err := Sign([]byte(v.Input.Payload), WithKey(jwa.HS256, key), withRawProtected(raw), WithUnencodedPayload())
	if err != nil || string(tok) != v.Output.Compact {
		t.Fatalf("RFC 7797 §4.1 re-signed:\n got %s, %v\nwant %s", tok, err, v.Output.Compact)
	}
	tok, err = Sign([]byte(v.Input.Payload), WithKey(jwa.HS256, key), WithUnencodedPayload())
	if err != nil || string(tok) != v.Output.Compact {
		t.Fatalf("RFC 7797 §4.1 signed:\n got %s, %v\nwant %s", tok, err, v.Output.Compact)
	}

	v = loadVector(t, filepath.Join(rfc7520Dir, "rfc7797/4.2.hmac-sha2_b64_false.json"))
	key = parseKey(t, v.Input.Key)
	for name, tok := range v.serializations() {
		if _, err := Verify(tok, WithKey(jwa.HS256, key)); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s: b64 without crit: got %v", name, err)
		}
	}
	const (
		protected = "eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19"
		sig       = "A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"
	)
	flat := `{"protected":"` + protected + `","payload":"$.02","signature":"` + sig + `"}`
	general := `{"payload":"$.02","signatures":[{"protected":"` + protected + `","signature":"` + sig + `"}]}`
	for _, tok := range []string{flat, general} {
		got, err := Verify(tok, WithKey(jwa.HS256, key))
		if err != nil || string(got) != "$.02" {
			t.Fatalf("RFC 7797 §4.2: %q, %v", got, err)
		}
	}
	raw, _ = base64url.DecodeString(protected)
	out, err := Sign([]byte("$.02"), WithKey(jwa.HS256, key), withRawProtected(raw), WithUnencodedPayload(), WithFlattened())
	if err != nil || !sameJSON(t, []byte(out), []byte(flat)) {
		t.Fatalf("re-signed: %s, %v", out, err)
	}
	// RFC 7797 §5.2: a payload with a '.' has no compact form.
	if _, err := Sign([]byte("$.02"), WithKey(jwa.HS256, key), WithUnencodedPayload()); !errors.Is(err, jwa.ErrMalformed) {
		t.Fatalf("compact with a '.': got %v", err)
	}
	if _, err := Verify(protected+".$.02."+sig, WithKey(jwa.HS256, key)); !errors.Is(err, jwa.ErrMalformed) {
		t.Fatalf("compact with a '.': got %v", err)
	}
}

// TestRFC7520Nested verifies the signed JWT of RFC 7520 §6.
func TestRFC7520Nested(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(rfc7520Dir, "6.nesting_signatures_and_encryption.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Sign vector }
	mustUnmarshal(t, raw, &f)
	key := parseKey(t, f.Sign.Input.Key).Public()
	got, err := Verify(f.Sign.Output.Compact, WithKey(jwa.PS256, key))
	if err != nil || string(got) != f.Sign.Input.Payload {
		t.Fatalf("%q, %v", got, err)
	}
}

type rfc7515Example struct {
	Section       string
	Alg           json.RawMessage
	Key           json.RawMessage
	Keys          []json.RawMessage
	ProtectedB64  string `json:"protected_b64u"`
	Payload       string
	Sig           string
	Deterministic bool
	Token         string
}

func TestRFC7515AppendixA(t *testing.T) {
	raw, err := os.ReadFile("../testdata/jws/rfc7515_appendix_a.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Examples []rfc7515Example }
	mustUnmarshal(t, raw, &f)
	for _, ex := range f.Examples {
		t.Run(ex.Section, func(t *testing.T) {
			algs := oneOrMany[jwa.SignatureAlgorithm](t, ex.Alg)
			if ex.Key != nil {
				ex.Keys = []json.RawMessage{ex.Key}
			}
			var opts []VerifyOption
			for i, k := range ex.Keys {
				opts = append(opts, WithKey(algs[i], verifyingKey(parseKey(t, k))))
			}
			if algs[0] == jwa.NoSignature { // A.5
				fipstest.SkipUnapproved(t, `"none"`, false)
				if _, err := Verify(ex.Token, WithKey(jwa.HS256, []byte("secret-key-of-32-bytes-at-least!"))); !errors.Is(err, jwa.ErrAlgorithmNotAllowed) {
					t.Fatalf("none without WithUnsafeNone: got %v", err)
				}
				opts = append(opts, WithUnsafeNone())
			}
			res, err := VerifyMessage(ex.Token, append(opts, WithRequireAll())...)
			if err != nil || string(res.Payload) != ex.Payload || len(res.Signatures) != len(algs) {
				t.Fatalf("%+v, %v", res, err)
			}
			if !ex.Deterministic {
				return
			}
			protected, _ := base64url.DecodeString(ex.ProtectedB64)
			sign := []SignOption{WithKey(algs[0], nil), withRawProtected(protected), WithUnsafeNone()}
			if ex.Key != nil {
				sign = []SignOption{WithKey(algs[0], parseKey(t, ex.Key)), withRawProtected(protected)}
			}
			tok, err := Sign([]byte(ex.Payload), sign...)
			if err != nil || string(tok) != ex.Token {
				t.Fatalf("re-signed:\n got %s, %v\nwant %s", tok, err, ex.Token)
			}
		})
	}
}
