package header

import (
	"errors"
	"testing"

	"github.com/joseproject/jose/internal/base64url"
	"github.com/joseproject/jose/jwa"
)

func TestGettersDecodeEscapes(t *testing.T) {
	m, err := Parse([]byte(`{"s":"a\u0062\"\\\n\ud83d\ude00","u":"\u0041Q","a":["x", "y\u007a" ,""],"e":[]}`), "h")
	if err != nil {
		t.Fatal(err)
	}
	if s, ok, err := m.String("s"); s != "ab\"\\\n😀" || !ok || err != nil {
		t.Errorf("String = %q, %v, %v", s, ok, err)
	}
	if b, ok, err := m.Bytes("u"); len(b) != 1 || b[0] != 1 || !ok || err != nil {
		t.Errorf("Bytes = %x, %v, %v", b, ok, err)
	}
	if a, ok, err := m.Strings("a"); len(a) != 3 || a[1] != "yz" || !ok || err != nil {
		t.Errorf("Strings = %q, %v, %v", a, ok, err)
	}
	if a, ok, err := m.Strings("e"); a == nil || len(a) != 0 || !ok || err != nil {
		t.Errorf("empty Strings = %#v, %v, %v", a, ok, err)
	}
}

// Members may be built by hand (jws and jwe do when signing), so the
// getters check their values themselves, as strictly as Parse would.
func TestGettersRejectBadValues(t *testing.T) {
	notString := []string{`"\ud800"`, "\"\xff\"", "\"a\x01\"", `"\q"`, `"abc`, `"a"x`, `"a""b"`, ``, `null`, `1`, `["a"]`}
	notBase64 := append([]string{`"AQ=="`, `"A\nQ"`, `"A Q"`}, notString...)
	notStrings := []string{`["a",null]`, `["a",1]`, `["a",]`, `["a"`, `[["a"]]`, `["\udc00"]`, `"a"`, ``, `null`, `{}`}
	for _, v := range notString {
		if s, ok, err := (Members{"m": []byte(v)}).String("m"); !errors.Is(err, jwa.ErrMalformed) || ok || s != "" {
			t.Errorf("String(%q) = %q, %v, %v", v, s, ok, err)
		}
	}
	for _, v := range notBase64 {
		if b, ok, err := (Members{"m": []byte(v)}).Bytes("m"); !errors.Is(err, jwa.ErrMalformed) || ok || b != nil {
			t.Errorf("Bytes(%q) = %q, %v, %v", v, b, ok, err)
		}
	}
	for _, v := range notStrings {
		if a, ok, err := (Members{"m": []byte(v)}).Strings("m"); !errors.Is(err, jwa.ErrMalformed) || ok || a != nil {
			t.Errorf("Strings(%q) = %q, %v, %v", v, a, ok, err)
		}
	}
}

func TestGetterAllocations(t *testing.T) {
	b64 := base64url.EncodeToString([]byte(`{"alg":"ES256","typ":"JWT","kid":"2024-05-key-1","crit":["b64"],"b64":false,"iv":"AAAAAAAAAAAAAAAA"}`))
	var m Members
	// The decoded buffer and the map (an empty map and its one group).
	if n := testing.AllocsPerRun(100, func() { m, _ = DecodeProtected(b64) }); n > 3 {
		t.Errorf("DecodeProtected: %v allocations", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _, _ = m.String("kid") }); n > 1 {
		t.Errorf("String: %v allocations", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _, _ = m.Bytes("iv") }); n > 1 {
		t.Errorf("Bytes: %v allocations", n)
	}
	if n := testing.AllocsPerRun(100, func() { _, _, _ = m.Strings("crit") }); n > 2 {
		t.Errorf("Strings: %v allocations", n)
	}
}

func BenchmarkDecodeProtected(b *testing.B) {
	b64 := base64url.EncodeToString([]byte(`{"alg":"ES256","typ":"JWT","kid":"2024-05-key-1"}`))
	b.ReportAllocs()
	for b.Loop() {
		m, err := DecodeProtected(b64)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := m.String("alg"); err != nil {
			b.Fatal(err)
		}
	}
}
