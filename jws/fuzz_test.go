package jws

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/joseproject/jose/jwa"
)

// seeds adds every serialization of the RFC examples to f's corpus.
func seeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(rfc7520Dir, "*", "*.json"))
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		var v vector
		if json.Unmarshal(raw, &v) != nil {
			continue
		}
		for _, tok := range v.serializations() {
			f.Add([]byte(tok))
		}
	}
	f.Add([]byte(compactHS(`{"alg":"HS256","b64":false,"crit":["b64"]}`, "p")))
	f.Add([]byte(flatHS(`{"alg":"HS256"}`, `{"kid":"a"}`, b64("p"))))
}

// FuzzParse: no panic; nothing returned alongside an error; what parses
// serializes and parses again to the same message.
func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, token []byte) {
		m, err := Parse(string(token), WithUnprotectedAlgorithm())
		if err != nil {
			if m != nil {
				t.Fatal("message returned alongside an error")
			}
			return
		}
		out, err := m.encode(m.format)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		m2, err := Parse(out, WithUnprotectedAlgorithm())
		if err != nil {
			t.Fatalf("re-parse of %q: %v", out, err)
		}
		if !bytes.Equal(m.payload, m2.payload) || len(m.sigs) != len(m2.sigs) || m.format != m2.format {
			t.Fatalf("round trip changed the message: %q", out)
		}
		for i, s := range m.sigs {
			if !bytes.Equal(m.signingInput(s), m2.signingInput(m2.sigs[i])) || !bytes.Equal(s.sig, m2.sigs[i].sig) {
				t.Fatalf("signature %d changed", i)
			}
		}
	})
}

// FuzzVerify: no panic and no payload alongside an error, whatever the
// token, with keys of several families.
func FuzzVerify(f *testing.F) {
	seeds(f)
	keys := testKeys(f)
	opts := []VerifyOption{WithKey(jwa.HS256, hsKey), WithKey(jwa.ES256, publicOf(f, keys[jwa.ES256])), WithUnprotectedAlgorithm()}
	f.Fuzz(func(t *testing.T, token []byte) {
		res, err := VerifyMessage(string(token), opts...)
		if (err == nil) == (res == nil) {
			t.Fatalf("result %v with error %v", res, err)
		}
	})
}
