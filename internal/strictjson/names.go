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
// that is not in the table but equals one of its names under case folding,
// the way encoding/json matches struct fields, so that the reader can
// refuse it ([ErrNameCase]).
//
// A Names is immutable and safe for concurrent use.
type Names struct {
	names []string
	// slots is an open-addressing hash table of indexes into names, plus
	// one; zero is an empty slot. It has at least four slots per name, and
	// NewNames picks the multiplier that makes its probe sequences shortest.
	slots []uint32
	mul   uint32
	shift uint8
	// folded maps the case-folded form of each name to the names that have
	// it (more than one only when two names differ only in case).
	folded  map[string][]string
	twoCase bool // some folded form has more than one name
}

// NewNames returns the table of names. Duplicates are ignored.
func NewNames(names ...string) *Names {
	n := &Names{folded: make(map[string][]string, len(names))}
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
	}
	n.rehash()
	return n
}

// rehash rebuilds slots for n.names: size is a power of two at least four
// times the number of names, and the multiplier is the first of a few
// odd constants that places every name without a collision, else the one
// with the shortest longest probe.
func (n *Names) rehash() {
	size := 8
	for size < 4*len(n.names) {
		size *= 2
	}
	shift := uint8(32 - bits.TrailingZeros(uint(size)))
	bestProbe := -1
	for mul := uint32(0x9e3779b1); mul < 0x9e3779b1+2*64; mul += 2 {
		slots := make([]uint32, size)
		longest := 0
		for i, name := range n.names {
			h := (nameKey(name) * mul) >> shift
			probe := 0
			for slots[h] != 0 {
				h = (h + 1) & uint32(size-1)
				probe++
			}
			slots[h] = uint32(i + 1)
			longest = max(longest, probe)
		}
		if bestProbe < 0 || longest < bestProbe {
			n.slots, n.mul, n.shift, bestProbe = slots, mul, shift, longest
		}
		if longest == 0 {
			return
		}
	}
}

// nameKey mixes the length and three bytes of a name, which tell apart the
// short names of a table at the cost of a few instructions.
func nameKey[S ~string | ~[]byte](s S) uint32 {
	n := len(s)
	if n == 0 {
		return 0
	}
	return uint32(n) | uint32(s[0])<<8 | uint32(s[n/2])<<16 | uint32(s[n-1])<<24
}

func lookup[S ~string | ~[]byte](n *Names, name S) int {
	if n == nil || len(n.names) == 0 {
		return -1
	}
	mask := uint32(len(n.slots) - 1)
	for h := (nameKey(name) * n.mul) >> n.shift; n.slots[h] != 0; h = (h + 1) & mask {
		if i := int(n.slots[h]) - 1; n.names[i] == string(name) {
			return i
		}
	}
	return -1
}

// Len returns the number of names in the table.
func (n *Names) Len() int { return len(n.names) }

// Name returns the name at position i, in the order given to [NewNames]
// (duplicates dropped).
func (n *Names) Name(i int) string { return n.names[i] }

// Index returns the position of name in the table, or -1 when it is not
// one of its names. It does not allocate.
func (n *Names) Index(name []byte) int { return lookup(n, name) }

// intern returns name as a string: the table's own when it is one of its
// names, else a copy.
func (n *Names) intern(name []byte) string {
	if i := lookup(n, name); i >= 0 {
		return n.names[i]
	}
	return string(name)
}

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
	if n == nil {
		return -1, "", false
	}
	index = lookup(n, name)
	if index >= 0 && !n.twoCase {
		return index, "", false
	}
	var buf [64]byte
	for _, other := range n.folded[string(appendFold(buf[:0], name))] {
		if other != string(name) {
			return index, other, true
		}
	}
	return index, "", false
}

// Exact checks that no member of m, an object read with this table, has a
// name that differs from one of the table's only in case; the error wraps
// [ErrNameCase] and names both. Members that are not in the table are
// otherwise allowed.
func (n *Names) Exact(m map[string]json.RawMessage) error {
	for name := range m {
		if other, near := n.Near([]byte(name)); near {
			return NameCaseError(name, other)
		}
	}
	return nil
}

// NameCaseError returns the error of a member named name where the reader
// expects want, which differs only in case; it wraps [ErrNameCase].
func NameCaseError(name, want string) error {
	// %+q spells out the runes outside ASCII: a Kelvin sign looks like "K".
	return fmt.Errorf("%w: %+q is not %q (member names are case-sensitive)", ErrNameCase, clip(name), want)
}

// clip shortens a name quoted in an error, so that hostile input cannot make
// huge errors.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// Object is [Object] whose member names come from the table when they are
// among its names, so that they cost no allocation.
func (n *Names) Object(data []byte) (map[string]json.RawMessage, error) {
	return n.ObjectAliased(append([]byte(nil), data...))
}

// ObjectAliased is [ObjectAliased] whose member names come from the table
// when they are among its names.
func (n *Names) ObjectAliased(data []byte) (map[string]json.RawMessage, error) {
	s := scanner{data: data, names: n}
	out := make(map[string]json.RawMessage)
	if err := s.document(out); err != nil {
		return nil, err
	}
	return out, nil
}

// ObjectExact is [Names.Object] that also refuses, as [Names.Exact] does,
// a member whose name differs from one of the table's only in case: the
// reader of a format whose members it knows, such as the JSON
// serializations of JWS and JWE.
func (n *Names) ObjectExact(data []byte) (map[string]json.RawMessage, error) {
	m, err := n.Object(data)
	if err != nil {
		return nil, err
	}
	if err := n.Exact(m); err != nil {
		return nil, err
	}
	return m, nil
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
