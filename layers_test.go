package jose

import (
	"flag"
	"os"
	"testing"
)

// layers is the import policy of the repository, bottom first. Each row
// names a package (its directory; "." is this root package, "dir/..." every
// package under dir) and the packages of the module it may import directly:
// the rows it names, and whatever those rows may import. Test files obey
// their package's row too.
//
// The rules the table itself obeys (TestLayerTable):
//   - a row names only rows above it (a program or an extension row may
//     name its own pattern), so the table has no cycle;
//   - a row names only the layers just below it, never one that another of
//     its names already allows, so the table is also the diagram of
//     README.md and jose.go (TestLayerDiagram draws it);
//   - "public" (every library package outside internal/, the root
//     included) is for program and extension rows only;
//   - an extension row (the ext modules) may be named by program rows
//     only: the library never imports an ext module.
//
// TestLayers refuses a package no row matches, an import its row does not
// allow (in code, in tests, in external tests), and a test helper imported
// by code that is not a test. Adding a package is adding its row: one line,
// such as {"jwkring", "jwt", library} for a package built on jwt, or
// {"internal/keytest", "jwk", testHelper} for a helper that only tests may
// import. New examples, ext modules and bench packages need no row.
var layers = []layer{
	// The bottom: helpers that import nothing of the module.
	{"internal/base64url", "", library},
	{"internal/strictjson", "", library},
	{"internal/fieldnames", "internal/strictjson", library},
	{"internal/jsonplan", "internal/fieldnames", library},
	{"internal/nilcheck", "", library},
	{"internal/errwrap", "", library},
	{"internal/fakeclock", "", testHelper},
	{"internal/hostile", "", testHelper}, // attack inputs, for tests only
	{"internal/fipstest", "", testHelper},
	{"internal/fakeweb", "", testHelper}, // the hosts of the README's examples, on loopback
	{"internal/errtest", "internal/errwrap", testHelper},
	{"internal/josetest", "internal/base64url", testHelper}, // helpers of the tests of jwa, jws, jwe and the option tests of every package

	// Algorithms, then keys.
	{"jwa", "internal/base64url, internal/nilcheck, internal/errwrap", library},
	{"internal/header", "jwa, internal/strictjson", library},
	{"internal/jwecrypto", "jwa", library},                     // what jwa's built-in algorithms offer jwe alone
	{"internal/jwkcodec", "jwa, internal/strictjson", library}, // JWK members, for jwk and jwe's epk
	{"jwk", "internal/jwkcodec", library},

	// Signing and encryption.
	{"jws", "jwk, internal/header", library},
	{"jwe", "jwk, internal/header, internal/jwecrypto", library},

	// Tokens, and what is built on them.
	{"jwt", "jws, jwe, internal/jsonplan", library},
	{"dpop", "jwt", library},
	{"sdjwt", "jwt", library},
	{"jwthttp", "dpop", library},
	{"jwkring", "jwt", library},

	// The map: nothing in the library imports it.
	{".", "jws, jwe", library},

	// The ext modules, each a module of its own, see the public API only
	// (an ext example may use its own module); a program may import them,
	// the library never (its go.mod names none of their dependencies).
	{"ext/redisstore/internal/redistest", "", testHelper},
	{"ext/...", "public, ext/...", extension},

	// Programs see the public API; the command also imports the ext
	// modules of algorithms, so that every algorithm of the project works
	// in it.
	{"cmd/jose", "public, ext/...", program},
	{"examples/...", "public", program},
	{"bench/...", "public, ext/..., bench/...", program}, // a module of its own, never published
}

var updateDiagrams = flag.Bool("update-diagrams", false, "rewrite the layer diagrams of README.md and jose.go from the layer table")

// TestLayers checks every import of every package of the repository (build
// constraints ignored, nested modules included) against the layer table.
func TestLayers(t *testing.T) {
	g, err := readImportGraph(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(g) < 10 {
		t.Fatalf("found only %d packages; is the test running at the repository root?", len(g))
	}
	for _, err := range checkImports(layers, g) {
		t.Error(err)
	}
}

// TestLayerTable checks the table's own rules: known names, no cycle, no
// redundant name.
func TestLayerTable(t *testing.T) {
	for _, err := range checkTable(layers) {
		t.Error(err)
	}
}

// TestLayerDiagram checks that README.md and jose.go draw the table as it
// is; with -update-diagrams it rewrites them.
func TestLayerDiagram(t *testing.T) {
	diagram := drawLayers(layers)
	for _, f := range diagramFiles {
		b, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := replaceDiagram(string(b), f.prefix, diagram)
		if err != nil {
			t.Errorf("%s: %v", f.path, err)
			continue
		}
		if got == string(b) {
			continue
		}
		if *updateDiagrams {
			if err := os.WriteFile(f.path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s draws other layers than layers_test.go states; run go test -run TestLayerDiagram -update-diagrams. Want:\n%s", f.path, diagram)
	}
}
