package jwt

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The planned path of Verify (planned.go) against the reference path
// (readClaims, then decodeClaims with encoding/json): over random claim
// sets and claims types, the planned path accepts only what the reference
// accepts, fills the same value and reads the same registered claims. When
// it gives up, the reference runs: that it gives up seldom is a matter of
// speed, tested by the benchmarks' allocation counts.

type plannedAccess struct {
	Claims
	Scope    string   `json:"scope"`
	ClientID string   `json:"client_id"`
	Groups   []string `json:"groups,omitempty"`
	Admin    bool     `json:"admin"`
}

type plannedRole struct {
	Role string `json:"role"`
}

type plannedNested struct {
	*Claims
	plannedRole
	Cnf struct {
		JKT string `json:"jkt"`
	} `json:"cnf"`
	Extra  map[string]any `json:"extra"`
	Level  int8           `json:"level"`
	Ratio  float64        `json:"ratio"`
	Issued *NumericDate   `json:"issued"`
	Aud2   Audience       `json:"aud2"`
	Raw    json.RawMessage
}

type plannedOwnExp struct {
	Claims
	Exp int64 `json:"exp"` // hides Claims.ExpiresAt, as encoding/json does
	ISS string
}

// plannedTypes decode a claim set with each path and return the results.
var plannedTypes = map[string]func(payload []byte) (planned, reference any, pset, rset *claimSet, pok bool, rerr error){
	"Claims":         compareType[Claims],
	"access":         compareType[plannedAccess],
	"*access":        compareType[*plannedAccess],
	"nested":         compareType[plannedNested],
	"ownExp":         compareType[plannedOwnExp],
	"map":            compareType[map[string]any],
	"any":            compareType[any],
	"map of strings": compareType[map[string]string],
}

func compareType[T any](payload []byte) (p, r any, pset, rset *claimSet, pok bool, rerr error) {
	e := embeddingOf(reflect.TypeFor[T]())
	var pt, rt T
	pset, rset = new(claimSet), new(claimSet)
	pok = planned(&pt, payload, pset, e)
	rerr = readClaims(payload, rset, e)
	if rerr == nil {
		if q, ok := any(&rt).(*Claims); ok {
			*q = rset.claims
		} else {
			rerr = decodeClaims(&rt, payload, rset, e)
		}
	}
	return pt, rt, pset, rset, pok, rerr
}

// randomClaims writes a random claim set: registered claims of the right
// type and of wrong ones, other members, case variants, duplicates.
func randomClaims(r *rand.Rand) []byte {
	values := map[string][]string{
		"iss":       {`"https://issuer.example.com"`, `"a\u00e9\"b"`, `""`, `1`, `null`, `["x"]`},
		"sub":       {`"user-1"`, `"<&>"`, `true`},
		"aud":       {`"api"`, `["a","b"]`, `[]`, `["a",1]`, `null`, `"\ud83d\ude00"`, `{}`},
		"exp":       {`1700003600`, `1700003600.5`, `1.7e9`, `-1`, `"1700003600"`, `null`, `253402300800`, `1e400`},
		"nbf":       {`1700000000`, `0`, `false`},
		"iat":       {`1700000000`, `1699999999.999999999`},
		"jti":       {`"c4ca4238a0b923820dcc509a6f75849b"`, `"a\/b"`, `{}`},
		"scope":     {`"read write"`, `7`, `null`},
		"client_id": {`"s6BhdRkqt3"`},
		"groups":    {`["staff","engineering"]`, `[]`, `null`, `["a",null]`, `"x"`, `[1]`},
		"admin":     {`true`, `false`, `"true"`, `null`},
		"role":      {`"root"`, `1`},
		"cnf":       {`{"jkt":"x"}`, `{"JKT":"x"}`, `{"jkt":1}`, `[]`, `null`},
		"extra":     {`{"a":[1,2.5,"x",null,true,{"b":{}}]}`, `{"a":1,"A":2}`, `{"n":1e400}`, `[]`},
		"level":     {`127`, `128`, `-128`, `1.0`, `1e2`, `-0`},
		"ratio":     {`1.5`, `-0`, `1e308`, `1e309`},
		"issued":    {`1700000000`, `null`, `"x"`},
		"aud2":      {`"x"`, `["y"]`, `null`},
		"Raw":       {`{"x" : [ 1 ]}`, `null`, `"s"`},
		"ISS":       {`"x"`},
		"other":     {`{"deep":[[[[{}]]]]}`, `"\u2028"`},
	}
	names := make([]string, 0, len(values))
	for n := range values {
		names = append(names, n)
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range r.IntN(9) {
		if i > 0 {
			b.WriteByte(',')
		}
		name := names[r.IntN(len(names))]
		vs := values[name]
		v := vs[r.IntN(len(vs))]
		switch r.IntN(20) {
		case 0:
			name = strings.ToUpper(name)
		case 1:
			name = strings.ToUpper(name[:1]) + name[1:]
		}
		fmt.Fprintf(&b, "%q:%s", name, v)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func checkPlanned(t *testing.T, payload []byte) {
	t.Helper()
	for name, compare := range plannedTypes {
		p, r, pset, rset, pok, rerr := compare(payload)
		if !pok {
			continue
		}
		if rerr != nil {
			t.Fatalf("%s: the planned path accepted %s, which the reference refuses: %v", name, payload, rerr)
		}
		if !reflect.DeepEqual(p, r) {
			t.Fatalf("%s: %s decodes to\n%#v\nwant\n%#v", name, payload, p, r)
		}
		if !reflect.DeepEqual(pset.claims, rset.claims) || pset.present != rset.present {
			t.Fatalf("%s: %s: registered claims %+v (%b), want %+v (%b)", name, payload, pset.claims, pset.present, rset.claims, rset.present)
		}
		for _, claim := range []string{"scope", "admin", "other", "exp", "aud"} {
			if pset.has(claim) != rset.has(claim) {
				t.Fatalf("%s: %s: has(%q) = %v, want %v", name, payload, claim, pset.has(claim), rset.has(claim))
			}
		}
	}
}

func TestPlannedMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	accepted := 0
	for range 5000 {
		payload := randomClaims(r)
		checkPlanned(t, payload)
		if _, _, _, _, ok, _ := compareType[plannedAccess](payload); ok {
			accepted++
		}
	}
	if accepted < 200 {
		t.Fatalf("the planned path accepted %d claim sets of 5000: the test tests little", accepted)
	}
	// The sample claim set of the benchmarks takes the planned path.
	payload, _ := json.Marshal(plannedAccess{Claims: Claims{Issuer: "i", Audience: Audience{"a"}, ExpiresAt: NewNumericDate(time.Now())}, Groups: []string{"g"}})
	if _, _, _, _, ok, _ := compareType[plannedAccess](payload); !ok {
		t.Fatalf("the planned path gave up on %s", payload)
	}
}

func FuzzPlanned(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		f.Add(randomClaims(r))
	}
	f.Add([]byte(`{"exp":1,"EXP":2}`))
	f.Add([]byte("{\"iss\":\"\xff\"}"))
	f.Fuzz(func(t *testing.T, payload []byte) { checkPlanned(t, payload) })
}

// Sign's fast path writes json.Marshal's bytes when Claims comes first.
func TestAppendClaimsMatchesMarshal(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	strs := []string{"", "x", "<script>&", "\xff\xfe", "\u2028", "é\n\t\"\\", "https://issuer.example.com"}
	pick := func() string { return strs[r.IntN(len(strs))] }
	for range 2000 {
		c := plannedAccess{
			Claims: Claims{Issuer: pick(), Subject: pick(), ID: pick()},
			Scope:  pick(), ClientID: pick(), Admin: r.IntN(2) == 0,
		}
		for range r.IntN(3) {
			c.Audience = append(c.Audience, pick())
			c.Groups = append(c.Groups, pick())
		}
		if r.IntN(2) == 0 {
			c.ExpiresAt = NewNumericDate(time.Unix(r.Int64N(MaxNumericDate), 0))
		}
		want, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []any{c, &c} {
			got, checked, ok := appendClaims(v, nil)
			if !ok || !checked || !bytes.Equal(got, want) {
				t.Fatalf("appendClaims(%T) = %s, %v, %v; json.Marshal: %s", v, got, checked, ok, want)
			}
		}
	}
	// A type whose plan does not prove its output strictjson-valid is
	// checked: its map could hold names equal under case folding.
	if _, checked, ok := appendClaims(plannedNested{Claims: &Claims{}}, nil); ok && checked {
		t.Fatal("a claims type with a map was not checked")
	}
}
