package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// modulePrefix is the path of the library; the command's module and the
// ext modules lie under it.
const modulePrefix = "github.com/joseproject/jose"

// printVersion writes what --version reports, from the module build
// information the go command records in the binary.
func printVersion(w io.Writer) error {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return errors.New("this binary carries no build information")
	}
	_, err := io.WriteString(w, versionText(info))
	return err
}

// versionText is the version report: the command's module version (a
// release tag for `go install …@vX.Y.Z`, "(devel)" for a build from a
// checkout), the version of the library and of each ext module it was
// built with (and what replaced them, in a workspace), the revision of a
// checkout when the go command recorded one, and the Go release.
func versionText(info *debug.BuildInfo) string {
	var b strings.Builder
	fmt.Fprintf(&b, "jose %s\n", cmp.Or(info.Main.Version, "(unknown)"))
	for _, d := range info.Deps {
		if d.Path != modulePrefix && !strings.HasPrefix(d.Path, modulePrefix+"/") {
			continue
		}
		fmt.Fprintf(&b, "  %s %s", d.Path, d.Version)
		if d.Replace != nil {
			fmt.Fprintf(&b, " => %s", d.Replace.Path)
			if d.Replace.Version != "" {
				fmt.Fprintf(&b, " %s", d.Replace.Version)
			}
		}
		b.WriteString("\n")
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, "  revision %s", rev)
		if settings["vcs.modified"] == "true" {
			b.WriteString(" (modified)")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "  built with %s\n", cmp.Or(info.GoVersion, "an unknown Go"))
	return b.String()
}
