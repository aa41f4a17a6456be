package fieldnames

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
)

// Selected returns the fields of the struct type t that encoding/json
// reads and writes, in its order (by index path), after its rules for
// embedding: a field hides the fields of the same name deeper down; of
// several at the same depth, the one tagged wins, and none when that does
// not pick one; a struct type embedded twice at the same depth gives none
// of its fields. [Fields] keeps all of them, for the name checks; a
// decoder or an encoder that must fill or write exactly what encoding/json
// does uses this.
func Selected(t reflect.Type) []Field {
	var fields []Field
	walk(t, func(f Field, twice bool) {
		fields = append(fields, f)
		if twice {
			// A copy makes the field ambiguous, so that it is dropped.
			fields = append(fields, f)
		}
	})
	slices.SortStableFunc(fields, func(a, b Field) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.Index), len(b.Index)); c != 0 {
			return c
		}
		if a.Tagged != b.Tagged {
			if a.Tagged {
				return -1
			}
			return +1
		}
		return slices.Compare(a.Index, b.Index)
	})
	out := fields[:0]
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].Name == fields[i].Name {
			j++
		}
		// The first is the dominant one unless the second is as deep and
		// as tagged.
		if j == i+1 || len(fields[i].Index) != len(fields[i+1].Index) || fields[i].Tagged != fields[i+1].Tagged {
			out = append(out, fields[i])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b Field) int { return slices.Compare(a.Index, b.Index) })
	return out
}
