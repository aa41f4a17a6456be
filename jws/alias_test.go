package jws

import (
	"bytes"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// must fails the test on err.
func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// same fails the test unless got equals want.
func same[T comparable](t *testing.T, want, got T, what string) {
	t.Helper()
	if want != got {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

// TestCompactBuffersDoNotAlias checks the shared decode buffer of a compact
// token: the protected header, the signature and the payload are disjoint,
// each capped, and none of them aliases the caller's token for writing.
func TestCompactBuffersDoNotAlias(t *testing.T) {
	payload := []byte(`{"sub":"alias"}`)
	tok, err := Sign(payload, WithKey(jwa.HS256, hsKey), WithType("JWT"))
	must(t, err)
	orig := bytes.Clone(tok)

	m, err := Parse(tok)
	must(t, err)
	s := m.sigs[0]
	same(t, len(m.payload), cap(m.payload), "payload is capped")
	same(t, len(s.sig), cap(s.sig), "signature is capped")
	for name, v := range s.protected.m {
		same(t, len(v), cap(v), "header member "+name+" is capped")
	}
	same(t, len(s.input), cap(s.input), "signing input is capped")

	// Appending to any of them must leave the others and the token alone.
	sig := bytes.Clone(s.sig)
	_ = append(m.payload, bytes.Repeat([]byte{'X'}, 64)...)
	_ = append(s.protected.m["typ"], bytes.Repeat([]byte{'Y'}, 64)...)
	_ = append(s.input, '.')
	same(t, string(sig), string(s.sig), "sig")
	same(t, string(payload), string(m.payload), "payload")
	same(t, string(orig), string(tok), "orig")
	same(t, "JWT", s.protected.Type(), "typ")

	got, err := Verify(tok, WithKey(jwa.HS256, hsKey))
	must(t, err)
	same(t, string(payload), string(got), "payload")
	same(t, len(got), cap(got), "verified payload is capped")
	got[0] = '!' // the caller owns the payload; the token is untouched
	same(t, string(orig), string(tok), "orig")
}

// TestSignSharedBufferDoesNotAlias checks Sign's single buffer: the token
// it returns, extended by the caller, never changes what later signatures
// of the same call saw, and two signatures have independent inputs.
func TestSignSharedBufferDoesNotAlias(t *testing.T) {
	payload := []byte("payload")
	tok, err := Sign(payload, WithJSON(), WithKey(jwa.HS256, hsKey), WithKey(jwa.HS512, bytes.Repeat(hsKey, 2)))
	must(t, err)
	r, err := VerifyMessage(tok, WithKey(jwa.HS256, hsKey), WithKey(jwa.HS512, bytes.Repeat(hsKey, 2)), WithRequireAll())
	must(t, err)
	same(t, 2, len(r.Signatures), "signatures")
	same(t, string(payload), string(r.Payload), "payload")

	c1, err := Sign(payload, WithKey(jwa.HS256, hsKey))
	must(t, err)
	c1 = append(c1, "garbage"...)
	c2, err := Sign(payload, WithKey(jwa.HS256, hsKey))
	must(t, err)
	same(t, string(c2), string(c1[:len(c2)]), "c2")
	_, err = Verify(c2, WithKey(jwa.HS256, hsKey))
	must(t, err)
}

// TestSignHeaderWithEscapes checks a protected header longer than Sign's
// size estimate (escaped characters), which must not spill into the
// signing input.
func TestSignHeaderWithEscapes(t *testing.T) {
	kid := "ключ\"\\\x01"
	tok, err := Sign([]byte("p"), WithKey(jwa.HS256, hsKey), WithKeyID(kid), WithProtectedHeader("note", "<é>"))
	must(t, err)
	r, err := VerifyMessage(tok, WithKey(jwa.HS256, hsKey))
	must(t, err)
	same(t, kid, r.Signatures[0].Protected.KeyID(), "kid")
	same(t, jwa.HS256, r.Signatures[0].Protected.Algorithm(), "alg")
}

// TestUnencodedPayloadOwnsItsBytes: the payload of a compact b64:false
// token is the caller's bytes in the token; Verify returns a copy, so
// reusing the token buffer does not change it.
func TestUnencodedPayloadOwnsItsBytes(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	tok, err := Sign([]byte("hello"), WithKey(jwa.HS256, key), WithUnencodedPayload())
	if err != nil {
		t.Fatal(err)
	}
	payload, err := Verify(tok, WithKey(jwa.HS256, key))
	if err != nil || string(payload) != "hello" {
		t.Fatalf("%q, %v", payload, err)
	}
	for i := range tok {
		tok[i] = 'x'
	}
	if string(payload) != "hello" {
		t.Fatalf("the payload changed with the caller's token: %q", payload)
	}
}
