package jwa

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"slices"
	"sync"
)

// DefaultMaxDecompressedSize is the largest output [CompressionAlgorithm.Decompress]
// produces when the caller gives no limit: 4 MiB.
//
// Anyone who can encrypt to a key (with ECDH-ES or RSA, anyone at all) can
// send a token whose content inflates about a thousand times, so the bound
// must not depend on the token. A JWE payload is almost always a JWT or a
// small document of a few kilobytes; 4 MiB leaves three orders of magnitude
// of room for those while keeping what one decryption can make a server
// allocate to a few megabytes. A caller that expects larger payloads raises
// the limit explicitly.
const DefaultMaxDecompressedSize = 4 << 20

// Compress compresses data with c. For [Deflate] the output is raw DEFLATE
// (RFC 1951, no zlib or gzip framing), as RFC 7518 §7.3 and RFC 7516
// §4.1.3 require. Any other name fails with [ErrUnsupportedAlgorithm].
func (c CompressionAlgorithm) Compress(data []byte) ([]byte, error) {
	if c != Deflate {
		return nil, fmt.Errorf("jwa: compression %q: %w", c, ErrUnsupportedAlgorithm)
	}
	var buf bytes.Buffer
	// Most tokens compress well; half the input is a fair first guess.
	buf.Grow(len(data)/2 + 64)
	w := deflateWriters.Get().(*flate.Writer)
	defer deflateWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("jwa: DEF compression: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("jwa: DEF compression: %w", err)
	}
	return buf.Bytes(), nil
}

// Decompress reverses [CompressionAlgorithm.Compress]. It reads at most
// limit bytes of output; limit ≤ 0 means [DefaultMaxDecompressedSize]. As
// soon as the output would pass the limit it stops and returns an error
// wrapping [ErrLimitExceeded], so a decompression bomb costs at most limit
// bytes of memory and the time to inflate them.
//
// Input that is not one complete raw DEFLATE stream (corrupt, truncated,
// empty, or followed by extra bytes) fails with [ErrMalformed]. An unknown
// name fails with [ErrUnsupportedAlgorithm]. No output is returned with an
// error.
func (c CompressionAlgorithm) Decompress(data []byte, limit int) ([]byte, error) {
	if c != Deflate {
		return nil, fmt.Errorf("jwa: compression %q: %w", c, ErrUnsupportedAlgorithm)
	}
	if limit <= 0 {
		limit = DefaultMaxDecompressedSize
	}
	src := bytes.NewReader(data)
	// bytes.Reader is an io.ByteReader, so the inflater reads exactly the
	// stream and src.Len() below is what follows it.
	r := inflaters.Get().(io.ReadCloser)
	defer inflaters.Put(r)
	if err := r.(flate.Resetter).Reset(src, nil); err != nil {
		return nil, fmt.Errorf("jwa: DEF decompression: %w: %w", err, ErrMalformed)
	}

	// Start from a guess at the ratio and grow by doubling, never asking
	// for more than one byte past the limit: that byte is enough to know
	// the limit was passed.
	out := make([]byte, 0, min(limit, max(512, 4*len(data))))
	for {
		if len(out) == cap(out) {
			grow := min(max(cap(out), 512), limit-len(out)) // no overflow: len(out) ≤ limit
			out = slices.Grow(out, max(grow, 1))
		}
		n, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if len(out) > limit {
			return nil, fmt.Errorf("jwa: DEF decompression: output over %d bytes: %w", limit, ErrLimitExceeded)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("jwa: DEF decompression: %w: %w", err, ErrMalformed)
		}
	}
	if src.Len() != 0 {
		return nil, fmt.Errorf("jwa: DEF decompression: %d bytes after the end of the stream: %w", src.Len(), ErrMalformed)
	}
	return out, nil
}

// Pools of compressors and inflaters: a flate.Writer holds several hundred
// kilobytes of tables, too much to build for every token.
var (
	deflateWriters = sync.Pool{New: func() any {
		w, _ := flate.NewWriter(nil, flate.DefaultCompression) // cannot fail for a valid level
		return w
	}}
	inflaters = sync.Pool{New: func() any { return flate.NewReader(nil) }}
)
