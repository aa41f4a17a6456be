package jwk

import (
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/joseproject/jose/jwa"
)

func TestParseCertificates(t *testing.T) {
	data, err := os.ReadFile("../testdata/jwk/rfc7517_B.x5c.json")
	if err != nil {
		t.Fatal(err)
	}
	var j struct{ X5C []string }
	if err := json.Unmarshal(data, &j); err != nil || len(j.X5C) == 0 {
		t.Fatalf("RFC 7517 B: %v", err)
	}
	certs, err := ParseCertificates(j.X5C)
	if err != nil || len(certs) != len(j.X5C) {
		t.Fatalf("RFC 7517 B chain: %v", err)
	}
	k, err := FromCertificates(certs, WithKeyID("leaf"))
	if err != nil || len(k.Certificates()) != len(certs) || k.KeyID() != "leaf" {
		t.Fatalf("FromCertificates: %v", err)
	}

	good := j.X5C[0]
	for name, x5c := range map[string][]string{
		"empty":          {},
		"CR LF inside":   {good[:40] + "\r\n" + good[40:]},
		"LF inside":      {good[:40] + "\n" + good[40:]},
		"base64url":      {"-_" + good[2:]},
		"missing pad":    {good[:len(good)-1]},
		"not a cert":     {"AAAA"},
		"too many certs": make([]string, maxCertsInX5C+1),
	} {
		if _, err := ParseCertificates(x5c); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s: got %v, want ErrMalformed", name, err)
		}
	}
	if _, err := FromCertificates(nil); !errors.Is(err, jwa.ErrInvalidKey) {
		t.Errorf("no certificates: got %v", err)
	}
}
