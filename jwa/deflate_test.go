package jwa

import (
	"bytes"
	"compress/flate"
	"errors"
	"runtime"
	"strings"
	"testing"
)

func TestDeflateRoundTrip(t *testing.T) {
	for _, in := range [][]byte{
		nil,
		[]byte("a"),
		[]byte(strings.Repeat("You can trust us to stick with you. ", 200)),
		bytes.Repeat([]byte{0}, 70_000),
	} {
		z, err := Deflate.Compress(in)
		if err != nil {
			t.Fatal(err)
		}
		out, err := Deflate.Decompress(z, 0)
		if err != nil {
			t.Fatalf("Decompress(%d bytes): %v", len(in), err)
		}
		if !bytes.Equal(out, in) {
			t.Fatalf("round trip of %d bytes changed the data", len(in))
		}
	}
}

// TestDecompressRawDeflate: the output of another raw DEFLATE compressor
// (RFC 1951, as RFC 7520 §5.9 uses) decompresses.
func TestDecompressRawDeflate(t *testing.T) {
	want := []byte(strings.Repeat("thick and thin ", 50))
	for _, level := range []int{flate.NoCompression, flate.BestSpeed, flate.BestCompression, flate.HuffmanOnly} {
		var buf bytes.Buffer
		w, _ := flate.NewWriter(&buf, level)
		w.Write(want)
		w.Close()
		got, err := Deflate.Decompress(buf.Bytes(), 0)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("level %d: %v", level, err)
		}
	}
}

func TestDecompressLimitBoundary(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 100) // 1000 bytes
	z, err := Deflate.Compress(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Deflate.Decompress(z, 1000); err != nil || len(got) != 1000 {
		t.Errorf("limit equal to the size: %d bytes, %v", len(got), err)
	}
	for _, limit := range []int{1, 511, 512, 999} {
		got, err := Deflate.Decompress(z, limit)
		if !errors.Is(err, ErrLimitExceeded) || got != nil {
			t.Errorf("limit %d: got %d bytes, %v; want ErrLimitExceeded", limit, len(got), err)
		}
	}
	// An empty stream is within any limit.
	empty, _ := Deflate.Compress(nil)
	if got, err := Deflate.Decompress(empty, 1); err != nil || len(got) != 0 {
		t.Errorf("empty stream: %q, %v", got, err)
	}
}

// TestDecompressBomb: 100 MB of zeros compressed to about 100 KB fails with
// ErrLimitExceeded after inflating no more than the limit (T45).
func TestDecompressBomb(t *testing.T) {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 100 {
		w.Write(zeros)
	}
	w.Close()
	bomb := buf.Bytes()
	if len(bomb) > 200_000 {
		t.Fatalf("bomb is %d bytes, expected about 100 KB", len(bomb))
	}

	for _, limit := range []int{0, 1 << 20} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := Deflate.Decompress(bomb, limit)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrLimitExceeded) || got != nil {
			t.Fatalf("limit %d: got %d bytes, %v; want ErrLimitExceeded", limit, len(got), err)
		}
		effective := cmpOr(limit, DefaultMaxDecompressedSize)
		// Doubling growth copies, so allow a few times the limit, far below
		// the 100 MB the bomb holds.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(4*effective) {
			t.Errorf("limit %d: allocated %d bytes", limit, alloc)
		}
	}
}

func TestDecompressMalformed(t *testing.T) {
	good, _ := Deflate.Compress([]byte(strings.Repeat("abc", 100)))
	rows := map[string][]byte{
		"empty":                   nil,
		"zlib header (not raw)":   {0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01},
		"reserved block type 3":   {0x07},
		"truncated":               good[:len(good)/2],
		"last byte cut":           good[:len(good)-1],
		"trailing garbage":        append(append([]byte{}, good...), 0x00),
		"stored block bad length": {0x01, 0x05, 0x00, 0x00, 0x00},
		"garbage bytes":           {0x63, 0x00, 0x42, 0x00, 0x00},
		"gzip":                    {0x1f, 0x8b, 0x08, 0x00},
	}
	for name, in := range rows {
		got, err := Deflate.Decompress(in, 0)
		if !errors.Is(err, ErrMalformed) || got != nil {
			t.Errorf("%s: got %q, %v; want ErrMalformed", name, got, err)
		}
	}
}

func TestCompressionUnsupported(t *testing.T) {
	for _, c := range []CompressionAlgorithm{"", "def", "GZIP", "DEF "} {
		if _, err := c.Compress([]byte("x")); !errors.Is(err, ErrUnsupportedAlgorithm) {
			t.Errorf("Compress %q: %v", c, err)
		}
		if _, err := c.Decompress([]byte{0x03, 0x00}, 0); !errors.Is(err, ErrUnsupportedAlgorithm) {
			t.Errorf("Decompress %q: %v", c, err)
		}
	}
}

// FuzzDecompress: no panic; never more output than the limit; no output
// alongside an error; what decompresses survives Compress and Decompress.
func FuzzDecompress(f *testing.F) {
	seed, _ := Deflate.Compress([]byte(strings.Repeat("seed ", 40)))
	f.Add(seed, uint16(0))
	f.Add(seed, uint16(10))
	f.Add([]byte{0x03, 0x00}, uint16(1))
	f.Add([]byte{0x07}, uint16(0))
	zeros, _ := Deflate.Compress(make([]byte, 100_000))
	f.Add(zeros, uint16(1000))
	f.Fuzz(func(t *testing.T, data []byte, limit16 uint16) {
		limit := int(limit16)
		out, err := Deflate.Decompress(data, limit)
		if err != nil {
			if out != nil || !(errors.Is(err, ErrMalformed) || errors.Is(err, ErrLimitExceeded)) {
				t.Fatalf("got %d bytes, %v", len(out), err)
			}
			return
		}
		if len(out) > cmpOr(limit, DefaultMaxDecompressedSize) {
			t.Fatalf("%d bytes over the limit %d", len(out), limit)
		}
		z, err := Deflate.Compress(out)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Deflate.Decompress(z, limit)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("recompressed data did not round trip: %v", err)
		}
	})
}
