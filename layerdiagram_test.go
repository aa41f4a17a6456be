package jose

import (
	"errors"
	"slices"
	"strings"
)

// The layer diagram of README.md and jose.go, drawn from the layer table.

// diagramAnchor is text of the paragraph after which a file draws the
// diagram: the paragraph ends with a blank line (or an empty comment
// line), then comes the diagram, each line behind the file's prefix.
const diagramAnchor = "as layers_test.go states them"

var diagramFiles = []struct{ path, prefix string }{
	{"README.md", "    "},
	{"docs/DESIGN.md", "    "},
	{"jose.go", "//\t"},
}

// drawLayers draws the public library packages, top first: "a → b, c"
// says that a may import b and c, and with them whatever they may import.
// Internal packages and the root are left out; an edge that another edge
// already implies is not drawn.
func drawLayers(rows []layer) string {
	p := newPolicy(rows)
	var pkgs []string
	for _, r := range rows {
		if r.public() && r.pkg != "." {
			pkgs = append(pkgs, r.pkg)
		}
	}
	below := map[string][]string{}
	for _, a := range pkgs {
		for _, b := range pkgs {
			if a == b || !p.reach[a][b] {
				continue
			}
			implied := false
			for _, c := range pkgs {
				if c != a && c != b && p.reach[a][c] && p.reach[c][b] {
					implied = true
				}
			}
			if !implied {
				below[a] = append(below[a], b)
			}
		}
	}
	level := map[string]int{}
	var levelOf func(string) int
	levelOf = func(a string) int {
		if l, ok := level[a]; ok {
			return l
		}
		l := 0
		for _, b := range below[a] {
			l = max(l, levelOf(b)+1)
		}
		level[a] = l
		return l
	}
	order := func(list []string) []string {
		out := slices.Clone(list)
		slices.SortStableFunc(out, func(a, b string) int { return levelOf(b) - levelOf(a) })
		return out
	}
	width := 0
	for _, a := range pkgs {
		width = max(width, len(a))
	}
	var sb strings.Builder
	for _, a := range order(pkgs) {
		if len(below[a]) == 0 {
			sb.WriteString(a + "\n")
			continue
		}
		sb.WriteString(a + strings.Repeat(" ", width-len(a)) + " → " + strings.Join(order(below[a]), ", ") + "\n")
	}
	return sb.String()
}

// replaceDiagram returns content with the diagram after its anchor line
// replaced by diagram, each line behind prefix.
func replaceDiagram(content, prefix, diagram string) (string, error) {
	lines := strings.Split(content, "\n")
	at := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, diagramAnchor) })
	if at < 0 {
		return "", errors.New("no line says " + diagramAnchor + ", after which the diagram goes")
	}
	// The diagram follows the blank line that ends the anchor's paragraph.
	blank := strings.TrimRight(prefix, " \t")
	for at < len(lines) && lines[at] != blank {
		at++
	}
	if at == len(lines) {
		return "", errors.New("no blank line after the paragraph that says " + diagramAnchor)
	}
	start, end := at+1, at+1
	for end < len(lines) && strings.HasPrefix(lines[end], prefix) {
		end++
	}
	var drawn []string
	for _, l := range strings.Split(strings.TrimSuffix(diagram, "\n"), "\n") {
		drawn = append(drawn, prefix+l)
	}
	out := slices.Concat(lines[:start], drawn, lines[end:])
	return strings.Join(out, "\n"), nil
}
