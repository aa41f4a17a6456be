package base64url

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestRFC7515AppendixC(t *testing.T) {
	// RFC 7515 Appendix C: the octets 3, 236, 255, 224, 193 encode as A-z_4ME.
	in := []byte{3, 236, 255, 224, 193}
	if got := EncodeToString(in); got != "A-z_4ME" {
		t.Fatalf("encode: got %q, want A-z_4ME", got)
	}
	out, err := DecodeString("A-z_4ME")
	if err != nil || !bytes.Equal(out, in) {
		t.Fatalf("decode: got %v, %v", out, err)
	}
}

func TestRejects(t *testing.T) {
	bad := map[string]string{
		"padding":             "A-z_4ME=",
		"double padding":      "AA==",
		"standard alphabet +": "A+z_4ME",
		"standard alphabet /": "A-z/4ME",
		"space":               "A-z_ 4ME",
		"carriage return":     "A-z_\r4ME",
		"line feed":           "A-z_\n4ME",
		"trailing newline":    "A-z_4ME\n",
		"tab":                 "A-z\t_4ME",
		"impossible length":   "A",
		"impossible length 5": "AAAAA",
		"non-canonical 2":     "AB", // 'B' leaves a non-zero unused bit
		"non-canonical 3":     "AAB",
		"non-ascii":           "A-z_4M\xc3\xa9",
		"nul":                 "AA\x00A",
	}
	for name, s := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := DecodeString(s); !errors.Is(err, ErrInvalid) {
				t.Errorf("DecodeString(%q): got %v, want ErrInvalid", s, err)
			}
			if _, err := Decode([]byte(s)); !errors.Is(err, ErrInvalid) {
				t.Errorf("Decode(%q): got %v, want ErrInvalid", s, err)
			}
			dst := []byte("keep")
			got, err := AppendDecode(dst, []byte(s))
			if !errors.Is(err, ErrInvalid) || string(got) != "keep" {
				t.Errorf("AppendDecode(%q): got %q, %v", s, got, err)
			}
		})
	}
}

func TestEmpty(t *testing.T) {
	out, err := DecodeString("")
	if err != nil || len(out) != 0 {
		t.Fatalf("got %v, %v", out, err)
	}
	if EncodeToString(nil) != "" {
		t.Fatal("empty input must encode to the empty string")
	}
}

func TestLengths(t *testing.T) {
	for n := 0; n < 70; n++ {
		src := bytes.Repeat([]byte{0xa5}, n)
		e := AppendEncode(nil, src)
		if len(e) != EncodedLen(n) {
			t.Fatalf("EncodedLen(%d) = %d, encoded %d", n, EncodedLen(n), len(e))
		}
		if DecodedLen(len(e)) != n {
			t.Fatalf("DecodedLen(%d) = %d, want %d", len(e), DecodedLen(len(e)), n)
		}
		d, err := AppendDecode(nil, e)
		if err != nil || !bytes.Equal(d, src) {
			t.Fatalf("round trip of %d bytes: %v", n, err)
		}
	}
	if DecodedLen(5) != -1 {
		t.Fatal("DecodedLen(5) must be -1")
	}
}

func TestAppendDecodeNoAlloc(t *testing.T) {
	src := []byte(EncodeToString(bytes.Repeat([]byte{7}, 48)))
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := AppendDecode(buf[:0], src); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Fatalf("AppendDecode allocated %v times", allocs)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "A-z_4ME", "AA==", "A\nB", "AB", "eyJhbGciOiJIUzI1NiJ9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := DecodeString(s)
		if err != nil {
			if out != nil {
				t.Fatal("output returned alongside an error")
			}
			return
		}
		// Whatever decodes must encode back to exactly the input: the
		// decoder accepts only canonical encodings.
		if got := EncodeToString(out); got != s {
			t.Fatalf("not canonical: %q decodes and re-encodes as %q", s, got)
		}
	})
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{3, 236, 255, 224, 193})
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := DecodeString(EncodeToString(b))
		if err != nil || !bytes.Equal(out, b) {
			t.Fatalf("round trip failed: %v", err)
		}
	})
}

func BenchmarkAppendDecode(b *testing.B) {
	src := []byte(EncodeToString(bytes.Repeat([]byte{7}, 1024)))
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = AppendDecode(buf[:0], src)
	}
}

func TestAppendDecodeString(t *testing.T) {
	for _, s := range []string{"", "AQ", "AQI", "AQID", "_-8"} {
		got, err := AppendDecodeString([]byte("x"), s)
		want, _ := AppendDecode([]byte("x"), []byte(s))
		if err != nil || string(got) != string(want) {
			t.Errorf("AppendDecodeString(%q) = %x, %v; want %x", s, got, err, want)
		}
	}
	for _, s := range []string{"A", "AQ==", "AQ\n", "AR", "A+"} {
		if got, err := AppendDecodeString([]byte("x"), s); !errors.Is(err, ErrInvalid) || string(got) != "x" {
			t.Errorf("AppendDecodeString(%q) = %q, %v; want x, ErrInvalid", s, got, err)
		}
	}
}

func TestAppendDecodeStringDoesNotCopy(t *testing.T) {
	src := strings.Repeat("AAAA", 1<<12)
	dst := make([]byte, 0, DecodedLen(len(src)))
	if n := testing.AllocsPerRun(10, func() { _, _ = AppendDecodeString(dst, src) }); n != 0 {
		t.Errorf("AppendDecodeString allocates %v times", n)
	}
}

func TestWriteEncode(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, chunk - 1, chunk, chunk + 1, 3*chunk + 2} {
		src := make([]byte, n)
		for i := range src {
			src[i] = byte(i * 7)
		}
		var b strings.Builder
		b.WriteString("x")
		WriteEncode(&b, src)
		if want := "x" + EncodeToString(src); b.String() != want {
			t.Errorf("WriteEncode of %d bytes differs from EncodeToString", n)
		}
	}
}

// TestErrorSaysWhy: a decoding error says what is wrong and where, and is
// ErrInvalid.
func TestErrorSaysWhy(t *testing.T) {
	for in, want := range map[string]string{
		"ab\ncd": `byte 2 ("\n") is outside the base64url alphabet`,
		"ab cd":  `byte 2 (" ") is outside the base64url alphabet`,
		"abc=":   "padding '=' at byte 3",
		"ab+/":   `byte 2 ("+") is outside`,
		"abcde":  "5 characters cannot be base64url",
		"ab\xff": `byte 2 ("\xff")`,
		"AB":     `the last character ("B") has bits set`,
	} {
		_, err1 := DecodeString(in)
		_, err2 := Decode([]byte(in))
		for _, err := range []error{err1, err2} {
			var e *Error
			if !errors.Is(err, ErrInvalid) || !errors.As(err, &e) || !strings.Contains(err.Error(), want) {
				t.Errorf("%q: %v, want ErrInvalid saying %q", in, err, want)
			}
		}
	}
}
