package jose

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The probes: the checker runs on graphs and tables made up for the test,
// each reaching around a layer in one way, and must refuse each.

// probeGraph is the real layering in miniature, clean under layers.
func probeGraph() importGraph {
	g := importGraph{
		"jwa":                 {code: []string{"internal/nilcheck"}, tests: []string{"internal/base64url"}},
		"internal/header":     {code: []string{"jwa", "internal/base64url", "internal/strictjson"}},
		"jwk":                 {code: []string{"jwa", "internal/base64url", "internal/strictjson"}, xtests: []string{"jwk", "jwa"}},
		"jws":                 {code: []string{"jwk", "jwa", "internal/header"}},
		"jwe":                 {code: []string{"jwk", "internal/header"}},
		"jwt":                 {code: []string{"jws", "jwe", "jwk", "jwa", "internal/strictjson"}},
		"dpop":                {code: []string{"jwt"}},
		"sdjwt":               {code: []string{"jwt", "internal/base64url"}},
		"jwthttp":             {code: []string{"dpop", "jwt"}},
		".":                   {code: []string{"jws", "jwe"}, xtests: []string{".", "jwa"}},
		"cmd/jose":            {code: []string{".", "jwt"}},
		"examples/quickstart": {code: []string{"jwt", "jwk"}},
		"ext/ed448":           {code: []string{"jwa", "jwk"}},
		"bench":               {code: []string{"jwt"}},
		"bench/cmd/fixtures":  {code: []string{"bench"}},
	}
	// Every other package the table lists is there too, importing nothing,
	// so that a new row needs no edit here.
	for _, l := range layers {
		if _, ok := g[l.pkg]; !ok && !strings.HasSuffix(l.pkg, "/...") {
			g[l.pkg] = &pkgImports{}
		}
	}
	return g
}

func TestLayerProbeCleanGraphPasses(t *testing.T) {
	if errs := checkImports(layers, probeGraph()); len(errs) != 0 {
		t.Fatalf("the clean probe graph fails: %v", errs)
	}
}

func TestLayerProbesRefused(t *testing.T) {
	tests := []struct {
		name   string
		change func(importGraph)
		want   string // a substring of one of the errors
	}{
		{"an unlisted package importing internal/header", func(g importGraph) {
			g["unlisted"] = &pkgImports{code: []string{"internal/header"}}
		}, "unlisted: a package the layer table does not list"},
		{"an unlisted package that imports nothing", func(g importGraph) {
			g["unlisted"] = &pkgImports{}
		}, "unlisted: a package the layer table does not list"},
		{"a package under jwa importing jwt", func(g importGraph) {
			g["jwa/sub"] = &pkgImports{code: []string{"jwt"}}
		}, "jwa/sub: a package the layer table does not list"},
		{"jwa importing jwt", func(g importGraph) {
			g["jwa"].code = append(g["jwa"].code, "jwt")
		}, "jwa imports jwt, which its row"},
		{"jwa importing internal/strictjson", func(g importGraph) {
			g["jwa"].code = append(g["jwa"].code, "internal/strictjson")
		}, "jwa imports internal/strictjson"},
		{"jwk importing jws, its neighbour above", func(g importGraph) {
			g["jwk"].code = append(g["jwk"].code, "jws")
		}, "jwk imports jws"},
		{"jws importing jwe, its neighbour", func(g importGraph) {
			g["jws"].code = append(g["jws"].code, "jwe")
		}, "jws imports jwe"},
		{"dpop importing sdjwt", func(g importGraph) {
			g["dpop"].code = append(g["dpop"].code, "sdjwt")
		}, "dpop imports sdjwt"},
		{"the library importing the root", func(g importGraph) {
			g["jwt"].code = append(g["jwt"].code, ".")
		}, "jwt imports jose (the root package)"},
		{"an in-package test reaching up", func(g importGraph) {
			g["jwk"].tests = append(g["jwk"].tests, "jws")
		}, "jwk tests import jws"},
		{"an external test reaching up", func(g importGraph) {
			g["jwa"].xtests = append(g["jwa"].xtests, "jwk")
		}, "jwa external tests import jwk"},
		{"an example importing an internal package", func(g importGraph) {
			g["examples/quickstart"].code = append(g["examples/quickstart"].code, "internal/header")
		}, "examples/quickstart imports internal/header"},
		{"a new example importing an internal package", func(g importGraph) {
			g["examples/issuer"] = &pkgImports{code: []string{"jwt", "internal/base64url"}}
		}, "examples/issuer imports internal/base64url"},
		{"an ext module importing an internal package", func(g importGraph) {
			g["ext/ed448"].code = append(g["ext/ed448"].code, "internal/strictjson")
		}, "ext/ed448 imports internal/strictjson"},
		{"the command importing an example", func(g importGraph) {
			g["cmd/jose"].code = append(g["cmd/jose"].code, "examples/quickstart")
		}, "cmd/jose imports examples/quickstart"},
		{"the library importing a command", func(g importGraph) {
			g["jwt"].code = append(g["jwt"].code, "cmd/jose")
		}, "jwt imports cmd/jose"},
		{"an import of a package nobody lists", func(g importGraph) {
			g["jwt"].code = append(g["jwt"].code, "internal/cache")
		}, "jwt imports internal/cache, a package the layer table does not list"},
		{"a listed package that is gone", func(g importGraph) {
			delete(g, "sdjwt")
		}, "sdjwt has a row but is no package"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := probeGraph()
			tc.change(g)
			assertRefused(t, checkImports(layers, g), tc.want)
		})
	}
}

// TestLayerProbeTestHelper: a test helper serves tests only, and only the
// tests of packages that may import what it imports.
func TestLayerProbeTestHelper(t *testing.T) {
	rows := append(layers[:len(layers):len(layers)], layer{"internal/jwktest", "jwk", testHelper})
	ok := probeGraph()
	ok["internal/jwktest"] = &pkgImports{code: []string{"jwk"}}
	ok["jws"].tests = append(ok["jws"].tests, "internal/jwktest")
	ok["jwt"].xtests = append(ok["jwt"].xtests, "internal/jwktest")
	if errs := checkImports(rows, ok); len(errs) != 0 {
		t.Fatalf("a helper used by tests above it fails: %v", errs)
	}

	inCode := probeGraph()
	inCode["internal/jwktest"] = &pkgImports{code: []string{"jwk"}}
	inCode["jws"].code = append(inCode["jws"].code, "internal/jwktest")
	assertRefused(t, checkImports(rows, inCode), "jws imports internal/jwktest, a helper for tests only")

	below := probeGraph()
	below["internal/jwktest"] = &pkgImports{code: []string{"jwk"}}
	below["jwa"].xtests = append(below["jwa"].xtests, "internal/jwktest")
	assertRefused(t, checkImports(rows, below), "a helper that reaches internal/jwkcodec, internal/strictjson, jwk, above jwa")
}

// TestLayerProbeTables: tables that break the table's own rules.
func TestLayerProbeTables(t *testing.T) {
	tests := []struct {
		name string
		rows []layer
		want string
	}{
		{"a name below nothing", []layer{{"jwa", "jwk", library}, {"jwk", "jwa", library}}, `"jwa" names "jwk", which is not a row above it`},
		{"a row naming itself", []layer{{"jwa", "jwa", library}}, `"jwa" names "jwa", which is not a row above it`},
		{"an unknown name", []layer{{"jwa", "", library}, {"jwk", "jwa, internal/x", library}}, `names "internal/x"`},
		{"a redundant name", []layer{{"jwa", "", library}, {"jwk", "jwa", library}, {"jws", "jwk, jwa", library}}, `"jws" names "jwa", which "jwk" already allows`},
		{"a name given twice", []layer{{"jwa", "", library}, {"jwk", "jwa, jwa", library}}, `"jwk" names "jwa" twice`},
		{"a row given twice", []layer{{"jwa", "", library}, {"jwa", "", library}}, `"jwa" has rows 1 and 2`},
		{"public in a library row", []layer{{"jwa", "", library}, {"jwk", "public", library}}, `"jwk" names public`},
		{"a library naming a program", []layer{{"examples/...", "public", program}, {"jwa", "examples/...", library}}, `nothing imports a program`},
		{"a library naming an extension", []layer{{"jwa", "", library}, {"ext/...", "public", extension}, {"jwk", "jwa, ext/...", library}}, `names the extension "ext/...", which only a program may import`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assertRefused(t, checkTable(tc.rows), tc.want)
		})
	}
}

// TestLayerProbeReadsEveryFile: the graph reader sees a file that no build
// constraint admits, keeps test and external test imports apart, and skips
// what the go command skips.
func TestLayerProbeReadsEveryFile(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a/a.go":          "//go:build ignore\n\npackage a\n\nimport _ \"" + module + "/jwt\"\n",
		"a/b.go":          "//go:build go1.99\n\npackage a\n\nimport (\n\t_ \"fmt\"\n\t_ \"" + module + "/internal/header\"\n)\n",
		"a/a_test.go":     "package a\n\nimport _ \"" + module + "/jwk\"\n",
		"a/x_test.go":     "package a_test\n\nimport _ \"" + module + "\"\n",
		"a/testdata/t.go": "package t\n\nimport _ \"" + module + "/jws\"\n",
		"_b/b.go":         "package b\n\nimport _ \"" + module + "/jws\"\n",
		".c/c.go":         "package c\n\nimport _ \"" + module + "/jws\"\n",
	}
	writeTree(t, root, files)
	g, err := readImportGraph(root)
	if err != nil {
		t.Fatal(err)
	}
	want := importGraph{"a": {code: []string{"jwt", "internal/header"}, tests: []string{"jwk"}, xtests: []string{"."}}}
	if len(g) != 1 || g["a"] == nil || !slices.Equal(g["a"].code, want["a"].code) ||
		!slices.Equal(g["a"].tests, want["a"].tests) || !slices.Equal(g["a"].xtests, want["a"].xtests) {
		t.Fatalf("read %v; want only a with %+v", g, *want["a"])
	}
	assertRefused(t, checkImports(layers, g), "a: a package the layer table does not list")
}

// writeTree writes files (slash-separated paths under root → contents).
func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func assertRefused(t *testing.T, errs []error, want string) {
	t.Helper()
	if len(errs) == 0 {
		t.Fatalf("accepted; want an error saying %q", want)
	}
	for _, err := range errs {
		if strings.Contains(err.Error(), want) {
			return
		}
	}
	t.Fatalf("errors %v; want one saying %q", errs, want)
}
