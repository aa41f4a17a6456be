package header

import (
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

func TestSplitCompact(t *testing.T) {
	if p, err := SplitCompact("a.b.c", 3); err != nil || len(p) != 3 {
		t.Fatalf("got %v, %v", p, err)
	}
	for _, s := range []string{"a.b", "a.b.c.d", "", strings.Repeat(".", 1<<20)} {
		if _, err := SplitCompact(s, 3); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("SplitCompact(%.10q): got %v", s, err)
		}
	}
	if p, err := SplitCompact("a.b.c.d.e", 5); err != nil || p[4] != "e" {
		t.Fatalf("got %v, %v", p, err)
	}
}

func TestDecodeProtected(t *testing.T) {
	good := base64url.EncodeToString([]byte(`{"alg":"HS256"}`))
	if m, err := DecodeProtected(good); err != nil || string(m["alg"]) != `"HS256"` {
		t.Fatalf("got %v, %v", m, err)
	}
	for name, b64 := range map[string]string{
		"duplicate":  base64url.EncodeToString([]byte(`{"alg":"HS256","alg":"none"}`)),
		"not object": base64url.EncodeToString([]byte(`["alg"]`)),
		"padding":    good + "=",
		"not base64": "!!!",
		"trailing":   base64url.EncodeToString([]byte(`{"alg":"HS256"} x`)),
		"empty":      "",
		"line break": good[:4] + "\n" + good[4:],
	} {
		if _, err := DecodeProtected(b64); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

func TestTypedMembers(t *testing.T) {
	_, err := Parse([]byte(`{"s":"x","n":5,"b":true,"a":["x","y"],"bad":1.5,"neg":-1,"big":99999999999,"lead":012,"obj":{},"u":"AQ"}`), "h")
	if err == nil {
		t.Fatal("leading zero must not parse as JSON")
	}
	m, err := Parse([]byte(`{"s":"x","n":5,"b":true,"a":["x","y"],"bad":1.5,"neg":-1,"big":99999999999,"obj":{},"u":"AQ","notb64":"A="}`), "h")
	if err != nil {
		t.Fatal(err)
	}
	if s, ok, err := m.String("s"); s != "x" || !ok || err != nil {
		t.Error("String")
	}
	if _, ok, err := m.String("missing"); ok || err != nil {
		t.Error("missing String")
	}
	if n, ok, err := m.Int("n"); n != 5 || !ok || err != nil {
		t.Error("Int")
	}
	if b, ok, err := m.Bool("b"); !b || !ok || err != nil {
		t.Error("Bool")
	}
	if a, ok, err := m.Strings("a"); len(a) != 2 || !ok || err != nil {
		t.Error("Strings")
	}
	if b, ok, err := m.Bytes("u"); len(b) != 1 || !ok || err != nil {
		t.Error("Bytes")
	}
	wrong := []func() error{
		func() error { _, _, err := m.String("n"); return err },
		func() error { _, _, err := m.String("obj"); return err },
		func() error { _, _, err := m.Int("bad"); return err },
		func() error { _, _, err := m.Int("neg"); return err },
		func() error { _, _, err := m.Int("big"); return err },
		func() error { _, _, err := m.Int("s"); return err },
		func() error { _, _, err := m.Bool("s"); return err },
		func() error { _, _, err := m.Strings("s"); return err },
		func() error { _, _, err := m.Bytes("notb64"); return err },
	}
	for i, f := range wrong {
		if err := f(); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("case %d: got %v", i, err)
		}
	}
}

func TestDisjoint(t *testing.T) {
	a := Members{"alg": nil}
	b := Members{"kid": nil}
	if err := Disjoint(a, nil, b); err != nil {
		t.Fatal(err)
	}
	if err := Disjoint(a, b, Members{"alg": nil}); !errors.Is(err, jwa.ErrMalformed) {
		t.Fatalf("got %v", err)
	}
}

func TestCheckCrit(t *testing.T) {
	reg := []string{"alg", "kid"}
	p := func(s string) Members {
		m, err := Parse([]byte(s), "h")
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if crit, err := CheckCrit(p(`{"alg":"HS256","b64":false,"crit":["b64"]}`), nil, reg, []string{"b64"}); err != nil || len(crit) != 1 {
		t.Fatalf("got %v, %v", crit, err)
	}
	if crit, err := CheckCrit(p(`{"alg":"HS256"}`), nil, reg, nil); err != nil || crit != nil {
		t.Fatalf("got %v, %v", crit, err)
	}
	bad := map[string]struct {
		prot   string
		others []Members
	}{
		"empty":          {`{"crit":[]}`, nil},
		"not array":      {`{"crit":"b64","b64":false}`, nil},
		"not strings":    {`{"crit":[1]}`, nil},
		"registered":     {`{"alg":"HS256","crit":["alg"]}`, nil},
		"unknown":        {`{"exp":1,"crit":["exp"]}`, nil},
		"absent":         {`{"crit":["b64"]}`, nil},
		"twice":          {`{"b64":false,"crit":["b64","b64"]}`, nil},
		"in unprotected": {`{"b64":false}`, []Members{{"crit": []byte(`["b64"]`)}}},
	}
	for name, c := range bad {
		if _, err := CheckCrit(p(c.prot), c.others, reg, []string{"b64"}); !errors.Is(err, jwa.ErrMalformed) {
			t.Errorf("%s: got %v", name, err)
		}
	}
}

func FuzzDecodeProtected(f *testing.F) {
	f.Add(base64url.EncodeToString([]byte(`{"alg":"HS256","crit":["b64"],"b64":false}`)))
	f.Add("eyJhbGciOiJIUzI1NiJ9")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := DecodeProtected(s)
		if err != nil && m != nil {
			t.Fatal("members returned alongside an error")
		}
	})
}
