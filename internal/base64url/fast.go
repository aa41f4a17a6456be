package base64url

import "encoding/binary"

// The encoder and decoder below do in pure Go what encoding/base64 does,
// several characters per step instead of one: the encoder turns 6 bytes
// into 8 characters (12 into 16 while it can) through a table of
// character pairs (12 bits each),
// the decoder 32 characters into 24 bytes (then 8 into 6) through four
// tables of shifted 6-bit values, in which every byte outside the
// alphabet sets a bit that no valid value has. What is left at the end
// (fewer than 8 bytes or characters, on a group boundary) goes to
// encoding/base64, which therefore also decides every final partial
// group, its length and its unused bits. Output is byte for byte
// encoding/base64's; a byte outside the alphabet fails the fast loop, and
// such input fails the standard strict decoder too ('\r' and '\n', which
// it skips, are refused by decode itself). FuzzFastEncode and
// FuzzFastDecode check both against encoding/base64.

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// pairs maps 12 bits to the two characters that encode them, the first in
// the low byte (written little-endian).
var pairs = func() (t [4096]uint16) {
	for i := range t {
		t[i] = uint16(alphabet[i>>6]) | uint16(alphabet[i&63])<<8
	}
	return t
}()

// invalid is set in the table entry of every byte outside the alphabet;
// no 24-bit group has it.
const invalid = 0xff000000

// dec0 to dec3 hold the value of a character in the first to fourth
// position of a 4-character group, shifted into place, or invalid.
var dec0, dec1, dec2, dec3 = func() (a, b, c, d [256]uint32) {
	for i := range 256 {
		a[i], b[i], c[i], d[i] = invalid, invalid, invalid, invalid
	}
	for v := range 64 {
		ch := alphabet[v]
		a[ch], b[ch], c[ch], d[ch] = uint32(v)<<18, uint32(v)<<12, uint32(v)<<6, uint32(v)
	}
	return
}()

// encode writes the encoding of src to dst, which has room for exactly
// EncodedLen(len(src)) bytes.
func encode(dst, src []byte) {
	di := 0
	for len(src) >= 14 && len(dst)-di >= 16 { // two 8-byte loads of which 12 bytes are used
		u, v := binary.BigEndian.Uint64(src), binary.BigEndian.Uint64(src[6:])
		d := dst[di : di+16]
		binary.LittleEndian.PutUint64(d, encode6(u))
		binary.LittleEndian.PutUint64(d[8:], encode6(v))
		src = src[12:]
		di += 16
	}
	for len(src) >= 8 && len(dst)-di >= 8 {
		binary.LittleEndian.PutUint64(dst[di:], encode6(binary.BigEndian.Uint64(src)))
		src = src[6:]
		di += 8
	}
	enc.Encode(dst[di:], src)
}

// encode6 returns the 8 characters of the top 6 bytes of v, the first in
// the low byte.
func encode6(v uint64) uint64 {
	return uint64(pairs[v>>52]) | uint64(pairs[v>>40&0xfff])<<16 |
		uint64(pairs[v>>28&0xfff])<<32 | uint64(pairs[v>>16&0xfff])<<48
}

// decode writes what src encodes to dst, which has room for
// DecodedLen(len(src)) bytes, and returns how many it wrote, or false
// when src is not canonical base64url. '\r' and '\n' are outside the
// alphabet of the fast loops, and looked for in the tail, which
// encoding/base64 would read past them.
func decode[T string | []byte](dst []byte, src T) (int, bool) {
	di, si := 0, 0
	for len(src)-si >= 32 && len(dst)-di >= 26 { // four groups of 8, for the pipeline
		// The lookups are written out: a helper function, even inlined,
		// made the loop a third slower.
		s := src[si : si+32]
		a, b := dec0[s[0]]|dec1[s[1]]|dec2[s[2]]|dec3[s[3]], dec0[s[4]]|dec1[s[5]]|dec2[s[6]]|dec3[s[7]]
		c, d := dec0[s[8]]|dec1[s[9]]|dec2[s[10]]|dec3[s[11]], dec0[s[12]]|dec1[s[13]]|dec2[s[14]]|dec3[s[15]]
		e, f := dec0[s[16]]|dec1[s[17]]|dec2[s[18]]|dec3[s[19]], dec0[s[20]]|dec1[s[21]]|dec2[s[22]]|dec3[s[23]]
		g, h := dec0[s[24]]|dec1[s[25]]|dec2[s[26]]|dec3[s[27]], dec0[s[28]]|dec1[s[29]]|dec2[s[30]]|dec3[s[31]]
		if (a|b|c|d|e|f|g|h)&invalid != 0 {
			return 0, false
		}
		out := dst[di : di+26]
		binary.BigEndian.PutUint64(out, uint64(a)<<40|uint64(b)<<16)
		binary.BigEndian.PutUint64(out[6:], uint64(c)<<40|uint64(d)<<16)
		binary.BigEndian.PutUint64(out[12:], uint64(e)<<40|uint64(f)<<16)
		binary.BigEndian.PutUint64(out[18:], uint64(g)<<40|uint64(h)<<16)
		si += 32
		di += 24
	}
	for len(src)-si >= 8 && len(dst)-di >= 8 { // an 8-byte store of which 6 are used
		s := src[si : si+8]
		x, y := dec0[s[0]]|dec1[s[1]]|dec2[s[2]]|dec3[s[3]], dec0[s[4]]|dec1[s[5]]|dec2[s[6]]|dec3[s[7]]
		if (x|y)&invalid != 0 {
			return 0, false
		}
		binary.BigEndian.PutUint64(dst[di:], uint64(x)<<40|uint64(y)<<16)
		si += 8
		di += 6
	}
	tail := src[si:] // fewer than 8 characters, or no room for a store
	for i := 0; i < len(tail); i++ {
		if tail[i] == '\r' || tail[i] == '\n' { // which encoding/base64 would skip
			return 0, false
		}
	}
	n, err := enc.Decode(dst[di:], []byte(tail))
	if err != nil {
		return 0, false
	}
	return di + n, true
}
