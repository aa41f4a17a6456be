package jws

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
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

// TestCompactBuffersDoNotAlias checks the shared buffer of a compact
// token: the signing input, the protected header, the signature and the
// payload are disjoint and each capped, so appending to one never writes
// into another.
func TestCompactBuffersDoNotAlias(t *testing.T) {
	payload := []byte(`{"sub":"alias"}`)
	tok, err := Sign(payload, WithKey(jwa.HS256, hsKey), WithType("JWT"))
	must(t, err)

	m, err := Parse(tok)
	must(t, err)
	s := m.sigs[0]
	same(t, len(m.payload), cap(m.payload), "payload is capped")
	same(t, len(s.sig), cap(s.sig), "signature is capped")
	for name, v := range s.protected.m {
		same(t, len(v), cap(v), "header member "+name+" is capped")
	}
	same(t, len(s.input), cap(s.input), "signing input is capped")

	// Appending to any of them must leave the others alone.
	sig := bytes.Clone(s.sig)
	input := string(s.input)
	_ = append(m.payload, bytes.Repeat([]byte{'X'}, 64)...)
	_ = append(s.protected.m["typ"], bytes.Repeat([]byte{'Y'}, 64)...)
	_ = append(s.input, '.')
	same(t, string(sig), string(s.sig), "sig")
	same(t, string(payload), string(m.payload), "payload")
	same(t, input, string(s.input), "signing input")
	same(t, "JWT", s.protected.Type(), "typ")

	got, err := Verify(tok, WithKey(jwa.HS256, hsKey))
	must(t, err)
	same(t, string(payload), string(got), "payload")
	same(t, len(got), cap(got), "verified payload is capped")
}

// TestSignPooledBuffers checks that Sign's pooled scratch buffers leave
// nothing of one call in the next: tokens of a long and a short payload,
// signed in turn, each verify and carry their own payload, and two
// signatures of one call have independent inputs.
func TestSignPooledBuffers(t *testing.T) {
	payload := []byte("payload")
	tok, err := Sign(payload, WithJSON(), WithKey(jwa.HS256, hsKey), WithKey(jwa.HS512, bytes.Repeat(hsKey, 2)))
	must(t, err)
	r, err := VerifyMessage(tok, WithKey(jwa.HS256, hsKey), WithKey(jwa.HS512, bytes.Repeat(hsKey, 2)), WithRequireAll())
	must(t, err)
	same(t, 2, len(r.Signatures), "signatures")
	same(t, string(payload), string(r.Payload), "payload")

	long := bytes.Repeat([]byte("L"), 5000)
	for i := range 20 {
		p := payload
		if i%2 == 0 {
			p = long
		}
		tok, err := Sign(p, WithKey(jwa.HS256, hsKey))
		must(t, err)
		got, err := Verify(tok, WithKey(jwa.HS256, hsKey))
		must(t, err)
		same(t, string(p), string(got), "payload")
	}
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
// token is the signing input itself; Verify copies the input into a pooled
// buffer, so the payload it returns must be a copy that later calls, which
// reuse the buffer, leave alone.
func TestUnencodedPayloadOwnsItsBytes(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	tok, err := Sign([]byte("hello"), WithKey(jwa.HS256, key), WithUnencodedPayload())
	must(t, err)
	payload, err := Verify(tok, WithKey(jwa.HS256, key))
	if err != nil || string(payload) != "hello" {
		t.Fatalf("%q, %v", payload, err)
	}
	for _, p := range []string{"world", "other payload"} {
		tok, err := Sign([]byte(p), WithKey(jwa.HS256, key), WithUnencodedPayload())
		must(t, err)
		got, err := Verify(tok, WithKey(jwa.HS256, key))
		must(t, err)
		same(t, p, string(got), "payload")
	}
	same(t, "hello", string(payload), "the first payload")
}

// TestVerifyResultOutlivesThePool: Verify copies a compact token's signing
// input into a pooled buffer that the next call reuses; what VerifyMessage
// returns (headers, payload) must not be read from it.
func TestVerifyResultOutlivesThePool(t *testing.T) {
	first, err := Sign([]byte("first payload"), WithKey(jwa.HS256, hsKey), WithKeyID("first"), WithType("JWT"))
	must(t, err)
	r, err := VerifyMessage(first, WithKey(jwa.HS256, hsKey))
	must(t, err)
	before, err := r.Signatures[0].Protected.MarshalJSON()
	must(t, err)
	for i := range 10 {
		tok, err := Sign(bytes.Repeat([]byte{'x'}, 100*i), WithKey(jwa.HS256, hsKey), WithKeyID(strings.Repeat("y", i+5)))
		must(t, err)
		_, err = VerifyMessage(tok, WithKey(jwa.HS256, hsKey))
		must(t, err)
	}
	after, err := r.Signatures[0].Protected.MarshalJSON()
	must(t, err)
	same(t, string(before), string(after), "protected header")
	same(t, "first", r.Signatures[0].Protected.KeyID(), "kid")
	same(t, "first payload", string(r.Payload), "payload")
}

// TestPooledBuffersConcurrent: Sign and Verify share pooled scratch buffers
// between goroutines; each call must see only its own token (run with
// -race).
func TestPooledBuffersConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				p := bytes.Repeat([]byte{byte('a' + g)}, 10+i*(g+1))
				tok, err := Sign(p, WithKey(jwa.HS256, hsKey))
				if err != nil {
					errs <- err
					return
				}
				got, err := Verify(tok, WithKey(jwa.HS256, hsKey))
				if err != nil || !bytes.Equal(got, p) {
					errs <- fmt.Errorf("goroutine %d, payload %d: %q, %v", g, i, got, err)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
