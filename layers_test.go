package jose

import (
	"os/exec"
	"strings"
	"testing"
)

// allowedImports lists, for each package of the module, the packages of the
// module it may import (DESIGN.md, "Layers"). An import of anything else of
// the module, directly or through another package, fails the test, so the
// layer diagram cannot drift from the code.
var allowedImports = map[string][]string{
	"internal/base64url":  {},
	"internal/strictjson": {},
	"internal/fieldnames": {"internal/strictjson"},
	"internal/header":     {"jwa", "internal/base64url", "internal/strictjson"},
	"jwa":                 {"internal/base64url"},
	"jwk":                 {"jwa", "internal/base64url", "internal/strictjson"},
	"jws":                 {"jwk", "jwa", "internal/base64url", "internal/strictjson", "internal/header"},
	"jwe":                 {"jwk", "jwa", "internal/base64url", "internal/strictjson", "internal/header"},
	"jwt":                 {"jws", "jwe", "jwk", "jwa", "internal/base64url", "internal/strictjson", "internal/header", "internal/fieldnames"},
	"dpop":                {"jwt", "jws", "jwe", "jwk", "jwa", "internal/base64url", "internal/strictjson", "internal/header", "internal/fieldnames"},
	"jwthttp":             {"dpop", "jwt", "jws", "jwe", "jwk", "jwa", "internal/base64url", "internal/strictjson", "internal/header", "internal/fieldnames"},
	"sdjwt":               {"jwt", "jws", "jwe", "jwk", "jwa", "internal/base64url", "internal/strictjson", "internal/header", "internal/fieldnames"},
}

const module = "github.com/joseproject/jose"

func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Deps " "}}:{{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, rest, _ := strings.Cut(line, ":")
		deps, imports, _ := strings.Cut(rest, ":")
		rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
		if strings.HasPrefix(rel, "cmd/") || strings.HasPrefix(rel, "examples/") {
			deps = imports // what they use directly; the library below them may use internal packages
		}
		for _, dep := range strings.Fields(deps) {
			if !strings.HasPrefix(dep, module) {
				continue
			}
			d := strings.TrimPrefix(strings.TrimPrefix(dep, module), "/")
			switch {
			case strings.HasPrefix(rel, "cmd/") || strings.HasPrefix(rel, "examples/"):
				if strings.HasPrefix(d, "internal/") {
					t.Errorf("%s imports %s: commands and examples use the public API only", pkg, dep)
				}
			case d == "":
				t.Errorf("%s imports the root package jose; nothing in the library may", pkg)
			default:
				allowed, known := allowedImports[rel]
				if !known {
					continue // a new package: the table above should name it
				}
				if !contains(allowed, d) {
					t.Errorf("%s imports %s, a layer it must not reach (DESIGN.md)", pkg, dep)
				}
			}
		}
		if _, ok := allowedImports[rel]; ok {
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("go list named none of the layered packages")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
