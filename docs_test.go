package jose

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The repository stands on its own: the threat ids and documents the code
// cites are in it, and nothing points outside it.

const threatModel = "docs/THREAT-MODEL.md"

var (
	threatID      = regexp.MustCompile(`\bT[0-9]{2,3}\b`)
	entryHeading  = regexp.MustCompile(`^### (T[0-9]{2,3}): \S`)
	testReference = regexp.MustCompile("`((?:[a-z0-9]+/)*[a-z0-9]+)\\.((?:Test|Fuzz|Example)[A-Za-z0-9_]*)`")
	docPath       = regexp.MustCompile(`(?:^|[\s("'\x60\[])((?:\.\.?/)?(?:[\w.-]+/)*[\w-]+\.md)\b`)
	markdownLink  = regexp.MustCompile(`\]\(([^)\s#]+)(?:#[^)]*)?\)`)
)

// threatEntry is one "### Txx: ..." section of the threat model.
type threatEntry struct {
	id     string
	line   int
	fields map[string]string // "Attack", "References", "Defense", "Tests" → text
}

// TestThreatModel fails when a threat id cited in a .go or .md file of the
// repository has no entry in docs/THREAT-MODEL.md, when an entry lacks one
// of its four parts or names no test, and when a test it names does not
// exist.
func TestThreatModel(t *testing.T) {
	src, err := os.ReadFile(threatModel)
	if err != nil {
		t.Fatal(err)
	}
	entries, errs := parseThreatModel(string(src))
	for _, err := range errs {
		t.Error(err)
	}
	if len(entries) < 54 {
		t.Fatalf("%s has %d entries; want T01 to T54 at least", threatModel, len(entries))
	}
	cited, err := citedThreats(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cited {
		if _, ok := entries[c.id]; !ok {
			t.Errorf("%s cites %s, which %s has no entry for", c.where, c.id, threatModel)
		}
	}
	tests := testNames{}
	for _, e := range sortedEntries(entries) {
		for _, ref := range testReference.FindAllStringSubmatch(e.fields["Tests"], -1) {
			dir := ref[1]
			if dir == "jose" {
				dir = "."
			}
			ok, err := tests.has(dir, ref[2])
			if err != nil {
				t.Errorf("%s:%d: %s names %s.%s: %v", threatModel, e.line, e.id, ref[1], ref[2], err)
			} else if !ok {
				t.Errorf("%s:%d: %s names %s.%s, which package %s does not define", threatModel, e.line, e.id, ref[1], ref[2], ref[1])
			}
		}
	}
}

// parseThreatModel returns the entries of the threat model by id, and what
// is wrong with their shape: each has an Attack, References, Defense and
// Tests part, names at least one test, and the ids rise.
func parseThreatModel(src string) (map[string]*threatEntry, []error) {
	entries := map[string]*threatEntry{}
	var errs []error
	var cur *threatEntry
	field := ""
	prev := ""
	for i, line := range strings.Split(src, "\n") {
		if m := entryHeading.FindStringSubmatch(line); m != nil {
			if _, dup := entries[m[1]]; dup {
				errs = append(errs, fmt.Errorf("%s:%d: a second entry for %s", threatModel, i+1, m[1]))
			}
			if prev != "" && idLess(m[1], prev) {
				errs = append(errs, fmt.Errorf("%s:%d: %s comes after %s; keep the ids in order", threatModel, i+1, m[1], prev))
			}
			cur = &threatEntry{id: m[1], line: i + 1, fields: map[string]string{}}
			entries[m[1]] = cur
			prev, field = m[1], ""
			continue
		}
		if strings.HasPrefix(line, "#") {
			cur, field = nil, ""
			continue
		}
		if cur == nil {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "- **"); ok {
			name, text, found := strings.Cut(rest, ":**")
			if !found {
				errs = append(errs, fmt.Errorf("%s:%d: a part of %s without its name", threatModel, i+1, cur.id))
				continue
			}
			field = name
			cur.fields[field] = text
			continue
		}
		if field != "" && strings.HasPrefix(line, "  ") {
			cur.fields[field] += " " + strings.TrimSpace(line)
		}
	}
	for _, e := range sortedEntries(entries) {
		for _, f := range []string{"Attack", "References", "Defense", "Tests"} {
			if strings.TrimSpace(e.fields[f]) == "" {
				errs = append(errs, fmt.Errorf("%s:%d: %s has no %s", threatModel, e.line, e.id, f))
			}
		}
		if e.fields["Tests"] != "" && !testReference.MatchString(e.fields["Tests"]) {
			errs = append(errs, fmt.Errorf("%s:%d: %s names no test as `pkg.TestName`", threatModel, e.line, e.id))
		}
	}
	return entries, errs
}

func idLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

func sortedEntries(m map[string]*threatEntry) []*threatEntry {
	out := make([]*threatEntry, 0, len(m))
	for _, e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *threatEntry) int { return a.line - b.line })
	return out
}

// citation is one threat id found in a file.
type citation struct{ id, where string }

// citedThreats returns the first place each threat id is cited in a .go or
// .md file under root, the threat model itself left out.
func citedThreats(root string) ([]citation, error) {
	seen := map[string]bool{}
	var out []citation
	err := walkRepo(root, func(path string, data []byte) error {
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		if filepath.ToSlash(rel) == threatModel || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".md")) {
			return nil
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for n := 1; sc.Scan(); n++ {
			for _, id := range threatID.FindAllString(sc.Text(), -1) {
				if !seen[id] {
					seen[id] = true
					out = append(out, citation{id, fmt.Sprintf("%s:%d", path, n)})
				}
			}
		}
		return sc.Err()
	})
	return out, err
}

// testNames finds the top-level test, fuzz and example functions of a
// package directory, reading each directory once.
type testNames map[string]map[string]bool

func (tn testNames) has(dir, name string) (bool, error) {
	names, ok := tn[dir]
	if !ok {
		files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
		if err != nil {
			return false, err
		}
		if len(files) == 0 {
			return false, fmt.Errorf("no test files in %s", dir)
		}
		names = map[string]bool{}
		fset := token.NewFileSet()
		for _, f := range files {
			af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
			if err != nil {
				return false, err
			}
			for _, d := range af.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
					names[fd.Name.Name] = true
				}
			}
		}
		tn[dir] = names
	}
	return names[name], nil
}

// TestDocPathsExist fails when a comment in a .go file cites a .md file
// that is not in the repository (at the root, or beside the file), or when
// a relative link of a .md file leads nowhere.
func TestDocPathsExist(t *testing.T) {
	checked := 0
	err := walkRepo(".", func(path string, data []byte) error {
		switch {
		case strings.HasSuffix(path, ".go"):
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, data, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			for _, cg := range f.Comments {
				for _, c := range cg.List {
					for _, m := range docPath.FindAllStringSubmatch(c.Text, -1) {
						checked++
						if !existsAtOrAbove(filepath.Dir(path), m[1]) {
							t.Errorf("%s: cites %s, which is not in the repository", fset.Position(c.Pos()), m[1])
						}
					}
				}
			}
		case strings.HasSuffix(path, ".md"):
			for n, line := range markdownProse(string(data)) {
				for _, m := range markdownLink.FindAllStringSubmatch(line, -1) {
					target := m[1]
					if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
						continue
					}
					checked++
					if !exists(filepath.Join(filepath.Dir(path), target)) {
						t.Errorf("%s:%d: links to %s, which is not in the repository", path, n, target)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no document citation found; the pattern is broken")
	}
}

// TestNothingOutside fails when a file of the repository mentions a path
// into the notes kept beside it (a directory named shared), which a clone
// does not have.
func TestNothingOutside(t *testing.T) {
	needles := [][]byte{[]byte(".." + "/shared"), []byte("shared" + "/")}
	files := 0
	err := walkRepo(".", func(path string, data []byte) error {
		files++
		for _, n := range needles {
			if i := bytes.Index(data, n); i >= 0 {
				line := 1 + bytes.Count(data[:i], []byte("\n"))
				t.Errorf("%s:%d mentions %q: nothing in the repository may need a file outside it", path, line, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("read only %d files", files)
	}
}

// walkRepo calls fn with every file git tracks under root (or, outside a
// git checkout, every file but those under .git).
func walkRepo(root string, fn func(path string, data []byte) error) error {
	var paths []string
	if out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output(); err == nil {
		for _, p := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
			if p != "" {
				paths = append(paths, filepath.Join(root, filepath.FromSlash(p)))
			}
		}
	} else {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == ".git" {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				paths = append(paths, path)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue // deleted in the work tree, not yet in the index
		}
		if err != nil {
			return err
		}
		if err := fn(p, data); err != nil {
			return err
		}
	}
	return nil
}

// markdownProse returns the lines of a Markdown file by number, without
// fenced or indented code blocks and inline code spans.
func markdownProse(src string) map[int]string {
	out := map[int]string{}
	fenced := false
	for i, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
			continue
		}
		if fenced || strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			continue
		}
		out[i+1] = inlineCode.ReplaceAllString(line, "")
	}
	return out
}

var inlineCode = regexp.MustCompile("`[^`]*`")

// existsAtOrAbove reports whether rel names a file from dir or from a
// directory above it, up to the repository root.
func existsAtOrAbove(dir, rel string) bool {
	for {
		if exists(filepath.Join(dir, rel)) {
			return true
		}
		if dir == "." || dir == "/" || dir == "" {
			return false
		}
		dir = filepath.Dir(dir)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
