package base64url

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

// std is the slow, obvious path the encoder and the decoders must match:
// encoding/base64's strict unpadded URL encoding, and this package's rule
// that '\r' and '\n' are refused rather than skipped.
var std = base64.RawURLEncoding.Strict()

func stdDecode(s string) ([]byte, bool) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, false
	}
	out, err := std.DecodeString(s)
	return out, err == nil
}

// fastSeeds are inputs of every length around the 6- and 12-byte steps of
// the encoder.
func fastSeeds() [][]byte {
	var seeds [][]byte
	for n := range 40 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*37 + n)
		}
		seeds = append(seeds, b)
	}
	return seeds
}

// FuzzFastEncode checks every encoder of the package against
// encoding/base64, byte for byte.
func FuzzFastEncode(f *testing.F) {
	for _, s := range fastSeeds() {
		f.Add(s)
	}
	f.Add(bytes.Repeat([]byte{0xff}, 5000))
	f.Fuzz(func(t *testing.T, src []byte) {
		want := std.EncodeToString(src)
		if got := string(AppendEncode([]byte("prefix"), src)); got != "prefix"+want {
			t.Fatalf("AppendEncode(%x) = %q, want %q", src, got, "prefix"+want)
		}
		if got := EncodeToString(src); got != want {
			t.Fatalf("EncodeToString(%x) = %q, want %q", src, got, want)
		}
		var b strings.Builder
		WriteEncode(&b, src)
		if b.String() != want {
			t.Fatalf("WriteEncode(%x) = %q, want %q", src, b.String(), want)
		}
	})
}

// FuzzDecodeMatchesStdlib checks every decoder of the package against
// encoding/base64: the same bytes for what it accepts, an error for
// exactly what it refuses (and '\r' or '\n').
func FuzzDecodeMatchesStdlib(f *testing.F) {
	for _, s := range fastSeeds() {
		enc := std.EncodeToString(s)
		f.Add(enc)
		for _, bad := range []byte{'=', '+', '/', '\n', '\r', ' ', 0, 0x80, '.'} {
			for _, at := range []int{0, len(enc) / 2, len(enc) - 1} {
				if at >= 0 && at < len(enc) {
					f.Add(enc[:at] + string(bad) + enc[at+1:])
				}
			}
		}
		f.Add(enc + "=")
		f.Add(enc + "A")
		if len(enc) > 0 {
			last := enc[len(enc)-1]
			f.Add(enc[:len(enc)-1] + string(last+1)) // unused bits set, or another character
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, ok := stdDecode(s)
		check := func(name string, got []byte, err error, prefix string) {
			t.Helper()
			if !ok {
				if err == nil {
					t.Fatalf("%s(%q) = %x, want an error (encoding/base64 refuses it)", name, s, got)
				}
				if string(got) != prefix {
					t.Fatalf("%s(%q) changed dst on error: %q", name, s, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s(%q): %v; encoding/base64 accepts it", name, s, err)
			}
			if string(got) != prefix+string(want) {
				t.Fatalf("%s(%q) = %x, want %x", name, s, got, want)
			}
		}
		got, err := AppendDecode([]byte("p"), []byte(s))
		check("AppendDecode", got, err, "p")
		got, err = AppendDecodeString([]byte("p"), s)
		check("AppendDecodeString", got, err, "p")
		got, err = DecodeString(s)
		check("DecodeString", got, err, "")
		got, err = Decode([]byte(s))
		if len(s) == 0 {
			got, err = []byte{}, nil // Decode's own case
		}
		check("Decode", got, err, "")
	})
}

// BenchmarkCodec measures the encoder and decoder next to encoding/base64
// on the same bytes, encode and decode separately (the decoder is
// encoding/base64's, behind the '\r' and '\n' check).
func BenchmarkCodec(b *testing.B) {
	for _, size := range []int{1 << 10, 64 << 10} {
		src := make([]byte, size)
		for i := range src {
			src[i] = byte(i * 7)
		}
		encoded := std.AppendEncode(nil, src)
		dst := make([]byte, 0, len(encoded))
		b.Run(fmt.Sprintf("encode/%dKiB/stdlib", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				dst = std.AppendEncode(dst[:0], src)
			}
		})
		b.Run(fmt.Sprintf("encode/%dKiB/base64url", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				dst = AppendEncode(dst[:0], src)
			}
		})
		b.Run(fmt.Sprintf("decode/%dKiB/stdlib", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				dst, _ = std.AppendDecode(dst[:0], encoded)
			}
		})
		b.Run(fmt.Sprintf("decode/%dKiB/base64url", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				dst, _ = AppendDecode(dst[:0], encoded)
			}
		})
	}
}
