package jose

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The checker behind TestLayers: it reads no global state, so the probes
// of layercheck_probe_test.go can run it on tables and graphs of their own.

const module = "github.com/joseproject/jose"

// kind is what a row of the layer table stands for.
type kind int

const (
	library    kind = iota // a package of the library
	program                // a command, an example, bench: nothing imports it
	extension              // an ext module: sees the public API, and only a program imports it
	testHelper             // a package that only _test.go files may import
)

// layer is one row of the table: pkg may import what imports names.
type layer struct {
	pkg     string // a directory, "." for the root, "dir/..." for every package under dir
	imports string // comma-separated row names, "public" for every public library package
	kind    kind
}

func (l layer) names() []string {
	var out []string
	for _, s := range strings.Split(l.imports, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// matches reports whether the row stands for package dir.
func (l layer) matches(dir string) bool {
	if base, ok := strings.CutSuffix(l.pkg, "/..."); ok {
		return dir == base || strings.HasPrefix(dir, base+"/")
	}
	return dir == l.pkg
}

// public reports whether the row is part of the API a program may use.
func (l layer) public() bool {
	return l.kind == library && l.pkg != "internal" && !strings.HasPrefix(l.pkg, "internal/") &&
		!strings.Contains(l.pkg, "/internal/") && !strings.HasSuffix(l.pkg, "/internal")
}

// pkgImports is what one package of the repository imports of the module,
// as directories ("." for the root).
type pkgImports struct {
	code   []string // non-test files, whatever their build constraints
	tests  []string // _test.go files of the package itself
	xtests []string // _test.go files of package p_test
}

// importGraph maps each package directory of the repository to its imports.
type importGraph map[string]*pkgImports

// policy is a table ready to answer questions.
type policy struct {
	rows    []layer
	reach   map[string]map[string]bool // row name → the row names it may import (closure)
	problem []error                    // what checkTable found
}

func newPolicy(rows []layer) *policy {
	p := &policy{rows: rows, reach: map[string]map[string]bool{}}
	seen := map[string]int{}
	for i, r := range rows {
		if j, dup := seen[r.pkg]; dup {
			p.problem = append(p.problem, fmt.Errorf("layer table: %q has rows %d and %d", r.pkg, j+1, i+1))
			continue
		}
		seen[r.pkg] = i
		reach := map[string]bool{}
		direct := map[string]bool{}
		for _, name := range r.names() {
			switch {
			case name == "public":
				if r.kind != program && r.kind != extension {
					p.problem = append(p.problem, fmt.Errorf("layer table: %q names public, which only a program or an extension may", r.pkg))
				}
				for _, o := range rows {
					if o.public() {
						reach[o.pkg] = true // not what it imports: internal packages stay out of reach
					}
				}
			case name == r.pkg && (r.kind == program || r.kind == extension) && strings.HasSuffix(name, "/..."):
				reach[name] = true // the packages of a program may import one another
			default:
				j, ok := seen[name]
				if !ok || j == i {
					p.problem = append(p.problem, fmt.Errorf("layer table: %q names %q, which is not a row above it", r.pkg, name))
					continue
				}
				if rows[j].kind == program {
					p.problem = append(p.problem, fmt.Errorf("layer table: %q names the program %q; nothing imports a program", r.pkg, name))
				}
				if rows[j].kind == extension && r.kind != program {
					// The library's go.mod names no ext dependency (RELEASING.md).
					p.problem = append(p.problem, fmt.Errorf("layer table: %q names the extension %q, which only a program may import", r.pkg, name))
				}
				if direct[name] {
					p.problem = append(p.problem, fmt.Errorf("layer table: %q names %q twice", r.pkg, name))
				}
				direct[name] = true
				reach[name] = true
				for n := range p.reach[name] {
					reach[n] = true
				}
			}
		}
		// A name that another name already allows hides the layering.
		if !slices.Contains(r.names(), "public") {
			for _, name := range r.names() {
				for _, other := range r.names() {
					if other != name && p.reach[other][name] {
						p.problem = append(p.problem, fmt.Errorf("layer table: %q names %q, which %q already allows; drop it", r.pkg, name, other))
					}
				}
			}
		}
		p.reach[r.pkg] = reach
	}
	return p
}

// row returns the row that stands for dir: the row naming it exactly, or
// else the pattern that matches it.
func (p *policy) row(dir string) (layer, bool) {
	for _, r := range p.rows {
		if r.pkg == dir {
			return r, true
		}
	}
	for _, r := range p.rows {
		if r.matches(dir) {
			return r, true
		}
	}
	return layer{}, false
}

// checkTable returns what is wrong with the table itself.
func checkTable(rows []layer) []error {
	return newPolicy(rows).problem
}

// checkImports returns every package of g that no row matches, every
// import that its row does not allow, and every row naming a package g
// lacks.
func checkImports(rows []layer, g importGraph) []error {
	p := newPolicy(rows)
	errs := slices.Clone(p.problem)
	dirs := make([]string, 0, len(g))
	for d := range g {
		dirs = append(dirs, d)
	}
	slices.Sort(dirs)
	for _, dir := range dirs {
		from, ok := p.row(dir)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: a package the layer table does not list: add its row to layers_test.go", show(dir)))
			continue
		}
		imp := g[dir]
		for _, to := range imp.code {
			errs = append(errs, p.checkEdge(dir, from, to, "imports")...)
		}
		for _, to := range imp.tests {
			errs = append(errs, p.checkEdge(dir, from, to, "tests import")...)
		}
		for _, to := range imp.xtests {
			if to == dir {
				continue // an external test imports its own package
			}
			errs = append(errs, p.checkEdge(dir, from, to, "external tests import")...)
		}
	}
	for _, r := range rows {
		if strings.HasSuffix(r.pkg, "/...") {
			continue
		}
		if _, ok := g[r.pkg]; !ok {
			errs = append(errs, fmt.Errorf("layer table: %s has a row but is no package of the repository", show(r.pkg)))
		}
	}
	return errs
}

// checkEdge checks one import of package dir (whose row is from) by the
// files that how names.
func (p *policy) checkEdge(dir string, from layer, to, how string) []error {
	target, ok := p.row(to)
	if !ok {
		return []error{fmt.Errorf("%s %s %s, a package the layer table does not list", show(dir), how, show(to))}
	}
	if target.kind == testHelper {
		if how == "imports" {
			return []error{fmt.Errorf("%s imports %s, a helper for tests only", show(dir), show(to))}
		}
		// A helper may serve the tests of a package that may import
		// everything the helper imports.
		var above []string
		for n := range p.reach[target.pkg] {
			if !p.reach[from.pkg][n] && n != from.pkg {
				above = append(above, show(n))
			}
		}
		if len(above) > 0 {
			slices.Sort(above)
			return []error{fmt.Errorf("%s %s %s, a helper that reaches %s, above %s", show(dir), how, show(to), strings.Join(above, ", "), show(dir))}
		}
		return nil
	}
	if target.pkg == from.pkg && !strings.HasSuffix(from.pkg, "/...") {
		return nil // cannot happen in Go, but is no layering matter
	}
	if !p.reach[from.pkg][target.pkg] {
		return []error{fmt.Errorf("%s %s %s, which its row in layers_test.go (%q: %q) does not allow", show(dir), how, show(to), from.pkg, from.imports)}
	}
	return nil
}

func show(dir string) string {
	if dir == "." {
		return "jose (the root package)"
	}
	return dir
}

// readImportGraph parses the imports of every .go file under root, the way
// the go command finds packages (directories named testdata or starting
// with "." or "_" are skipped), but with no build constraint applied, so
// that a file built only by another Go release is checked too. Nested
// modules are read like any directory: their import paths lie under the
// module's.
func readImportGraph(root string) (importGraph, error) {
	g := importGraph{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(rel)
		pi := g[dir]
		if pi == nil {
			pi = &pkgImports{}
			g[dir] = pi
		}
		list := &pi.code
		if strings.HasSuffix(name, "_test.go") {
			list = &pi.tests
			if strings.HasSuffix(f.Name.Name, "_test") {
				list = &pi.xtests
			}
		}
		for _, is := range f.Imports {
			ip, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return err
			}
			if ip == module {
				ip = "."
			} else if rest, ok := strings.CutPrefix(ip, module+"/"); ok {
				ip = rest
			} else {
				continue // the standard library or another module
			}
			if !slices.Contains(*list, ip) {
				*list = append(*list, ip)
			}
		}
		return nil
	})
	return g, err
}
