package jose

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// outsideWorkspace lists the nested modules go.work must leave out: bench
// imports other JOSE libraries and is never published.
var outsideWorkspace = []string{"bench"}

// TestModules checks how the modules of the repository fit together
// (RELEASING.md): go.work uses the root and every nested module but those
// of outsideWorkspace; a nested module's go.mod has no replace directive
// and requires a released version of the library (no pseudo-version); and
// go.work maps each such version to this checkout, so that development
// builds never download the library.
func TestModules(t *testing.T) {
	work, err := os.ReadFile("go.work")
	if err != nil {
		t.Fatal(err)
	}
	ws := parseWork(string(work))
	nested, err := nestedModules(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(nested) < 2 {
		t.Fatalf("found the nested modules %v; want at least ext/secp256k1 and ext/ed448", nested)
	}
	for _, err := range checkModules(ws, nested, os.ReadFile) {
		t.Error(err)
	}
}

// workspace is what go.work says: the directories it uses and the versions
// of the library it replaces with the root.
type workspace struct {
	use         []string // cleaned: "." for the root, "ext/ed448" for ./ext/ed448
	coreReplace []string // versions v of "replace github.com/joseproject/jose v => ./"
	otherLines  []string // replace directives of any other form
}

var (
	workUseLine     = regexp.MustCompile(`^(?:use\s+)?(\.(?:/[^\s]*)?)$`)
	workReplaceLine = regexp.MustCompile(`^(?:replace\s+)?(\S+)(?:\s+(\S+))?\s+=>\s+(\S+)(?:\s+(\S+))?$`)
	requireCore     = regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(module) + `\s+(\S+)`)
	semver          = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
)

// parseWork reads the use and replace directives of a go.work file, in
// their single-line and block forms.
func parseWork(src string) workspace {
	var ws workspace
	block := ""
	for _, line := range strings.Split(src, "\n") {
		line, _, _ = strings.Cut(line, "//")
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case line == ")":
			block = ""
			continue
		case strings.HasSuffix(line, "("):
			block = strings.TrimSpace(strings.TrimSuffix(line, "("))
			continue
		}
		kind := block
		if kind == "" {
			kind, _, _ = strings.Cut(line, " ")
		}
		switch kind {
		case "use":
			if m := workUseLine.FindStringSubmatch(line); m != nil {
				ws.use = append(ws.use, filepath.ToSlash(filepath.Clean(m[1])))
			}
		case "replace":
			m := workReplaceLine.FindStringSubmatch(line)
			if m != nil && m[1] == module && m[2] != "" && filepath.Clean(m[3]) == "." && m[4] == "" {
				ws.coreReplace = append(ws.coreReplace, m[2])
			} else {
				ws.otherLines = append(ws.otherLines, line)
			}
		}
	}
	return ws
}

// nestedModules returns the directories under root, other than root, that
// hold a go.mod.
func nestedModules(root string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.Name() == "go.mod" && filepath.Dir(path) != filepath.Clean(root) {
			rel, err := filepath.Rel(root, filepath.Dir(path))
			if err != nil {
				return err
			}
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out, err
}

// checkModules applies TestModules' rules; read reads a file by its path
// from the root.
func checkModules(ws workspace, nested []string, read func(string) ([]byte, error)) []error {
	var errs []error
	if !slices.Contains(ws.use, ".") {
		errs = append(errs, fmt.Errorf("go.work does not use the root module (use .)"))
	}
	for _, l := range ws.otherLines {
		errs = append(errs, fmt.Errorf("go.work: %q: the workspace replaces only released versions of the library, with ./", l))
	}
	for _, dir := range nested {
		used := slices.Contains(ws.use, dir)
		if slices.Contains(outsideWorkspace, dir) {
			if used {
				errs = append(errs, fmt.Errorf("go.work uses ./%s, which must stay out of the workspace", dir))
			}
			continue
		}
		if !used {
			errs = append(errs, fmt.Errorf("%s/go.mod: a module go.work does not use: add ./%s to its use block", dir, dir))
		}
		mod, err := read(dir + "/go.mod")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if regexp.MustCompile(`(?m)^\s*replace\b`).Match(mod) {
			errs = append(errs, fmt.Errorf("%s/go.mod has a replace directive, which would reach no user: go.work builds against this checkout", dir))
		}
		m := requireCore.FindSubmatch(mod)
		if m == nil {
			continue // a nested module that does not build on the library
		}
		v := string(m[1])
		if !semver.MatchString(v) {
			errs = append(errs, fmt.Errorf("%s/go.mod requires %s %s; want a released version such as v1.0.0 (RELEASING.md)", dir, module, v))
			continue
		}
		if !slices.Contains(ws.coreReplace, v) {
			errs = append(errs, fmt.Errorf("%s/go.mod requires %s %s, which go.work does not replace: add \"replace %s %s => ./\"", dir, module, v, module, v))
		}
	}
	for _, u := range ws.use {
		if u != "." && !slices.Contains(nested, u) {
			errs = append(errs, fmt.Errorf("go.work uses ./%s, which holds no go.mod", u))
		}
	}
	return errs
}
