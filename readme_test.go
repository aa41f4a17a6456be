package jose

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every ```go block of README.md is code that compiles and runs: the body
// of a function, in a _test.go file of the package the block is about,
// whose doc comment holds the line
//
//	// README: name
//
// and which an Example runs (or, for the examples that need a Redis or
// FIPS 140-3 mode, a Test that skips without them). In README.md the
// block follows the line
//
//	<!-- README: name -->
//
// TestREADME checks that each block is its function's body, byte for byte;
// `go test -run TestREADME -update` rewrites the blocks from the functions.
// A function marked "// README: name (declaration)" gives its whole
// declaration, doc comment (without the marker) included, for a block that
// shows a function rather than statements.
//
// So a renamed option or a changed signature is a compile error in the
// examples, never a README that drifts from the code.

var updateREADME = flag.Bool("update", false, "rewrite the Go blocks of README.md from the functions they show (TestREADME)")

const readmeFile = "README.md"

var (
	readmeMarker = regexp.MustCompile(`^<!-- README: ([a-z0-9-]+) -->$`)
	codeMarker   = regexp.MustCompile(`^README: ([a-z0-9-]+)( \(declaration\))?$`)
)

// readmeBlock is one ```go block of README.md.
type readmeBlock struct {
	name       string // from the marker before it, "" without one
	line       int    // of the opening fence, 1-based
	start, end int    // the block's content: lines[start:end]
}

// readmeSource is a function that gives a block.
type readmeSource struct {
	name, file string
	fn         string // the function's name
	text       string
	runs       bool // an Example, or called or named by an Example or a Test of its file's package
}

func TestREADME(t *testing.T) {
	raw, err := os.ReadFile(readmeFile)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	blocks, err := readmeBlocks(lines)
	if err != nil {
		t.Fatal(err)
	}
	sources, err := readmeSources(".")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	var out []string
	last := 0
	for _, b := range blocks {
		if b.name == "" {
			t.Errorf("%s:%d: a ```go block without a <!-- README: name --> line before it", readmeFile, b.line)
			continue
		}
		if used[b.name] {
			t.Errorf("%s:%d: README block %q shown twice", readmeFile, b.line, b.name)
			continue
		}
		used[b.name] = true
		src, ok := sources[b.name]
		if !ok {
			t.Errorf("%s:%d: no function in a _test.go file is marked \"// README: %s\"", readmeFile, b.line, b.name)
			continue
		}
		if !src.runs {
			t.Errorf("%s: %s (README block %q) is neither an Example nor called or named by an Example or a Test of its package", src.file, src.fn, b.name)
		}
		got := strings.Join(lines[b.start:b.end], "\n")
		if got != src.text {
			if !*updateREADME {
				t.Errorf("%s:%d: README block %q is not the body of %s in %s; run go test -run TestREADME -update\n%s",
					readmeFile, b.line, b.name, src.fn, src.file, lineDiff(got, src.text))
			}
		}
		out = append(out, lines[last:b.start]...)
		out = append(out, src.text)
		last = b.end
	}
	out = append(out, lines[last:]...)
	for name, src := range sources {
		if !used[name] {
			t.Errorf("%s: %s is marked \"// README: %s\" but README.md has no such block", src.file, src.fn, name)
		}
	}
	if *updateREADME && !t.Failed() {
		if updated := strings.Join(out, "\n"); updated != string(raw) {
			if err := os.WriteFile(readmeFile, []byte(updated), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// readmeBlocks finds the ```go blocks of the README and the marker before
// each.
func readmeBlocks(lines []string) ([]readmeBlock, error) {
	var blocks []readmeBlock
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```go" {
			continue
		}
		b := readmeBlock{line: i + 1, start: i + 1}
		if i > 0 {
			if m := readmeMarker.FindStringSubmatch(lines[i-1]); m != nil {
				b.name = m[1]
			}
		}
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) != "```" {
			j++
		}
		if j == len(lines) {
			return nil, fmt.Errorf("%s:%d: a ```go block that does not end", readmeFile, i+1)
		}
		b.end = j
		blocks = append(blocks, b)
		i = j
	}
	return blocks, nil
}

// readmeSources parses the _test.go files of the repository (its nested
// modules included) for the functions marked "// README: name".
func readmeSources(root string) (map[string]readmeSource, error) {
	sources := map[string]readmeSource{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "bench":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil || !bytes.Contains(src, []byte("// README: ")) {
			return err
		}
		found, err := markedFunctions(path, src)
		if err != nil {
			return err
		}
		for _, f := range found {
			if prev, ok := sources[f.name]; ok {
				return fmt.Errorf("README block %q is marked in %s and %s", f.name, prev.file, f.file)
			}
			runs, err := runByPackage(filepath.Dir(path), f.fn)
			if err != nil {
				return err
			}
			f.runs = f.runs || runs
			sources[f.name] = f
		}
		return nil
	})
	return sources, err
}

// markedFunctions returns the functions of one file marked for the README.
func markedFunctions(path string, src []byte) ([]readmeSource, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var found []readmeSource
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Doc == nil || fd.Body == nil {
			continue
		}
		var name string
		whole := false
		var doc []string
		for _, c := range fd.Doc.List {
			if m := codeMarker.FindStringSubmatch(strings.TrimSpace(strings.TrimPrefix(c.Text, "//"))); m != nil {
				name, whole = m[1], m[2] != ""
				continue
			}
			doc = append(doc, c.Text)
		}
		if name == "" {
			continue
		}
		s := readmeSource{name: name, file: path, fn: fd.Name.Name, runs: strings.HasPrefix(fd.Name.Name, "Example")}
		if whole {
			decl := string(src[fset.Position(fd.Type.Pos()).Offset:fset.Position(fd.End()).Offset])
			s.text = strings.Join(append(doc, decl), "\n")
		} else {
			body := string(src[fset.Position(fd.Body.Lbrace).Offset+1 : fset.Position(fd.Body.Rbrace).Offset])
			s.text = bodyText(body, s.runs)
		}
		found = append(found, s)
	}
	return found, nil
}

// bodyText is a function body as the README shows it: without the braces'
// line breaks, one tab less, and for an Example without its output comment.
func bodyText(body string, example bool) string {
	lines := strings.Split(strings.Trim(body, "\n"), "\n")
	if example {
		for i, l := range lines {
			if t := strings.TrimSpace(l); t == "// Output:" || t == "// Unordered output:" || strings.HasPrefix(t, "// Output: ") {
				lines = lines[:i]
				break
			}
		}
		for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
			lines = lines[:len(lines)-1]
		}
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	return strings.Join(lines, "\n")
}

// runByPackage reports whether an Example or a Test of the test files in
// dir calls fn, or names it (to hand it to what calls it).
func runByPackage(dir, fn string) (bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return false, err
	}
	for _, path := range files {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return false, err
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil || fd.Recv != nil ||
				!(strings.HasPrefix(fd.Name.Name, "Example") || strings.HasPrefix(fd.Name.Name, "Test")) {
				continue
			}
			called := false // called, or handed to what calls it (http.HandlerFunc(fn))
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && id.Name == fn {
					called = true
				}
				return !called
			})
			if called {
				return true, nil
			}
		}
	}
	return false, nil
}

// lineDiff shows where two texts part, line by line.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl == wl && i < len(g) && i < len(w) {
			continue
		}
		if i < len(g) {
			fmt.Fprintf(&b, "  README   %3d: %s\n", i+1, gl)
		}
		if i < len(w) {
			fmt.Fprintf(&b, "  function %3d: %s\n", i+1, wl)
		}
	}
	return b.String()
}

// TestREADMEMarkers checks the rules of TestREADME on a small case.
func TestREADMEMarkers(t *testing.T) {
	src := []byte("package x_test\n\n// README: demo\nfunc Example_demo() {\n\tx := 1\n\tfmt.Println(x)\n\n\t// Output: 1\n}\n\n// README: handler (declaration)\n// handler answers.\nfunc handler() {\n\treturn\n}\n")
	found, err := markedFunctions("x_test.go", src)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range found {
		got[f.name] = f.text
	}
	want := map[string]string{"demo": "x := 1\nfmt.Println(x)", "handler": "// handler answers.\nfunc handler() {\n\treturn\n}"}
	if len(got) != len(want) || got["demo"] != want["demo"] || got["handler"] != want["handler"] {
		t.Fatalf("got %q, want %q", got, want)
	}
	blocks, err := readmeBlocks(strings.Split("text\n<!-- README: demo -->\n```go\nx := 1\n```\n```go\ny\n```\n", "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 || blocks[0].name != "demo" || blocks[1].name != "" || blocks[0].start != 3 || blocks[0].end != 4 {
		t.Fatalf("blocks %+v", blocks)
	}
	if _, err := readmeBlocks([]string{"```go", "x"}); err == nil {
		t.Fatal("an unterminated block is accepted")
	}
}
