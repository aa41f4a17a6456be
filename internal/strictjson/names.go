package strictjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"unicode/utf8"
)

// ErrNameCase reports a member name that differs from a name the reader
// expects only in case, such as "PROTECTED" for "protected" (threat T70).
// encoding/json would take the one for the other when it fills a struct;
// readers in this module match names exactly, and refuse such a member
// rather than ignore it, so that no parser can read the document another way.
var ErrNameCase = errors.New("member name differs from an expected name only in case")

// Names is a fixed table of the member names one reader expects: the
// registered members of a JOSE header, say, or the JSON names of a struct's
// fields. Each reader owns its table; this package knows none.
//
// A table serves two purposes. [Names.Object] and [Names.ObjectAliased]
// return the table's own strings as the keys of the members it holds, so
// that reading a usual member allocates nothing. [Names.Near] tells a name
// that equals one of the table's under case folding without being it, the
// way encoding/json matches struct fields, so that the reader can refuse it
// ([ErrNameCase]); [Names.ObjectExact] and [Names.ObjectAliasedExact] do so
// for the top-level members as they read them.
//
// A Names is immutable and safe for concurrent use.
type Names struct {
	names []string
	// slots is a hash table of the names' keys without collisions: each
	// distinct key has a slot of its own, found in one step. NewNames picks
	// the multiplier and the size (at least four slots per name) that give
	// that. Names whose keys equal another's (a rare thing) are in same.
	slots []slot
	mul   uint32
	shift uint32
	same  []int
	// folded maps the case-folded form of each name to the names that have
	// it (more than one only when two names differ only in case).
	folded  map[string][]string
	twoCase bool // some folded form has more than one name
	// allFolded: every name is its own folded form (as "alg" or "client_id"
	// are), so that a name of ASCII without upper case that is not in the
	// table cannot fold to one of its names.
	allFolded bool
}

// slot is one entry of the hash table: the position of a name plus one
// (zero for an empty slot), and the name's key.
type slot struct {
	key uint32
	idx uint32
}

// NewNames returns the table of names. Duplicates are ignored.
func NewNames(names ...string) *Names {
	n := &Names{folded: make(map[string][]string, len(names)), allFolded: true}
	seen := make(map[string]bool, len(names))
	for _, name := range names {
		if seen[name] {
			continue
		}
		seen[name] = true
		n.names = append(n.names, name)
		key := string(appendFold(nil, []byte(name)))
		n.folded[key] = append(n.folded[key], name)
		n.twoCase = n.twoCase || len(n.folded[key]) > 1
		n.allFolded = n.allFolded && key == name
	}
	n.hash()
	return n
}

// hash builds slots: the smallest power-of-two size, from four slots per
// name, for which one of a few odd multipliers gives every distinct key a
// slot of its own.
func (n *Names) hash() {
	keys := make(map[uint32]bool, len(n.names))
	for i, name := range n.names {
		key := nameKey([]byte(name))
		if keys[key] {
			n.same = append(n.same, i)
		}
		keys[key] = true
	}
	for size := max(8, 4*len(n.names)); ; size *= 2 {
		size = 1 << bits.Len(uint(size-1)) // a power of two
		shift := uint32(32 - bits.TrailingZeros(uint(size)))
		for mul := uint32(0x9e3779b1); mul < 0x9e3779b1+2*64; mul += 2 {
			if slots, ok := n.place(size, mul, shift); ok {
				n.slots, n.mul, n.shift = slots, mul, shift
				return
			}
		}
	}
}

// place puts each name whose key is not another's first in a table of size
// slots, and reports whether no two keys met.
func (n *Names) place(size int, mul, shift uint32) ([]slot, bool) {
	slots := make([]slot, size)
	for i, name := range n.names {
		key := nameKey([]byte(name))
		s := &slots[(key*mul)>>shift]
		switch {
		case s.idx == 0:
			*s = slot{key: key, idx: uint32(i + 1)}
		case s.key != key:
			return nil, false
		}
	}
	return slots, true
}

// nameKey mixes the length and three bytes of a name (the first, middle
// and last), which tell apart the short names of a table at the cost of a
// few instructions. Names of equal lengths and equal keys have equal first
// and last bytes.
func nameKey(s []byte) uint32 {
	n := len(s)
	if n == 0 {
		return 0
	}
	return uint32(uint8(n)) | uint32(s[0])<<8 | uint32(s[n/2])<<16 | uint32(s[n-1])<<24
}

// Index returns the position of name in the table, or -1 when it is not
// one of its names. It does not allocate.
func (n *Names) Index(name []byte) int {
	if n == nil { // hash gives every table slots
		return -1
	}
	key := nameKey(name)
	s := n.slots[(key*n.mul)>>(n.shift&31)]
	switch {
	case s.idx == 0 || s.key != key:
		return -1
	case equalInside(n.names[s.idx-1], name):
		return int(s.idx - 1)
	}
	return n.sameKey(name)
}

// sameKey looks for name among the names whose key another name has.
//
//go:noinline
func (n *Names) sameKey(name []byte) int {
	for _, i := range n.same {
		if n.names[i] == string(name) {
			return i
		}
	}
	return -1
}

// equalInside compares two names whose keys are equal, which makes their
// first and last bytes equal when their lengths are. It compares byte by byte:
// table names are short, and a call to the runtime's comparison would cost
// more than it saves.
func equalInside(a string, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 1; i < len(b)-1; i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Len returns the number of names in the table.
func (n *Names) Len() int { return len(n.names) }

// Name returns the name at position i, in the order given to [NewNames]
// (duplicates dropped).
func (n *Names) Name(i int) string { return n.names[i] }

// Near returns a name of the table that differs from name and equals it
// under Unicode simple case folding (the relation encoding/json uses to
// match struct fields), and whether there is one. A name in the table has
// no near name unless the table holds two names that differ only in case.
// It allocates nothing for names of up to 64 bytes.
func (n *Names) Near(name []byte) (string, bool) {
	_, near, ok := n.Match(name)
	return near, ok
}

// Match is [Names.Index] and [Names.Near] in one lookup: the position of
// name in the table (or -1), and the near name, if any.
func (n *Names) Match(name []byte) (index int, near string, isNear bool) {
	index = n.Index(name)
	near, isNear = n.near(name, index)
	return index, near, isNear
}

// near is Near for a name whose position in the table (or -1) is known.
func (n *Names) near(name []byte, index int) (string, bool) {
	if n == nil || (index >= 0 && !n.twoCase) || (index < 0 && n.allFolded && foldsToItself(name)) {
		return "", false
	}
	var buf [64]byte
	for _, other := range n.folded[string(appendFold(buf[:0], name))] {
		if other != string(name) {
			return other, true
		}
	}
	return "", false
}

// foldsToItself reports whether name is ASCII without upper case, which
// simple case folding leaves as it is.
func foldsToItself(name []byte) bool {
	for _, c := range name {
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// NameCaseError is the error of a member whose name differs from one the
// reader expects only in case. It wraps [ErrNameCase].
type NameCaseError struct {
	Name string // the member's name
	Want string // the name of the table it equals under case folding
}

// Error names the member and the name it was taken for.
func (e *NameCaseError) Error() string {
	// %+q spells out the runes outside ASCII: a Kelvin sign looks like "K".
	return fmt.Sprintf("%v: %+q is not %q (member names are case-sensitive)", ErrNameCase, clip(e.Name), e.Want)
}

// Unwrap returns [ErrNameCase].
func (e *NameCaseError) Unwrap() error { return ErrNameCase }

// clip shortens a name quoted in an error, so that hostile input cannot make
// huge errors.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// refuse is the error of a top-level member named name, at position i in
// the table (or -1), when it differs from one of the table's names only in
// case; nil otherwise.
func (n *Names) refuse(name []byte, i int) error {
	if want, near := n.near(name, i); near {
		return &NameCaseError{Name: string(name), Want: want}
	}
	return nil
}

// Object is [Object] whose member names come from the table when they are
// among its names, so that they cost no allocation.
func (n *Names) Object(data []byte) (map[string]json.RawMessage, error) {
	return n.read(append([]byte(nil), data...), false)
}

// ObjectAliased is [ObjectAliased] whose member names come from the table
// when they are among its names.
func (n *Names) ObjectAliased(data []byte) (map[string]json.RawMessage, error) {
	return n.read(data, false)
}

// ObjectExact is [Names.Object] that also refuses a top-level member whose
// name differs from one of the table's only in case ([NameCaseError]): for
// the reader of a format whose members it knows, such as the JSON
// serializations of JWS and JWE. Other names are allowed.
func (n *Names) ObjectExact(data []byte) (map[string]json.RawMessage, error) {
	return n.read(append([]byte(nil), data...), true)
}

// ObjectAliasedExact is [Names.ObjectExact] without the copy, as
// [ObjectAliased] is.
func (n *Names) ObjectAliasedExact(data []byte) (map[string]json.RawMessage, error) {
	return n.read(data, true)
}

func (n *Names) read(data []byte, exact bool) (map[string]json.RawMessage, error) {
	s := scanner{data: data, names: n, exact: exact}
	out := make(map[string]json.RawMessage)
	if err := s.document(out); err != nil {
		return nil, err
	}
	return out, nil
}

// appendFold appends the case-folded form of name to dst: every rune
// replaced by the representative foldRune gives it, so that two names are
// equal under simple case folding exactly when their folded forms are.
func appendFold(dst, name []byte) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			dst = append(dst, lowerASCII(c))
			i++
			continue
		}
		r, size := utf8.DecodeRune(name[i:])
		dst = utf8.AppendRune(dst, foldRune(r))
		i += size
	}
	return dst
}

// appendFoldASCII is appendFold for a name known to be ASCII.
func appendFoldASCII(dst, name []byte) []byte {
	for _, c := range name {
		dst = append(dst, lowerASCII(c))
	}
	return dst
}
