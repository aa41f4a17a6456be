package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzInput: whatever arrives on standard input, as a token or as key
// data, the commands that read it exit 0, 1 or 2, with one line on
// standard error when they fail, and never panic.
func FuzzInput(f *testing.F) {
	dir := f.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			f.Fatal(err)
		}
		return p
	}
	hs := write("hs.json", `{"kty":"oct","alg":"HS256","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`)
	kw := write("kw.json", `{"kty":"oct","alg":"A128KW","k":"GawgguFyGrWKav7AX4VKUg"}`)
	for _, seed := range []string{
		"", "\n", "a.b.c", "a.b.c.d.e", "{}", `{"payload":"eA","signatures":[]}`,
		"eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiZXhhbXBsZSJ9.aGVsbG8.g27wA2H2SQ9RlHqjPYsLzrxWqNQuCeMd2MJX0_zTqKA",
		"eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4R0NNIiwiemlwIjoiR1pJUCJ9.AAAA.AAAA.AAAA.AAAA",
		`{"kty":"EC","crv":"secp256k1","x":"AA","y":"AA"}`, `{"keys":[{"kty":"OKP","crv":"X448","x":"AA"}]}`,
		"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
	} {
		f.Add(seed)
	}
	commands := [][]string{
		{"inspect"},
		{"jws", "verify", "--key", hs},
		{"jwe", "decrypt", "--key", kw},
		{"jwt", "verify", "--key", hs, "--allow-no-exp"},
		{"jwk", "pub"},
		{"jwk", "thumbprint"},
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, args := range commands {
			var out, errOut bytes.Buffer
			code := run(args, strings.NewReader(in), &out, &errOut)
			switch {
			case code < 0 || code > 2:
				t.Fatalf("jose %v: exit %d", args, code)
			case code != 0 && (errOut.Len() == 0 || strings.Count(strings.TrimSuffix(errOut.String(), "\n"), "\n") != 0):
				t.Fatalf("jose %v: exit %d with stderr %q", args, code, errOut.String())
			}
		}
	})
}

// TestDocNamesEveryFlag: the package documentation (doc.go), which is what
// `go doc` shows a user, names every command and every flag.
func TestDocNamesEveryFlag(t *testing.T) {
	doc := readFile(t, "doc.go")
	for i := range commands {
		c := &commands[i]
		if !strings.Contains(doc, "jose "+c.name) {
			t.Errorf("doc.go does not show jose %s", c.name)
		}
		fs := newFlags(c)
		c.define(fs)
		fs.VisitAll(func(fl *flag.Flag) {
			if !strings.Contains(doc, "--"+fl.Name) {
				t.Errorf("doc.go does not name jose %s --%s", c.name, fl.Name)
			}
		})
	}
}
