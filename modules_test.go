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
// and requires released versions (no pseudo-versions) of the modules of
// this repository it builds on, the library or an ext module; and go.work
// maps each such version to its directory in this checkout, so that
// development builds never download a module of the repository.
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
	if len(nested) < 3 {
		t.Fatalf("found the nested modules %v; want at least cmd/jose, ext/secp256k1 and ext/ed448", nested)
	}
	for _, err := range checkModules(ws, nested, os.ReadFile) {
		t.Error(err)
	}
}

// TestModulesProbe feeds checkModules a workspace that misses the replace
// of an ext module's version that the command requires, and one that
// replaces a module with the wrong directory: both must be reported.
func TestModulesProbe(t *testing.T) {
	files := map[string]string{
		"cmd/jose/go.mod":      "module " + module + "/cmd/jose\n\nrequire (\n\t" + module + " v1.0.0\n\t" + module + "/ext/ed448 v1.0.0\n)\n",
		"ext/ed448/go.mod":     "module " + module + "/ext/ed448\n\nrequire " + module + " v1.0.0\n",
		"ext/secp256k1/go.mod": "module " + module + "/ext/secp256k1\n\nrequire " + module + " v1.0.0\n",
	}
	read := func(name string) ([]byte, error) {
		if s, ok := files[name]; ok {
			return []byte(s), nil
		}
		return nil, os.ErrNotExist
	}
	nested := []string{"cmd/jose", "ext/ed448", "ext/secp256k1"}
	for _, tc := range []struct {
		name, work, want string
	}{
		{"complete", "use (\n\t.\n\t./cmd/jose\n\t./ext/ed448\n\t./ext/secp256k1\n)\nreplace (\n\t" + module + " v1.0.0 => ./\n\t" + module + "/ext/ed448 v1.0.0 => ./ext/ed448\n)\n", ""},
		{"no ext replace", "use (\n\t.\n\t./cmd/jose\n\t./ext/ed448\n\t./ext/secp256k1\n)\nreplace " + module + " v1.0.0 => ./\n", "which go.work does not replace"},
		{"wrong directory", "use (\n\t.\n\t./cmd/jose\n\t./ext/ed448\n\t./ext/secp256k1\n)\nreplace (\n\t" + module + " v1.0.0 => ./\n\t" + module + "/ext/ed448 v1.0.0 => ./ext/secp256k1\n)\n", "replaces only released versions"},
		{"command not used", "use (\n\t.\n\t./ext/ed448\n\t./ext/secp256k1\n)\nreplace (\n\t" + module + " v1.0.0 => ./\n\t" + module + "/ext/ed448 v1.0.0 => ./ext/ed448\n)\n", "a module go.work does not use"},
	} {
		errs := checkModules(parseWork(tc.work), nested, read)
		switch {
		case tc.want == "" && len(errs) > 0:
			t.Errorf("%s: %v", tc.name, errs)
		case tc.want != "" && !strings.Contains(fmt.Sprint(errs), tc.want):
			t.Errorf("%s: got %v, want an error containing %q", tc.name, errs, tc.want)
		}
	}
}

// workspace is what go.work says: the directories it uses and the released
// versions of the repository's modules it replaces with their directories.
type workspace struct {
	use        []string          // cleaned: "." for the root, "ext/ed448" for ./ext/ed448
	replaced   map[string]string // "module@version" → the directory it is replaced with, cleaned
	otherLines []string          // replace directives of any other form
}

var (
	workUseLine     = regexp.MustCompile(`^(?:use\s+)?(\.(?:/[^\s]*)?)$`)
	workReplaceLine = regexp.MustCompile(`^(?:replace\s+)?(\S+)(?:\s+(\S+))?\s+=>\s+(\S+)(?:\s+(\S+))?$`)
	modulePath      = regexp.MustCompile(`(?m)^\s*module\s+(\S+)`)
	semver          = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+$`)
)

// requireLine finds a requirement of path in a go.mod, in the single-line
// and block forms.
func requireLine(path string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(path) + `\s+(\S+)`)
}

// parseWork reads the use and replace directives of a go.work file, in
// their single-line and block forms.
func parseWork(src string) workspace {
	ws := workspace{replaced: map[string]string{}}
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
			if m != nil && (m[1] == module || strings.HasPrefix(m[1], module+"/")) && semver.MatchString(m[2]) &&
				strings.HasPrefix(m[3], "./") && m[4] == "" {
				ws.replaced[m[1]+"@"+m[2]] = filepath.ToSlash(filepath.Clean(m[3]))
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
		errs = append(errs, fmt.Errorf("go.work: %q: the workspace replaces only released versions of its own modules, each with its directory", l))
	}
	// The modules of the workspace by path: the library, and every nested
	// module go.work uses, by the path its go.mod declares.
	dirOf := map[string]string{module: "."}
	mods := map[string][]byte{}
	for _, dir := range nested {
		if slices.Contains(outsideWorkspace, dir) {
			if slices.Contains(ws.use, dir) {
				errs = append(errs, fmt.Errorf("go.work uses ./%s, which must stay out of the workspace", dir))
			}
			continue
		}
		if !slices.Contains(ws.use, dir) {
			errs = append(errs, fmt.Errorf("%s/go.mod: a module go.work does not use: add ./%s to its use block", dir, dir))
		}
		mod, err := read(dir + "/go.mod")
		if err != nil {
			errs = append(errs, err)
			continue
		}
		mods[dir] = mod
		if m := modulePath.FindSubmatch(mod); m != nil {
			dirOf[string(m[1])] = dir
		}
	}
	for key, dir := range ws.replaced {
		path, _, _ := strings.Cut(key, "@")
		if want, ok := dirOf[path]; !ok || want != dir {
			errs = append(errs, fmt.Errorf("go.work replaces %s with ./%s: the workspace replaces only released versions of its own modules, each with its directory", key, dir))
		}
	}
	for _, dir := range nested {
		mod, ok := mods[dir]
		if !ok {
			continue
		}
		if regexp.MustCompile(`(?m)^\s*replace\b`).Match(mod) {
			errs = append(errs, fmt.Errorf("%s/go.mod has a replace directive, which would reach no user: go.work builds against this checkout", dir))
		}
		paths := make([]string, 0, len(dirOf))
		for p := range dirOf {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		for _, path := range paths {
			if dirOf[path] == dir {
				continue
			}
			m := requireLine(path).FindSubmatch(mod)
			if m == nil {
				continue // a module this one does not build on
			}
			v := string(m[1])
			if !semver.MatchString(v) {
				errs = append(errs, fmt.Errorf("%s/go.mod requires %s %s; want a released version such as v1.0.0 (RELEASING.md)", dir, path, v))
				continue
			}
			if _, ok := ws.replaced[path+"@"+v]; !ok {
				errs = append(errs, fmt.Errorf("%s/go.mod requires %s %s, which go.work does not replace: add \"replace %s %s => ./%s\"", dir, path, v, path, v, strings.TrimPrefix(dirOf[path], ".")))
			}
		}
	}
	for _, u := range ws.use {
		if u != "." && !slices.Contains(nested, u) {
			errs = append(errs, fmt.Errorf("go.work uses ./%s, which holds no go.mod", u))
		}
	}
	return errs
}
