package strictjson

import (
	"encoding/json"
	"slices"
	"testing"
)

// FuzzStringArray checks StringArray against encoding/json: whatever it
// accepts, encoding/json reads as the same strings (the elements without
// escapes are slices of one copy of the input, the others copies of their
// own).
func FuzzStringArray(f *testing.F) {
	for _, s := range []string{`[]`, `["a"]`, `["a","b"]`, `["a,b" , "c\"d", "\u00e9"]`, `[",,,,,,,,,,"]`,
		`["1","2","3","4","5","6","7","8","9","10"]`, `["a\nb"]`, `["a"`, `["a",]`, `[1]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		got, err := StringArray(raw)
		if err != nil {
			return
		}
		var want []string
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatalf("StringArray accepts %q, encoding/json refuses it: %v", raw, err)
		}
		if !slices.Equal(got, want) || got == nil {
			t.Fatalf("StringArray(%q) = %q, encoding/json reads %q", raw, got, want)
		}
	})
}
