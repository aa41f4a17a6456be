package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

// corpus is hand-written JSON, valid and not, aimed at each rule of the
// scanner. TestDifferential also tries every prefix of each entry and every
// entry with one byte replaced.
var corpus = []string{
	// valid
	`{}`, ` {} `, "\t{\r\n}\n", `{"a":1}`, `{"a":-0}`, `{"a":0.5}`, `{"a":-12.5e+10}`,
	`{"a":1E5}`, `{"a":1e-5}`, `{"a":true,"b":false,"c":null}`, `{"a":[]}`, `{"a":[ ]}`,
	`{"a":[1,"x",{},[],null]}`, `{"a":{"b":{"c":{}}}}`, `{"":1}`, `{"a":""}`,
	`{"a":"\"\\\/\b\f\n\r\t"}`, `{"a":"\u0041\u00e9\u20ac"}`, `{"a":"\ud83d\ude00"}`,
	`{"\u0000":1}`, `{"é":1,"É":2}`, `{"ß":1,"ẞ":2}`, `{"k":1,"K":2}`, `{"s":1,"ſ":2}`,
	`{"a\\":1,"a":2}`, `{"ab":1,"a\u0062c":2}`, `{"Σ":1,"σ":2}`, `{"σ":1,"ς":2}`,
	`{"alg":"ES256","typ":"JWT","kid":"2024-05-key-1"}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"A":11}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"\u212a":11,"k":12}`,
	`{"x":{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"B":9}}`,
	// past smallObject, where the check hashes folded names
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"r":18,"Q":19}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"r":18,"\u212a":19}`,
	`{"x":[{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"l":11,"m":12,"n":13,"o":14,"p":15,"q":16,"r":17,"ſ":18,"S":19}]}`,
	`{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"l":11,"m":12,"n":13,"o":14,"p":15,"q":16,"r":17,"é":18,"É":19,"t":20}`,
	`{"a":{"x":1},"b":{"x":1}}`, `{"a":[{"b":1},{"b":1}]}`, `{"a":"\u00e9","\u00c9":1}`,
	`{"a" : 1 , "b" : [ 1 , 2 ] }`, `{"a":"日本語","日本":"x"}`, `{"a":"\ud800"}`,
	`{"a":"\udc00"}`, `{"a":"\ud800\u0041"}`, `{"a":"\ud800x"}`, `{"\udbff":1,"\ud800":2}`,
	`{"a":"\\ud800"}`, `{"a":"\ud83d\ude00\ud83d"}`,
	// invalid
	``, ` `, `[]`, `"a"`, `1`, `null`, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{,}`,
	`{"a":1 "b":2}`, `{"a" 1}`, `{a:1}`, `{'a':1}`, `{"a":01}`, `{"a":-}`, `{"a":1.}`,
	`{"a":.5}`, `{"a":1e}`, `{"a":1e+}`, `{"a":+1}`, `{"a":0x10}`, `{"a":NaN}`,
	`{"a":Infinity}`, `{"a":tru}`, `{"a":nulll}`, `{"a":True}`, `{"a":[1,]}`, `{"a":[,1]}`,
	`{"a":[1 2]}`, `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12g4"}`, `{"a":"\U0041"}`,
	"{\"a\":\"\x01\"}", "{\"a\":\"\t\"}", "{\"a\":\"\n\"}", "{\"a\":\"\x7f\"}", `{"a":"x}`,
	`{"a":1}}`, `{"a":1}]`, `{"a":1}x`, `{"a":1}{}`, `{"a":1} 2`, "{\"a\":1}\x00",
	"\xef\xbb\xbf{}", "{\"a\":\"\xc3\"}", "{\"a\":\"\xed\xa0\x80\"}", "\v{}", "{}\f",
	`{"a":1,"a":2}`, `{"alg":"HS256","ALG":"none"}`, `{"a":{"b":1,"B":2}}`,
	`{"a":[{"b":1,"b":2}]}`, `{"a":1,"\u0061":2}`,
}

func differential(t *testing.T, data []byte) {
	t.Helper()
	want, wantErr := refObject(data)
	// The reference turns lone surrogates into U+FFFD, which may also make
	// two names equal; the scanner rejects them first, as invalid.
	lone := hasLoneSurrogate(data)
	if lone {
		want, wantErr = nil, ErrInvalid
	}
	got, err := Object(data)
	if (err == nil) != (wantErr == nil) {
		t.Fatalf("%q: got %v, the reference %v", data, err, wantErr)
	}
	if err != nil {
		if got != nil {
			t.Fatalf("%q: members alongside an error", data)
		}
		for _, sentinel := range []error{ErrInvalid, ErrNotObject, ErrDuplicate} {
			if !lone && errors.Is(err, sentinel) != errors.Is(wantErr, sentinel) {
				t.Fatalf("%q: got %v, the reference %v", data, err, wantErr)
			}
		}
		if Check(data) == nil {
			t.Fatalf("%q: Check accepts what Object rejects", data)
		}
		return
	}
	if err := Check(data); err != nil {
		t.Fatalf("%q: Check: %v", data, err)
	}
	if len(got) != len(want) {
		t.Fatalf("%q: got %d members, want %d", data, len(got), len(want))
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Fatalf("%q: member %q missing", data, name)
		}
		if !bytes.Equal(g, w) {
			t.Fatalf("%q: member %q is %s, want %s", data, name, g, w)
		}
		dec := json.NewDecoder(bytes.NewReader(g))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil || dec.More() {
			t.Fatalf("%q: member %q does not decode alone: %v", data, name, err)
		}
	}
}

func TestDifferential(t *testing.T) {
	replacements := []byte("\x00\t \"',-.0159:E[\\]aeflnrsu{}\x7f\xc3\xff")
	n := 0
	for _, s := range corpus {
		data := []byte(s)
		differential(t, data)
		for i := range data {
			differential(t, data[:i])
			for _, c := range replacements {
				m := bytes.Clone(data)
				m[i] = c
				differential(t, m)
				n++
			}
		}
	}
	t.Logf("%d inputs", n+len(corpus))
}

func TestDepth(t *testing.T) {
	for _, c := range []struct {
		depth int
		ok    bool
	}{{MaxDepth, true}, {MaxDepth + 1, false}} {
		// depth containers in all: the top-level object and depth-1 arrays.
		in := `{"a":` + strings.Repeat("[", c.depth-1) + strings.Repeat("]", c.depth-1) + `}`
		differential(t, []byte(in))
		if err := Check([]byte(in)); (err == nil) != c.ok {
			t.Errorf("depth %d: %v", c.depth, err)
		}
		in = strings.Repeat(`{"a":`, c.depth-1) + `{}` + strings.Repeat(`}`, c.depth-1)
		differential(t, []byte(in))
	}
	// Far past the limit: rejected without recursing to the end.
	huge := `{"a":` + strings.Repeat("[", 1<<20)
	if err := Check([]byte(huge)); !errors.Is(err, ErrInvalid) {
		t.Fatal(err)
	}
}

func TestLoneSurrogates(t *testing.T) {
	for _, s := range []string{`{"a":"\ud800"}`, `{"a":"\udfff"}`, `{"a":"\ud800\ud800"}`, `{"a":"\ud800\n"}`, `{"\udc00":1}`, `{"a":["\ud83d"]}`} {
		if _, err := Object([]byte(s)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: got %v", s, err)
		}
	}
	m, err := Object([]byte(`{"\ud83d\ude00":"\ud83d\ude00"}`))
	if err != nil || string(m["😀"]) != `"\ud83d\ude00"` {
		t.Fatalf("got %v, %v", m, err)
	}
}

func TestNoAliasing(t *testing.T) {
	data := []byte(`{"a":"x","b":"y"}`)
	m, err := Object(data)
	if err != nil {
		t.Fatal(err)
	}
	data[6] = 'z'
	if string(m["a"]) != `"x"` {
		t.Fatal("Object's result aliases its input")
	}
	_ = append(m["a"], 'q')
	if string(m["b"]) != `"y"` {
		t.Fatal("appending to one value wrote into another")
	}
	a, err := ObjectAliased(data)
	if err != nil || &a["a"][0] != &data[5] {
		t.Fatal("ObjectAliased copied its input")
	}
}

func TestUnquote(t *testing.T) {
	for in, want := range map[string]string{
		`""`: "", `"abc"`: "abc", `"a\u0062\n"`: "ab\n", `"\ud83d\ude00é"`: "😀é", `"\/\\\""`: `/\"`,
	} {
		got, err := Unquote([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("Unquote(%s) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{``, `"`, `abc`, `"a" `, ` "a"`, `"a"b"`, `"\ud800"`, "\"\x01\"", "\"\xff\"", `"\q"`, `1`} {
		if got, err := Unquote([]byte(in)); !errors.Is(err, ErrInvalid) || got != nil {
			t.Errorf("Unquote(%q) = %q, %v", in, got, err)
		}
	}
}

func TestStringArray(t *testing.T) {
	for in, want := range map[string][]string{
		`[]`: {}, `[ ]`: {}, `["a"]`: {"a"}, `[ "a" , "b\u0063" ]`: {"a", "bc"},
	} {
		got, err := StringArray([]byte(in))
		if err != nil || got == nil || strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("StringArray(%s) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{``, `[`, `["a"`, `["a",]`, `[,"a"]`, `[1]`, `["a" "b"]`, `["a"] `, `{}`, `"a"`, `[["a"]]`, `["\ud800"]`, "[\"\xff\"]", `[null]`} {
		if got, err := StringArray([]byte(in)); !errors.Is(err, ErrInvalid) || got != nil {
			t.Errorf("StringArray(%q) = %q, %v", in, got, err)
		}
	}
}

func FuzzDifferential(f *testing.F) {
	for _, s := range corpus {
		f.Add([]byte(s))
	}
	for _, name := range []string{"3_1.ec_public_key.json", "3_4.rsa_private_key.json"} {
		if b, err := os.ReadFile("../../testdata/rfc7520/jwk/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		differential(t, data)
		// The values are what Unquote and StringArray read.
		m, err := Object(data)
		if err != nil {
			return
		}
		for _, v := range m {
			var s string
			got, err := Unquote(v)
			if wantErr := json.Unmarshal(v, &s); (err == nil) != (wantErr == nil && v[0] == '"') || (err == nil && string(got) != s) {
				t.Fatalf("Unquote(%s) = %q, %v; encoding/json %q", v, got, err, s)
			}
			var a []string
			arr, err := StringArray(v)
			if wantErr := json.Unmarshal(v, &a); (err == nil) != (wantErr == nil && v[0] == '[') || (err == nil && strings.Join(arr, "\x00") != strings.Join(a, "\x00")) {
				t.Fatalf("StringArray(%s) = %q, %v; encoding/json %q", v, arr, err, a)
			}
		}
	})
}
