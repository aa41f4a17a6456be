package jwt_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/joseproject/jose/jwk"
	"github.com/joseproject/jose/jwt"
)

// Claims types of the attacks on member names (T70): encoding/json matches
// a member to a field whose JSON name equals it under case folding, so a
// signed "ADMIN" would fill Admin, and a signed "CNF" the application's
// Cnf, while readers of exact names saw neither.
type adminClaims struct {
	jwt.Claims
	Admin bool `json:"admin"`
}

type cnfClaims struct {
	jwt.Claims
	Cnf struct {
		JKT string `json:"jkt"`
	} `json:"cnf"`
}

type roleEmbed struct {
	Role string `json:"role"`
}

type embeddedClaims struct {
	jwt.Claims
	roleEmbed
}

type listClaims struct {
	jwt.Claims
	Grants []struct {
		Scope string `json:"scope"`
	} `json:"grants"`
	ByTenant map[string]*roleEmbed `json:"by_tenant"`
}

type keyClaims struct {
	jwt.Claims
	Cnf struct {
		JWK *jwk.Key `json:"jwk"`
	} `json:"cnf"`
}

// plainClaims does not embed jwt.Claims: decoded from the whole claim set.
type plainClaims struct {
	Exp   int64 `json:"exp"`
	Admin bool  `json:"admin"`
}

func TestMemberNamesExact(t *testing.T) {
	k := testKeys(t)[0]
	opts := []jwt.VerifyOption{jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock)}
	const exp = `"exp":1800000000`
	verify := map[string]func(string) (any, error){
		"admin":    func(tok string) (any, error) { return jwt.Verify[adminClaims](tok, opts...) },
		"*admin":   func(tok string) (any, error) { return jwt.Verify[*adminClaims](tok, opts...) },
		"cnf":      func(tok string) (any, error) { return jwt.Verify[cnfClaims](tok, opts...) },
		"embedded": func(tok string) (any, error) { return jwt.Verify[embeddedClaims](tok, opts...) },
		"list":     func(tok string) (any, error) { return jwt.Verify[listClaims](tok, opts...) },
		"plain":    func(tok string) (any, error) { return jwt.Verify[plainClaims](tok, opts...) },
	}
	for _, tt := range []struct {
		claimsType, payload, msg string
	}{
		{"admin", `{"ADMIN":true,` + exp + `}`, `"ADMIN" is not "admin", the JSON name of field Admin`},
		{"admin", `{"Admin":true,` + exp + `}`, `"Admin" is not "admin"`},
		{"*admin", `{"aDmIn":true,` + exp + `}`, `"aDmIn" is not "admin"`},
		{"cnf", `{"CNF":{"jkt":"x"},` + exp + `}`, `"CNF" is not "cnf", the JSON name of field Cnf`},
		{"cnf", `{"cnf":{"JKT":"x"},` + exp + `}`, `in "cnf": member name differs from an expected name only in case: "JKT" is not "jkt", the JSON name of field JKT`},
		{"embedded", `{"ROLE":"root",` + exp + `}`, `"ROLE" is not "role", the JSON name of field roleEmbed.Role of jwt_test.embeddedClaims`},
		{"list", `{"grants":[{"scope":"a"},{"SCOPE":"all"}],` + exp + `}`, `in "grants": in element 1: member name differs from an expected name only in case: "SCOPE" is not "scope"`},
		{"list", `{"by_tenant":{"t1":{"Role":"root"}},` + exp + `}`, `in "by_tenant": in "t1": member name differs from an expected name only in case: "Role" is not "role"`},
		{"plain", `{"ADMIN":true,` + exp + `}`, `"ADMIN" is not "admin"`},
		// The Kelvin sign folds to "k", the long s to "s" (Unicode simple folding).
		{"admin", `{"admin":false,"\u212aey":1,` + exp + `,"adm\u0131n":true}`, ""},
		{"list", `{"grants":[{"\u017fcope":"all"}],` + exp + `}`, `"\u017fcope" is not "scope"`},
	} {
		t.Run(tt.claimsType+" "+tt.payload, func(t *testing.T) {
			tok := signJWS(t, k, []byte(tt.payload))
			got, err := verify[tt.claimsType](tok)
			if tt.msg == "" {
				// Names that do not fold to a field's are left to
				// encoding/json, which ignores them.
				if err != nil {
					t.Fatalf("got %v", err)
				}
				if got.(adminClaims).Admin {
					t.Fatal("a name that does not fold to admin filled Admin")
				}
				return
			}
			if !errors.Is(err, jwt.ErrInvalidClaims) {
				t.Fatalf("got %v, want ErrInvalidClaims", err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %q, want it to hold %q", err, tt.msg)
			}
		})
	}
	// The exact names are accepted, at every depth.
	tok := signJWS(t, k, []byte(`{"admin":true,"cnf":{"jkt":"x"},"role":"r","grants":[{"scope":"s"}],"by_tenant":{"T1":{"role":"r"}},`+exp+`}`))
	if c, err := jwt.Verify[adminClaims](tok, opts...); err != nil || !c.Admin {
		t.Errorf("admin: %+v, %v", c, err)
	}
	if c, err := jwt.Verify[cnfClaims](tok, opts...); err != nil || c.Cnf.JKT != "x" {
		t.Errorf("cnf: %+v, %v", c, err)
	}
	if c, err := jwt.Verify[embeddedClaims](tok, opts...); err != nil || c.Role != "r" {
		t.Errorf("embedded: %+v, %v", c, err)
	}
	if c, err := jwt.Verify[listClaims](tok, opts...); err != nil || c.Grants[0].Scope != "s" || c.ByTenant["T1"].Role != "r" {
		t.Errorf("list: %+v, %v", c, err)
	}
	// A map keeps every name as it is: "ADMIN" is not "admin" there.
	m, err := jwt.Verify[map[string]any](signJWS(t, k, []byte(`{"ADMIN":true,`+exp+`}`)), opts...)
	if err != nil || m["ADMIN"] != true || m["admin"] != nil {
		t.Errorf("map: %v, %v", m, err)
	}
}

// A registered claim is matched exactly whatever the type, and a field
// without a json tag is named by its Go name: "email" does not fill Email
// (encoding/json would), and refuses the token.
func TestMemberNamesRegisteredAndUntagged(t *testing.T) {
	type untaggedClaims struct {
		jwt.Claims
		Email string
	}
	k := testKeys(t)[0]
	opts := []jwt.VerifyOption{jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock)}
	tok := signJWS(t, k, []byte(`{"EXP":1800000000,"exp":1800000000}`))
	if _, err := jwt.Verify[map[string]any](tok, opts...); !errors.Is(err, jwt.ErrInvalidClaims) {
		t.Errorf("EXP and exp: got %v", err)
	}
	tok = signJWS(t, k, []byte(`{"EXP":1800000000}`))
	_, err := jwt.Verify[map[string]any](tok, append(opts, jwt.WithAllowNoExpiry())...)
	if !errors.Is(err, jwt.ErrInvalidClaims) || !strings.Contains(err.Error(), `claim "EXP": only "exp" names the registered claim`) {
		t.Errorf("EXP: got %v", err)
	}
	tok = signJWS(t, k, []byte(`{"email":"a@example.com","exp":1800000000}`))
	_, err = jwt.Verify[untaggedClaims](tok, opts...)
	if !errors.Is(err, jwt.ErrInvalidClaims) || !strings.Contains(err.Error(), `claim "email" is not "Email", the JSON name of field Email of jwt_test.untaggedClaims`) {
		t.Errorf("email: got %v", err)
	}
	tok = signJWS(t, k, []byte(`{"Email":"a@example.com","exp":1800000000}`))
	if c, err := jwt.Verify[untaggedClaims](tok, opts...); err != nil || c.Email != "a@example.com" {
		t.Errorf("Email: got %+v, %v", c, err)
	}
}

// A type with its own UnmarshalJSON reads its members itself: here the
// "jwk" of "cnf" is a *jwk.Key, whose parser matches names exactly (a "KTY"
// is no "kty"), and the check does not look inside it.
func TestMemberNamesUnmarshaler(t *testing.T) {
	k := testKeys(t)[0]
	opts := []jwt.VerifyOption{jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock)}
	jwkJSON := `{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODw"}`
	tok := signJWS(t, k, []byte(`{"cnf":{"jwk":`+jwkJSON+`},"exp":1800000000}`))
	if c, err := jwt.Verify[keyClaims](tok, opts...); err != nil || c.Cnf.JWK == nil {
		t.Fatalf("got %+v, %v", c, err)
	}
	tok = signJWS(t, k, []byte(`{"cnf":{"JWK":`+jwkJSON+`},"exp":1800000000}`))
	if _, err := jwt.Verify[keyClaims](tok, opts...); !errors.Is(err, jwt.ErrInvalidClaims) || !strings.Contains(err.Error(), `"JWK" is not "jwk"`) {
		t.Fatalf("got %v", err)
	}
	tok = signJWS(t, k, []byte(`{"cnf":{"jwk":{"KTY":"oct","k":"AAECAwQFBgcICQoLDA0ODw"}},"exp":1800000000}`))
	if _, err := jwt.Verify[keyClaims](tok, opts...); err == nil {
		t.Fatal(`a JWK with "KTY" and no "kty" was accepted`)
	}
}

// A claims type whose JSON names include two that differ only in case
// receives neither: a reader that folds case could not tell them apart.
func TestMemberNamesTwoCases(t *testing.T) {
	type twoCases struct {
		Lower string `json:"id"`
		Upper string `json:"ID"`
		Exp   int64  `json:"exp"`
	}
	k := testKeys(t)[0]
	opts := []jwt.VerifyOption{jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock)}
	for _, name := range []string{"id", "ID", "Id"} {
		tok := signJWS(t, k, []byte(`{"`+name+`":"x","exp":1800000000}`))
		if _, err := jwt.Verify[twoCases](tok, opts...); !errors.Is(err, jwt.ErrInvalidClaims) || !strings.Contains(err.Error(), "claim names are case-sensitive") {
			t.Errorf("%s: got %v", name, err)
		}
	}
	tok := signJWS(t, k, []byte(`{"other":"x","exp":1800000000}`))
	if _, err := jwt.Verify[twoCases](tok, opts...); err != nil {
		t.Errorf("other: %v", err)
	}
}

// The check runs on the claims a transform returns too, which is how
// sdjwt and other layers hand jwt their claims.
func TestMemberNamesAfterTransform(t *testing.T) {
	k := testKeys(t)[0]
	tok := signJWS(t, k, []byte(`{"exp":1800000000}`))
	_, err := jwt.Verify[adminClaims](tok, jwt.WithKey(k.alg, k.pub), jwt.WithClock(clock),
		jwt.WithClaimsTransform(func(p []byte) ([]byte, error) {
			return json.Marshal(map[string]any{"exp": 1800000000, "ADMIN": true})
		}))
	if !errors.Is(err, jwt.ErrInvalidClaims) || !strings.Contains(err.Error(), `"ADMIN" is not "admin"`) {
		t.Fatalf("got %v", err)
	}
}
