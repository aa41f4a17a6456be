package jwk

import (
	"os"
	"path/filepath"
	"testing"
)

// seedKeys adds every JWK and JWK Set of testdata to f's corpus.
func seedKeys(f *testing.F) {
	for _, pattern := range []string{"jwk/*.json", "rfc7520/jwk/*.json"} {
		files, _ := filepath.Glob(filepath.Join("..", "testdata", pattern))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, s := range []string{
		`{"kty":"oct","k":"AAAA","k":"AAAB"}`,
		`{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}`,
		`{"kty":"RSA","n":"AQAB","e":"AQAB","oth":[]}`,
		`{"keys":[{"kty":"AKP"},{"kty":"oct","k":"AAAA","x":1}],"a":{}}`,
	} {
		f.Add([]byte(s))
	}
}

// parseStable parses data and returns the key, or nil when Parse failed
// (with no key alongside the error); a key must marshal and parse back to
// an equal key with the same alg.
func parseStable(t *testing.T, data []byte) *Key {
	k, err := Parse(data)
	if err != nil {
		if k != nil {
			t.Fatal("a key returned with an error")
		}
		return nil
	}
	out, err := k.MarshalJSON()
	if err != nil {
		t.Fatalf("MarshalJSON of a parsed key: %v", err)
	}
	back, err := Parse(out)
	if err != nil || !back.Equal(k) || back.Algorithm() != k.Algorithm() {
		t.Fatalf("re-parse: %v\n%s", err, out)
	}
	return k
}

func FuzzParse(f *testing.F) {
	seedKeys(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		k := parseStable(t, data)
		if k == nil {
			return
		}
		if _, err := k.Thumbprint(0); err != nil {
			t.Fatal(err)
		}
		_ = k.String()
	})
}

func FuzzParseSet(f *testing.F) {
	seedKeys(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSet(data)
		if err != nil {
			if s != nil {
				t.Fatal("a set returned with an error")
			}
			return
		}
		out, err := s.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of a parsed set: %v", err)
		}
		back, err := ParseSet(out)
		if err != nil || back.Len() != s.Len() {
			t.Fatalf("re-parse: %v\n%s", err, out)
		}
		for i, k := range back.Keys() {
			if !k.Equal(s.keys[i]) {
				t.Fatalf("key %d changed:\n%s", i, out)
			}
		}
	})
}
