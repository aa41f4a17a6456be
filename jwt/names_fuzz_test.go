package jwt

import (
	"encoding/json"
	"errors"
	"testing"
)

// fuzzClaims is an application's claims type with a flag, a nested object
// and an array of objects, for FuzzDecodeNames.
type fuzzClaims struct {
	Claims
	Admin bool `json:"admin"`
	Cnf   struct {
		JKT string `json:"jkt"`
	} `json:"cnf"`
	Roles []struct {
		Name string `json:"name"`
	} `json:"roles"`
}

// FuzzDecodeNames checks the decoding of claims into an application's type
// against a reader of exact names (T70): whatever claims are accepted, the
// fields hold what members of exactly their names hold, at every depth.
func FuzzDecodeNames(f *testing.F) {
	for _, s := range []string{
		`{"admin":true}`, `{"ADMIN":true}`, `{"Admin":true,"exp":1}`, `{"cnf":{"jkt":"a"}}`,
		`{"CNF":{"jkt":"a"}}`, `{"cnf":{"JKT":"a"}}`, `{"roles":[{"name":"r"},{"NAME":"s"}]}`,
		`{"\u212a":1,"admın":true}`, `{"iss":"a","Iss":"b"}`, `{"admin":"yes"}`, `[]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := check[fuzzClaims](t, string(data), WithAllowNoExpiry())
		if err != nil {
			if !errors.Is(err, ErrInvalidClaims) && !errors.Is(err, ErrExpired) && !errors.Is(err, ErrNotValidYet) &&
				!errors.Is(err, ErrIssuedInFuture) && !errors.Is(err, ErrInvalidAudience) {
				t.Fatalf("%s: %v", data, err)
			}
			return
		}
		var m map[string]any // what a reader of exact names sees
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("accepted %s, which is not an object: %v", data, err)
		}
		if admin, _ := m["admin"].(bool); got.Admin != admin {
			t.Fatalf("%s: Admin is %v, the member \"admin\" %v", data, got.Admin, m["admin"])
		}
		cnf, _ := m["cnf"].(map[string]any)
		if jkt, _ := cnf["jkt"].(string); got.Cnf.JKT != jkt {
			t.Fatalf("%s: Cnf.JKT is %q, the member \"cnf\" %v", data, got.Cnf.JKT, m["cnf"])
		}
		roles, _ := m["roles"].([]any)
		for i, r := range got.Roles {
			role, _ := roles[i].(map[string]any)
			if name, _ := role["name"].(string); r.Name != name {
				t.Fatalf("%s: Roles[%d].Name is %q, the member %v", data, i, r.Name, roles[i])
			}
		}
	})
}
