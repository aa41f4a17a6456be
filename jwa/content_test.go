package jwa

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// allContent is every built-in content encryption, in a fixed order.
var allContent = []ContentEncryption{
	A128CBC_HS256, A192CBC_HS384, A256CBC_HS512,
	A128GCM, A192GCM, A256GCM,
	C20P, XC20P,
}

// ivSealer is the test hook every built-in cipher implements.
type ivSealer interface {
	sealWithIV(iv, plaintext, aad []byte) (Sealed, error)
}

// contentVector is one known-answer test, every value in hex.
type contentVector struct {
	Section    string            `json:"section"`
	Enc        ContentEncryption `json:"enc"`
	Key        string            `json:"key"`
	Plaintext  string            `json:"plaintext"`
	IV         string            `json:"iv"`
	AAD        string            `json:"aad"`
	Ciphertext string            `json:"ciphertext"`
	Tag        string            `json:"tag"`
}

func newTestCipher(t testing.TB, enc ContentEncryption, cek []byte) ContentCipher {
	t.Helper()
	c, err := enc.NewCipher(cek)
	if err != nil {
		t.Fatalf("%s NewCipher: %v", enc, err)
	}
	return c
}

// testKey returns a CEK of the right length for enc, different for each
// seed.
func testKey(enc ContentEncryption, seed byte) []byte {
	k := make([]byte, enc.KeySize())
	for i := range k {
		k[i] = seed + byte(i)*7
	}
	return k
}

// checkKnownAnswer seals plaintext with the given IV and compares ciphertext
// and tag byte for byte, then opens the expected values.
func checkKnownAnswer(t *testing.T, enc ContentEncryption, cek, iv, aad, plaintext, wantCT, wantTag []byte) {
	t.Helper()
	c := newTestCipher(t, enc, cek)
	got, err := c.(ivSealer).sealWithIV(iv, plaintext, aad)
	if err != nil {
		t.Fatalf("sealWithIV: %v", err)
	}
	if !bytes.Equal(got.Ciphertext, wantCT) {
		t.Errorf("ciphertext\n got %x\nwant %x", got.Ciphertext, wantCT)
	}
	if !bytes.Equal(got.Tag, wantTag) {
		t.Errorf("tag\n got %x\nwant %x", got.Tag, wantTag)
	}
	pt, err := c.Open(Sealed{IV: iv, Ciphertext: wantCT, Tag: wantTag}, aad)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if !bytes.Equal(pt, plaintext) {
		t.Errorf("Open = %q, want %q", pt, plaintext)
	}
}

// TestContentKnownAnswers walks RFC 7518 Appendix B.1 to B.3, RFC 7516
// Appendix A.1 to A.3 (content encryption only) and RFC 8439 §2.8.2.
func TestContentKnownAnswers(t *testing.T) {
	for _, file := range []string{"rfc7518_appendix_b.json", "rfc7516_appendix_a_content.json", "rfc8439_2.8.2.json"} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "jwa", file))
		if err != nil {
			t.Fatal(err)
		}
		var vs []contentVector
		if err := json.Unmarshal(raw, &vs); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, v := range vs {
			t.Run(v.Section, func(t *testing.T) {
				skipRefused(t, v.Enc)
				checkKnownAnswer(t, v.Enc, unhex(t, v.Key), unhex(t, v.IV), unhex(t, v.AAD),
					unhex(t, v.Plaintext), unhex(t, v.Ciphertext), unhex(t, v.Tag))
			})
		}
	}
}

// rfc7520JWE is the part of an RFC 7520 JWE example that content
// encryption needs (schema in testdata/rfc7520/README.md).
type rfc7520JWE struct {
	Input struct {
		Plaintext string `json:"plaintext"`
		Key       any    `json:"key"`
	} `json:"input"`
	Generated struct {
		CEK        string `json:"cek"`
		IV         string `json:"iv"`
		PlaintextC string `json:"plaintext_c"`
		AADB64u    string `json:"aad_b64u"`
	} `json:"generated"`
	EncryptingKey     json.RawMessage `json:"encrypting_key"`
	EncryptingContent struct {
		Protected     struct{ Enc ContentEncryption } `json:"protected"`
		Unprotected   struct{ Enc ContentEncryption } `json:"unprotected"`
		ProtectedB64u string                          `json:"protected_b64u"`
		Ciphertext    string                          `json:"ciphertext"`
		Tag           string                          `json:"tag"`
	} `json:"encrypting_content"`
}

// TestRFC7520Content reproduces the ciphertext and tag of every RFC 7520 §5
// JWE example from its CEK, IV, AAD and plaintext.
func TestRFC7520Content(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "rfc7520", "jwe", "*.json"))
	if err != nil || len(files) != 13 {
		t.Fatalf("want the 13 RFC 7520 JWE files, got %d (%v)", len(files), err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var ex rfc7520JWE
			if err := json.Unmarshal(raw, &ex); err != nil {
				t.Fatal(err)
			}
			ec := ex.EncryptingContent
			// 5_12 has no protected header; 5_13's input.enc is misspelled,
			// so enc is read from the headers.
			enc := cmpOr(ec.Protected.Enc, ec.Unprotected.Enc)

			var cek []byte
			switch {
			case ex.Generated.CEK != "":
				cek = b64(t, ex.Generated.CEK)
			case len(ex.EncryptingKey) > 0: // ECDH-ES direct: the derived CEK
				var ek struct{ CEK string }
				if err := json.Unmarshal(ex.EncryptingKey, &ek); err != nil || ek.CEK == "" {
					t.Fatalf("no CEK in encrypting_key: %v", err)
				}
				cek = b64(t, ek.CEK)
			default: // dir: the key is the CEK
				k, _ := ex.Input.Key.(map[string]any)["k"].(string)
				cek = b64(t, k)
			}

			aad := []byte(ec.ProtectedB64u)
			if ex.Generated.AADB64u != "" {
				aad = append(aad, '.')
				aad = append(aad, ex.Generated.AADB64u...)
			}

			plaintext := []byte(ex.Input.Plaintext)
			if ex.Generated.PlaintextC != "" {
				compressed := b64(t, ex.Generated.PlaintextC)
				got, err := Deflate.Decompress(compressed, 0)
				if err != nil {
					t.Fatalf("Decompress: %v", err)
				}
				if !bytes.Equal(got, plaintext) {
					t.Fatalf("Decompress = %q, want %q", got, plaintext)
				}
				plaintext = compressed
			}
			checkKnownAnswer(t, enc, cek, b64(t, ex.Generated.IV), aad, plaintext,
				b64(t, ec.Ciphertext), b64(t, ec.Tag))
		})
	}
}

func cmpOr[T comparable](a, b T) T {
	var zero T
	if a != zero {
		return a
	}
	return b
}

func TestContentRoundTrip(t *testing.T) {
	sizes := []int{0, 1, 15, 16, 17, 31, 32, 33, 1000}
	for _, enc := range allContent {
		t.Run(string(enc), func(t *testing.T) {
			skipRefused(t, enc)
			c := newTestCipher(t, enc, testKey(enc, 1))
			wantIV := 12
			switch enc {
			case A128CBC_HS256, A192CBC_HS384, A256CBC_HS512:
				wantIV = 16
			case XC20P:
				wantIV = 24
			}
			wantTag := 16
			if enc == A192CBC_HS384 {
				wantTag = 24
			} else if enc == A256CBC_HS512 {
				wantTag = 32
			}
			for _, n := range sizes {
				pt := bytes.Repeat([]byte{'p'}, n)
				aad := []byte("protected header")
				s, err := c.Seal(pt, aad)
				if err != nil {
					t.Fatal(err)
				}
				if len(s.IV) != wantIV || len(s.Tag) != wantTag {
					t.Fatalf("IV %d bytes, tag %d bytes; want %d and %d", len(s.IV), len(s.Tag), wantIV, wantTag)
				}
				got, err := c.Open(s, aad)
				if err != nil {
					t.Fatalf("Open(%d bytes): %v", n, err)
				}
				if !bytes.Equal(got, pt) {
					t.Fatalf("round trip of %d bytes changed the plaintext", n)
				}
			}
		})
	}
}

// TestSealFreshIV: two Seals of the same plaintext never share an IV
// (T46), and the parts of one Sealed do not overlap.
func TestSealFreshIV(t *testing.T) {
	for _, enc := range allContent {
		if refused(enc) {
			continue
		}
		c := newTestCipher(t, enc, testKey(enc, 2))
		a, err := c.Seal([]byte("same"), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := c.Seal([]byte("same"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(a.IV, b.IV) || bytes.Equal(a.Ciphertext, b.Ciphertext) {
			t.Errorf("%s: two Seals gave the same IV or ciphertext", enc)
		}
		tag := slices.Clone(a.Tag)
		iv := slices.Clone(a.IV)
		_ = append(a.IV, 0xff, 0xff)
		_ = append(a.Ciphertext, bytes.Repeat([]byte{0xff}, 64)...)
		if !bytes.Equal(a.Tag, tag) || !bytes.Equal(a.IV, iv) {
			t.Errorf("%s: appending to one part of Sealed changed another", enc)
		}
	}
}

// TestContentCEKLength: every CEK of the wrong length fails with
// ErrInvalidKey, without a panic.
func TestContentCEKLength(t *testing.T) {
	for _, enc := range allContent {
		if refused(enc) {
			continue
		}
		n := enc.KeySize()
		for _, l := range []int{0, 1, n - 1, n + 1, 2 * n, 16, 24, 32, 48, 64} {
			if l == n {
				continue
			}
			_, err := enc.NewCipher(make([]byte, l))
			if !errors.Is(err, ErrInvalidKey) {
				t.Errorf("%s with a %d-byte CEK: err = %v, want ErrInvalidKey", enc, l, err)
			}
		}
		if _, err := enc.NewCipher(nil); !errors.Is(err, ErrInvalidKey) {
			t.Errorf("%s with a nil CEK: err = %v, want ErrInvalidKey", enc, err)
		}
	}
	wantSizes := map[ContentEncryption]int{
		A128CBC_HS256: 32, A192CBC_HS384: 48, A256CBC_HS512: 64,
		A128GCM: 16, A192GCM: 24, A256GCM: 32, C20P: 32, XC20P: 32,
	}
	for enc, n := range wantSizes {
		if refused(enc) {
			continue
		}
		if got := enc.KeySize(); got != n {
			t.Errorf("%s.KeySize() = %d, want %d", enc, got, n)
		}
	}
}

func TestContentUnsupported(t *testing.T) {
	for _, enc := range []ContentEncryption{"", "A128CBC-H256", "a128gcm", "A128GCM ", "none"} {
		if _, err := enc.NewCipher(make([]byte, 16)); !errors.Is(err, ErrUnsupportedAlgorithm) {
			t.Errorf("%q: err = %v, want ErrUnsupportedAlgorithm", enc, err)
		}
	}
}

func flip(b []byte, i int) []byte {
	b = slices.Clone(b)
	b[i] ^= 0x01
	return b
}

// TestOpenRejects gives each malformed or tampered input its own row; every
// one must fail with ErrDecryption (T42, T43, T44), never a panic.
func TestOpenRejects(t *testing.T) {
	for _, enc := range allContent {
		t.Run(string(enc), func(t *testing.T) {
			skipRefused(t, enc)
			c := newTestCipher(t, enc, testKey(enc, 3))
			aad := []byte("eyJhbGciOiJkaXIifQ")
			good, err := c.Seal([]byte("forty-two bytes of plaintext, more or less"), aad)
			if err != nil {
				t.Fatal(err)
			}
			isCBC := len(good.IV) == aes.BlockSize
			ct, iv, tag := good.Ciphertext, good.IV, good.Tag
			type row struct {
				name string
				s    Sealed
				aad  []byte
			}
			rows := []row{
				{"IV empty", Sealed{nil, ct, tag}, aad},
				{"IV one byte short", Sealed{iv[:len(iv)-1], ct, tag}, aad},
				{"IV one byte long", Sealed{append(slices.Clone(iv), 0), ct, tag}, aad},
				{"IV of another algorithm", Sealed{make([]byte, 36-len(iv)), ct, tag}, aad},
				{"tag empty", Sealed{iv, ct, nil}, aad},
				{"tag truncated by one byte", Sealed{iv, ct, tag[:len(tag)-1]}, aad},
				{"tag truncated to half", Sealed{iv, ct, tag[:len(tag)/2]}, aad},
				{"tag one byte long", Sealed{iv, ct, append(slices.Clone(tag), 0)}, aad},
				{"tag doubled", Sealed{iv, ct, append(slices.Clone(tag), tag...)}, aad},
				{"ciphertext empty", Sealed{iv, nil, tag}, aad},
				{"ciphertext one byte short", Sealed{iv, ct[:len(ct)-1], tag}, aad},
				{"ciphertext one byte long", Sealed{iv, append(slices.Clone(ct), 0), tag}, aad},
				{"bit flipped in first AAD byte", good, flip(aad, 0)},
				{"bit flipped in last AAD byte", good, flip(aad, len(aad)-1)},
				{"AAD empty", good, nil},
				{"AAD extended", good, append(slices.Clone(aad), '.')},
			}
			for i := range iv {
				rows = append(rows, row{"bit flipped in IV", Sealed{flip(iv, i), ct, tag}, aad})
			}
			for _, i := range []int{0, len(ct) / 2, len(ct) - 1} {
				rows = append(rows, row{"bit flipped in ciphertext", Sealed{iv, flip(ct, i), tag}, aad})
			}
			for i := range tag {
				rows = append(rows, row{"bit flipped in tag", Sealed{iv, ct, flip(tag, i)}, aad})
			}
			if isCBC {
				rows = append(rows,
					row{"ciphertext not whole blocks", Sealed{iv, ct[:len(ct)-5], tag}, aad},
					row{"ciphertext one block short", Sealed{iv, ct[:len(ct)-aes.BlockSize], tag}, aad},
				)
			}
			for _, r := range rows {
				got, err := c.Open(r.s, r.aad)
				if !errors.Is(err, ErrDecryption) || got != nil {
					t.Errorf("%s: got %q, %v; want nil, ErrDecryption", r.name, got, err)
				}
			}
			// The untouched input still opens: the rows above did not
			// change it in place.
			if _, err := c.Open(good, aad); err != nil {
				t.Fatalf("good input after the rejections: %v", err)
			}
		})
	}
}

// forgeCBC encrypts blocks (already padded, or deliberately not) with the
// ENC_KEY half of cek and computes a valid tag with the MAC_KEY half, as
// only a key holder could.
func forgeCBC(t *testing.T, enc ContentEncryption, cek, iv, aad, blocks []byte) Sealed {
	t.Helper()
	s := builtinContent[enc].(cbcHMACScheme)
	block, err := aes.NewCipher(cek[s.encKeyLen:])
	if err != nil {
		t.Fatal(err)
	}
	ct := make([]byte, len(blocks))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(ct, blocks)
	m := hmac.New(s.newHash, cek[:s.encKeyLen])
	m.Write(aad)
	m.Write(iv)
	m.Write(ct)
	m.Write(binary.BigEndian.AppendUint64(nil, uint64(len(aad))*8))
	return Sealed{IV: iv, Ciphertext: ct, Tag: m.Sum(nil)[:s.encKeyLen]}
}

// TestOpenBadPadding: a valid tag over a plaintext with bad PKCS #7 padding
// still fails with ErrDecryption and no panic.
func TestOpenBadPadding(t *testing.T) {
	iv := bytes.Repeat([]byte{9}, aes.BlockSize)
	aad := []byte("aad")
	body := bytes.Repeat([]byte{'x'}, 30)
	pads := map[string][]byte{
		"zero pad byte":            {0, 0},
		"pad byte 17":              {17, 17},
		"pad byte 255":             {0xff, 0xff},
		"inconsistent pad bytes":   {3, 2},
		"pad longer than a block":  nil, // filled below
		"good padding (control)":   {2, 2},
		"whole block of pad bytes": nil, // filled below
	}
	for _, enc := range []ContentEncryption{A128CBC_HS256, A192CBC_HS384, A256CBC_HS512} {
		cek := testKey(enc, 4)
		c := newTestCipher(t, enc, cek)
		for name, pad := range pads {
			blocks := append(slices.Clone(body), pad...)
			switch name {
			case "pad longer than a block":
				blocks = append(slices.Clone(body[:15]), bytes.Repeat([]byte{17}, 17)...)
			case "whole block of pad bytes":
				blocks = append(slices.Clone(body[:16]), bytes.Repeat([]byte{16}, 16)...)
			}
			s := forgeCBC(t, enc, cek, iv, aad, blocks)
			got, err := c.Open(s, aad)
			switch name {
			case "good padding (control)":
				if err != nil || !bytes.Equal(got, body) {
					t.Errorf("%s %s: got %q, %v", enc, name, got, err)
				}
			case "whole block of pad bytes":
				if err != nil || !bytes.Equal(got, body[:16]) {
					t.Errorf("%s %s: got %q, %v", enc, name, got, err)
				}
			default:
				if !errors.Is(err, ErrDecryption) || got != nil {
					t.Errorf("%s %s: got %q, %v; want nil, ErrDecryption", enc, name, got, err)
				}
			}
		}
	}
}

// TestSealWithIVLength: the test hook itself refuses a wrong IV instead of
// panicking.
func TestSealWithIVLength(t *testing.T) {
	for _, enc := range allContent {
		if refused(enc) {
			continue
		}
		c := newTestCipher(t, enc, testKey(enc, 5))
		if _, err := c.(ivSealer).sealWithIV(make([]byte, 5), nil, nil); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", enc, err)
		}
	}
}

// TestContentConcurrent uses one cipher from several goroutines (run with
// -race).
func TestContentConcurrent(t *testing.T) {
	for _, enc := range []ContentEncryption{A128CBC_HS256, A256GCM, C20P} {
		if refused(enc) {
			continue
		}
		c := newTestCipher(t, enc, testKey(enc, 6))
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				pt := bytes.Repeat([]byte{byte(g)}, 100+g)
				for range 50 {
					s, err := c.Seal(pt, []byte{byte(g)})
					if err != nil {
						t.Error(err)
						return
					}
					got, err := c.Open(s, []byte{byte(g)})
					if err != nil || !bytes.Equal(got, pt) {
						t.Errorf("%s: concurrent round trip failed: %v", enc, err)
						return
					}
				}
			})
		}
		wg.Wait()
	}
}

func TestRegisterBuiltinContent(t *testing.T) {
	for _, enc := range allContent {
		if err := RegisterContentEncryption(enc, builtinContent[enc]); !errors.Is(err, ErrAlreadyRegistered) {
			t.Errorf("%s: err = %v, want ErrAlreadyRegistered", enc, err)
		}
	}
}

// FuzzContentOpen opens arbitrary parts with every algorithm: no panic, and
// any failure is ErrDecryption with no plaintext.
func FuzzContentOpen(f *testing.F) {
	encs := slices.DeleteFunc(slices.Clone(allContent), refused)
	for i, enc := range encs {
		c, err := enc.NewCipher(testKey(enc, 7))
		if err != nil {
			f.Fatal(err)
		}
		s, err := c.Seal([]byte("seed plaintext"), []byte("aad"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), s.IV, s.Ciphertext, s.Tag, []byte("aad"))
		f.Add(uint8(i), s.IV, s.Ciphertext[:len(s.Ciphertext)-1], s.Tag, []byte("aad"))
		f.Add(uint8(i), s.IV[1:], s.Ciphertext, s.Tag[1:], []byte(nil))
	}
	ciphers := make([]ContentCipher, len(encs))
	for i, enc := range encs {
		ciphers[i], _ = enc.NewCipher(testKey(enc, 7))
	}
	f.Fuzz(func(t *testing.T, alg uint8, iv, ct, tag, aad []byte) {
		c := ciphers[int(alg)%len(ciphers)]
		got, err := c.Open(Sealed{IV: iv, Ciphertext: ct, Tag: tag}, aad)
		if err != nil {
			if !errors.Is(err, ErrDecryption) || got != nil {
				t.Fatalf("got %q, %v; want nil, ErrDecryption", got, err)
			}
			return
		}
		// Only the untouched seeds open; the plaintext is then the seed's.
		if string(got) != "seed plaintext" {
			t.Fatalf("opened to %q", got)
		}
	})
}
